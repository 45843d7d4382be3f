"""The layout cache of the PDF's parts (render/pdf_parts.py), in the output folder; without WeasyPrint,
so that the build can hand it to the renderer whatever formats it builds."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

# The cache's folder in the output folder: a part of each artifact's, by its path there.
FOLDER = ".unpress-cache"


class LayoutCache:
    """The PDFs of one artifact's parts as the last build laid them out, in the output folder: a
    part whose key has not changed is not laid out again. The key is a digest of the part's print
    HTML (its text, styles and images), its first page number and `inputs` (what else its pages
    are made from: unpress itself and the build's settings). After each build the folder holds
    the parts of that build only. `read` false (`--force`): every part is laid out again."""

    def __init__(self, folder: Path, inputs: str, read: bool = True):
        self.folder, self.inputs, self.read = folder, inputs, read

    def key(self, html: str, first_page: int) -> str:
        """The key of a part: `html`, everything else the renderer lays it out from, and its page."""
        digest = hashlib.sha256(f"{self.inputs}\0{first_page}\0".encode())
        digest.update(html.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> tuple[bytes, dict] | None:
        """The PDF and the facts kept with it, or None (not kept, or not readable as kept)."""
        if not self.read:
            return None
        try:
            facts = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            data = (self.folder / f"{key}.pdf").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(facts, dict) or facts.get("sha256") != hashlib.sha256(data).hexdigest():
            return None  # written in part, or changed since
        return data, facts

    def keep(self, kept: dict[str, tuple[bytes, dict]]) -> None:
        """Keep these parts (key: PDF, facts) and nothing else. A folder that cannot be written
        costs the next build its layouts, not this build its PDF: the errors are not reported."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            for key, (data, facts) in kept.items():
                if (self.folder / f"{key}.json").exists():
                    continue
                facts = {**facts, "sha256": hashlib.sha256(data).hexdigest()}
                for suffix, content in ((".pdf", data), (".json", json.dumps(facts).encode("utf-8"))):
                    handle, name = tempfile.mkstemp(dir=self.folder, prefix=f".{key}{suffix}.", suffix=".part")
                    with os.fdopen(handle, "wb") as file:
                        file.write(content)
                    os.replace(name, self.folder / f"{key}{suffix}")
            names = {f"{key}{suffix}" for key in kept for suffix in (".pdf", ".json")}
            for entry in os.scandir(self.folder):
                if entry.name not in names and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
