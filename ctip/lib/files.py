"""Writing files that must never be left half-written, and recognising a full disk.

Exports (reports, fact sheets, templates) are written to a temporary file beside the target
and renamed into place: a full disk or a crash leaves the old file or none, never a
truncated one. `is_disk_full()` recognises "no space left" however it surfaces (an OSError
from a write, SQLite's "database or disk is full", PostgreSQL's disk_full), so the web and
the command line can say so plainly instead of failing with a traceback.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
POSTGRES_DISK_FULL = "53100"


def is_disk_full(error: BaseException | None) -> bool:
    """Whether ERROR (or what caused it) means the disk or the quota is full."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
            return True
        if getattr(error, "sqlstate", None) == POSTGRES_DISK_FULL:
            return True
        if "database or disk is full" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def _write_all(handle, data: bytes) -> None:
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


def write_file(path: str | Path, content: str | bytes) -> Path:
    """Write CONTENT (text as UTF-8) to PATH all at once: to a temporary file in the same
    directory, renamed over PATH when complete. On any error the temporary file is removed
    and the error raised; PATH is untouched."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            _write_all(handle, data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary open() would have made it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
