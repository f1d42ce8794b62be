"""Reading a user's article files for the command line (``stance extract``, ``stance analyze``)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_article"]


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
