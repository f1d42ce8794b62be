"""The public entry points: :func:`load`, :func:`train`, :func:`analyze`."""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from stance import lexicon
from stance.exceptions import CorpusError, InputError, ModelFormatError
from stance.features import MAX_TEXT_CHARS
from stance.model import StanceModel, TrainConfig

_log = logging.getLogger("stance.api")

if TYPE_CHECKING:
    from stance.extraction import Statement
    from stance.model import Prediction

__all__ = ["load", "train", "analyze", "checked_targets", "training_arrays", "MODELS_DIR", "BUILTIN_MODELS", "AnalyzedStatement"]

MODELS_DIR = Path(__file__).resolve().parent / "models"

#: Models shipped inside the package, by name. ``default`` is what :func:`load` returns; ``default-linear`` is
#: the same model with its encoder switched off (:meth:`StanceModel.without_encoder`): far faster on bulk text,
#: a little less accurate.
BUILTIN_MODELS: dict[str, str] = {
    "default": "default.stance",
    "default-linear": "default.stance",
    "semeval2016": "semeval2016.stance",
}


class _ColumnMapping(TypedDict):
    """The ``*_column`` options of :func:`train`, passed on to the corpus readers."""

    text_column: str
    target_column: str
    stance_column: str
    sentiment_column: str | None
    aliases_column: str | None


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    trusted: list[str] | None = None,
    allow_pickle: bool = False,
    runtime: str = "auto",
    threads: int | None = None,
) -> StanceModel:
    """Load a model: ``None`` for the embedded default, a built-in name (see :data:`BUILTIN_MODELS`), or a file path.

    A built-in name always means the built-in model, whatever the working directory holds; a file that happens to
    be called ``default`` is loaded by a path with a folder in it (``"./default"``).

    Files load through :mod:`skops.io` with a fixed list of trusted types; no code in the file runs.
    Pickle/joblib files are refused unless ``allow_pickle=True``.

    ``runtime`` and ``threads`` set how a model's encoder runs (models without one ignore them): ``"auto"``
    (ONNX Runtime when installed, else numpy), ``"onnxruntime"`` or ``"numpy"``; ``threads`` caps its threads
    (default: ONNX Runtime uses the CPUs this process may run on, the numpy pass one BLAS thread). See
    :class:`stance.encoder.PairEncoder`.
    """
    import time

    t0 = time.perf_counter()
    model = _load(path, trusted=trusted, allow_pickle=allow_pickle, runtime=runtime, threads=threads)
    if _log.isEnabledFor(logging.INFO):
        kind = f"encoder share {model.encoder_weight}, runtime {model.encoder.runtime}" if model.uses_encoder and model.encoder else "linear"
        _log.info("loaded model %s in %.2f s (%s)", "default" if path is None else path, time.perf_counter() - t0, kind)
    return model


def _load(path: Any, *, trusted: list[str] | None, allow_pickle: bool, runtime: str, threads: int | None) -> StanceModel:
    from stance.persistence import load_model

    if path is None:
        path = "default"
    if isinstance(path, str) and path in BUILTIN_MODELS:
        file = MODELS_DIR / BUILTIN_MODELS[path]
        if not file.exists():
            raise ModelFormatError(
                f"the built-in model {path!r} is missing from this installation ({file}); reinstall stancelens, "
                "or rebuild it with the recipe in training/"
            )
        if path == "default-linear":
            return load_model(file, trusted=trusted).without_encoder()
        path = file
    return load_model(path, trusted=trusted, allow_pickle=allow_pickle, runtime=runtime, threads=threads)


def training_arrays(dataset: Any) -> tuple[list[tuple[str, str, tuple[str, ...], tuple[int, int] | None]], list[str], list[str | None]]:
    """(pairs, stance labels, sentiment labels) from a normalized dataset; rows without stance are skipped
    for stance, rows without sentiment get ``None``. Raises if no row has a stance label."""
    pairs, stance, sentiment = [], [], []
    has_span = "span_start" in dataset.column_names
    for row in dataset:
        if row.get("stance") is None:
            continue
        span = (row["span_start"], row["span_end"]) if has_span and row["span_start"] is not None else None
        pairs.append((row["text"], row["target"], tuple(row.get("aliases") or ()), span))
        stance.append(row["stance"])
        sentiment.append(row.get("sentiment"))
    if not pairs:
        raise CorpusError("no row has a stance label; a stance model needs labelled statements")
    return pairs, stance, sentiment


