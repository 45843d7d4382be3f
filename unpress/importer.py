"""`unpress import`: a DOCX draft back into a content folder, in the style its files already have.

The draft is read into the model's nodes (read/docx.py). Each part is then compared, block by
block, with the part the content holds: a block the draft has not changed keeps the text the
writer typed (its wrapping, its label form, its escapes); a changed or new block is written in
the file's style (read/markdown_write.py). An unchanged draft therefore changes no file. Facts
are compared with document.yaml and reported; document.yaml is only written for a new folder
or a new language version.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .locale import get_locale
from .problems import ContentError, display_path
from .read.content import DOCUMENT_FILE, DRAFT_KINDS, ISSUED_KINDS, ISSUERS, _part_files, load_document, read_facts, read_text
from .read.docx import Draft, DraftPart, read_draft
from .read.markdown import NoteNumbering, parse_part
from .read.markdown_write import MarkdownStyle, MarkdownWriter, untypeset
from .bodies import body_of
from .read.frontmatter import front_matter_lines, key_blocks
from .symbols import parse_symbol


@dataclass
class ImportPlan:
    """The content files an import writes (None: deletes), and what it has to say."""

    files: dict[Path, str | bytes | None] = field(default_factory=dict)  # bytes: an image
    old: dict[Path, str | bytes | None] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def changed(self) -> dict[Path, str | None]:
        return {path: text for path, text in self.files.items() if self.old.get(path) != text}

    def diff(self) -> str:
        out = []
        for path, text in self.changed().items():
            before = self.old.get(path)
            name = display_path(path)
            # git's a/ and b/ before a relative path (patch -p1); an absolute one as it is (patch -p0)
            old_name, new_name = (name, name) if Path(name).is_absolute() else (f"a/{name}", f"b/{name}")
            if isinstance(text, bytes):
                out.append(f"Binary file {new_name} added ({len(text)} bytes)\n")
                continue
            out.extend(difflib.unified_diff(
                [] if before is None else before.splitlines(keepends=True),
                [] if text is None else text.splitlines(keepends=True),
                fromfile=old_name if before is not None else "/dev/null",
                tofile=new_name if text is not None else "/dev/null"))
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def plan_import(draft_path: Path, into: Path, lang: str | None = None) -> ImportPlan:
    """What importing the draft into the content folder `into` would write. Raises ContentError
    when the folder's own content has errors, PackageError when the draft cannot be read."""
    existing = (into / DOCUMENT_FILE).is_file()
    draft = read_draft(draft_path, lang)
    plan = ImportPlan(lines=list(draft.findings))
    _decide_kinds(draft)
    if existing:
        problems: list = []
        facts = read_facts(into / DOCUMENT_FILE, problems)
        if facts is None:
            raise ContentError(problems)
        version = next((v for v in facts.versions if v.lang == draft.lang), None)
        _compare_facts(draft, facts, version, plan)
        if version is None:
            _add_version(draft, into, plan)
            _write_parts(draft, into / draft.lang, None, plan)
        else:
            document, _ = load_document(into)
            model_version = next(v for v in document.versions if v.lang == draft.lang)
            _write_parts(draft, into / draft.lang, model_version, plan)
    else:
        _new_document(draft, into, plan)
        _write_parts(draft, into / draft.lang, None, plan)
    return plan


# --- parts -------------------------------------------------------------------------------------


def _decide_kinds(draft: Draft) -> None:
    """The main part is a letter when it is signed, else a body."""
    for part in draft.parts:
        if part.kind == "body" and part.signatures:
            part.kind = "letter"


def _file_names(parts: list[DraftPart]) -> list[str]:
    totals = {kind: sum(p.kind == kind for p in parts) for kind in ("annex", "enclosure")}
    counts: dict[str, int] = {}
    names = []
    for part in parts:
        counts[part.kind] = counts.get(part.kind, 0) + 1
        if part.kind in totals and totals[part.kind] > 1:
            names.append(f"{part.kind}-{counts[part.kind]}.md")
        else:
            names.append(f"{part.kind}.md")
    return names


