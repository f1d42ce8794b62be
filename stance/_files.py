"""Reading a user's article files for the command line (``stance extract``, ``stance analyze``), and writing
output files so that a failed or concurrent write never leaves a damaged one (:func:`replacing`)."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["read_article", "replacing", "write_text_replacing"]


def _new_temp(target: Path) -> Path:
    """A new empty file next to ``target`` under a name no other process or thread uses (created with ``O_EXCL``),
    with the permissions a plain write would give: those of ``target`` when it exists, else 0o666 less the umask."""
    folder = target.parent
    for _ in range(100):
        tmp = folder / f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.part"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = None
        try:
            if mode is not None:
                os.chmod(tmp, mode)
        finally:
            os.close(fd)
        return tmp
    raise FileExistsError(f"{folder}: cannot create a temporary file next to {target.name}; clear the .{target.name}.*.part files")


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the folder of ``path`` to write the whole output to; on success it is renamed to
    ``path`` in one step (``os.replace``), on any failure it is removed and ``path`` is left as it was.

    Each call gets its own temporary name, so two processes or threads writing the same ``path`` never write into
    one file: the last to finish wins, with its complete output, and a reader sees the old file or a new one."""
    target = Path(path)
    tmp = _new_temp(target)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_replacing(path: str | os.PathLike[str], text: str) -> None:
    """``Path(path).write_text(text, encoding="utf-8")`` through :func:`replacing`."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def read_article(path: str, purpose: str) -> tuple[str | None, str | None]:
    """``(text, None)``, or ``(None, message)`` naming the file, what is wrong and what to do; ``purpose`` ends the
    message for an empty file ("nothing to extract")."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return None, f"{path}: no such file; check the path"
    except IsADirectoryError:
        return None, f"{path}: is a directory; pass the text files inside it"
    except OSError as exc:
        return None, f"{path}: cannot be read ({exc.strerror or exc}); check its permissions"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, (
            f"{path}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8 FILE > FILE.utf8`"
        )
    if not text.strip():
        return None, f"{path}: empty file; {purpose} (pass a file with the article text)"
    return text, None
