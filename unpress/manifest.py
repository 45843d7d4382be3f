"""dist/manifest.json: what each artifact is, what it was built from, and its checksum."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path


# The format of a PDF's print HTML (build --keep-print-html) in the manifest: the HTML WeasyPrint
# laid out, beside its PDF as NAME-LANG.print.html.
PRINT_HTML = "print-html"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the manifest's folder
    format: str
    lang: str
    symbol: str
    size: int
    sha256: str
    source: str  # the content folder, relative to the manifest's folder
    inputs: str  # digest of everything the artifact was made from (see pipeline.inputs_key)
    # For a file written beside an artifact (the HTML's images with html_images = "files", format
    # "image"): the artifact's path. Empty for an artifact, and then not written.
    of: str = ""


class Manifest:
    """The entries of one output folder, merged across builds of parts of it (or CI shards)."""

    FILE = "manifest.json"

    def __init__(self, entries: dict[str, Entry] | None = None):
        self.entries = dict(entries or {})
        self._recorded: set[str] = set()

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / cls.FILE
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls({item["path"]: Entry(**item) for item in data["artifacts"]})
        except (ValueError, KeyError, TypeError):
            return cls()  # a manifest from another version or damaged: everything is rebuilt

    def is_current(self, path: Path, inputs: str, folder: Path) -> bool:
        """The artifact on disk is the one recorded, made from the same inputs, and so are the
        files written beside it."""
        entry = self.entries.get(path.as_posix())
        return (entry is not None and entry.inputs == inputs and self._on_disk(entry, folder)
                and all(self._on_disk(beside, folder) for beside in self.beside(path)))

    @staticmethod
    def _on_disk(entry: Entry, folder: Path) -> bool:
        target = folder / entry.path
        return (target.is_file() and not target.is_symlink() and target.stat().st_size == entry.size
                and sha256(target.read_bytes()) == entry.sha256)

    def beside(self, path: Path) -> list[Entry]:
        """The entries of the files written beside the artifact at `path`."""
        return [entry for entry in self.entries.values() if entry.of == path.as_posix()]

    def record(self, entry: Entry) -> None:
        self.entries[entry.path] = entry
        self._recorded.add(entry.path)

    def forget(self, path: str) -> None:
        """The entry of an artifact this build deletes."""
        self.entries.pop(path, None)
        self._recorded.discard(path)

    def merge(self, other: Manifest) -> None:
        for entry in other.entries.values():
            self.record(entry)

    def dumps(self, folder: Path) -> bytes:
        """The manifest as JSON, without entries whose artifact is gone."""
        kept = [entry for path, entry in sorted(self.entries.items())
                if path in self._recorded or (folder / path).is_file()]
        data = {"artifacts": [{key: value for key, value in asdict(entry).items() if key != "of" or value}
                              for entry in kept]}
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
