"""Model blocks written back as the content format's Markdown (the inverse of markdown.py).

Used by `unpress import`: what it writes parses back into the same blocks. The style follows the
file it goes into: the form of the letter labels the writer typed ("(a)" or "a)"), the width
lines are wrapped at (none: a paragraph a line), the labels of the notes.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from .. import model as m
from ..locale import Locale

# A line that starts with one of these would begin another construct (a list, a heading, a quote).
_LINE_START_HAZARD = re.compile(r"^(?:[-+*>#=|]|\d{1,9}[.)](?:\s|$))")
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")


@dataclass(frozen=True)
class MarkdownStyle:
    locale: Locale
    paren_letters: bool = True  # "(a)" rather than "a)"
    width: int | None = None  # wrap paragraphs at this width; None: a paragraph a line
    note_label: Callable[[str], str] = str  # note_id -> the label of its [^label]
    image_source: Callable[[m.ImageData], str] = lambda image: image.source  # the path to write


def untypeset(text: str, locale: Locale) -> str:
    """Text as the writer types it: the no-break spaces the language's typography made from typed
    spaces (French, before : ; ! ? » and after «) are typed spaces again."""
    if locale.data["typography"] == "french":
        text = re.sub("\u00a0(?=[:;!?»])", " ", text)
        text = text.replace("«\u00a0", "« ")
    return text


def letter_of(label: str, locale: Locale) -> str | None:
    """The Latin letter a writer types for a lettered label in the language's style ("(ب)" -> b)."""
    return next((c for c in string.ascii_lowercase if locale.lettered_label(c) == label), None)


def number_of(label: str) -> int | None:
    digits = re.search(r"\d+", label)
    return int(digits.group()) if digits else None


