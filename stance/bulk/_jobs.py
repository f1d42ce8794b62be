"""What a worker does with one batch: the model it loads (once per process) and the two jobs, analyze and predict.

A job is a small frozen record that Dask sends to every worker with each batch; calling it on a batch returns a
:class:`~stance.bulk._batches.PartResult`. The model is named, not sent: each process loads it the first time a job
needs it and keeps it (:func:`load_model`, keyed by the model's name, the SHA-256 of its file and the load options),
so a worker loads it once however many batches it runs.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stance._version import __version__
from stance.bulk._batches import ArticleBatch, PartResult, RowBatch
from stance.exceptions import InputError, ModelFormatError, StanceError

if TYPE_CHECKING:
    from stance.model import StanceModel

__all__ = ["ModelSpec", "AnalyzeJob", "PredictJob", "load_model"]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class ModelSpec:
    """The model of a run as every process loads it: ``name`` is a built-in name (``default``, ``default-linear``,
    ``semeval2016``) or a file's absolute path; ``sha256`` that of the file when the run started, which each process
    checks, so that no worker labels with another copy."""

    name: str
    sha256: str
    allow_pickle: bool = False
    threads: int | None = None

    @classmethod
    def of(cls, model: str | os.PathLike[str] | None, *, allow_pickle: bool = False, threads: int | None = None) -> ModelSpec:
        """The spec of ``model`` (``None``: the default model); :class:`~stance.exceptions.ModelFormatError` when it
        names no built-in model and no file."""
        from stance.model import StanceModel

        if isinstance(model, StanceModel):
            raise InputError("a corpus run loads its model in each worker process, so it takes the model's name or file, not a "
                             "loaded model: save it with model.save('my.stance') and pass 'my.stance'")
        name = "default" if model is None else os.fspath(model)
        file = _file_of(name)
        if file is None:
            file = Path(name).resolve()
            name = str(file)
        if not file.is_file():
            raise ModelFormatError(f"model {os.fspath(model or 'default')!r}: no such file; give a built-in name "
                                   "(default, default-linear, semeval2016) or the path of a model file")
        return cls(name, _sha256(file), allow_pickle, threads)

    def file(self) -> Path:
        return _file_of(self.name) or Path(self.name)

    def settings(self) -> dict[str, Any]:
        """What a resumed run must share with the first: the model and its file's hash (not the thread count)."""
        return {"model": self.name, "model_sha256": self.sha256}

    def stance_labels(self) -> list[str]:
        """The model's stance labels, from its metadata without loading its weights (a pickle file is loaded)."""
        from stance.labels import ordered
        from stance.persistence import read_metadata

        try:
            labels = read_metadata(self.file()).get("stance_labels")
        except ModelFormatError:
            labels = None
        if not labels:
            return list(load_model(self).stance_labels)
        return ordered([str(x) for x in labels], "stance")


def _file_of(name: str) -> Path | None:
    from stance.api import BUILTIN_MODELS, MODELS_DIR

    return MODELS_DIR / BUILTIN_MODELS[name] if name in BUILTIN_MODELS else None


_LOADING = threading.Lock()


@functools.lru_cache(maxsize=4)
def _load_once(spec: ModelSpec) -> StanceModel:
    from stance.api import load

    found = _sha256(spec.file())
    if found != spec.sha256:
        raise ModelFormatError(
            f"model {spec.name!r}: the file this process sees (SHA-256 {found[:12]}…) is not the one the run started with "
            f"({spec.sha256[:12]}…); give every worker the same model file, or start a new run"
        )
    return load(spec.name, allow_pickle=spec.allow_pickle, threads=spec.threads)


def load_model(spec: ModelSpec) -> StanceModel:
    """The model of ``spec``, loaded the first time this process asks for it and kept for the next batches."""
    with _LOADING:  # threads of one worker wait for the first load instead of loading it again
        return _load_once(spec)


def _check_version(version: str) -> None:
    if version != __version__:
        raise StanceError(f"this worker runs stance {__version__}, the run was started with stance {version}; install the same "
                          "version of stancelens on every machine of the cluster")


