"""The whole extractor: the stages of :mod:`stance.extraction` run in order over one text.

1. :class:`~stance.extraction.document.Document`: tokens, paragraphs, quotations, sentences;
2. :class:`~stance.extraction.speakers.Resolver`: the names of the text, for pronoun and role speakers;
3. :func:`~stance.extraction.assembly.rule_pass`: the statements of the rules' cues
   (:mod:`~stance.extraction.cues`, :mod:`~stance.extraction.phrases`, :mod:`~stance.extraction.subjects`),
   then those nested in another's content dropped (:func:`~stance.extraction.statements.without_nested`);
4. :func:`~stance.extraction.learned.learned_pass`: the statements of the cues the learned model finds and the
   rules do not (skipped with ``ExtractionConfig(learned_cues=False)`` or ``model=None``);
5. the statements in document order.
"""

from __future__ import annotations

from stance.extraction import _model
from stance.extraction._types import Statement
from stance.extraction.assembly import rule_pass
from stance.extraction.config import DEFAULT_CONFIG, ExtractionConfig
from stance.extraction.document import Document
from stance.extraction.learned import learned_pass
from stance.extraction.speakers import Resolver
from stance.extraction.statements import without_nested

__all__ = ["extract"]

_PACKAGED = object()


def extract(text: str, model: object = _PACKAGED, cue_probs: dict[int, float] | None = None,
            config: ExtractionConfig = DEFAULT_CONFIG) -> list[Statement]:
    """Statements in ``text`` (see :func:`stance.extraction.extract_statements`).

    ``model`` is the learned-cue model (default: the packaged one, see :func:`stance.extraction._model.load_model`);
    ``None`` runs the rules alone, as ``config.learned_cues=False`` does. ``cue_probs``, when given, receives the
    cue offset -> cue probability of each statement of a learned cue (for experiments:
    the records of ``docs/experiments/extraction.md``)."""
    if not text.strip():
        return []
    doc = Document.from_text(text, config)
    res = Resolver(text)
    res.index_names(list(doc.tokens), {a for a, _ in doc.sentences})
    state = rule_pass(doc, res, config)
    statements = without_nested(state.statements)
    if not config.learned_cues:
        model = None
    elif model is _PACKAGED:
        model = _model.load_model()
    if model is not None:
        learned_pass(doc, statements, state.cue_tokens, res, model, config, cue_probs)
    statements.sort(key=lambda s: (s.start, s.end))
    return statements
