"""Ways to damage built artifacts for the tests of `unpress check`, and running it on them."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from unpress import model as m
from unpress.cli import main
from unpress.read.content import load_document
from unpress.render import RenderContext
from unpress.render.pdf import render
from unpress.settings import Settings
from unpress.theme import Theme


def rewrite_part(docx: Path, part: str, old: str, new: str) -> None:
    """Replace the first match of the pattern `old` in one part of the package, the others as they were."""
    with zipfile.ZipFile(docx) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == part:
                text = data.decode("utf-8")
                damaged = re.sub(old, new, text, count=1, flags=re.DOTALL)
                assert damaged != text
                data = damaged.encode("utf-8")
            target.writestr(info, data)


def rerender(pdf: Path, content: Path, change: Callable[[m.Version], m.Version], lang: str | None = None) -> None:
    """Put in place of a built PDF one rendered from its version (the only one, or `lang`) as
    `change` makes it. Text in a PDF is glyph ids of subset fonts: a PDF is damaged as a faulty
    renderer would damage it."""
    document = load_document(content)[0]
    (version,) = [v for v in document.versions if lang in (None, v.lang)]
    context = RenderContext(document, Theme.with_user_folders(), Settings())
    pdf.write_bytes(render(change(version), context))


def with_label(version: m.Version, old: str, new: str) -> m.Version:
    def relabel(block):
        return dataclasses.replace(block, label=new) if getattr(block, "label", None) == old else block
    return dataclasses.replace(version, parts=tuple(dataclasses.replace(part, blocks=tuple(map(relabel, part.blocks)))
                                                    for part in version.parts))


def with_note(version: m.Version, mark: str, text: str | None) -> m.Version:
    """The note `mark` with another text, or without it (None); its reference stays in the text."""
    notes = tuple(note if note.mark != mark else dataclasses.replace(note, children=(m.Text(text),))
                  for note in version.notes if note.mark != mark or text is not None)
    return dataclasses.replace(version, notes=notes)


def with_masthead(version: m.Version, **values) -> m.Version:
    return dataclasses.replace(version, masthead=dataclasses.replace(version.masthead, **values))


def check(out: Path, capsys) -> tuple[int, list[str]]:
    """`unpress check out`: its exit status and the lines it printed."""
    capsys.readouterr()
    status = main(["check", str(out)])
    return status, capsys.readouterr().err.splitlines()