@dataclass
class _Source:
    """A part file the content holds, parsed: its text, its blocks with their lines, its notes."""

    path: Path
    text: str
    lines: list[str]
    part: m.Part
    blocks: tuple[m.Block, ...]
    spans: list[tuple[int, int, int, int]]
    front_end: int
    labels: dict[str, str]  # note_id -> label typed
    definitions: dict[str, tuple[int, int]]  # label -> lines of its definition
    part_notes: tuple[m.Footnote, ...]  # the notes the part defines


def _sources(folder: Path, version: m.Version, root: Path) -> list[_Source]:
    """The version's part files, parsed again as the build read them, to know where each block is."""
    locale = get_locale(version.lang)
    numbering = NoteNumbering(locale.note_mark)
    sources = []
    by_file = {part.source: part for part in version.part_files}
    for _, path in _part_files(folder, []):
        text = read_text(path, root)
        parsed = parse_part(str(path), text, locale, numbering, [])
        labels = {ref.note_id: label for (source, label), ref in numbering.notes.items() if source == str(path)}
        lines = text.split("\n")
        starts = sorted(set(s for s, _, _, _ in parsed.spans))
        definitions = {}
        for label in labels.values():
            match = re.search(rf"^ {{0,3}}\[\^{re.escape(label)}\]:", text, re.MULTILINE)
            if match:
                start = text.count("\n", 0, match.start())
                definitions[label] = (start, start + 1)
        ends = sorted(starts + [s for s, _ in definitions.values()] + [len(lines)])
        for label, (start, _) in definitions.items():
            end = next(e for e in ends if e > start)
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            definitions[label] = (start, end)
        spans = []
        for start, end, first, last in parsed.spans:
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _, _ in parsed.spans):
                continue  # a list nested in a numbered paragraph's item belongs to that item
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            spans.append((start, end, first, last))
        sources.append(_Source(path, text, lines, by_file[str(path)], parsed.blocks, spans,
                               parsed.front_matter_end, labels, definitions,
                               tuple(n for n in version.notes if n.note_id in labels)))
    return sources


def _style_of(source: _Source | None, locale) -> MarkdownStyle:
    """How the file writes: letter labels "(a)" or "a)", and the width its paragraphs wrap at."""
    if source is None:
        return MarkdownStyle(locale, paren_letters=locale.lettered_label("a").startswith("("))
    paren = None
    width = None
    for start, end, first, last in source.spans:
        block = source.blocks[first] if first < last else None
        if isinstance(block, m.LabelledParagraph) and block.style == "lettered" and paren is None:
            paren = source.lines[start].lstrip().startswith("(")
        if end - start > 1 and isinstance(block, (m.Paragraph, m.LabelledParagraph)):
            width = max([width or 0] + [len(line) for line in source.lines[start:end]])
    if paren is None:
        paren = locale.lettered_label("a").startswith("(")
    return MarkdownStyle(locale, paren_letters=paren, width=width)


def _images(version: m.Version | None) -> dict[bytes, str]:
    """The images the content has, by their bytes: the path the writer typed for each."""
    found: dict[bytes, str] = {}
    for part in version.parts if version else ():
        for node in m.walk(part.blocks):
            image = node.image if isinstance(node, m.Figure) else node if isinstance(node, m.Image) else None
            if image is not None:
                found.setdefault(image.image.data, image.image.source)
    return found


class _ImageFiles:
    """Where the draft's images go: the file the content has for the same bytes, else a new
    file in the document's figures/ folder."""

    def __init__(self, known: dict[bytes, str], folder: Path, plan: ImportPlan):
        self.known, self.folder, self.plan = known, folder, plan

    def __call__(self, image: m.ImageData) -> str:
        if image.data not in self.known:
            digest = hashlib.sha256(image.data).hexdigest()[:12]
            name = f"figures/draft-{digest}.{image.extension}"
            path = self.folder / name
            if not path.is_file() or path.read_bytes() != image.data:
                self.plan.old[path] = None
                self.plan.files[path] = image.data
            self.known[image.data] = f"../{name}"
        return self.known[image.data]


