"""Markdown parts (markdown-it tokens) to model blocks: footnotes, labels, tables."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .. import model as m
from ..locale import Locale
from ..problems import WARNING, Problem, errors
from .images import ImageFolder, ImageRefused
from .yamlsource import FORBIDDEN_CHARACTERS, Value, YamlError, read_yaml, unprintable

# html=False: raw HTML is text, shown as typed, never markup.
_PARSER = (
    MarkdownIt("commonmark", {"html": False})
    .use(front_matter_plugin)
    .use(footnote_plugin, inline=False)  # the content format has [^label] notes, not ^[inline] ones
    .enable("table")
)

_BEFORE_FRONT_MATTER = " \t\n\ufeff"
# What a character reference (&#12;, &#13;, &#10;) can put in a text that typing cannot: line ends
# are made by line breaks, not characters, and the rest is refused in files already.
_REFERENCED_CONTROL = re.compile(f"{FORBIDDEN_CHARACTERS.pattern[:-1]}\r\n]")
_LETTER_LABEL = re.compile(r"^\(?([a-z])\)\s+")
_UNRESOLVED_REF = re.compile(r"\[\^([^\]\s]+)\]")
# An image whose address markdown-it refuses to link (file:, javascript:, most data:) stays text.
_REFUSED_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*:[^)\s>]*)")
_ALIGN = re.compile(r"text-align:(left|center|right)")


@dataclass
class NoteNumbering:
    """Numbers the notes of one language version in reading order, across its parts."""

    mark: Callable[[int], str] = str  # how the language prints a note's number: "1", "(1)"
    notes: dict[tuple[str, str], m.NoteRef] = field(default_factory=dict)
    texts: dict[str, tuple[m.Inline, ...]] = field(default_factory=dict)
    uses: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, tuple[int, str]] = field(default_factory=dict)  # note id -> (number, label)

    def note(self, source: str, label: str) -> m.NoteRef:
        """The first reference to the note `label` of `source`, numbering the note if it is new."""
        key = (source, label)
        if key not in self.notes:
            number = len(self.notes) + 1
            self.notes[key] = m.NoteRef(self.mark(number), f"note-{number}", f"ref-note-{number}")
            self.numbers[self.notes[key].note_id] = (number, label)
        return self.notes[key]

    def reference(self, source: str, label: str) -> m.NoteRef:
        """A new reference to the note, with an anchor of its own."""
        first = self.note(source, label)
        count = self.uses[first.note_id] = self.uses.get(first.note_id, 0) + 1
        return first if count == 1 else m.NoteRef(first.mark, first.note_id, f"{first.ref_id}-{count}")

    def footnotes(self) -> tuple[m.Footnote, ...]:
        return tuple(
            m.Footnote(ref.mark, ref.note_id, ref.ref_id, self.texts[ref.note_id])
            for ref in self.notes.values()
        )


@dataclass
class FigureCount:
    """Counts the figures of one language version in reading order, across its parts; their
    labels wait until the count is known (see label_figures)."""

    count: int = 0

    def next(self) -> int:
        self.count += 1
        return self.count


@dataclass(frozen=True)
class ParsedPart:
    front_matter: Value | None
    blocks: tuple[m.Block, ...]
    # Where each top-level construct is in the text (a numbered paragraph each, not its list):
    # (first line, end line, first block, end block), 0-based and end-exclusive; `unpress import`
    # keeps the text of the blocks a draft has not changed.
    spans: tuple[tuple[int, int, int, int], ...] = ()
    front_matter_end: int = 0  # the line after the front matter's closing "---"


def parse_part(
    source: str, text: str, locale: Locale, numbering: NoteNumbering, problems: list[Problem],
    images: ImageFolder | None = None, figures: FigureCount | None = None,
) -> ParsedPart:
    """Parse one Markdown file; problems are appended, never raised.

    Images are read through `images` (by default: paths from the file's folder, inside the
    document's folder, the one above the language folder); figures are counted by `figures`.
    """
    env: dict = {}
    before = len(problems)
    if images is None:
        images = ImageFolder(Path(source).parent, Path(source).parent.parent)
    converter = _Converter(source, text, locale, numbering, problems, images, figures or FigureCount())
    lead = len(text) - len(text.lstrip(_BEFORE_FRONT_MATTER))
    if lead and text.startswith("---\n", lead):
        # Front matter only counts on the first line; after a blank line or a second byte-order
        # mark it would be read as a rule and a heading, and the heading and signature lost.
        what = "invisible byte-order mark (U+FEFF)" if "\ufeff" in text[:lead] else "blank line"
        converter.problem(text.count("\n", 0, lead) + 1, "front matter", "the front matter must begin on the "
                          f"first line of the file; delete the {what} before it", "front-matter")
        return ParsedPart(None, ())
    tokens = _PARSER.parse(text, env)
    if text.startswith("---\n") and not (tokens and tokens[0].type == "front_matter"):
        # An unclosed front matter would otherwise be read as a rule and body text.
        converter.problem(1, "front matter", "the front matter is not closed; add a line \"---\" after "
                          "its last field", "front-matter")
        return ParsedPart(None, ())
    if too_deep := _too_deep(tokens):
        token, limit, what, why = too_deep
        converter.problem(_line_of(token), what, f"more than {limit} levels of {what} one inside the other "
                          f"start here, more than the outputs can show ({why}); flatten them", "too-deep")
        return ParsedPart(None, ())
    front_matter, front_matter_end = None, 0
    blocks = converter.out
    for node in SyntaxTreeNode(tokens).children:
        if node.type == "front_matter":
            front_matter_end = node.map[1] if node.map else 0
            try:
                front_matter = read_yaml(node.content, first_line=2)
            except YamlError as error:
                converter.problem(error.line, "front matter", error.message, "yaml")
        elif node.type == "footnote_block":
            converter.footnote_block(node)
        else:
            first = len(blocks)
            blocks.extend(converter.block(node, top_level=True))
            if node.type != "ordered_list" and node.map:  # numbered paragraphs record their own
                converter.spans.append((node.map[0], node.map[1], first, len(blocks)))
    _report_unused_notes(source, text, env, problems)
    # The last guard: a line no token came from is text the parser skipped. Lines that a problem
    # above was about (an unused note is not a token either) are left to that problem.
    if not errors(problems[before:]) and (lost := _unread_line(tokens, env, text)) is not None:
        converter.problem(lost, "text", "this line was not read as any part of the document, so it would "
                          "be lost; report it with the file, and rewrite the line meanwhile", "text-lost")
    elif not errors(problems[before:]) and (unshown := _unshown_word(tokens, env)) is not None:
        line, word = unshown
        converter.problem(line, "text", f"the word \"{word}\" was not read as any part of the text, so it would "
                          "be lost; report it with the file, and rewrite the sentence meanwhile", "text-lost")
    return ParsedPart(front_matter, tuple(blocks), tuple(sorted(converter.spans)), front_matter_end)


def number_paragraphs(source: str, parsed: ParsedPart, locale: Locale,
                      problems: list[Problem]) -> tuple[m.Block, ...]:
    """The blocks of a `numbering: auto` body: each top-level paragraph numbered 1., 2., 3. ... in
    the language's style, on across headings; lettered subparagraphs keep the letters typed. A
    number the writer typed is an error, as it would be counted twice."""
    first_line = {first: start + 1 for start, _, first, _ in parsed.spans}
    out: list[m.Block] = []
    for index, block in enumerate(parsed.blocks):
        if isinstance(block, m.Paragraph):
            number = sum(isinstance(b, m.LabelledParagraph) and b.style == "numbered" for b in out) + 1
            block = m.LabelledParagraph("numbered", locale.numbered_label(number), block.children, number)
        elif isinstance(block, m.LabelledParagraph) and block.style == "numbered":
            problems.append(Problem(source, first_line.get(index), "numbering", f"the paragraph number "
                                    f"\"{block.number}.\" is typed, and `numbering: auto` numbers every paragraph "
                                    "itself; delete the typed number (or delete `numbering: auto` and type them all)",
                                    "typed-number"))
        out.append(block)
    return tuple(out)


# Block containers (quotes, lists) and inline ones (emphasis, links) nested deeper than this are
# refused rather than shown: markdown-it stops reading at 20 levels and drops what is deeper, Word
# numbers nine list levels, and the renderers recurse once per level.
MAX_BLOCK_NESTING = 9
MAX_INLINE_NESTING = 10
_CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open"}


def _too_deep(tokens) -> tuple[object, int, str, str] | None:
    """The first token that opens a container nested past the limit, with the limit, its kind and why."""
    depth = 0
    for token in tokens:
        if token.type in _CONTAINERS:
            depth += 1
            if depth > MAX_BLOCK_NESTING:
                return token, MAX_BLOCK_NESTING, "quotes and lists", "Word numbers nine list levels"
        elif token.type.replace("_close", "_open") in _CONTAINERS:
            depth -= 1
        elif token.type == "inline":
            inline_depth, breaks = 0, 0
            for child in token.children or ():
                inline_depth += child.nesting
                breaks += child.type in ("softbreak", "hardbreak")
                if inline_depth > MAX_INLINE_NESTING:
                    child.map = [token.map[0] + breaks, token.map[0] + breaks + 1] if token.map else None
                    return child, MAX_INLINE_NESTING, "emphasis and links", "no style tells them apart"
    return None


def _line_of(token) -> int | None:
    return token.map[0] + 1 if token.map else None


_FOOTNOTE_OPENER = re.compile(r"^ {0,3}\[\^[^\]]+\]:\s*$")


def _unread_line(tokens, env: dict, text: str) -> int | None:
    """The first line with text on it that no token was made from: text markdown-it skipped.

    Reference definitions ("[x]: http://...") are read into `env`; a note's first line with no
    text ("[^1]:") is reported as an empty note elsewhere.
    """
    read = set()
    spans = [token.map for token in tokens if token.map]
    spans += [reference["map"] for reference in env.get("references", {}).values() if reference.get("map")]
    for start, end in spans:
        read.update(range(start, end))
    for number, line in enumerate(text.split("\n")):
        if number not in read and line.strip() and not _FOOTNOTE_OPENER.match(line):
            return number + 1
    return None


_WORD = re.compile(r"[^\W_]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unshown_word(tokens, env: dict) -> tuple[int | None, str] | None:
    """The first word typed in a paragraph, heading or cell that none of its tokens carries.

    Markup leaves the words as they are: each is in a token's text, or a link's or image's
    address (shown decoded), a note's or reference's label.
    """
    # The labels' words once for all tokens: a document of many notes has as many labels as tokens.
    labels = " ".join(env.get("references", {})) + " " + " ".join(env.get("footnotes", {}).get("refs", {}))
    labelled = set(_WORD.findall(labels.casefold()))
    for token in tokens:
        if token.type != "inline" or "".join(child.content for child in token.children or ()) == token.content:
            continue  # not inline, or plain text that its tokens carry as typed (most paragraphs)
        carried = []
        for child in token.children or ():
            carried.append(child.content)
            for key in ("href", "src", "title"):  # as typed (percent-encoded) or decoded: both are typed
                if key in child.attrs:
                    carried += [str(child.attrs[key]), _PARSER.normalizeLinkText(str(child.attrs[key]))]
            carried.append(str((child.meta or {}).get("label", "")))
        shown = set(_WORD.findall(" ".join(carried).casefold()))
        for word in _WORD.findall(_ENTITY.sub(" ", token.content)):
            if word.casefold() not in shown and word.casefold() not in labelled:
                return _line_of(token), word
    return None


def _report_unused_notes(source: str, text: str, env: dict, problems: list[Problem]) -> None:
    for key, note_id in env.get("footnotes", {}).get("refs", {}).items():
        if note_id == -1:
            label = key[1:]
            line = _definition_line(text, label)
            problems.append(
                Problem(source, line, f"[^{label}]", f"the note [^{label}] is never referred to; "
                        f"add [^{label}] where it belongs in the text, or delete the note", "note-unused")
            )


class _Converter:
    def __init__(self, source: str, text: str, locale: Locale, numbering: NoteNumbering, problems: list[Problem],
                 images: ImageFolder, figures: FigureCount):
        self.source = source
        self.text = text
        self.locale = locale
        self.numbering = numbering
        self.problems = problems
        self.images = images
        self.figures = figures
        self.last_letter: str | None = None
        self.last_number: int | None = None
        self.out: list[m.Block] = []  # the part's blocks so far
        self.spans: list[tuple[int, int, int, int]] = []

    def problem(self, line: int | None, field: str, message: str, code: str, severity: str = "error"):
        self.problems.append(Problem(self.source, line, field, message, code, severity))

    # --- blocks ---

    def block(self, node: SyntaxTreeNode, top_level: bool = False) -> list[m.Block]:
        line = node.map[0] + 1 if node.map else None
        if node.type == "paragraph":
            if top_level and (figure := self.figure(node.children[0], line)) is not None:
                return figure
            children = self.inlines(node.children[0])
            return [self.labelled(children, line) if top_level else m.Paragraph(children)]
        if node.type == "heading":
            return [m.Heading(int(node.tag[1]), self.inlines(node.children[0]))]
        if node.type == "ordered_list" and top_level:
            return self.numbered_paragraphs(node)
        if node.type in ("bullet_list", "ordered_list"):
            start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
            items = tuple(tuple(self.blocks(item.children)) for item in node.children)
            return [m.ListBlock(node.type == "ordered_list", start, items)]
        if node.type == "blockquote":
            return [m.Quote(tuple(self.blocks(node.children)))]
        if node.type in ("fence", "code_block"):
            return [m.CodeBlock(node.content.rstrip("\n"))]
        if node.type == "table":
            return [self.table(node)]
        if node.type == "hr":
            self.problem(line, "---", "a horizontal rule has no place in a UN document and is left out; "
                         "delete it", "hr-ignored", WARNING)
            return []
        self.problem(line, node.type, "this Markdown construct is not supported; remove it", "unsupported")
        return []

    def figure(self, inline: SyntaxTreeNode, line: int | None) -> list[m.Block] | None:
        """A paragraph that is one image and nothing else: a figure, its title the caption.
        None when the paragraph is something else; nothing when the image is refused (the
        problem is reported, and fails the build)."""
        shown = [child for child in inline.children if not (child.type == "text" and not child.content.strip())
                 and child.type != "softbreak"]
        if len(shown) != 1 or shown[0].type != "image":
            return None
        image = self.image(shown[0], line or 0)
        if image is None:
            return []
        number = self.figures.next()
        title = str(shown[0].attrs.get("title") or "").strip()
        caption = _merge_text([m.Text(title)], self.locale) if title else ()
        return [m.Figure(f"figure-{number}", number, None, "", 0, "", image, caption)]

    def image(self, node: SyntaxTreeNode, line: int) -> m.Image | None:
        src = str(node.attrs.get("src", ""))
        alt = self.locale.typography(" ".join(_plain_text(node).split()))
        if not alt:
            self.problem(line, "image", f"'{src}' has no alternative text; write what the image shows "
                         f"between the brackets, e.g. ![Map of the region]({src})", "image-alt")
            return None
        try:
            return m.Image(alt, self.images.read(src))
        except ImageRefused as refusal:
            self.problem(line, "image", refusal.message, refusal.code)
            return None

    def blocks(self, nodes) -> list[m.Block]:
        return [block for node in nodes for block in self.block(node)]

    def labelled(self, children: tuple[m.Inline, ...], line: int | None) -> m.Block:
        """A paragraph typed as "a) ..." or "(a) ..." becomes a lettered subparagraph."""
        first = children[0] if children else None
        match = _LETTER_LABEL.match(first.text) if isinstance(first, m.Text) else None
        if not match:
            return m.Paragraph(children)
        letter = match.group(1)
        expected = "a" if self.last_letter is None else _next_letter(self.last_letter)
        if letter not in ("a", expected):
            self.problem(line, f"{match.group(0).strip()}", f"the label breaks the sequence: "
                         f"expected {self.locale.lettered_label(expected)} or a new run from "
                         f"{self.locale.lettered_label('a')}", "label-sequence", WARNING)
        self.last_letter = letter
        rest = first.text[match.end():]
        body = ((m.Text(rest),) if rest else ()) + children[1:]
        return m.LabelledParagraph("lettered", self.locale.lettered_label(letter), body,
                                   string.ascii_lowercase.index(letter) + 1)

    def numbered_paragraphs(self, node: SyntaxTreeNode) -> list[m.Block]:
        """A top-level ordered list is a run of numbered paragraphs, each item one paragraph."""
        out: list[m.Block] = []
        for item in node.children:
            first = len(self.out) + len(out)
            line = item.map[0] + 1 if item.map else None
            number = int(item.info) if item.info.isdigit() else 1
            expected = 1 if self.last_number is None else self.last_number + 1
            if number != expected:
                self.problem(line, f"{item.info}{item.markup}", f"the paragraph number breaks the "
                             f"sequence: expected {expected}", "label-sequence", WARNING)
            self.last_number = number
            inner = list(item.children)
            first_inlines: tuple[m.Inline, ...] = ()
            if inner and inner[0].type == "paragraph":
                first_inlines = self.inlines(inner.pop(0).children[0])
            out.append(m.LabelledParagraph("numbered", self.locale.numbered_label(number), first_inlines, number))
            for child in inner:  # subparagraphs typed inside the item follow it
                out.extend(self.block(child, top_level=True))
            if item.map:
                self.spans.append((item.map[0], item.map[1], first, len(self.out) + len(out)))
        return out

    def table(self, node: SyntaxTreeNode) -> m.Table:
        sections = {section.type: section.children for section in node.children}
        return m.Table(
            header=tuple(self.row(tr) for tr in sections.get("thead", [])),
            rows=tuple(self.row(tr) for tr in sections.get("tbody", [])),
        )

    def row(self, tr: SyntaxTreeNode) -> tuple[m.TableCell, ...]:
        cells = []
        for cell in tr.children:
            align = _ALIGN.search(str(cell.attrs.get("style", "")))
            content = self.inlines(cell.children[0]) if cell.children else ()
            cells.append(m.TableCell(content, align.group(1) if align else None))
        return tuple(cells)

    def footnote_block(self, node: SyntaxTreeNode) -> None:
        for note in node.children:
            label = note.meta["label"]
            ref = self.numbering.note(self.source, label)
            paragraphs = [self.inlines(child.children[0]) for child in note.children if child.type == "paragraph"]
            if not any(_shows_something(inline) for inlines in paragraphs for inline in inlines):
                self.problem(_definition_line(self.text, label), f"[^{label}]", f"the note [^{label}] is empty; write "
                             "its text after the colon, or delete the note and its reference", "note-empty")
            joined: list[m.Inline] = []
            for index, inlines in enumerate(paragraphs):
                if index:
                    joined.append(m.LineBreak())
                joined.extend(inlines)
            self.numbering.texts[ref.note_id] = tuple(joined)
            self.notes_in_note(label, ref, joined)

    def notes_in_note(self, label: str, ref: m.NoteRef, text: list[m.Inline]) -> None:
        """A note may refer to a note that the text refers to before it (the DOCX: a NOTEREF
        field to that note's reference). Any other note would be numbered from inside this one,
        and Word has no note inside a note: LibreOffice cannot open such a DOCX."""
        numbers = self.numbering.numbers
        for inner in (node for node in m.walk(text) if isinstance(node, m.NoteRef)):
            if numbers[inner.note_id][0] >= numbers[ref.note_id][0]:
                other = numbers[inner.note_id][1]
                self.problem(_definition_line(self.text, label), f"[^{label}]",
                             f"the note [^{label}] refers to the note [^{other}], which the text does not refer to "
                             f"before it: a DOCX cannot hold a note inside a note; refer to [^{other}] in the text "
                             f"before [^{label}], or write its words in this note", "note-in-note")

    # --- inlines ---

    def inlines(self, inline: SyntaxTreeNode) -> tuple[m.Inline, ...]:
        line = inline.map[0] + 1 if inline.map else None
        return _merge_text(self._inline_children(inline.children, [line or 0]), self.locale)

    def _inline_children(self, nodes, line: list[int]) -> list[m.Inline]:
        out: list[m.Inline] = []
        for node in nodes:
            kind = node.type
            if kind == "text":
                self._check_unresolved(node.content, line[0])
                self._check_refused_image(node.content, line[0])
                if bad := _REFERENCED_CONTROL.search(node.content):  # typed as a reference: &#12;
                    self.problem(line[0], "text", f"a character reference here stands for "
                                 f"{unprintable(bad.group())}, which cannot be printed; delete it",
                                 "control-character")
                out.append(m.Text(node.content))
            elif kind == "softbreak":
                line[0] += 1
                out.append(m.Text(" "))
            elif kind == "hardbreak":
                line[0] += 1
                out.append(m.LineBreak())
            elif kind == "em":
                out.append(m.Emphasis(_merge_text(self._inline_children(node.children, line), self.locale)))
            elif kind == "strong":
                out.append(m.Strong(_merge_text(self._inline_children(node.children, line), self.locale)))
            elif kind == "code_inline":
                out.append(m.Code(node.content))
            elif kind == "link":
                children = _merge_text(self._inline_children(node.children, line), self.locale)
                out.append(m.Link(node.attrs["href"], children))
            elif kind == "footnote_ref":
                out.append(self.numbering.reference(self.source, node.meta["label"]))
            elif kind == "image":
                image = self.image(node, line[0])
                if image is not None:
                    out.append(image)
            else:
                self.problem(line[0], kind, "this Markdown construct is not supported; remove it",
                             "unsupported")
        return out

    def _check_refused_image(self, text: str, line: int) -> None:
        """An image typed with an address no Markdown reader would fetch: an error, not text."""
        for match in _REFUSED_IMAGE.finditer(text):
            self.problem(line, "image", f"'{match.group(1)}' is not a file in the document's folder; unpress "
                         "fetches nothing from elsewhere: save the image beside the text and give its path",
                         "image-remote")

    def _check_unresolved(self, text: str, line: int) -> None:
        for match in _UNRESOLVED_REF.finditer(text):
            label = match.group(1)
            self.problem(line, match.group(0), f"the footnote reference [^{label}] has no note; add a "
                         f"line \"[^{label}]: text of the note\" below the paragraph", "note-missing")


def _plain_text(node: SyntaxTreeNode) -> str:
    """The text of an image's description, its marks dropped: alternative text is plain."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain_text(child) for child in node.children)


def _shows_something(inline: m.Inline) -> bool:
    """Whether a reader would see anything: not only spaces and invisible marks (U+200B, ...)."""
    if isinstance(inline, m.Text):
        return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in inline.text)
    return not isinstance(inline, m.LineBreak)


def _definition_line(text: str, label: str) -> int | None:
    """The line of the note definition "[^label]:" in a part's text."""
    match = re.search(rf"^ {{0,3}}\[\^{re.escape(label)}\]:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _next_letter(letter: str) -> str:
    index = string.ascii_lowercase.index(letter)
    return string.ascii_lowercase[min(index + 1, 25)]


def _merge_text(inlines: list[m.Inline], locale: Locale) -> tuple[m.Inline, ...]:
    """Join neighbouring Text runs, then apply the language's typography to each run."""
    merged: list[m.Inline] = []
    for inline in inlines:
        if isinstance(inline, m.Text) and merged and isinstance(merged[-1], m.Text):
            merged[-1] = m.Text(merged[-1].text + inline.text)
        else:
            merged.append(inline)
    return tuple(m.Text(locale.typography(i.text)) if isinstance(i, m.Text) else i for i in merged)
