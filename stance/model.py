"""The stance + sentiment model: one feature extractor, two calibrated linear heads.

>>> import stance
>>> model = stance.load()                                   # the embedded default model
>>> p = model.predict("We stand with the president.", "the president")
>>> p.stance, round(p.stance_confidence, 2)                 # doctest: +SKIP
('FAVOR', 0.63)
"""

from __future__ import annotations

import gc
import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from stance._blend import EncoderBlend, EncoderOutput, SpeakerLayer
from stance._modelsave import save_model
from stance._progress import Progress
from stance._version import __version__
from stance.exceptions import ConfigError, InputError, LabelError, NotFittedError
from stance.features import Pair, StanceFeaturizer, as_pairs
from stance._scoring import JointScorer
from stance.labels import ordered

_log = logging.getLogger("stance.model")

if TYPE_CHECKING:
    from stance.encoder import PairEncoder

__all__ = [
    "Prediction", "StanceModel", "TrainConfig", "make_head", "LOW_COVERAGE", "NON_LATIN", "TARGET_NOT_MENTIONED", "ENCODER_TRUNCATED",
    "SPEAKER_NOT_GIVEN", "CONTEXT_NOT_GIVEN",
]

#: Flag set when fewer than half of a statement's words were seen in training (often another language).
LOW_COVERAGE = "low_vocabulary_coverage"
#: Flag set when most letters of a statement are outside the Latin script the models were trained on.
NON_LATIN = "non_latin_script"
#: Flag set when the statement names neither the target nor an alias, not even in part: its stance is
#: inferred from the rest of the statement (often rightly so for an implicit stance, but less reliably).
TARGET_NOT_MENTIONED = "target_not_mentioned"
#: Flag set when the model blends in its encoder and the statement with its target was longer than the encoder
#: reads (:data:`stance.encoder.MAX_TOKENS` word pieces, about 90 words): the encoder saw the beginning only, the
#: linear part all of it.
ENCODER_TRUNCATED = "encoder_truncated"
#: Flags set when a model that reads the speaker or the sentence before (:attr:`StanceModel.reads`) was not given them:
#: it predicts as if there were none, which is less reliable.
SPEAKER_NOT_GIVEN = "speaker_not_given"
CONTEXT_NOT_GIVEN = "context_not_given"

_BATCH = 4096
#: The mention roles that make a statement "cued" (:meth:`StanceModel.cued`).
_CUED_ROLES = (":support", ":oppose")
#: Chunks when the encoder runs: large enough that sorting by length leaves little padding in its batches (on
#: NewsMTSC sentences, chunks of 256 in batches of 32 left 17.7% of the word pieces as padding; chunks of 2,048 with
#: the encoder's word-piece budget 1.3%: benchmarks/bench_encoder_batching.py); progress moves with each
#: encoder batch.
_ENCODER_BATCH = 2048

#: One training statement as :meth:`StanceModel.fit` accepts it (see :func:`stance.features.as_pairs`): a
#: :class:`Pair`, a ``(text, target)`` / ``(text, target, aliases)`` / ``(text, target, aliases, span)``
#: tuple, or a mapping with keys ``text``, ``target`` and optionally ``aliases`` and ``span``.
PairLike = (
    Pair
    | tuple[str, str]
    | tuple[str, str, Sequence[str] | None]
    | tuple[str, str, Sequence[str] | None, tuple[int, int] | None]
    | Mapping[str, Any]
)


@dataclass(frozen=True, slots=True)
class Prediction:
    """The stance and sentiment of one statement toward one target.

    ``stance_probabilities`` and ``sentiment_probabilities`` map each label to its calibrated probability;
    the confidences are the probabilities of the chosen labels. ``flags`` names reasons to distrust the
    prediction (see :data:`LOW_COVERAGE`, :data:`NON_LATIN`, :data:`TARGET_NOT_MENTIONED`, :data:`ENCODER_TRUNCATED`); a flagged
    statement still gets labels, so a batch keeps every row, but its confidence should not be taken at face value.
    """

    text: str
    target: str
    stance: str
    stance_confidence: float
    stance_probabilities: Mapping[str, float]
    sentiment: str | None
    sentiment_confidence: float | None
    sentiment_probabilities: Mapping[str, float] | None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        d = asdict(self)
        d["stance_probabilities"] = dict(self.stance_probabilities)
        d["sentiment_probabilities"] = dict(self.sentiment_probabilities) if self.sentiment_probabilities else None
        d["flags"] = list(self.flags)
        return d


