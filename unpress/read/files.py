"""Files a build reads: only from inside their folder, only regular files, size bounded, each recorded.

Every file a build reads from a document folder or a theme folder (parts, document.yaml, images,
templates, styles) goes through `read_file`; folders it lists go through `resolve_inside`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from ..problems import ContentError, Problem

MAX_FILE_BYTES = 10 * 1024 * 1024  # a 300-page annex is about 1 MB; far larger is a mistake


class Reads:
    """The files one reading took, each with the digest of the bytes it read: what its results depend on.

    A build keys its artifacts by `digest()`, so that only files that were read count (a stray
    large file beside the parts is never read), and the bytes counted are the bytes parsed.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.files: dict[str, str] = {}  # path relative to root -> sha256 of the bytes read

    def record(self, path: Path, data: bytes) -> None:
        self.files[os.path.relpath(path, self.root)] = hashlib.sha256(data).hexdigest()

    def digest(self) -> str:
        digest = hashlib.sha256()
        for name, file_digest in sorted(self.files.items()):
            digest.update(f"{name}\0{file_digest}\0".encode())
        return digest.hexdigest()


def _refuse(path: Path, message: str, code: str) -> ContentError:
    return ContentError([Problem(str(path), None, "file", message, code)])


def resolve_inside(path: Path, root: Path, folder: str = "the document folder") -> Path:
    """Where `path` really is, following links; refused (naming `path`) if that is outside `root`,
    or if a link is broken or loops. `folder` names `root` for the message."""
    path = Path(path)
    try:
        resolved = path.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop so
        raise _refuse(path, "the link loops back on itself; make it point to a file", "link-loop") from None
    except FileNotFoundError:
        if path.is_symlink():
            raise _refuse(path, f"the link points to {os.readlink(path)}, which does not exist; "
                          "fix or delete the link", "broken-link") from None
        raise _refuse(path, "no such file (deleted while reading?)", "missing-file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _refuse(path, "the link loops back on itself; make it point to a file", "link-loop") from None
        raise _refuse(path, f"cannot be read: {error.strerror}", "unreadable") from None
    if not resolved.is_relative_to(Path(root).resolve()):
        raise _refuse(path, f"links to {resolved}, outside {folder}; a build reads nothing from outside "
                      "it: copy the file into the folder instead", "outside-folder")
    return resolved


def read_file(path: Path, root: Path, reads: Reads | None = None, limit: int = MAX_FILE_BYTES,
              folder: str = "the document folder") -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes inside `root`.

    Raises ContentError with one problem naming `path` (as given, so a link is named, not its
    target) otherwise. The size is checked on the opened file before reading, and never more than
    `limit` bytes are read (a file in /proc or one that grows while read says nothing true of its size).
    """
    path = Path(path)
    resolved = resolve_inside(path, root, folder)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the resolved path
        # cannot have been swapped for a link since it was checked.
        handle = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        raise _refuse(path, f"cannot be read: {error.strerror}", "unreadable") from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(path, "is a folder, not a file; rename it or move its files", "not-a-file")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "is not a regular file (a pipe, socket or device); a build reads only "
                          "files: replace it with a file", "not-a-file")
        if info.st_size > limit:
            raise _refuse(path, _too_large(info.st_size, limit), "too-large")
        os.set_blocking(handle, True)
        chunks, total = [], 0
        while total <= limit and (chunk := os.read(handle, min(limit + 1 - total, 1 << 20))):
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _refuse(path, _too_large(total, limit), "too-large")
    except OSError as error:
        raise _refuse(path, f"cannot be read: {error.strerror}", "unreadable") from None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if reads is not None:
        reads.record(path, data)
    return data


def _too_large(size: int, limit: int) -> str:
    return (f"{size / 2**20:.0f} MB is more than the {limit // 2**20} MB unpress reads from one file; "
            "split it into parts or make it smaller")
