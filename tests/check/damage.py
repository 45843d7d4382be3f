"""Ways to damage built artifacts for the tests of `unpress check`, and running it on them."""

from __future__ import annotations

import dataclasses
import hashlib
import json
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


# --- damage to the text, as a faulty renderer (or a careless re-export) would do it ---------------

def rerender_as(artifact: Path, content: Path, change: Callable[[m.Version], m.Version]) -> None:
    """Put in place of a built artifact of any format the same format rendered from its version
    (by the file's language suffix) as `change` makes it."""
    from unpress.render import EXTENSIONS, renderer

    document = load_document(content)[0]
    stem = artifact.stem
    (version,) = [v for v in document.versions if v.file_stem == stem]
    context = RenderContext(document, Theme.with_user_folders(), Settings())
    (fmt,) = [fmt for fmt, extension in EXTENSIONS.items() if extension == artifact.suffix[1:]]
    artifact.write_bytes(renderer(fmt)(change(version), context))


def rerecord(out: Path) -> None:
    """Record the artifacts' present sha256 and size in the manifest, as a re-export would leave it:
    then only the comparison of their text can see a change."""
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in data["artifacts"]:
        content = (out / entry["path"]).read_bytes()
        entry["sha256"], entry["size"] = hashlib.sha256(content).hexdigest(), len(content)
    manifest.write_text(json.dumps(data), encoding="utf-8")


def _texts(version: m.Version) -> list[tuple[int, int, m.Block]]:
    """(part index, block index, block) of the paragraphs, labelled paragraphs and headings of the parts."""
    return [(p, b, block) for p, part in enumerate(version.parts) for b, block in enumerate(part.blocks)
            if isinstance(block, (m.Paragraph, m.LabelledParagraph, m.Heading))]


def _with_block(version: m.Version, part: int, blocks: tuple) -> m.Version:
    parts = list(version.parts)
    parts[part] = dataclasses.replace(parts[part], blocks=blocks)
    return dataclasses.replace(version, parts=tuple(parts))


def _other_letter(text: str, letter: str) -> str:
    """A letter of `text` that is not `letter`: one its fonts surely have."""
    return next(c for c in text if c.isalpha() and c != letter)


def _changed_text(text: str) -> str:
    """The text with one letter of its longest word changed (a changed word, in any script)."""
    word = max(re.findall(r"\w+", text), key=len)
    index = text.index(word) + len(word) // 2
    return text[:index] + _other_letter(text, text[index]) + text[index + 1:]


def _change_children(children: tuple) -> tuple:
    """The inlines with the first text of some length changed."""
    index = next(i for i, node in enumerate(children) if isinstance(node, m.Text) and len(node.text) > 8)
    return children[:index] + (m.Text(_changed_text(children[index].text)),) + children[index + 1:]


def changed_word(version: m.Version) -> m.Version:
    """One word of the last paragraph of the body changed."""
    part, index, block = [t for t in _texts(version)
                          if any(isinstance(n, m.Text) and len(n.text) > 8 for n in t[2].children)][-1]
    blocks = list(version.parts[part].blocks)
    blocks[index] = dataclasses.replace(block, children=_change_children(block.children))
    return _with_block(version, part, tuple(blocks))


def dropped_paragraph(version: m.Version) -> m.Version:
    part, index, _ = _texts(version)[-1]
    blocks = version.parts[part].blocks
    return _with_block(version, part, blocks[:index] + blocks[index + 1:])


def swapped_paragraphs(version: m.Version) -> m.Version:
    """The two last paragraphs of a part that follow each other swapped."""
    pairs = [(p, b) for (p, b, _), (q, c, _) in zip(_texts(version), _texts(version)[1:]) if p == q and c == b + 1]
    part, index = pairs[-1]
    blocks = list(version.parts[part].blocks)
    blocks[index], blocks[index + 1] = blocks[index + 1], blocks[index]
    return _with_block(version, part, tuple(blocks))