def train(
    data: Any,
    *,
    config: TrainConfig | Mapping[str, Any] | None = None,
    text_column: str = "text",
    target_column: str = "target",
    stance_column: str = "stance",
    sentiment_column: str | None = "sentiment",
    aliases_column: str | None = "aliases",
    corpora: Sequence[str] | None = None,
    progress: bool | None = None,
) -> StanceModel:
    """Train a stance + sentiment model.

    Parameters
    ----------
    data : pandas.DataFrame, datasets.Dataset, datasets.DatasetDict, list of dict, or path
        A DataFrame, a dataset (a DatasetDict's ``train`` split is used), records, or a CSV/TSV/JSONL/JSON/Parquet
        file. Labels are normalized (see :mod:`stance.labels`).
    config : TrainConfig or dict, optional
        Hyper-parameters; by default :class:`TrainConfig`'s, which are not the settings of the shipped models
        (those come from the recipes in ``training/``; see :class:`TrainConfig`).
    text_column, target_column, stance_column : str
        The columns of the statement, its target and its stance label (the command line's ``--text-column``,
        ``--target-column`` and ``--stance-column``).
    sentiment_column, aliases_column : str or None
        Optional columns, read when the data has them (``--sentiment-column``, ``--aliases-column``): the sentiment
        label (no sentiment head without it), and the target's other names (lists, or ``|``-joined strings).
        ``None``: never read.
    corpora : list of str, optional
        Names of the training corpora, recorded in the model's metadata.
    progress : bool, optional
        Show the training stages on stderr (default: when stderr is a terminal).

    Raises
    ------
    CorpusError
        For a missing column (listing those present) or a row without a statement or target (naming the row: a
        DataFrame's index label, a file's line).
    LabelError
        For a label the task does not know, naming it and the row.
    """
    import datasets

    from stance.corpora import from_dataset, from_records, load_file
    from stance.frames import frame_records

    mapping: _ColumnMapping = dict(text_column=text_column, target_column=target_column, stance_column=stance_column,
                                   sentiment_column=sentiment_column, aliases_column=aliases_column)
    pandas = sys.modules.get("pandas")  # a DataFrame can only exist once pandas is imported
    if isinstance(data, (str, os.PathLike)):
        ds = load_file(data, **mapping)
        corpora = corpora or [str(data)]
    elif pandas is not None and isinstance(data, pandas.DataFrame):
        records, labels = frame_records(data)
        ds = from_records(records, source="the DataFrame", row_labels=labels, **mapping)
    elif isinstance(data, datasets.DatasetDict):
        if "train" not in data:
            raise CorpusError(f"the DatasetDict has no 'train' split (splits: {list(data)}); pass the split to train on")
        ds = from_dataset(data["train"], **mapping)
    elif isinstance(data, datasets.Dataset):
        ds = from_dataset(data, **mapping)
    elif isinstance(data, Sequence) and not isinstance(data, (str, bytes)):
        ds = from_records(list(data), **mapping)
    else:
        raise InputError(f"cannot train from {type(data).__name__}; give a pandas DataFrame, a datasets.Dataset, a list of "
                         "dicts or a file path")
    if isinstance(config, Mapping):
        config = TrainConfig.from_dict(config)
    pairs, stance, sentiment = training_arrays(ds)
    has_sentiment = any(s is not None for s in sentiment)
    return StanceModel.fit(
        pairs,
        stance,
        sentiment if has_sentiment else None,
        config,
        metadata={"corpora": list(corpora or ["user data"])},
        progress=progress,
    )


@dataclass(frozen=True, slots=True)
class AnalyzedStatement:
    """One extracted statement labelled toward one target."""

    speaker: str | None
    text: str
    start: int
    end: int
    target: str
    stance: str
    stance_confidence: float
    sentiment: str | None
    sentiment_confidence: float | None
    cue: str | None
    kind: str
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["flags"] = list(self.flags)
        return d