class MarkdownWriter:
    def __init__(self, style: MarkdownStyle):
        self.style = style

    # --- blocks ---

    def block(self, block: m.Block, width: int | None = -1) -> str:
        width = self.style.width if width == -1 else width
        if isinstance(block, m.Paragraph):
            return self._wrap(_guard_start(self.inlines(block.children)), width)
        if isinstance(block, m.Heading):
            return "#" * block.level + " " + self.inlines(block.children, line=True)
        if isinstance(block, m.LabelledParagraph):
            return self._wrap(self.label(block) + " " + self.inlines(block.children), width)
        if isinstance(block, m.ListBlock):
            return self._list(block, width)
        if isinstance(block, m.Quote):
            inner = "\n\n".join(self.block(child, None if width is None else max(width - 2, 20))
                                for child in block.children)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if isinstance(block, m.CodeBlock):
            fence = "`" * max(3, _longest_run(block.text, "`") + 1)
            return f"{fence}\n{block.text}\n{fence}"
        if isinstance(block, m.Table):
            return self._table(block)
        if isinstance(block, m.Figure):
            caption = untypeset(_plain(block.caption), self.style.locale).replace("\\", "\\\\").replace('"', '\\"')
            title = f' "{caption}"' if caption else ""
            return f"![{_escape(untypeset(block.image.alt, self.style.locale))}]({self._source(block.image)}{title})"
        raise ValueError(f"no Markdown form for the block {block.kind!r}")

    def label(self, block: m.LabelledParagraph) -> str:
        if block.style == "lettered":
            letter = letter_of(block.label, self.style.locale) or "a"
            return f"({letter})" if self.style.paren_letters else f"{letter})"
        return f"{number_of(block.label) or 1}."

    def note(self, label: str, children: tuple[m.Inline, ...], width: int | None = -1) -> str:
        width = self.style.width if width == -1 else width
        return self._wrap(f"[^{label}]: " + self.inlines(children), width)

    def _list(self, block: m.ListBlock, width: int | None) -> str:
        items = []
        for index, item in enumerate(block.items):
            marker = f"{block.start + index}." if block.ordered else "-"
            pad = " " * (len(marker) + 1)
            inner = "\n\n".join(self.block(child, None if width is None else max(width - len(pad), 20))
                                for child in item) or ""
            lines = inner.split("\n")
            items.append("\n".join([f"{marker} {lines[0]}"] + [pad + line if line else "" for line in lines[1:]]))
        return "\n".join(items)

    def _table(self, table: m.Table) -> str:
        rows = list(table.header) + list(table.rows)
        columns = max(len(row) for row in rows)
        header = table.header[0] if table.header else tuple(m.TableCell(()) for _ in range(columns))
        body = table.rows if table.header else tuple(rows)

        def texts(cells) -> list[str]:
            return [self.inlines(cells[i].children, line=True).replace("|", "\\|") if i < len(cells) else ""
                    for i in range(columns)]

        def line(cells) -> str:
            return "| " + " | ".join(texts(cells)) + " |"
        # The delimiter row as wide as the header's cells: "| Region |" over "|--------|".
        delimiter = "|" + "|".join(_rule(header[i].align if i < len(header) else None, len(text) + 2)
                                   for i, text in enumerate(texts(header))) + "|"
        return "\n".join([line(header), delimiter] + [line(row) for row in body])

    # --- inlines ---

    def inlines(self, nodes: tuple[m.Inline, ...], line: bool = False) -> str:
        """`line`: on one line (a heading, a table cell), where a line break cannot be written."""
        out = []
        for node in nodes:
            if isinstance(node, m.Text):
                out.append(_escape(untypeset(node.text, self.style.locale)))
            elif isinstance(node, (m.Emphasis, m.Strong)):
                mark = "*" if isinstance(node, m.Emphasis) else "**"
                inner = self.inlines(node.children, line)
                stripped = inner.strip()
                lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
                out.append(f"{lead}{mark}{stripped}{mark}{trail}" if stripped else inner)
            elif isinstance(node, m.Code):
                fence = "`" * (_longest_run(node.text, "`") + 1)
                pad = " " if node.text.startswith(("`", " ")) or node.text.endswith(("`", " ")) else ""
                out.append(f"{fence}{pad}{node.text}{pad}{fence}")
            elif isinstance(node, m.LineBreak):
                out.append(" " if line else "\\\n")
            elif isinstance(node, m.Link):
                href = node.href.replace("\\", "\\\\").replace(")", "\\)").replace("(", "\\(")
                href = f"<{node.href}>" if " " in node.href else href
                out.append(f"[{self.inlines(node.children, line)}]({href})")
            elif isinstance(node, m.NoteRef):
                out.append(f"[^{self.style.note_label(node.note_id)}]")
            elif isinstance(node, m.Image):
                out.append(f"![{_escape(untypeset(node.alt, self.style.locale))}]({self._source(node)})")
        return "".join(out).strip(" \t") if not line else "".join(out).strip()

    def _source(self, image: m.Image) -> str:
        source = self.style.image_source(image.image)
        return f"<{source}>" if re.search(r"[\s()<>]", source) else source

    def _wrap(self, text: str, width: int | None) -> str:
        """Lines of at most `width` where words allow, broken only at single spaces and never
        before a word that would start another construct."""
        if width is None:
            return text
        lines = []
        for hard in text.split("\n"):
            words = re.split(r"(?<! ) (?! )", hard)
            current = ""
            for word in words:
                if current and len(current) + 1 + len(word) > width and not _LINE_START_HAZARD.match(word):
                    lines.append(current)
                    current = word
                else:
                    current = f"{current} {word}" if current else word
            lines.append(current)
        return "\n".join(lines)


def _rule(align: str | None, width: int) -> str:
    width = max(width, 3)
    if align == "center":
        return ":" + "-" * (width - 2) + ":"
    if align == "right":
        return "-" * (width - 1) + ":"
    if align == "left":
        return ":" + "-" * (width - 1)
    return "-" * width


def _guard_start(text: str) -> str:
    """A paragraph's first characters must not read as another construct."""
    match = re.match(r"^(\d{1,9})([.)])(?=\s|$)", text)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end():]}"
    if re.match(r"^(?:[-+=>#|]|\*\s)", text):
        return "\\" + text
    return text


def _escape(text: str) -> str:
    """Text that reads back as itself: Markdown's marks escaped where they would mean something."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*`\[\]])", r"\\\1", text)
    text = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    text = re.sub(r"!(?=\\\[)", r"\\!", text)
    text = _ENTITY.sub(r"\\&\1", text)
    return text.replace("\n", " ")


def _plain(nodes) -> str:
    """What inlines read as, for a place that takes text only (a figure's title)."""
    out = []
    for node in nodes:
        if isinstance(node, (m.Text, m.Code)):
            out.append(node.text)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            out.append(_plain(node.children))
        elif isinstance(node, m.LineBreak):
            out.append(" ")
    return "".join(out)


def _longest_run(text: str, character: str) -> int:
    runs = re.findall(f"{re.escape(character)}+", text)
    return max((len(run) for run in runs), default=0)