@dataclass
class TrainConfig:
    """Hyper-parameters of :meth:`StanceModel.fit` (and :func:`stance.train`, ``stance train``).

    ``featurizer`` holds :class:`~stance.features.StanceFeaturizer` parameters; ``stance_C`` and
    ``sentiment_C`` the regularization of each head's linear SVM; the SVM scores are turned into
    probabilities by sigmoid calibration on ``calibration_folds`` cross-validation folds.

    The defaults, exactly: ``featurizer={}`` (every :class:`~stance.features.StanceFeaturizer` default),
    ``stance_C=0.3``, ``sentiment_C=0.3``, ``class_weight="balanced"``, ``calibration_folds=5``, ``random_state=0``.
    They are a reasonable start for a new corpus, not the settings of any shipped model: those were chosen by
    the grid searches of the recipes in ``training/``. For SemEval-2016, ``training/semeval2016.py`` chose
    its settings by cross-validation on train (recorded under ``best`` in ``training/semeval2016_search.json``);
    its model scores 68.33 F_avg on the test split, while ``stance train --corpus semeval2016`` with these
    defaults scores about 66.5. Run ``python training/semeval2016.py`` to rebuild the shipped model.
    """

    featurizer: dict[str, Any] = field(default_factory=dict)
    stance_C: float = 0.3
    sentiment_C: float = 0.3
    class_weight: str | Mapping[str, float] | None = "balanced"
    calibration_folds: int = 5
    random_state: int = 0

    def __post_init__(self) -> None:
        from stance._config import check_train_config

        check_train_config(self)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["featurizer"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.featurizer.items()}
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TrainConfig:
        if not isinstance(d, Mapping):
            raise ConfigError(f"training options are {type(d).__name__} {d!r:.60}; give a mapping of option names to values")
        unknown = set(d) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"unknown training options {sorted(unknown)} (values {[d[k] for k in sorted(unknown)]!r:.80}); "
                              f"known: {sorted(cls.__dataclass_fields__)}")
        feat = d.get("featurizer") or {}
        if not isinstance(feat, Mapping):
            raise ConfigError(f"training option featurizer={feat!r:.60}; give a mapping of StanceFeaturizer options")
        feat = dict(feat)
        if isinstance(feat.get("char_ngram_range"), list):
            feat["char_ngram_range"] = tuple(feat["char_ngram_range"])
        return cls(**{**d, "featurizer": feat})


def make_head(C: float, class_weight: str | Mapping[str, float] | None, y: np.ndarray, folds: int, seed: int, task: str
              ) -> CalibratedClassifierCV:
    """An unfitted head as :meth:`StanceModel.fit` builds it: a LinearSVC calibrated with sigmoids.

    For recipes that need more than ``fit`` offers (per-row ``sample_weight``, heads trained on different
    rows, as ``training/default_model.py`` does); pass the result to :class:`StanceModel` once fitted.
    ``y`` is only checked here (at least two labels, at least two rows each) and sets the number of
    calibration folds (``folds``, or fewer when a label has fewer rows); ``task`` names the head in errors.
    """
    labels, counts = np.unique(y, return_counts=True)
    if len(labels) < 2:
        raise LabelError(
            f"the training set has a single {task} label {labels[0]!r} ({counts[0]} rows); a classifier needs at least two labels"
        )
    smallest = int(counts.min())
    if smallest < 2:
        lab = labels[int(counts.argmin())]
        raise LabelError(
            f"{task} label {lab!r} has only {smallest} training row; calibration needs at least 2 per label "
            "(add examples or drop the label)"
        )
    k = min(folds, smallest)
    weights = dict(class_weight) if isinstance(class_weight, Mapping) else class_weight  # LinearSVC takes a dict, not any mapping
    svm = LinearSVC(C=C, class_weight=weights, random_state=seed)
    return CalibratedClassifierCV(svm, method="sigmoid", cv=StratifiedKFold(k, shuffle=True, random_state=seed), ensemble=False)