def _write_parts(draft: Draft, folder: Path, version: m.Version | None, plan: ImportPlan) -> None:
    locale = get_locale(draft.lang)
    sources = _sources(folder, version, folder.parent) if version is not None else []
    images = _ImageFiles(_images(version), folder.parent, plan)
    used: set[int] = set()
    names = _file_names(draft.parts)
    for index, part in enumerate(draft.parts):
        match = next((i for i, s in enumerate(sources) if i not in used and s.part.kind == part.kind), None)
        if match is None and version is not None and index < len(sources) and index not in used and \
                sources[index].part.kind in ("letter", "body") and part.kind in ("letter", "body"):
            match = index  # a letter whose signature the editor deleted is still the letter
        source = sources[match] if match is not None else None
        if match is not None:
            used.add(match)
        path = source.path if source else folder / names[index]
        text = _part_text(draft, part, source, locale, images)
        plan.old[path] = source.text if source else (read_text(path, folder.parent) if path.is_file() else None)
        plan.files[path] = text
    for index, source in enumerate(sources):
        if index not in used:
            plan.lines.append(f"{draft.path}: {source.path.name}: the draft has no such part; the file is deleted")
            plan.old[source.path] = source.text
            plan.files[source.path] = None


def _auto_numbered(part: DraftPart, source: _Source | None) -> bool:
    """Whether the part's paragraphs are numbered by `numbering: auto`: as the content has it, and
    for a new file, a body whose every top-level paragraph is numbered, 1, 2, 3 ... in order."""
    if source is not None:
        return source.part.auto_numbered
    numbers = [b.number for b in part.blocks if isinstance(b, m.LabelledParagraph) and b.style == "numbered"]
    return part.kind == "body" and bool(numbers) and numbers == list(range(1, len(numbers) + 1)) and \
        not any(isinstance(b, m.Paragraph) for b in part.blocks)


def _unnumbered(part: DraftPart) -> DraftPart:
    """The part with its numbered paragraphs as plain paragraphs, as a `numbering: auto` body is typed."""
    blocks = [m.Paragraph(b.children) if isinstance(b, m.LabelledParagraph) and b.style == "numbered" else b
              for b in part.blocks]
    return dataclasses.replace(part, blocks=blocks)


def _part_text(draft: Draft, part: DraftPart, source: _Source | None, locale, images: _ImageFiles) -> str:
    auto_numbered = _auto_numbered(part, source)
    if auto_numbered:
        part = _unnumbered(part)
    labels = _note_labels(draft, part, source)
    style = _style_of(source, locale)
    style = MarkdownStyle(style.locale, style.paren_letters, style.width, lambda note_id: labels[note_id], images)
    writer = MarkdownWriter(style)
    front = _front_matter(part, source, locale, style, auto_numbered)
    blocks = _body(draft, part, source, writer, labels)
    notes = _notes(draft, part, source, writer, labels, blocks)
    items = blocks if notes is None else notes
    if not front and items and source is None:
        items[0] = ([], items[0][1])  # a file without front matter starts with its text
    out = front + [line for gap, text in items for line in gap + text.split("\n")]
    tail = [""] if source is None else _tail(source)
    return "\n".join(out + tail)


def _tail(source: _Source) -> list[str]:
    """The lines after the last block or note (usually just the final newline)."""
    last = max([e for _, e, _, _ in source.spans] + [e for _, e in source.definitions.values()] +
               [source.front_end])
    return source.lines[last:] if last < len(source.lines) else [""]


def _refs(blocks) -> list[str]:
    """The note ids referred to in blocks, first references only, in order."""
    return list(dict.fromkeys(n.note_id for n in m.walk(blocks) if isinstance(n, m.NoteRef)))