def analyze(
    text: str,
    targets: Sequence[str] | str,
    *,
    aliases: Mapping[str, Sequence[str]] | None = None,
    model: StanceModel | None = None,
    find_aliases: bool = True,
) -> list[AnalyzedStatement]:
    """Extract the statements of an article and label each one toward each target.

    Returns one record per (statement, target), statements in document order, targets in the given order.
    ``text`` is the statement as found (``text[start:end]`` of the article); a quote interrupted by its
    attribution ("…,” she said, “…”) is classified on its quoted parts only, not on the attribution. Reported
    speech after a cue that takes a side ("X blamed the violence on militants", "X backs Y") is classified
    with that cue in front, since the stance is in the verb.

    ``aliases`` maps a target to its other names. With ``find_aliases`` (the default) each target also gets the
    other names the article itself gives it (:func:`stance.mentions.article_aliases`: "the president" where the
    article says "President Barack Obama", "IRS" for "Internal Revenue Service", "the plan" for "plan to extend
    overtime pay"), so that a statement naming the target that way counts as naming it.
    """
    from stance.extraction import extract_statements

    targets, aliases = checked_targets(targets, aliases)
    model = model if model is not None else _default_model()
    statements = extract_statements(text)
    inputs = statement_inputs(text, statements, targets, aliases, find_aliases=find_aliases)
    preds = model.predict_batch([x.content for x in inputs], [x.target for x in inputs], [x.aliases for x in inputs],
                                speakers=[x.speaker for x in inputs], contexts=[x.before for x in inputs], progress=False) if inputs else []
    return [analyzed_statement(x, p) for x, p in zip(inputs, preds)]


@dataclass(frozen=True, slots=True)
class StatementInput:
    """What :func:`analyze` gives the model for one (statement, target): the statement's ``content`` as classified
    (its quoted parts, a side-taking cue in front, cut to the model's limit when ``truncated``), the target with its
    ``aliases`` (given and found in the article), the ``speaker`` (``""``: nobody named) and the sentence ``before``."""

    statement: Statement
    target: str
    content: str
    aliases: tuple[str, ...]
    speaker: str
    before: str
    truncated: bool


def analyzed_statement(x: StatementInput, p: Prediction) -> AnalyzedStatement:
    """The record :func:`analyze` returns for the input ``x`` labelled ``p``."""
    st = x.statement
    flags = (*p.flags, STATEMENT_TRUNCATED) if x.truncated else p.flags
    return AnalyzedStatement(st.speaker, st.text, st.start, st.end, x.target, p.stance, p.stance_confidence, p.sentiment,
                             p.sentiment_confidence, st.cue, st.kind, flags)


def statement_inputs(text: str, statements: Sequence[Statement], targets: Sequence[str], aliases: Mapping[str, Sequence[str]],
                     *, find_aliases: bool = True) -> list[StatementInput]:
    """The model's inputs for each of ``statements`` (extracted from ``text``) toward each of ``targets``, statements in
    the given order, targets in theirs: what :func:`analyze` classifies (training recipes build their rows with it)."""
    from stance.mentions import article_aliases

    other_names = {t: tuple(aliases.get(t, ())) for t in targets}
    if find_aliases:
        other_names = {t: given + article_aliases(text, t, given) for t, given in other_names.items()}
    out: list[StatementInput] = []
    for st in statements:
        content = _content(text, st)
        # a statement longer than a model takes (a runaway quotation, a whole paragraph of reported speech) is
        # classified on its beginning and flagged, rather than failing the whole article
        truncated = len(content) > MAX_TEXT_CHARS
        content = _cut(content) if truncated else content
        before = sentence_before(text, min(st.start, st.cue_start if st.cue_start is not None else st.start))
        # nobody named: the writer's voice, not an unknown speaker
        out.extend(StatementInput(st, t, content, other_names[t], st.speaker or "", before, truncated) for t in targets)
    return out


