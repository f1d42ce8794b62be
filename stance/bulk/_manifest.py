"""The manifest of a corpus run, kept in its output folder: what the run is, and which batches are done.

Two files, both ignored by Parquet readers (their names start with ``_``):

- ``_stance_manifest.json``: the run's settings (task, model and its SHA-256, targets, input, batch size, stance
  version), written before the first batch and rewritten, complete with totals, after the last;
- ``_stance_done.jsonl``: one line per finished batch (its number, file, counts and the fingerprint of its input),
  appended only once the batch's file is in place under its final name.

A batch is done when its line is in the journal, and only then. A run killed at any point leaves at worst a batch
file without its line (rewritten by the next run, under the same name, with the same rows), a temporary file
(removed by the next run), or half a line at the end of the journal (cut off by the next run): nothing is lost
and nothing is counted twice. While a run works in a folder it holds a lock on the journal, so a second run there
stops with an error instead of writing beside it.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from stance._files import write_text_replacing
from stance.exceptions import OutputError

__all__ = ["Manifest", "PartRecord", "MANIFEST", "JOURNAL", "part_name"]

_log = logging.getLogger("stance.bulk")

MANIFEST = "_stance_manifest.json"
JOURNAL = "_stance_done.jsonl"
_FORMAT = "stance-corpus-run"
_FORMAT_VERSION = 1


def part_name(index: int) -> str:
    """The file of batch ``index``: ``part-000042.parquet`` (six digits keep up to a million batches in name order)."""
    return f"part-{index:06d}.parquet"


def _is_temporary(name: str) -> bool:
    """A temporary file of :func:`stance._files.replacing` for a batch or the manifest."""
    return name.startswith((".part-", f".{MANIFEST}.")) and name.endswith(".part")


@dataclass(frozen=True)
class PartRecord:
    """One finished batch: its number, its file, how many input records (articles or rows) it held, how many output rows
    it wrote, how many records could not be processed (and the first reason), and the fingerprint of its input."""

    index: int
    file: str
    records: int
    rows: int
    failed: int
    fingerprint: str
    first_failure: str | None = None


def _normal(settings: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(settings, sort_keys=True))


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [f"{k}: {old.get(k)!r:.120} there, {new.get(k)!r:.120} now" for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]


def _lock(fh: IO[str], folder: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        return
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise OutputError(f"{folder}: another stance run is writing there now; wait for it to finish, or write to another output") from None


class Manifest:
    """A run's manifest in ``folder`` (see the module docstring), open and locked: :meth:`open` it, :meth:`record`
    each finished batch, :meth:`complete` at the end, :meth:`close` always (or use it as a context manager)."""

    def __init__(self, folder: Path, settings: dict[str, Any], done: dict[int, PartRecord], journal: IO[str]) -> None:
        self.folder = folder
        self.settings = settings
        self.done = done
        self._journal = journal

    @classmethod
    def open(cls, folder: str | os.PathLike[str], settings: dict[str, Any]) -> Manifest:
        """Start a run in ``folder`` (created if missing, else empty) or resume the run there, which must have the same
        ``settings``; :class:`~stance.exceptions.OutputError` for a folder that holds anything else."""
        folder = Path(folder)
        settings = _normal(settings)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise OutputError(f"{folder} is a file, not a folder; give a folder for the partitioned output, or a file ending in "
                              ".parquet, .csv or .jsonl") from None
        manifest = folder / MANIFEST
        if not manifest.exists():
            others = sorted(p.name for p in folder.iterdir() if not _is_temporary(p.name))
            if others:
                raise OutputError(f"{folder} is not empty ({', '.join(others[:5])}{', …' if len(others) > 5 else ''}) and holds no stance "
                                  "run to resume; give a new or empty folder, so that nothing in it is overwritten or mixed in")
            write_text_replacing(manifest, json.dumps({"format": _FORMAT, "format_version": _FORMAT_VERSION, "settings": settings,
                                                       "complete": False}, indent=1, ensure_ascii=False) + "\n")
        journal = open(folder / JOURNAL, "a+", encoding="utf-8")
        try:
            _lock(journal, folder)
            found = cls._read_settings(manifest)
            if found != settings:
                raise OutputError(
                    f"{folder} holds a run with other settings ({'; '.join(_differences(found, settings))}); rerun with the same "
                    "settings to resume it, or write to a new output, so that two runs' rows are never mixed"
                )
            done = cls._read_journal(journal, folder)
            for p in folder.iterdir():
                if _is_temporary(p.name):  # left by a run killed while writing
                    p.unlink(missing_ok=True)
        except BaseException:
            journal.close()
            raise
        return cls(folder, settings, done, journal)

    @staticmethod
    def _read_settings(path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT or not isinstance(data.get("settings"), dict):
                raise ValueError("not a stance run manifest")
        except (OSError, ValueError, AttributeError) as exc:
            raise OutputError(f"{path}: unreadable ({exc}); it was not written by stance or was damaged: write to a new output") from None
        if data.get("format_version") != _FORMAT_VERSION:
            raise OutputError(f"{path}: a run of format version {data.get('format_version')!r}; this stance resumes version "
                              f"{_FORMAT_VERSION}: write to a new output")
        settings: dict[str, Any] = data["settings"]
        return settings

    @staticmethod
    def _read_journal(journal: IO[str], folder: Path) -> dict[int, PartRecord]:
        journal.seek(0)
        text = journal.read()
        if text and not text.endswith("\n"):  # half a line from a run killed while appending it: that batch is redone
            cut = text.rfind("\n") + 1
            journal.truncate(len(text[:cut].encode("utf-8")))
            text = text[:cut]
        done: dict[int, PartRecord] = {}
        lines = text.splitlines()
        for n, line in enumerate(lines, 1):
            try:
                rec = PartRecord(**json.loads(line))
            except (ValueError, TypeError) as exc:
                raise OutputError(f"{folder / JOURNAL}: line {n} is not a batch record ({exc}); the run's manifest was changed by "
                                  "hand: write to a new output") from None
            done[rec.index] = rec
        missing = [rec for rec in done.values() if not (folder / rec.file).is_file()]
        for rec in missing:
            _log.warning("%s: batch %d is recorded as done but its file %s is missing; it is done again", folder, rec.index, rec.file)
            del done[rec.index]
        if missing or len(done) != len(lines):  # keep one line per batch done (at worst, if killed now, some are done again)
            journal.seek(0)
            journal.truncate()
            journal.writelines(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in done.values())
            journal.flush()
        return done

    def record(self, rec: PartRecord) -> None:
        """Mark batch ``rec.index`` done (its file must already be in place)."""
        self._journal.write(json.dumps(asdict(rec), ensure_ascii=False) + "\n")
        self._journal.flush()
        self.done[rec.index] = rec

    def complete(self, summary: dict[str, Any]) -> None:
        """Mark the run complete, with its totals."""
        write_text_replacing(self.folder / MANIFEST, json.dumps({"format": _FORMAT, "format_version": _FORMAT_VERSION,
                                                                 "settings": self.settings, "complete": True, **summary},
                                                                indent=1, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._journal.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