def _note_labels(draft: Draft, part: DraftPart, source: _Source | None) -> dict[str, str]:
    """The label of each note of the draft's part: the content's label for a note it had (same
    text, or edited in place), a new one for a note the editor added."""
    new_ids = [i for i in _refs(part.blocks) if i in draft.notes]
    labels: dict[str, str] = {}
    if source is not None:
        old_ids = [i for i in _refs(source.blocks) if i in source.labels]
        old_notes = {n.note_id: n.children for n in source.part_notes}
        old_keys = [_note_key(old_notes.get(i, ())) for i in old_ids]
        new_keys = [_note_key(draft.notes[i]) for i in new_ids]
        for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
            if tag in ("equal", "replace"):
                for old, new in zip(old_ids[a0:a1], new_ids[b0:b1]):
                    labels[new] = source.labels[old]
    taken = set(labels.values()) | (set(source.labels.values()) if source else set())
    number = 1
    for note_id in new_ids:
        if note_id not in labels:
            while str(number) in taken:
                number += 1
            labels[note_id] = str(number)
            taken.add(str(number))
    return labels


def _note_key(children) -> str:
    return re.sub(r"\s+", " ", _plain(children)).strip()


def _plain(nodes) -> str:
    out = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(node.text.replace("\u00a0", " "))
        elif isinstance(node, m.Code):
            out.append(node.text)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            out.append(_plain(node.children))
        elif isinstance(node, m.LineBreak):
            out.append(" ")
    return "".join(out)


# --- the body: unchanged blocks keep their text ------------------------------------------------


def _projection(block: m.Block) -> m.Block:
    """A block as a DOCX can show it: what a draft cannot say (a column aligned left, a heading
    below level 3) is not a change."""
    if isinstance(block, m.Table):
        def cells(row):
            return tuple(m.TableCell(c.children, None if c.align == "left" else c.align) for c in row)
        return m.Table(tuple(cells(r) for r in block.header), tuple(cells(r) for r in block.rows))
    if isinstance(block, m.Heading) and block.level > 3:
        return m.Heading(3, block.children)
    return block


def _body(draft: Draft, part: DraftPart, source: _Source | None, writer: MarkdownWriter,
          labels: dict[str, str]) -> list[tuple[list[str], str]]:
    """The part's blocks as (gap lines before, text) items."""
    new_keys = [writer.block(_projection(b), None) for b in part.blocks]
    if source is None:
        return [([""], writer.block(b)) for b in part.blocks]
    old_writer = MarkdownWriter(MarkdownStyle(writer.style.locale, writer.style.paren_letters, None,
                                              lambda note_id: source.labels.get(note_id, note_id)))
    old_keys = [old_writer.block(_projection(b), None) for b in source.blocks]
    span_of = {}
    for span in source.spans:
        for i in range(span[2], span[3]):
            span_of[i] = span
    matched: dict[int, int] = {}  # new block -> old block, unchanged
    relabelled: dict[int, int] = {}  # new block -> old block, only its label changed
    replaced: dict[int, int] = {}  # new block -> old block, in its place but changed
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            matched.update({b0 + k: a0 + k for k in range(a1 - a0)})
        elif tag == "replace":
            for k in range(min(a1 - a0, b1 - b0)):
                old, new = source.blocks[a0 + k], part.blocks[b0 + k]
                replaced[b0 + k] = a0 + k
                if isinstance(old, m.LabelledParagraph) and isinstance(new, m.LabelledParagraph) and \
                        old.style == new.style and \
                        old_writer.inlines(old.children) == writer.inlines(new.children):
                    relabelled[b0 + k] = a0 + k
    gaps, previous_end = {}, source.front_end
    for span in source.spans:  # the blank lines before each construct, as the file has them
        gaps[span] = source.lines[previous_end:span[0]] if previous_end <= span[0] else [""]
        previous_end = span[1]
    items: list[tuple[list[str], str]] = []
    index = 0
    while index < len(part.blocks):
        old = matched.get(index, relabelled.get(index))
        span = span_of.get(old) if old is not None else None
        if span is not None and span[2] == old and all(
                matched.get(index + k, relabelled.get(index + k)) == old + k for k in range(span[3] - span[2])):
            text = "\n".join(source.lines[span[0]:span[1]])
            if index in relabelled:
                text = _relabel(text, writer.label(part.blocks[index]))
            items.append((gaps[span], text))
            index += span[3] - span[2]
            continue
        old = replaced.get(index)
        span = span_of.get(old) if old is not None else None
        block = part.blocks[index]
        if span is not None and span[3] - span[2] == 1 and isinstance(block, m.Table):
            items.append((gaps[span], _table_rows(block, source.lines[span[0]:span[1]], writer, old_writer,
                                                  source.blocks[old])))
        else:
            items.append(([""], writer.block(block)))
        index += 1
    return items


