"""Writing artifacts all-or-nothing: a build that fails, is interrupted or is killed at any point
leaves the previous set of artifacts or the new set whole, never a mixture, and two builds into
one output folder do not lose each other's work.

A build changes its output folder only while it holds it (`OutputFolder`, a lock on the folder
itself). It writes each new file to a temporary file beside its place (`StagedWrites`), then lists
the renames that put them in place in a journal, then renames, then deletes the journal. The next
build to open the folder finishes the renames (and the deletions) of a journal it finds (all the
new files are written by then) and deletes temporary files that no journal lists (a build killed before its
journal was complete: its files were never put in place).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import tempfile
from pathlib import Path

from .problems import EnvironmentFault, display_path

JOURNAL = ".unpress-journal"
# The temporary files tempfile.mkstemp makes for StagedWrites: ".<name>.<8 random characters>.part".
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.part")


class OutputFault(EnvironmentFault):
    """The output folder cannot be written: read-only, full, a file in the way."""

    def __init__(self, path: Path, error: OSError):
        self.path, self.error = Path(path), error
        super().__init__(f"{display_path(path)}: cannot write the output there: {_cause(error)}")


def _cause(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only to unpress; make it writable, or choose another with --out"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; free some space, or choose another folder with --out"
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return "a file is in the way of a folder there; move it, or choose another folder with --out"
    return f"{error.strerror or error}; fix that, or choose another folder with --out"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class OutputFolder:
    """The output folder, held by one build at a time while it reads its manifest or changes it.

    The lock is on the folder itself (flock), so nothing is left in it, and it ends with the
    process that held it. Opening the folder first completes or clears what a killed build left.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._handle: int | None = None

    def __enter__(self) -> OutputFolder:
        try:
            if self.path.exists() and not self.path.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            self._handle = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            fcntl.flock(self._handle, fcntl.LOCK_EX)
            _recover(self.path)
        except OSError as error:
            self.__exit__(None, None, None)
            raise OutputFault(Path(error.filename or self.path), error) from None
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if self._handle is not None:
            os.close(self._handle)  # and with it the lock
            self._handle = None
        if isinstance(error, OSError):  # writing there failed: the environment, not a bug
            raise OutputFault(Path(error.filename or self.path), error) from None


def _recover(folder: Path) -> None:
    """Finish the renames of a complete journal, drop an incomplete one, delete stray temporary files."""
    journal = folder / JOURNAL
    if journal.exists():
        try:
            steps = json.loads(journal.read_text(encoding="utf-8"))
            renames, deletes = steps["renames"], steps.get("deletes", [])
        except (ValueError, KeyError, TypeError, AttributeError):
            renames, deletes = [], []  # written only in part: the build was killed before its first rename
        for temporary, target in renames:
            if (folder / temporary).exists():
                os.replace(folder / temporary, folder / target)
        for target in deletes:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / target)
        _sync_folder(folder)
        os.unlink(journal)
    documents = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    beside = [p for d in documents for p in d.iterdir() if p.is_dir() and not p.is_symlink()]  # an HTML's images
    for place in [folder, *documents, *beside]:
        for entry in os.scandir(place):
            if _TEMPORARY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


class StagedWrites:
    """Files written to temporary files beside their places, renamed into place together (and
files deleted with them, after the renames).

    Used as a context manager: leaving it normally renames every file into place; leaving it by
    an exception (Ctrl-C included) deletes the temporary files and leaves the previous files as
    they were. Given the `folder` it writes into (held as an `OutputFolder`), it journals the
    renames first, so that a kill between two of them is completed by the next build. An OSError
    names, as its filename, the folder that could not be written.
    """

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else None
        self._staged: list[tuple[Path, Path]] = []  # (temporary file, its place)
        self._deletes: list[Path] = []
        self._journaled = False  # from then on the next build finishes the renames if this one cannot

    def write(self, path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
            self._staged.append((Path(name), path))
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view):]
                os.fchmod(handle, 0o666 & ~_umask())  # mkstemp makes it private; artifacts are not
                os.fsync(handle)
            finally:
                os.close(handle)
        except OSError as error:
            error.filename = str(path.parent)
            raise

    def delete(self, path: Path) -> None:
        """Delete `path` (if it is there) when the staged files are put in place, not before."""
        self._deletes.append(Path(path))

    def __enter__(self) -> StagedWrites:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if kind is None and (self._staged or self._deletes):
                self._commit()
        finally:
            for temporary, _ in [] if self._journaled else self._staged:
                try:
                    os.unlink(temporary)
                except OSError:  # never made
                    pass
            self._staged.clear()
            self._deletes.clear()

    def _commit(self) -> None:
        if self.folder is not None:
            self._write_journal()
        for temporary, path in self._staged:
            try:
                os.replace(temporary, path)  # one atomic step per file; the journal makes them one
            except OSError as error:
                error.filename = str(path.parent)
                raise
        for path in self._deletes:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            except OSError as error:
                error.filename = str(path.parent)
                raise
        if self.folder is not None:
            for place in {path.parent for _, path in self._staged} | {path.parent for path in self._deletes if path.parent.is_dir()}:
                _sync_folder(place)
            os.unlink(self.folder / JOURNAL)

    def _write_journal(self) -> None:
        renames = [[os.path.relpath(temporary, self.folder), os.path.relpath(path, self.folder)]
                   for temporary, path in self._staged]
        deletes = [os.path.relpath(path, self.folder) for path in self._deletes]
        data = json.dumps({"renames": renames, "deletes": deletes}).encode("utf-8")
        try:
            handle = os.open(self.folder / JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            try:
                while data:
                    data = data[os.write(handle, data):]
                os.fsync(handle)
            finally:
                os.close(handle)
            _sync_folder(self.folder)  # the journal is there before any rename
        except OSError as error:
            error.filename = str(self.folder)
            raise
        self._journaled = True