def checked_targets(
    targets: Sequence[str] | str, aliases: Mapping[str, Sequence[str]] | None = None
) -> tuple[list[str], dict[str, Sequence[str]]]:
    """``targets`` as a list (one string is one target) and ``aliases`` as a dict of lists (one string is one alias),
    checked as :func:`analyze` takes them; :class:`~stance.exceptions.InputError` naming the bad value otherwise."""
    if isinstance(targets, str):
        targets = [targets]
    if not isinstance(targets, Iterable):
        raise InputError(f"targets is {type(targets).__name__} {targets!r:.60}; give a target string or a list of them, e.g. ['the reform']")
    targets = list(targets)
    if not targets:
        raise InputError("no targets given; name at least one target to analyze the statements toward")
    for i, t in enumerate(targets):
        if not isinstance(t, str) or not t.strip():
            raise InputError(f"target {i} is {t!r:.60}; give each target as a non-empty string, e.g. 'the reform'")
    if aliases is not None and not isinstance(aliases, Mapping):
        raise InputError(f"aliases is {type(aliases).__name__} {aliases!r:.60}; give a mapping of targets to their other names, "
                         "e.g. {'Robert Smith': ['Bob', 'Smith']}")
    checked: dict[str, Sequence[str]] = dict(aliases or {})
    for name, names in checked.items():
        if isinstance(names, str):  # one alias given as a string, not a list of its characters
            checked[name] = [names]
        elif not isinstance(names, Sequence) or not all(isinstance(a, str) for a in names):
            raise InputError(f"aliases[{name!r}] is {names!r:.60}; give a list of strings (other names of {name!r})")
    return targets, checked


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def sentence_before(text: str, start: int, limit: int = 1000) -> str:
    """The sentence before the one that holds offset ``start`` of ``text`` (sentences end at ``.``, ``!`` or ``?``,
    possibly followed by closing quotes or brackets, then white space), at most ``limit`` characters (its end);
    ``""`` at the start of the text."""
    head = text[max(0, start - 4 * limit) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if not ends:
        return ""
    prev_start = ends[-2] if len(ends) > 1 else 0
    return " ".join(head[prev_start : ends[-1]].split())[-limit:]


#: Flag of an analyzed statement longer than :data:`stance.features.MAX_TEXT_CHARS`: it was classified on its
#: first part only (cut at a space before the limit).
STATEMENT_TRUNCATED = "statement_truncated"


def _cut(content: str) -> str:
    head = content[:MAX_TEXT_CHARS]
    space = head.rfind(" ", MAX_TEXT_CHARS // 2)
    return head[:space] if space > 0 else head


#: Cues that carry a stance toward what follows them ("blamed the violence on ...", "backs Reyna"), from the
#: feature lexicon; a neutral cue ("said", "told") carries none.
_STANCE_CUES = (lexicon.SUPPORT_CUES | lexicon.OPPOSE_CUES) - frozenset(
    # taking a side, but not toward what follows them ("agreed that the plan is flawed")
    "agree agrees agreed join joins joined stand stands standing vote voted voting".split()
)


def _content(text: str, st: Statement) -> str:
    """What the speaker said: the statement's parts joined with " … " when its content is discontinuous
    (a quote interrupted by "she said"), so the attribution itself is not classified. When reported speech
    follows a cue that itself takes a side ("Reyna blamed the violence on ...", "Halvard backs Reyna"), the
    cue is kept in front of the content (found by the statement's cue offsets): there the stance is in the verb,
    not in what follows it."""
    if len(st.parts) > 1:
        return " … ".join(text[s:e].strip() for s, e in st.parts)
    cue = (st.cue or "").lower()
    if (
        st.kind != "direct"
        and cue in _STANCE_CUES
        and st.cue_start is not None
        and st.cue_end is not None
        and st.cue_end <= st.start
        # the cue itself right before the content, or with only "that" between them
        and " ".join(text[st.cue_end : st.start].lower().split()) in ("", "that")
    ):
        return text[st.cue_start : st.end]
    return st.text


_DEFAULT: StanceModel | None = None


def _default_model() -> StanceModel:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load()
    return _DEFAULT