def changed_cell(version: m.Version) -> m.Version:
    """One letter of the last table's last cell with text changed."""
    part, index, table = [(p, b, block) for p, part in enumerate(version.parts)
                          for b, block in enumerate(part.blocks) if isinstance(block, m.Table)][-1]
    rows = [list(row) for row in table.header + table.rows]
    r, c = [(r, c) for r, row in enumerate(rows) for c, cell in enumerate(row)
            if any(isinstance(n, m.Text) and re.search(r"[^\W\d_]", n.text) for n in cell.children)][-1]
    cell = rows[r][c]
    text = next(n.text for n in cell.children if isinstance(n, m.Text))
    letter = next(ch for ch in text if ch.isalpha())
    replacement = next(ch for ch in text + "abcdefghijklmnopqrstuvwxyz" if ch.isalpha() and ch != letter)
    rows[r][c] = dataclasses.replace(cell, children=(m.Text(text.replace(letter, replacement, 1)),))
    header, body = rows[:len(table.header)], rows[len(table.header):]
    blocks = list(version.parts[part].blocks)
    blocks[index] = dataclasses.replace(table, header=tuple(map(tuple, header)), rows=tuple(map(tuple, body)))
    return _with_block(version, part, tuple(blocks))


def changed_label(version: m.Version) -> m.Version:
    """The last labelled paragraph given the label of the one before it."""
    labelled = [(p, b, block) for p, b, block in _texts(version) if isinstance(block, m.LabelledParagraph)]
    (_, _, before), (part, index, block) = labelled[-2:]
    blocks = list(version.parts[part].blocks)
    blocks[index] = dataclasses.replace(block, label=before.label)
    return _with_block(version, part, tuple(blocks))


def _last_of(version: m.Version, kind: type) -> tuple[int, int, m.Block]:
    """(part index, block index, block) of the last block of the parts of one kind."""
    return [(p, b, block) for p, part in enumerate(version.parts) for b, block in enumerate(part.blocks)
            if isinstance(block, kind)][-1]


def _changed_first(blocks: tuple) -> tuple:
    """The blocks with the text of the first one (a paragraph) changed."""
    first, *rest = blocks
    return (dataclasses.replace(first, children=_change_children(first.children)), *rest)


def changed_list_item(version: m.Version) -> m.Version:
    """One letter of the last list item of the last list changed."""
    part, index, listing = _last_of(version, m.ListBlock)
    blocks = list(version.parts[part].blocks)
    blocks[index] = dataclasses.replace(listing, items=listing.items[:-1] + (_changed_first(listing.items[-1]),))
    return _with_block(version, part, tuple(blocks))


def changed_quote(version: m.Version) -> m.Version:
    """One letter of the first paragraph of the last block quote changed."""
    part, index, quote = _last_of(version, m.Quote)
    blocks = list(version.parts[part].blocks)
    blocks[index] = dataclasses.replace(quote, children=_changed_first(quote.children))
    return _with_block(version, part, tuple(blocks))


def changed_alt_text(version: m.Version) -> m.Version:
    """One letter of the last figure's alternative text changed."""
    part, index, figure = _last_of(version, m.Figure)
    blocks = list(version.parts[part].blocks)
    image = dataclasses.replace(figure.image, alt=_changed_text(figure.image.alt))
    blocks[index] = dataclasses.replace(figure, image=image)
    return _with_block(version, part, tuple(blocks))


def dropped_figure(version: m.Version) -> m.Version:
    part, index, _ = _last_of(version, m.Figure)
    blocks = version.parts[part].blocks
    return _with_block(version, part, blocks[:index] + blocks[index + 1:])


def changed_contents_entry(version: m.Version) -> m.Version:
    """One letter of the first entry of the Contents table changed, its heading as it was."""
    first, *rest = version.contents.entries
    text = "".join(node.text for node in first.children if isinstance(node, m.Text))
    entry = dataclasses.replace(first, children=(m.Text(_changed_text(text)),))
    return dataclasses.replace(version, contents=dataclasses.replace(version.contents, entries=(entry, *rest)))


def has_table(version: m.Version) -> bool:
    return any(isinstance(block, m.Table) for part in version.parts for block in part.blocks)


def has_labels(version: m.Version) -> bool:
    labels = [block.label for part in version.parts for block in part.blocks if isinstance(block, m.LabelledParagraph)]
    return len(labels) >= 2 and labels[-1] != labels[-2]


