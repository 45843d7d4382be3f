"""Writing artifacts so that a failed or interrupted build never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class StagedWrites:
    """Artifacts written to temporary files beside their places, renamed into place together.

    Used as a context manager: leaving it normally renames every file into place; leaving it
    by an exception (Ctrl-C included) deletes the temporary files and leaves the previous
    artifacts as they were.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[str, Path]] = []

    def write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        self._staged.append((temporary, path))
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; artifacts are not

    def __enter__(self) -> StagedWrites:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        try:
            while self._staged and kind is None:
                temporary, path = self._staged[0]
                os.replace(temporary, path)  # one atomic step per file
                self._staged.pop(0)
        finally:
            for temporary, _ in self._staged:
                if os.path.exists(temporary):
                    os.unlink(temporary)
            self._staged.clear()