def _listed(value: Any, name: str, hint: str) -> list[Any]:
    """``value`` (any iterable but a string) as a list; :class:`InputError` naming it and saying what to pass."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InputError(f"{name} is {type(value).__name__} {value!r:.60}; {hint}")
    return list(value)


_PREDICTION_SLOTS = tuple(vars(Prediction)[f].__set__ for f in Prediction.__dataclass_fields__)


def _new_prediction(
    text: str,
    target: str,
    stance: str,
    stance_confidence: float,
    stance_probabilities: dict[str, float],
    sentiment: str | None,
    sentiment_confidence: float | None,
    sentiment_probabilities: dict[str, float] | None,
    flags: tuple[str, ...],
) -> Prediction:
    """``Prediction(...)`` with these fields, built in about half the time: the frozen dataclass's ``__init__`` sets
    each field through ``object.__setattr__``; this sets the slots directly."""
    p = object.__new__(Prediction)
    set_text, set_target, set_stance, set_sconf, set_sprobs, set_sentiment, set_mconf, set_mprobs, set_flags = _PREDICTION_SLOTS
    set_text(p, text)
    set_target(p, target)
    set_stance(p, stance)
    set_sconf(p, stance_confidence)
    set_sprobs(p, stance_probabilities)
    set_sentiment(p, sentiment)
    set_mconf(p, sentiment_confidence)
    set_mprobs(p, sentiment_probabilities)
    set_flags(p, flags)
    return p


def _row_dicts(classes: list[str], rows: list[list[float]]) -> list[dict[str, float]]:
    """Per row, its values by class (``dict(zip(classes, row))``; for three classes, as a dict display, three times as fast)."""
    if len(classes) == 3:
        a, b, c = classes
        return [{a: x, b: y, c: z} for x, y, z in rows]
    return [dict(zip(classes, row)) for row in rows]


def _non_latin_share(text: str) -> float:
    if text.isascii():
        return 0.0
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ord(c) > 0x24F) / len(letters)


class StanceModel:
    """A trained stance (and optionally sentiment) classifier over (statement, target) pairs.

    Build one with :meth:`fit` (or :func:`stance.train`), or load one with :func:`stance.load`.

    Attributes
    ----------
    featurizer : StanceFeaturizer
    stance_head, sentiment_head : calibrated classifiers (``sentiment_head`` may be ``None``)
    metadata : dict
        Training corpora, recipe, configuration, scores and versions; saved beside the weights.
    encoder : PairEncoder or None
        A fine-tuned transformer (see :mod:`stance.encoder`) whose stance probabilities are blended with the
        linear stance head's: ``encoder_weight`` times the encoder's plus the rest times the linear head's;
        likewise its sentiment probabilities, when it has a sentiment layer, at ``encoder_sentiment_weight``.
        The default model has one; models trained with :meth:`fit` do not. The flags come from the linear
        model alone.
    encoder_weight : float
        The encoder's share of the stance probabilities (0 to 1; 0 switches it off).
    encoder_sentiment_weight : float
        The encoder's share of the sentiment probabilities (0 to 1; above 0 only for an encoder with a
        sentiment layer and a model with a sentiment head).
    encoder_weight_cued : float or None
        The encoder's share of the stance probabilities of a statement in which a support or oppose cue takes
        the target as its object ("supports the tunnel", "does not back Reyna"; the featurizer's mention roles,
        ``x:obj:support`` / ``x:obj:oppose``): the linear part reads those explicitly, the default model's encoder
        often does not. ``None``: ``encoder_weight`` for every statement.
    speaker_layer : SpeakerLayer or None
        For an encoder with a speaker layer (:attr:`stance.encoder.PairEncoder.has_speaker_layer`): how a statement
        whose speaker is named (a ``speaker`` that is a non-empty string, as :func:`stance.analyze` gives) is read,
        the side the speaker takes in it, from that layer at its own shares and NONE offset
        (:class:`stance._blend.SpeakerLayer`). Statements without a named speaker are read as before.
    """

    def __init__(
        self,
        featurizer: StanceFeaturizer,
        stance_head: Any,
        sentiment_head: Any | None = None,
        metadata: Mapping[str, Any] | None = None,
        encoder: PairEncoder | None = None,
        encoder_weight: float = 0.0,
        encoder_sentiment_weight: float = 0.0,
        encoder_weight_cued: float | None = None,
        stance_offsets: Mapping[str, float] | None = None,
        speaker_layer: SpeakerLayer | None = None,
    ) -> None:
        self.featurizer = featurizer
        self.stance_head = stance_head
        self.sentiment_head = sentiment_head
        self.metadata: dict[str, Any] = dict(metadata or {})
        shares = (("encoder_weight", encoder_weight), ("encoder_sentiment_weight", encoder_sentiment_weight),
                  ("encoder_weight_cued", 0.0 if encoder_weight_cued is None else encoder_weight_cued))
        for name, share in shares:
            if not 0.0 <= share <= 1.0:
                raise InputError(f"{name}={share!r}; give a share between 0 and 1")
        if encoder_sentiment_weight > 0 and encoder is not None and (not encoder.sentiment_labels or sentiment_head is None):
            missing = "the encoder has no sentiment layer" if not encoder.sentiment_labels else "the model has no sentiment head"
            raise InputError(f"encoder_sentiment_weight={encoder_sentiment_weight!r} but {missing}; give 0")
        self.encoder = encoder
        self.encoder_weight = float(encoder_weight) if encoder is not None else 0.0
        self.encoder_sentiment_weight = float(encoder_sentiment_weight) if encoder is not None else 0.0
        self.encoder_weight_cued = float(encoder_weight_cued) if encoder is not None and encoder_weight_cued is not None else None
        labels = [str(c) for c in getattr(stance_head, "classes_", [])]
        for label, value in (stance_offsets or {}).items():
            if label not in labels or isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value) or abs(value) > 1:
                raise InputError(f"stance offset {label!r}: {value!r}; give a number between -1 and 1 for one of the labels {labels}")
        #: Added to the stance probabilities to choose the label (the probabilities reported are not changed): decision
        #: thresholds chosen for F_avg, e.g. toward NONE where most statements take no side. Empty: the most probable label.
        self.stance_offsets: dict[str, float] = {str(k): float(v) for k, v in (stance_offsets or {}).items() if v}
        if speaker_layer is not None and (encoder is None or not encoder.has_speaker_layer):
            raise InputError("speaker_layer is given but the encoder has no speaker layer; give speaker_layer=None")
        if speaker_layer is not None and "NONE" not in labels:
            raise InputError(f"speaker_layer needs a NONE stance label for its offset; the labels are {labels}")
        self.speaker_layer = speaker_layer if encoder is not None else None

    @property
    def uses_encoder(self) -> bool:
        """Whether predictions blend in the encoder (it is there and one of its shares is above 0). A model pickled
        before encoders existed has none of these attributes."""
        return getattr(self, "encoder", None) is not None and (
            getattr(self, "encoder_weight", 0.0) > 0 or getattr(self, "encoder_sentiment_weight", 0.0) > 0
        )

    def without_encoder(self) -> StanceModel:
        """This model with its encoder switched off: stance and sentiment from the linear heads alone, hundreds of times
        faster on new text and a little less accurate (see docs/any-target.md). Shares the weights."""
        return StanceModel(self.featurizer, self.stance_head, self.sentiment_head, self.metadata)

    # ------------------------------------------------------------------ training
    @classmethod
    def fit(
        cls,
        pairs: Sequence[PairLike],
        stance: Sequence[str],
        sentiment: Sequence[str | None] | None = None,
        config: TrainConfig | None = None,
        *,
        metadata: Mapping[str, Any] | None = None,
        progress: bool | None = None,
    ) -> StanceModel:
        """Train a model from pairs and their (already normalized) labels.

        Rows whose sentiment is ``None`` are left out of the sentiment head only; with no sentiment
        labels at all the model has no sentiment head and predicts ``sentiment=None``.
        """
        config = config or TrainConfig()
        checked = as_pairs(pairs)
        if not checked:
            raise InputError("the training set is empty; give at least two labelled statements")
        if len(stance) != len(checked):
            raise InputError(f"{len(checked)} statements but {len(stance)} stance labels; give one label per statement")
        if sentiment is not None and len(sentiment) != len(checked):
            raise InputError(f"{len(checked)} statements but {len(sentiment)} sentiment labels; give one label per statement")
        bar = Progress(None, "train", enabled=progress)
        t0 = time.perf_counter()
        bar.stage(f"features for {len(checked):,} statements")
        feat = StanceFeaturizer(**config.featurizer)
        X = feat.fit_transform(checked)
        y = np.asarray(stance, dtype=object)
        bar.stage(f"stance head on {X.shape[1]:,} features")
        s_head = make_head(config.stance_C, config.class_weight, y, config.calibration_folds, config.random_state, "stance")
        s_head.fit(X, y)
        sent_head = None
        if sentiment is not None:
            mask = np.array([v is not None for v in sentiment])
            if mask.any():
                bar.stage(f"sentiment head on {int(mask.sum()):,} statements")
                ys = np.asarray([v for v in sentiment if v is not None], dtype=object)
                sent_head = make_head(config.sentiment_C, config.class_weight, ys, config.calibration_folds, config.random_state, "sentiment")
                sent_head.fit(X[mask], ys)
        meta = {
            "library": "stance",
            "library_version": __version__,
            "config": config.to_dict(),
            "n_train": len(checked),
            "stance_labels": ordered(list(map(str, s_head.classes_)), "stance"),
            "sentiment_labels": ordered(list(map(str, sent_head.classes_)), "sentiment") if sent_head is not None else [],
            "train_seconds": round(time.perf_counter() - t0, 2),
            **dict(metadata or {}),
        }
        bar.stage(f"done in {meta['train_seconds']:.1f} s")
        return cls(feat, s_head, sent_head, meta)

    # ------------------------------------------------------------------ prediction
    @property
    def stance_labels(self) -> list[str]:
        return ordered([str(c) for c in self.stance_head.classes_], "stance")

    @property
    def sentiment_labels(self) -> list[str]:
        if self.sentiment_head is None:
            return []
        return ordered([str(c) for c in self.sentiment_head.classes_], "sentiment")

    def predict(self, text: str, target: str, aliases: Sequence[str] | None = None, *, speaker: str | None = None,
                context: str | None = None) -> Prediction:
        """Stance and sentiment of one statement toward ``target`` (``aliases``: other names of it).

        ``speaker`` (who says it; ``""`` for nobody named, the writer) and ``context`` (the sentence before it) are read
        by a model whose encoder was trained with them (:attr:`reads`); other models ignore them. Such a model given
        ``None`` for either still predicts, and flags the prediction ``speaker_not_given`` / ``context_not_given``.
        A model with a :attr:`speaker_layer` reads a statement whose ``speaker`` is named (a non-empty string) for the
        side that speaker takes in it, with its encoder's speaker layer."""
        return self.predict_batch([text], [target], None if aliases is None else [aliases],
                                  speakers=None if speaker is None else [speaker], contexts=None if context is None else [context])[0]

    def __call__(self, text: str | Sequence[str], target: str | Sequence[str], aliases: Any = None, **kwargs: Any
                 ) -> Prediction | list[Prediction]:
        """One call for one statement or many: ``model("We back the plan.", "the plan")`` is :meth:`predict`,
        ``model(texts, targets)`` (or one target for all) is :meth:`predict_batch`; keyword arguments go through."""
        if isinstance(text, str):
            if not isinstance(target, str):
                raise InputError(f"one text but target is {type(target).__name__} {target!r:.60}; give one target string")
            return self.predict(text, target, aliases, **kwargs)
        return self.predict_batch(text, target, aliases, **kwargs)

    def predict_frame(self, frame: Any, *, text: str = "text", target: str = "target", aliases: str | None = None,
                      speaker: str | None = None, context: str | None = None, errors: str = "raise", prefix: str = "",
                      progress: bool | None = None) -> Any:
        """A pandas DataFrame with the predictions as new columns, every row kept in place (:func:`stance.frames.predict_frame`):
        ``stance``, ``stance_confidence``, ``p_<label>``, ``sentiment``, ``sentiment_confidence``, ``flags``, ``error``.
        ``errors="flag"`` keeps a row with a missing text or target, without labels, flagged ``invalid_input``."""
        from stance.frames import predict_frame

        return predict_frame(self, frame, text=text, target=target, aliases=aliases, speaker=speaker, context=context,
                             errors=errors, prefix=prefix, progress=progress)

    @property
    def reads(self) -> tuple[str, ...]:
        """The extra inputs this model reads besides the statement and the target: ``("speaker", "context")`` for a
        model whose encoder was trained with them, else ``()``."""
        return tuple(self.encoder.inputs) if self.uses_encoder and self.encoder is not None else ()

    def predict_batch(
        self,
        texts: Sequence[str],
        targets: Sequence[str] | str,
        aliases: Sequence[Sequence[str] | None] | None = None,
        *,
        spans: Sequence[tuple[int, int] | None] | None = None,
        speakers: Sequence[str | None] | None = None,
        contexts: Sequence[str | None] | None = None,
        progress: bool | None = None,
    ) -> list[Prediction]:
        """Predictions for many statements, in input order, one per statement.

        ``targets`` is a sequence as long as ``texts`` or one target for all; ``speakers`` and ``contexts``, when
        given, one per text (``None`` items for unknown ones), as in :meth:`predict`. Raises
        :class:`~stance.exceptions.InputError` naming the row for a bad text or target, and when the
        lengths differ; no row is dropped or reordered.

        While it runs, Python's cyclic garbage collector is paused for the whole process (it is restored
        afterwards, also on errors): a large batch allocates many objects that all stay alive, and the
        collector's passes over them cost about a tenth of the time. Other threads' reference cycles are
        collected once the batch is done.
        """
        if texts is None or isinstance(texts, (str, bytes)):
            raise InputError(f"texts must be a sequence of strings, got {type(texts).__name__}; use predict() for one statement")
        texts = _listed(texts, "texts", "give a list of statement strings (or use predict() for one statement)")
        if isinstance(targets, str):
            targets = [targets] * len(texts)
        elif targets is None:
            raise InputError("targets is None; give one target string or one per text")
        targets = _listed(targets, "targets", "give one target string or a list of one per text")
        for name, other in (("aliases", aliases), ("spans", spans), ("speakers", speakers), ("contexts", contexts)):
            if other is not None and isinstance(other, (str, bytes)):
                raise InputError(f"{name} is a single string {other!r:.60}; give one per text")
            if other is not None and not isinstance(other, Sequence):
                raise InputError(f"{name} is {type(other).__name__} {other!r:.60}; give a list of one per text, or leave it out")
        for name, other in (("targets", targets), ("aliases", aliases), ("spans", spans), ("speakers", speakers), ("contexts", contexts)):
            if other is not None and len(other) != len(texts):
                raise InputError(f"{len(texts)} texts but {len(other)} {name}; give one per text (or one target for all)")
        # The batch allocates many objects that all live on (the pairs, the predictions) or are acyclic, so the
        # cyclic garbage collector's full passes over the heap only cost time (~10% of a large batch); pause it.
        gc_enabled = gc.isenabled()
        gc.disable()
        t0 = time.perf_counter()
        try:
            nones = itertools.repeat(None)
            pairs = as_pairs(list(zip(texts, targets, nones if aliases is None else aliases, nones if spans is None else spans)))
            out: list[Prediction] = []
            with Progress(len(pairs), "predict", enabled=progress, unit="statements") as bar:
                encoder = self.uses_encoder
                step = _ENCODER_BATCH if encoder else _BATCH
                extras = self._extra_inputs(speakers, contexts, len(pairs))
                named = self._speaker_rows(speakers)
                for start in range(0, len(pairs), step):
                    chunk = pairs[start : start + step]
                    chunk_extras = {k: v[start : start + step] for k, v in extras.items()}
                    out.extend(self._predict_pairs(chunk, bar.update if encoder else None, chunk_extras,
                                                   None if named is None else named[start : start + step]))
                    if not encoder:
                        bar.update(len(chunk))
        finally:
            if gc_enabled:
                gc.enable()
        if _log.isEnabledFor(logging.INFO) and out:
            seconds = time.perf_counter() - t0
            flags = Counter(f for p in out for f in p.flags)
            _log.info("labelled %d statements in %.2f s (%.0f/s); flags: %s", len(out), seconds, len(out) / max(seconds, 1e-9),
                      ", ".join(f"{k} {v}" for k, v in sorted(flags.items())) or "none")
        return out

    def predict_proba(self, pairs: Any) -> np.ndarray:
        """Stance probabilities, columns in the order of ``stance_head.classes_`` (scikit-learn style), blended
        with the encoder's as in :meth:`predict_batch`."""
        pairs = as_pairs(pairs)
        X, _ = self.featurizer.transform_with_coverage(pairs)
        probs = self.stance_head.predict_proba(X)
        if self.uses_encoder:
            probs = self._blend(probs, [str(c) for c in self.stance_head.classes_], pairs, "stance")
        return probs

    def _extra_inputs(self, speakers: Sequence[str | None] | None, contexts: Sequence[str | None] | None, n: int
                      ) -> dict[str, list[str | None]]:
        """The extra inputs this model reads (:attr:`reads`), one per statement (``None``: not given), checked."""
        out: dict[str, list[str | None]] = {}
        for name, values in (("speaker", speakers), ("context", contexts)):
            if values is None:
                values = [None] * n
            values = list(values)
            for i, v in enumerate(values):
                if v is not None and not isinstance(v, str):
                    raise InputError(f"{name} at row {i} is {type(v).__name__} {v!r:.60}; expected a string or None")
            if name in self.reads:
                out[name] = values
        return out

    def _speaker_rows(self, speakers: Sequence[str | None] | None) -> np.ndarray | None:
        """Which statements the :attr:`speaker_layer` reads: those whose speaker is named (a non-empty
        string); ``None`` when the model has no speaker layer in use or none is named."""
        if speakers is None or getattr(self, "speaker_layer", None) is None or not self.uses_encoder:
            return None
        named = np.array([isinstance(v, str) and bool(v.strip()) for v in speakers], dtype=bool)
        return named if named.any() else None

    def _predict_pairs(self, pairs: list[Pair], on_batch: Callable[[int], None] | None = None,
                       extras: Mapping[str, Sequence[str | None]] | None = None, named: np.ndarray | None = None) -> list[Prediction]:
        """Predictions for ``pairs``; ``on_batch(n)`` is called as the encoder finishes each batch of ``n``; ``extras``
        the inputs of :meth:`_extra_inputs` for these pairs; ``named`` (:meth:`_speaker_rows`) which of them the speaker
        layer reads."""
        extras = extras or {}
        if not hasattr(self.stance_head, "classes_"):
            raise NotFittedError("this model has not been trained; call StanceModel.fit or stance.load")
        parts, coverage = self.featurizer.transform_blocks(pairs, exact=False)
        sp_, mp = self._probabilities(parts)
        s_classes = [str(c) for c in self.stance_head.classes_]
        m_classes = [str(c) for c in self.sentiment_head.classes_] if mp is not None else []  # type: ignore[union-attr]
        cut: list[bool] = []
        if self.uses_encoder:
            enc = self._encoder_probabilities(pairs, on_batch, extras, named)
            sp_ = self._mix(sp_, s_classes, enc, "stance", pairs, named)
            if mp is not None:
                mp = self._mix(mp, m_classes, enc, "sentiment")
            cut = enc[2].tolist()
        s_rows = sp_.tolist()
        offsets = getattr(self, "stance_offsets", None)
        shift = np.zeros_like(sp_)
        if offsets:
            shift[:] = [offsets.get(c, 0.0) for c in s_classes]
        if named is not None and self.speaker_layer is not None:
            shift[named] = [self.speaker_layer.none_offset if c == "NONE" else 0.0 for c in s_classes]
        s_best = (sp_ + shift).argmax(axis=1).tolist()
        s_dicts = _row_dicts(s_classes, s_rows)
        if mp is not None:
            m_rows = mp.tolist()
            m_best = mp.argmax(axis=1).tolist()
            m_dicts = _row_dicts(m_classes, m_rows)
        low = (coverage < 0.5).tolist()
        unnamed = parts.unnamed.tolist()
        out = []
        for i, pair in enumerate(pairs):
            text = pair.text
            non_latin = not text.isascii() and _non_latin_share(text) > 0.5
            if low[i]:
                flags: tuple[str, ...] = (LOW_COVERAGE, NON_LATIN) if non_latin else (LOW_COVERAGE,)
            else:
                flags = (NON_LATIN,) if non_latin else ()
            if unnamed[i]:
                flags += (TARGET_NOT_MENTIONED,)
            if cut and cut[i]:
                flags += (ENCODER_TRUNCATED,)
            for name, flag in (("speaker", SPEAKER_NOT_GIVEN), ("context", CONTEXT_NOT_GIVEN)):
                if name in extras and extras[name][i] is None:
                    flags += (flag,)
            b = s_best[i]
            if mp is not None:
                k = m_best[i]
                m_probs: dict[str, float] | None = m_dicts[i]
                sentiment: str | None = m_classes[k]
                sconf: float | None = m_rows[i][k]
            else:
                m_probs, sentiment, sconf = None, None, None
            out.append(_new_prediction(text, pair.target, s_classes[b], s_rows[i][b], s_dicts[i], sentiment, sconf, m_probs, flags))
        return out

    @property
    def blend(self) -> EncoderBlend | None:
        """The encoder and its shares (:class:`stance._blend.EncoderBlend`), or None for a model without an encoder."""
        if self.encoder is None:
            return None
        return EncoderBlend(self.encoder, self.encoder_weight, getattr(self, "encoder_sentiment_weight", 0.0),
                            getattr(self, "encoder_weight_cued", None))

    def _encoder_probabilities(self, pairs: list[Pair], on_batch: Callable[[int], None] | None = None,
                               extras: Mapping[str, Sequence[str | None]] | None = None, named: np.ndarray | None = None
                               ) -> EncoderOutput:
        """The encoder's stance and sentiment probabilities of ``pairs`` (:meth:`EncoderBlend.read`; the stance of
        the ``named`` ones from the speaker layer)."""
        blend = self.blend
        assert blend is not None
        return blend.read(pairs, extras, on_batch, named)

    def _mix(self, linear: np.ndarray, classes: list[str], enc: EncoderOutput, task: str, pairs: Sequence[Pair] = (),
             named: np.ndarray | None = None) -> np.ndarray:
        """``linear`` blended with the encoder's probabilities for ``task`` (:meth:`EncoderBlend.mix`; for stance, each of
        ``pairs`` at :meth:`stance_shares`)."""
        blend = self.blend
        assert blend is not None
        return blend.mix(linear, classes, enc, task, self.stance_shares(pairs, named) if task == "stance" and pairs else None)

    def stance_shares(self, pairs: Sequence[Pair], named: np.ndarray | None = None) -> np.ndarray:
        """The encoder's share of each statement's stance probabilities: ``encoder_weight_cued`` when a support or
        oppose cue takes the target as its object, else ``encoder_weight``; for the statements where ``named``
        (:meth:`_speaker_rows`) is true, the :attr:`speaker_layer`'s shares likewise."""
        blend = self.blend
        if blend is None:
            return np.zeros(len(pairs))
        layer = getattr(self, "speaker_layer", None) if named is not None else None
        if layer is None and (blend.weight_cued is None or blend.weight_cued == blend.weight):
            return np.full(len(pairs), blend.weight)
        cued = self.cued(pairs)
        shares = blend.stance_shares(cued)
        if layer is not None and named is not None:
            shares = np.where(named, np.where(cued, layer.weight_cued, layer.weight), shares)
        return shares

    def cued(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Whether a support or oppose cue takes the target as its object in each statement (the featurizer's
        ``x:obj:support`` / ``x:obj:oppose`` mention roles, negated or not; all false for a featurizer without
        mention roles)."""
        if not getattr(self.featurizer, "mention_roles", False):
            return np.zeros(len(pairs), dtype=bool)
        analyze = self.featurizer.analyze
        return np.array([any(c.startswith("x:obj:") and c.endswith(_CUED_ROLES) for c in analyze(p).context) for p in pairs], dtype=bool)

    def _blend(self, linear: np.ndarray, classes: list[str], pairs: list[Pair], task: str = "stance") -> np.ndarray:
        """The linear head's probabilities for ``task`` blended with the encoder's (columns in ``classes`` order)."""
        return self._mix(linear, classes, self._encoder_probabilities(pairs), task, pairs)

    def _probabilities(self, parts: Any) -> tuple[np.ndarray, np.ndarray | None]:
        """Stance and sentiment probabilities of a batch's feature blocks (``featurizer.transform_blocks``);
        sentiment ``None`` without a sentiment head.

        Calibrated linear heads are scored together: the features times the stacked coefficients of every
        linear SVM of both heads (without building the feature matrix), then each head's calibrators, as
        ``predict_proba`` would. Other heads get the feature matrix and their own ``predict_proba``.
        """
        heads = [self.stance_head, self.sentiment_head]
        key = tuple(map(id, heads))
        cached = self.__dict__.get("_scorer")  # (key, scorer or None when the heads are of other kinds)
        if cached is None or cached[0] != key or (cached[1] is not None and not cached[1].current()):
            cached = self._scorer = (key, JointScorer.build(heads))
        scorer = cached[1]
        if scorer is None or scorer.weights.shape[0] != self.featurizer.n_features_out_:
            X = self.featurizer.blocks_matrix(parts)
            mp = self.sentiment_head.predict_proba(X) if self.sentiment_head is not None else None
            return self.stance_head.predict_proba(X), mp
        return scorer.predict_proba(self.featurizer, parts)

    # ------------------------------------------------------------------ persistence
    def save(self, path: str | Any) -> None:
        """Write the model and its metadata to ``path`` (a single file; no code runs when it is loaded)."""
        save_model(self, path)

    def __repr__(self) -> str:
        corpora = self.metadata.get("corpora") or self.metadata.get("training_corpora")
        return f"StanceModel(stance={self.stance_labels}, sentiment={self.sentiment_labels}, corpora={corpora!r})"