def _table_rows(new: m.Table, lines: list[str], writer: MarkdownWriter, old_writer: MarkdownWriter,
                old: m.Table) -> str:
    """A table with a cell changed: the rows the draft has not changed keep their lines."""
    written = writer.block(new).split("\n")
    before = old_writer.block(_projection(old)).split("\n")
    if len(lines) != len(before):
        return "\n".join(written)
    kept = {}
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, before, written, autojunk=False).get_opcodes():
        if tag == "equal":
            kept.update({b0 + k: a0 + k for k in range(a1 - a0)})
    return "\n".join(lines[kept[i]] if i in kept else line for i, line in enumerate(written))


def _relabel(text: str, label: str) -> str:
    """A labelled paragraph's text with the label Word now shows in place of the one typed."""
    return re.sub(r"^(\s*)(\(?[a-z]\)|\d{1,3}[.)])", lambda mt: mt.group(1) + label, text, count=1)


# --- notes: where the file puts them ------------------------------------------------------------


def _notes(draft: Draft, part: DraftPart, source: _Source | None, writer: MarkdownWriter,
           labels: dict[str, str], blocks: list) -> list | None:
    """The items of the part with its note definitions placed as the file places them: all at
    the end, or each after the paragraph that first refers to it."""
    ids = [i for i in _refs(part.blocks) if i in draft.notes]
    if not ids:
        return None
    old_text: dict[str, tuple[list[str], str]] = {}
    at_end = True
    if source is not None:
        last_block = max([e for _, e, _, _ in source.spans], default=0)
        at_end = all(s >= last_block for s, _ in source.definitions.values()) if source.definitions else True
        previous = last_block
        for label, (start, end) in sorted(source.definitions.items(), key=lambda kv: kv[1]):
            old_text[label] = (source.lines[previous:start] if at_end else [""], "\n".join(source.lines[start:end]))
            previous = end
        old_children = {n.note_id: n.children for n in source.part_notes}
        old_by_label = {label: old_children.get(note_id, ()) for note_id, label in source.labels.items()}
    else:
        old_by_label = {}

    def definition(note_id: str, first: bool) -> tuple[list[str], str]:
        label = labels[note_id]
        text = writer.note(label, draft.notes[note_id])
        if label in old_text and MarkdownWriter(writer.style).note(label, old_by_label[label], None) == \
                writer.note(label, draft.notes[note_id], None):
            gap, original = old_text[label]
            return (gap if at_end else [""]), original
        return ([""] if first or not at_end else _def_gap(old_text)), text

    if at_end:
        ordered = sorted(ids, key=lambda i: _old_order(source, labels[i]) if source else 0) if source else ids
        kept = [i for i in ordered if source and labels[i] in source.definitions]
        added = [i for i in ids if i not in kept]
        sequence = kept[:]
        for note_id in added:  # after the note referred to just before it
            before = ids[: ids.index(note_id)]
            anchor = max((sequence.index(b) for b in before if b in sequence), default=len(sequence) - 1)
            sequence.insert(anchor + 1, note_id)
        return blocks + [definition(i, k == 0) for k, i in enumerate(sequence)]
    out = []
    placed = set()
    for (gap, text), block in zip(blocks, part.blocks):
        out.append((gap, text))
        for note_id in _refs([block]):
            if note_id in draft.notes and note_id not in placed:
                placed.add(note_id)
                out.append(definition(note_id, True))
    return out


def _def_gap(old_text: dict) -> list[str]:
    gaps = [gap for gap, _ in list(old_text.values())[1:]]
    return gaps[0] if gaps else [""]


def _old_order(source: _Source, label: str) -> int:
    return source.definitions.get(label, (10**9, 0))[0]


