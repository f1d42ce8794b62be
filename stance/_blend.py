"""The encoder blend of a :class:`stance.model.StanceModel`: its small transformer and the shares at which its
probabilities are mixed into the linear heads' (stance, with its own share on cued statements, and sentiment).
The model holds one (:attr:`StanceModel.blend`); this module reads the encoder and mixes, the model decides which
statements are cued."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from stance.exceptions import InputError

if TYPE_CHECKING:
    from stance.encoder import PairEncoder
    from stance.pairs import Pair

__all__ = ["EncoderBlend", "EncoderOutput", "SpeakerLayer"]

#: The encoder's stance probabilities, its sentiment probabilities (``None`` without a sentiment layer), and which
#: statements it read in part (:meth:`stance.encoder.PairEncoder.forward`).
EncoderOutput = tuple[np.ndarray, "np.ndarray | None", np.ndarray]


@dataclass(frozen=True)
class SpeakerLayer:
    """How a model whose encoder has a speaker layer (:attr:`stance.encoder.PairEncoder.has_speaker_layer`) reads a
    statement whose speaker is named: the stance the speaker takes in it, from that layer's probabilities blended
    with the linear head's at ``weight`` (``weight_cued`` on cued statements), the label chosen with ``none_offset``
    added to the NONE probability (in place of the model's own stance offsets)."""

    weight: float
    weight_cued: float
    none_offset: float

    def __post_init__(self) -> None:
        for name in ("weight", "weight_cued", "none_offset"):
            value = getattr(self, name)
            low = -1.0 if name == "none_offset" else 0.0
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= 1.0:
                raise InputError(f"speaker layer {name}={value!r}; give a number between {low:g} and 1")

    def to_dict(self) -> dict[str, float]:
        return {"weight": float(self.weight), "weight_cued": float(self.weight_cued), "none_offset": float(self.none_offset)}


@dataclass(frozen=True)
class EncoderBlend:
    """An encoder and its shares. ``weight``: its share of the stance probabilities; ``weight_cued``: its share on
    statements where a support or oppose cue takes the target as its object (``None``: ``weight`` everywhere);
    ``sentiment_weight``: its share of the sentiment probabilities."""

    encoder: PairEncoder
    weight: float
    sentiment_weight: float = 0.0
    weight_cued: float | None = None

    def read(self, pairs: Sequence[Pair], extras: Mapping[str, Sequence[str | None]] | None = None,
             on_batch: Callable[[int], None] | None = None, named: np.ndarray | None = None) -> EncoderOutput:
        """The encoder's probabilities of ``pairs``; ``extras`` may hold each pair's ``speaker`` and ``context``
        (read only by an encoder trained with them); the stance of the pairs where ``named`` is true comes from the
        encoder's speaker layer."""
        from stance.encoder import encoder_input

        extras = extras or {}
        reads = self.encoder.inputs
        speakers, contexts = extras.get("speaker"), extras.get("context")
        inputs = [encoder_input(p.text, p.target, p.aliases, p.span, speaker=speakers[i] if speakers else None,
                                context=contexts[i] if contexts else None, inputs=reads) for i, p in enumerate(pairs)]
        return self.encoder.forward([a for a, _ in inputs], [b for _, b in inputs], on_batch=on_batch, speaker_rows=named)

    def stance_shares(self, cued: np.ndarray) -> np.ndarray:
        """The encoder's share of each statement's stance probabilities, given which statements are cued."""
        if self.weight_cued is None or self.weight_cued == self.weight:
            return np.full(len(cued), self.weight)
        return np.where(cued, self.weight_cued, self.weight)

    def mix(self, linear: np.ndarray, classes: list[str], enc: EncoderOutput, task: str, shares: np.ndarray | None = None) -> np.ndarray:
        """``linear`` (a head's probabilities, columns in ``classes`` order) mixed with the encoder's for ``task``: for
        stance at ``shares`` (one per row; default ``weight``), for sentiment at ``sentiment_weight``; unchanged when
        the share is 0 or the encoder has no such layer."""
        probs: np.ndarray | None
        w: float | np.ndarray
        if task == "stance":
            w, probs, labels = (shares[:, None] if shares is not None else self.weight), enc[0], self.encoder.labels
        else:
            w, probs, labels = self.sentiment_weight, enc[1], self.encoder.sentiment_labels
        if np.all(np.asarray(w) <= 0) or probs is None:
            return linear
        return (1.0 - w) * linear + w * probs[:, [labels.index(c) for c in classes]]
