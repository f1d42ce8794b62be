"""Reading a model file's zip members without inflating more than they declare, or more than a model can hold.

Every size is checked before anything is inflated: the central directory (how many members, how large), each
member's declared size against a fixed limit, and the archives inside the members (``weights.skops`` and
``encoder.npz`` are zip files themselves, read later by :mod:`skops.io` and numpy) member by member. Members are
then read in chunks, hashed as they come, and refused if more bytes come out than they declared.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from stance.exceptions import ModelFormatError

__all__ = ["MEMBER_LIMITS", "INNER_LIMIT", "open_zip", "read_member", "check_inner_archive"]

MiB = 1 << 20
GiB = 1 << 30

#: The members a model file may hold, and the most each may declare (uncompressed bytes). The shipped models hold
#: 14 KB of metadata, 6 MB of weights and 19 MB of encoder.
MEMBER_LIMITS: Mapping[str, int] = MappingProxyType({"metadata.json": 4 * MiB, "weights.skops": 512 * MiB, "encoder.npz": 1 * GiB})
#: The most the members of an archive inside a member may declare together (nested archives included).
INNER_LIMIT = 1 * GiB
#: The most a JSON member of an inner archive (skops' schema.json) may declare.
INNER_JSON_LIMIT = 64 * MiB
#: The most members an inner archive may hold (the shipped ones hold 24 and 114).
INNER_MEMBERS = 20_000
#: The largest central directory of a model file itself (three members need about 200 bytes).
CENTRAL_DIRECTORY_LIMIT = 64 * 1024
_CHUNK = MiB
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = b"PK\x06\x07"


def _size(n: int) -> str:
    return f"{n / GiB:.1f} GiB" if n >= GiB else f"{n / MiB:.1f} MiB" if n >= MiB else f"{n:,} bytes"


def _check_central_directory(path: Path) -> None:
    """Refuse a central directory too large for a model file before :class:`zipfile.ZipFile` parses it all. Files
    without an end record are left to zipfile, which calls them corrupt."""
    with open(path, "rb") as fh:
        fh.seek(0, io.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - _EOCD.size - 0xFFFF))
        tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        return
    _, _, _, _, entries, cd_size, _, _ = _EOCD.unpack_from(tail, at)
    if at >= 20 and tail[at - 20:at - 16] == _ZIP64_LOCATOR:
        raise ModelFormatError(f"{str(path)!r} is a ZIP64 archive; a stance model file never is (it stays under 2 GiB): "
                               "it was not written by model.save(); save or download it again")
    if entries > len(MEMBER_LIMITS) or cd_size > CENTRAL_DIRECTORY_LIMIT:
        raise ModelFormatError(f"{str(path)!r} lists {entries:,} members in {_size(cd_size)} of central directory; a stance model "
                               f"file holds at most {len(MEMBER_LIMITS)} ({', '.join(MEMBER_LIMITS)}): save or download it again")


def open_zip(path: Path) -> zipfile.ZipFile:
    """The model file at ``path`` opened, its members checked by name and declared size (nothing inflated)."""
    _check_central_directory(path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ModelFormatError(f"{str(path)!r} is truncated or corrupt ({exc}); save or download it again") from None
    try:
        seen: set[str] = set()
        for info in zf.infolist():
            limit = MEMBER_LIMITS.get(info.filename)
            if limit is None:
                raise ModelFormatError(f"{str(path)!r} holds a member {info.filename!r:.80}, which is not part of a stance model file "
                                       f"(those hold {', '.join(MEMBER_LIMITS)}); save or download it again")
            if info.filename in seen:
                raise ModelFormatError(f"{str(path)!r} holds member {info.filename!r} twice; save or download it again")
            seen.add(info.filename)
            if info.file_size > limit:
                raise ModelFormatError(f"{str(path)!r}: member {info.filename!r} declares {_size(info.file_size)} "
                                       f"({info.file_size:,} bytes), over the limit of {_size(limit)} for it; it was not written "
                                       "by model.save() or is damaged: save or download it again")
    except BaseException:
        zf.close()
        raise
    return zf


def read_member(zf: zipfile.ZipFile, path: Path, name: str, *, expect_bytes: int | None = None) -> tuple[bytes, str]:
    """Member ``name`` (checked by :func:`open_zip`) and its SHA-256, read in chunks; refused when it gives more or
    fewer bytes than it declares, or declares other than ``expect_bytes`` (its size recorded in the metadata).
    Raises :class:`KeyError` when the member is absent."""
    info = zf.getinfo(name)
    declared = info.file_size
    if expect_bytes is not None and declared != expect_bytes:
        raise ModelFormatError(f"{str(path)!r}: member {name!r} declares {declared:,} bytes but its metadata records {expect_bytes:,}; "
                               "the file was changed or damaged after it was saved. Save or download it again")
    digest = hashlib.sha256()
    buf = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(min(_CHUNK, declared + 1 - len(buf))):
                buf += chunk
                digest.update(chunk)
                if len(buf) > declared:
                    raise ModelFormatError(f"{str(path)!r}: member {name!r} gives more than the {declared:,} bytes it declares; "
                                           "it is damaged or crafted: save or download the model again")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ModelFormatError(f"{str(path)!r}: member {name!r} is unreadable ({exc}); save or download the model again") from None
    if len(buf) != declared:
        raise ModelFormatError(f"{str(path)!r}: member {name!r} gives {len(buf):,} bytes, not the {declared:,} it declares; "
                               "save or download the model again")
    return bytes(buf), digest.hexdigest()


def check_inner_archive(data: bytes, path: Path, member: str, *, limit: int = INNER_LIMIT, depth: int = 2) -> int:
    """Check the archive ``data`` (member ``member`` of the model file) before skops or numpy read it: at most
    :data:`INNER_MEMBERS` members, JSON members at most :data:`INNER_JSON_LIMIT`, and all declared sizes together
    (those of archives nested up to ``depth`` deep included) at most ``limit``. Returns the total declared."""
    where = f"{str(path)!r}: member {member!r}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > INNER_MEMBERS:
                raise ModelFormatError(f"{where} holds {len(infos):,} files, over the limit of {INNER_MEMBERS:,}; save or download the model again")
            total = 0
            for info in infos:
                total += info.file_size
                if info.filename.endswith(".json") and info.file_size > INNER_JSON_LIMIT:
                    raise ModelFormatError(f"{where}: {info.filename!r:.80} declares {_size(info.file_size)}, over the limit of "
                                           f"{_size(INNER_JSON_LIMIT)}; save or download the model again")
                if total > limit:
                    raise ModelFormatError(f"{where}: its files declare {_size(total)} or more ({info.filename!r:.80} alone "
                                           f"{_size(info.file_size)}), over the limit of {_size(limit)}; save or download the model again")
            for info in infos:
                if info.filename.endswith(".npz") and depth > 0:
                    inner, _ = read_member(zf, path, info.filename)
                    total += check_inner_archive(inner, path, f"{member}/{info.filename}", limit=limit - total, depth=depth - 1)
                    if total > limit:  # pragma: no cover - the nested call already refuses
                        raise ModelFormatError(f"{where}: its files declare more than {_size(limit)}; save or download the model again")
    except zipfile.BadZipFile as exc:
        raise ModelFormatError(f"{where} is not a readable archive ({exc}); save or download the model again") from None
    return total