# --- front matter ---------------------------------------------------------------------------


def _front_matter(part: DraftPart, source: _Source | None, locale, style: MarkdownStyle,
                  auto_numbered: bool) -> list[str]:
    values = _front_values(part, locale)
    if auto_numbered:
        values["numbering"] = "auto"
    if source is None:
        return front_matter_lines(values, {}, None) if values else []
    old = _front_values_of_model(source.part, locale)
    lines = source.lines[: source.front_end]
    if old == values:
        return lines
    blocks = key_blocks(lines)
    return front_matter_lines(values, {k: v for k, v in blocks.items() if old.get(k) == values.get(k)}, lines, style.width)


def _front_values(part: DraftPart, locale) -> dict[str, object]:
    values: dict[str, object] = {}
    heading = _untyped(part.heading, locale)
    if heading:
        values["heading"] = heading
    if part.kind == "letter" and part.signatures:
        values["signature"] = [(untypeset(name, locale), untypeset(title, locale) if title else None)
                               for name, title in part.signatures]
    if part.title:
        values["title"] = [_untyped(line, locale) for line in part.title]
    if part.original:
        values["original"] = part.original
    return values


def _front_values_of_model(part: m.Part, locale) -> dict[str, object]:
    values: dict[str, object] = {}
    heading = _untyped(part.heading, locale)
    if heading:
        values["heading"] = heading
    if part.signatures:
        values["signature"] = [(untypeset(s.name, locale), untypeset(s.title, locale) if s.title else None)
                               for s in part.signatures]
    if part.title:
        values["title"] = [_untyped(line, locale) for line in part.title]
    if part.auto_numbered:
        values["numbering"] = "auto"
    if part.original_note:
        from .locale import OFFICIAL_LANGUAGES
        values["original"] = next(c for c in OFFICIAL_LANGUAGES if locale.annex_original(c) == part.original_note)
    return values


def _untyped(inlines, locale) -> str:
    return re.sub(r"\s+", " ", untypeset(_plain(inlines), locale)).strip()


# --- facts ------------------------------------------------------------------------------------


def _spaced(text: str) -> str:
    """A line as compared: its spaces, no-break spaces among them, as one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _read_sponsors(line: str | None, lang: str) -> tuple[str, str | None] | None:
    """(kind, sponsors as typed) of a draft's sponsors line in the language's words
    ("Belgique, France et Maroc : projet de résolution"), or None for a line it is not."""
    if line is None:
        return None
    locale, shown = get_locale(lang), _spaced(line)
    for kind in DRAFT_KINDS:
        if shown == _spaced(locale.sponsors_line(kind, None)):
            return kind, None
        before, _, after = _spaced(locale.sponsors_line(kind, "\x00")).partition("\x00")
        if len(shown) > len(before) + len(after) and shown.startswith(before) and shown.endswith(after):
            return kind, untypeset(shown[len(before):len(shown) - len(after)], locale)
    return None


def _read_issuer(line: str | None, lang: str) -> tuple[str, str] | None:
    """(kind, issuer) of a report's or note's line in the language's words ("Note by the
    Secretariat" is ("note", "secretariat")), or None for a line it is not."""
    if line is None:
        return None
    locale = get_locale(lang)
    return next(((kind, issuer) for kind in ISSUED_KINDS for issuer in ISSUERS
                 if _spaced(line) == _spaced(locale.issued_by(kind, issuer))), None)