@dataclass(frozen=True)
class AnalyzeJob:
    """Extract the statements of each article and label each toward each target (:func:`stance.tidy.analyze_records`);
    an article that cannot be analyzed becomes one row with the reason."""

    targets: tuple[str, ...]
    model: ModelSpec
    aliases: Mapping[str, Sequence[str]] = field(default_factory=dict)
    version: str = __version__

    task = "analyze"

    def settings(self) -> dict[str, Any]:
        return {"task": self.task, **self.model.settings(), "targets": list(self.targets),
                "aliases": {k: list(v) for k, v in sorted(self.aliases.items())}, "stance": self.version}

    def schema(self) -> Any:
        from stance.tidy import arrow_schema

        return arrow_schema()

    def __call__(self, batch: ArticleBatch) -> PartResult:
        import pyarrow as pa

        from stance.tidy import analyze_records

        _check_version(self.version)
        model = load_model(self.model)
        columns = analyze_records(batch.ids, batch.texts, self.targets, model=model, aliases=self.aliases, errors="flag",
                                  reasons=batch.reasons)
        failures = [f"{i}: {e}" for i, e in zip(columns["article_id"], columns["error"]) if e is not None]
        return PartResult(pa.Table.from_pydict(columns, schema=self.schema()), len(failures), failures[0] if failures else None)


@dataclass(frozen=True)
class PredictJob:
    """Label each row of a table (:func:`stance.frames.predict_frame` with ``errors="flag"``) and add the prediction
    columns to the row as it was read. ``target`` is the column of targets, or ``fixed_target`` one target for all."""

    text: str
    target: str | None
    model: ModelSpec
    input_schema: Any
    labels: tuple[str, ...]
    fixed_target: str | None = None
    aliases: str | None = None
    speaker: str | None = None
    context: str | None = None
    prefix: str = ""
    version: str = __version__

    task = "predict"

    def settings(self) -> dict[str, Any]:
        return {"task": self.task, **self.model.settings(), "text_column": self.text, "target_column": self.target,
                "target": self.fixed_target, "aliases_column": self.aliases, "speaker_column": self.speaker,
                "context_column": self.context, "prefix": self.prefix, "stance": self.version}

    def added(self) -> dict[str, Any]:
        """The Arrow types of the columns the job adds, in order."""
        import pyarrow as pa

        from stance.frames import prediction_columns

        types = {}
        for name, dtype in prediction_columns(self.labels, self.prefix).items():
            if dtype == "float64":
                types[name] = pa.float64()
            elif name == f"{self.prefix}flags":
                types[name] = pa.list_(pa.string())
            else:
                types[name] = pa.string()
        return types

    def schema(self) -> Any:
        import pyarrow as pa

        schema = self.input_schema
        for name, type_ in self.added().items():
            schema = schema.append(pa.field(name, type_))
        return schema

    def __call__(self, batch: RowBatch) -> PartResult:
        import pyarrow as pa

        from stance.frames import predict_frame

        _check_version(self.version)
        model = load_model(self.model)
        used = [c for c in (self.text, self.target, self.aliases, self.speaker, self.context) if c is not None]
        frame = batch.table.select(list(dict.fromkeys(used))).to_pandas()
        target = self.target
        if target is None:
            target = "__stance_target__"
            frame[target] = self.fixed_target
        out = predict_frame(model, frame, text=self.text, target=target, aliases=self.aliases, speaker=self.speaker,
                            context=self.context, errors="flag", prefix=self.prefix, progress=False)
        table = batch.table
        for name, type_ in self.added().items():
            values = out[name].tolist()
            if name == f"{self.prefix}flags":
                values = [list(v) for v in values]
            table = table.append_column(pa.field(name, type_), pa.array(values, type=type_, from_pandas=True))
        errors = out[f"{self.prefix}error"]
        failed = errors.notna()
        first = f"row {batch.first + int(failed.to_numpy().argmax())}: {errors[failed].iloc[0]}" if failed.any() else None
        return PartResult(table, int(failed.sum()), first)