def swapped_pages(pdf: Path) -> None:
    """The last two pages swapped."""
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        assert len(document.pages) > 1, f"{pdf} has one page: none to swap"
        last = pikepdf.Page(document.pages[-1])
        del document.pages[-1]
        document.pages.insert(len(document.pages) - 1, last)
        document.save(pdf)


def duplicated_page(pdf: Path) -> None:
    """The last page replaced by a copy of the one before it, or a one-page document given a copy of its page."""
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        if len(document.pages) > 1:
            del document.pages[-1]
        document.pages.append(document.pages[-1])
        document.save(pdf)


def has_caption(version: m.Version) -> bool:
    return any(isinstance(block, m.Figure) and any(isinstance(n, m.Text) and len(n.text) > 8 for n in block.caption)
               for part in version.parts for block in part.blocks)


def changed_caption(version: m.Version) -> m.Version:
    """One letter of the last figure's caption changed."""
    part, index, figure = [(p, b, block) for p, part in enumerate(version.parts) for b, block in enumerate(part.blocks)
                           if isinstance(block, m.Figure) and has_caption(dataclasses.replace(
                               version, parts=(dataclasses.replace(part, blocks=(block,)),)))][-1]
    blocks = list(version.parts[part].blocks)
    blocks[index] = dataclasses.replace(figure, caption=_change_children(figure.caption))
    return _with_block(version, part, tuple(blocks))


def _paragraph_pairs(version: m.Version) -> list[tuple[int, int]]:
    """(part index, block index) of each paragraph or labelled paragraph that one follows: those
    followed by a plain paragraph (merged, only a block boundary goes) last."""
    texts = (m.Paragraph, m.LabelledParagraph)
    pairs = [(p, b, type(after) is m.Paragraph) for p, part in enumerate(version.parts)
             for b, (block, after) in enumerate(zip(part.blocks, part.blocks[1:]))
             if type(block) in texts and type(after) in texts]
    return [(p, b) for p, b, plain in pairs if not plain] + [(p, b) for p, b, plain in pairs if plain]


def has_paragraph_pair(version: m.Version) -> bool:
    return bool(_paragraph_pairs(version))


def merged_paragraphs(version: m.Version) -> m.Version:
    """The last two paragraphs of a part that follow each other made one, a pair whose second is a
    plain paragraph if there is one: the same words, one block fewer (a second paragraph's label
    becomes text)."""
    part, index = _paragraph_pairs(version)[-1]
    blocks = list(version.parts[part].blocks)
    first, second = blocks[index], blocks.pop(index + 1)
    label = (m.Text(f"{second.label} "),) if isinstance(second, m.LabelledParagraph) else ()
    blocks[index] = dataclasses.replace(first, children=first.children + (m.Text(" "),) + label + second.children)
    return _with_block(version, part, tuple(blocks))


def _splittable(version: m.Version) -> list[tuple[int, int, int]]:
    """(part, block, inline) of each paragraph's text with a space in it, between two words."""
    return [(p, b, i) for p, part in enumerate(version.parts) for b, block in enumerate(part.blocks)
            if type(block) is m.Paragraph for i, node in enumerate(block.children)
            if isinstance(node, m.Text) and re.search(r"\w \w", node.text)]


def has_splittable(version: m.Version) -> bool:
    return bool(_splittable(version))


def split_paragraph(version: m.Version) -> m.Version:
    """The last paragraph that can be split made two at the space nearest the middle of its text:
    the same words, one block more."""
    part, index, inline = _splittable(version)[-1]
    blocks = list(version.parts[part].blocks)
    block = blocks[index]
    text = block.children[inline].text
    spaces = [match.start() + 1 for match in re.finditer(r"\w \w", text)]
    cut = min(spaces, key=lambda at: abs(at - len(text) // 2))
    first = dataclasses.replace(block, children=block.children[:inline] + (m.Text(text[:cut]),))
    second = dataclasses.replace(block, children=(m.Text(text[cut + 1:]),) + block.children[inline + 1:])
    blocks[index:index + 1] = [first, second]
    return _with_block(version, part, tuple(blocks))