def _compare_facts(draft: Draft, facts, version, plan: ImportPlan) -> None:
    """One line for each fact the draft shows otherwise than document.yaml (which is kept)."""
    found = draft.facts
    locale = get_locale(draft.lang)
    where = f"{draft.path}: "

    def differ(field: str, shown, held) -> None:
        plan.lines.append(f"{where}{field}: the draft shows \"{shown}\" where document.yaml has \"{held}\"; "
                          "document.yaml is kept as it is (edit it if the draft is right)")

    pairs = [
        ("symbol", found.symbols and " ".join(found.symbols), " ".join(str(s) for s in facts.symbols)),
        ("distribution", found.distribution, facts.distribution),
        ("date", found.date and found.date.isoformat(), facts.date.isoformat()),
        ("original", found.original, facts.original),
        ("session", _session_text(found.session), _session_text(_held_session(facts.session))),
        ("body", found.body, facts.body.key if facts.body else None),
        ("meeting", _meeting_text(found.meeting), _meeting_text(
            (facts.meeting.place, facts.meeting.start, facts.meeting.end) if facts.meeting else None)),
        ("reissued", found.reissued and found.reissued.isoformat(), facts.reissued and facts.reissued.isoformat()),
    ]
    if found.agenda is not None:
        pairs.append(("agenda", _agenda_text(found.agenda), _agenda_text(
            [(a.item, a.subitem, a.agenda_list, [str(s) for s in a.reference]) for a in facts.agenda])))
    if version is not None and version.title is not None:
        held_title = locale.typography(version.title)
        if found.title is not None and re.sub(r"\s+", " ", found.title.replace("\u00a0", " ")) != \
                re.sub(r"\s+", " ", held_title.replace("\u00a0", " ")):
            differ(f"versions.{draft.lang}.title", untypeset(found.title, locale), version.title)
        if draft.unpress_made:
            pairs.append((f"versions.{draft.lang}.job", found.job, version.job))
            pairs.append((f"versions.{draft.lang}.job_dates", found.job_dates and " ".join(
                d.isoformat() for d in found.job_dates), " ".join(d.isoformat() for d in version.job_dates) or None))
    if version is not None and found.sponsors_line is not None:
        kind = facts.kind or "draft-resolution"
        held = locale.sponsors_line(kind, version.sponsors) if kind in DRAFT_KINDS else None
        if held is None or _spaced(found.sponsors_line) != _spaced(held):
            differ(f"versions.{draft.lang}.sponsors", untypeset(found.sponsors_line, locale), version.sponsors or "")
    # The issuer line is compared whole: it is the locale's words for document.yaml's kind and issued_by.
    held_issuer = locale.issued_by(facts.kind, facts.issued_by) if facts.issued_by else None
    if found.issuer_line is not None and _spaced(found.issuer_line) != _spaced(held_issuer or ""):
        differ("issued_by", found.issuer_line, held_issuer or "")
    elif found.issuer_line is None and held_issuer and draft.unpress_made:
        plan.lines.append(f"{where}issued_by: not found in the draft; document.yaml's is kept")
    if version is not None:
        if version.title is None and found.title is not None:
            differ(f"versions.{draft.lang}.title", untypeset(found.title, locale), "")
    for field_name, shown, held in pairs:
        if shown is None and held is not None and draft.unpress_made and field_name not in ("reissued", "meeting"):
            plan.lines.append(f"{where}{field_name}: not found in the draft; document.yaml's is kept")
        elif shown is not None and shown != held and not (held is None and field_name == "session"):
            differ(field_name, shown, held)
        elif shown is None and held is not None and field_name == "reissued" and draft.unpress_made:
            differ(field_name, "no reissue note", held)


def _held_session(session):
    if session is None:
        return None
    return session.number if session.number is not None else (session.year, session.kind)


def _session_text(session) -> str | None:
    if session is None:
        return None
    return str(session) if isinstance(session, int) else f"{session[1]} session of {session[0]}"


def _meeting_text(meeting) -> str | None:
    if meeting is None:
        return None
    place, start, end = meeting
    return f"{place or 'no place'}, {start.isoformat()} to {end.isoformat()}"


def _agenda_text(agenda) -> str:
    return "; ".join(f"{item}{' ' + sub if sub else ''} {kind} {', '.join(refs)}".strip()
                     for item, sub, kind, refs in agenda)


