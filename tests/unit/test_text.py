"""Tokenization: both paths (with and without offsets) give the same tokens; offsets point into the text."""

from __future__ import annotations

import pytest

from stance.text import find_mentions, tokenize

TEXTS = [
    "We back the mayor!!! #StandWithMayor https://example.org/x @someone",
    "Visit www.example.org now; http:/broken is a word pair, wwwx is a word",
    "It’s the council’s plan?! #a#b #ALLCAPS #camelCaseTag2024",
    "__init__ snake_case 42 don't won't",
    # words with punctuation around them (the chunk cache's fast path) and near-misses of it
    '(Hello) "World," end. ... ;:, wwwhat http: www. Straße İstanbul ÉCOLE (a,b) "quoted" x.y!? ¿Qué? don\'t.',
    "",
    "   ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_path_gives_the_same_tokens(text: str) -> None:
    slow = tokenize(text)
    fast = tokenize(text, offsets=False)
    assert [(t.norm, t.extra) for t in slow] == [(t.norm, t.extra) for t in fast]
    assert all(t.start == -1 and t.end == -1 for t in fast)


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_point_at_the_token(text: str) -> None:
    for t in tokenize(text):
        raw = text[t.start : t.end].replace("’", "'")
        if t.norm == "_url_":
            assert raw.startswith(("http", "www."))
        elif t.norm == "@user":
            assert raw.startswith("@")
        elif t.extra:
            assert t.norm in raw.lower(), "a hashtag's split words carry the hashtag's offsets"
        elif raw[0] in "!?":
            assert raw[:3] == t.norm
        else:
            assert raw.lower() == t.norm


def test_hashtag_and_its_split_words() -> None:
    toks = tokenize("#StandWithMayor")
    assert [t.norm for t in toks] == ["#standwithmayor", "stand", "with", "mayor"]
    assert [t.extra for t in toks] == [False, True, True, True]


def test_a_matched_hashtag_is_one_mention_in_both_paths() -> None:
    for offsets in (True, False):
        toks = tokenize("Vote #TheMayor and the mayor", offsets=offsets)
        full, partial = find_mentions(toks, "the mayor", ("TheMayor",))
        assert len(full) == 2 and partial == []


# ---------------------------------------------------------------------------------------------- internal fast paths
WHITESPACE_TEXTS = [
    "tabs\tand\nnew lines\r\nand\u00a0no-break\u2003em\x1cseparators",
    "#StandWith\u3000Mayor?!? it’s @x…http://a.b/c?d=1 www.x.org",
    "Clinton's #Hillary2016 #hillary HILLARY clinton,hillary.",
]


@pytest.mark.parametrize("text", TEXTS + WHITESPACE_TEXTS)
def test_chunked_norms_equal_the_tokens(text: str) -> None:
    from stance.text import _norms

    tokens = tokenize(text)
    assert _norms(text) == ([t.norm for t in tokens], [t.extra for t in tokens])
    assert [(t.norm, t.extra) for t in tokenize(text, offsets=False)] == [(t.norm, t.extra) for t in tokens]


@pytest.mark.parametrize("text", TEXTS + WHITESPACE_TEXTS + ["foo#bar #x’s a#b#cD"])
def test_main_and_extra_norms_equal_the_tokens(text: str) -> None:
    from stance.text import _chunk_norms, _chunk_records, _token_norms

    tokens = tokenize(text)
    chunks, main, extras = _token_norms(text)
    assert main == [t.norm for t in tokens if not t.extra]
    assert extras == [t.norm for t in tokens if t.extra]
    assert _chunk_norms(_chunk_records(chunks)) == ([t.norm for t in tokens], [t.extra for t in tokens])


@pytest.mark.parametrize(
    "target, aliases",
    [("Hillary Clinton", ()), ("hillary", ("Clinton",)), ("the mayor", ("TheMayor", "Bob")), ("#Hillary", ()), ("it", ())],
)
@pytest.mark.parametrize("text", TEXTS + WHITESPACE_TEXTS)
def test_no_possible_mention_means_none_found(text: str, target: str, aliases: tuple[str, ...]) -> None:
    from stance.text import _may_mention, _token_norms

    _, main, extras = _token_norms(text)
    if not _may_mention(main, extras, target, aliases):
        assert find_mentions(tokenize(text), target, aliases) == ([], [])


@pytest.mark.parametrize(
    "target, aliases",
    [("Hillary Clinton", ()), ("hillary", ("Clinton",)), ("the mayor", ("TheMayor", "Bob")), ("#Hillary", ()), ("it", ())],
)
@pytest.mark.parametrize("text", TEXTS + WHITESPACE_TEXTS)
def test_match_equals_find_mentions(text: str, target: str, aliases: tuple[str, ...]) -> None:
    from stance.text import _match, _norms

    norms, extra = _norms(text)
    assert _match(norms, extra, target, aliases) == find_mentions(tokenize(text), target, aliases)
