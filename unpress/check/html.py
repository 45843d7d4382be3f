"""The HTML reader of `unpress check`: the DOM, with lxml."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from .facts import Facts, normalise


def read_html(path: Path) -> Facts:
    root = lxml.html.fromstring(path.read_bytes())

    def texts(selector: str, within=root) -> tuple[str, ...]:
        return tuple(normalise(e.text_content()) for e in within.cssselect(selector))

    notes = []
    for note in root.cssselect(".notes [role=doc-footnote]"):
        mark = normalise(note.cssselect(".note-mark")[0].text_content())
        for element in note.cssselect(".note-mark, [role=doc-backlink]"):
            element.drop_tree()
        notes.append((mark, normalise(note.text_content())))
    title = texts("h1.title")
    job = texts(".job-line")
    return Facts(
        symbols=texts(".masthead .symbol"),
        masthead=texts(".masthead .distribution p"),
        notes=tuple(notes),
        labels=tuple(label.rstrip() for label in texts("main .labelled > .label")),
        job=job[0] if job else None,
        document_title=" ".join(texts("head > title")),
        session=texts(".front .session"),
        agenda=texts(".front .agenda"),
        title=title[0] if title else "",
        figures=tuple((normalise(" ".join(texts("figcaption > span", figure))),
                       normalise(figure.cssselect("img.figure-image")[0].get("alt", "")))
                      for figure in root.cssselect("main figure.figure")),
    )