def _version_yaml(draft: Draft) -> list[str]:
    """The version's entry; without a title line, the first part's heading is the title (given
    as `title` where agenda items need one: a report whose item's title is its own prints it once)."""
    found = draft.facts
    title = untypeset(found.title, get_locale(draft.lang)) if found.title else None
    main = next((part for part in draft.parts if part.kind in ("letter", "body")), None)
    if title is None and found.agenda and main is not None and main.heading:
        title = _untyped(main.heading, get_locale(draft.lang))
    lines = [f"  {draft.lang}:"] + ([f"    title: {_quoted(title)}"] if title else [])
    sponsored = _read_sponsors(found.sponsors_line, draft.lang)
    if sponsored and sponsored[1]:
        lines.append(f"    sponsors: {_quoted(sponsored[1])}")
    if found.job:
        lines.append(f"    job: {found.job}")
    if found.job_dates:
        lines.append(f"    job_dates: [{', '.join(d.isoformat() for d in found.job_dates)}]")
    return lines if len(lines) > 1 else [f"  {draft.lang}: {{}}"]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _add_version(draft: Draft, into: Path, plan: ImportPlan) -> None:
    """A new language version: its entry is added at the end of `versions:` in document.yaml."""
    path = into / DOCUMENT_FILE
    text = read_text(path, into)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("versions:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "#")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    lines[end:end] = _version_yaml(draft)
    plan.old[path] = text
    plan.files[path] = "\n".join(lines)
    plan.lines.append(f"{draft.path}: versions.{draft.lang}: a new language version, added to document.yaml")


def _new_document(draft: Draft, into: Path, plan: ImportPlan) -> None:
    """document.yaml of a new folder, from the facts the draft shows; what it does not show is
    written as a placeholder to fill in, and named."""
    found = draft.facts
    today = datetime.date.today()
    missing = []

    def fact(name: str, value, placeholder: str) -> str:
        if value is None:
            missing.append(name)
            return f"{placeholder}  # not found in the draft: check it"
        return str(value)

    symbols = found.symbols
    lines = [f"symbol: {fact('symbol', (symbols[0] if len(symbols) == 1 else '[' + ', '.join(symbols) + ']') if symbols else None, 'A/XXX/XXX')}",
             f"distribution: {fact('distribution', found.distribution, 'general')}",
             f"date: {fact('date', found.date and found.date.isoformat(), today.isoformat())}",
             f"original: {fact('original', found.original, draft.lang)}"]
    primary = parse_symbol(symbols[0]) if symbols else None
    if found.body and (primary is None or body_of(primary) is None or body_of(primary).key != found.body):
        lines.append(f"body: {found.body}")
    if isinstance(found.session, int):
        lines.append(f"session: {found.session}")
    elif found.session is not None:
        lines.append(f"session: {{year: {found.session[0]}, kind: {found.session[1]}}}")
    elif primary is None or primary.organ == "general_assembly":
        lines.append(f"session: {fact('session', None, '1')}")
    if found.meeting:
        place, start, end = found.meeting
        fields = ([f"place: {place}"] if place else []) + [f"from: {start.isoformat()}"] + \
            ([f"to: {end.isoformat()}"] if end != start else [])
        lines.append(f"meeting: {{{', '.join(fields)}}}")
    if found.reissued:
        lines.append(f"reissued: {found.reissued.isoformat()}")
    if sponsored := _read_sponsors(found.sponsors_line, draft.lang):  # a draft's line says its kind
        lines.append(f"kind: {sponsored[0]}")
    if issuer := _read_issuer(found.issuer_line, draft.lang):  # a report's line says its kind and issuer
        lines.extend([f"kind: {issuer[0]}", f"issued_by: {issuer[1]}"])
    if found.contents:  # the Contents table: generated again from the headings
        lines.append("contents: true")
    if found.agenda:
        lines.append("agenda:")
        for item, subitem, kind, refs in found.agenda:
            lines.append(f"  - item: {item}")
            if subitem:
                lines.append(f"    subitem: {subitem}")
            lines.append(f"    list: {kind}")
            if refs:
                lines.append(f"    reference: [{', '.join(refs)}]")
    lines.append("versions:")
    lines.extend(_version_yaml(draft))
    lines.append("")
    path = into / DOCUMENT_FILE
    plan.old[path] = None
    plan.files[path] = "\n".join(lines)
    for name in missing:
        plan.lines.append(f"{draft.path}: {name}: not found in the draft; document.yaml has a placeholder "
                          "to correct")
