"""Word's list numbering (numbering.xml): the model's lists, and its lettered and numbered paragraphs."""

from __future__ import annotations

from collections.abc import Mapping

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.parts.document import DocumentPart

from ...model import LabelledParagraph
from ...read.docx_numbering import format_number, level_label
from .oxml import twips, w
from .styles import StyleSet

_BULLETS, _DECIMAL = 0, 1
_LEVELS = 9
# Word's number format for each kind of label. Only the Latin letters a-z are given: Word's
# Arabic letter formats do not count in the order and forms of UN Arabic texts (LibreOffice's
# arabicAbjad counts ا ب ج د ه where the locale has أ ب ج د هـ), so Arabic letters stay typed.
_LABEL_FORMATS = {"lettered": "lowerLetter", "numbered": "decimal"}


# The paragraph style of each kind of label, which carries the kind's list (see Numbering).
LABEL_STYLES = {"lettered": "UN Lettered Paragraph", "numbered": "UN Numbered Paragraph"}
# A lettered subparagraph of a numbered paragraph, set in under its text (docs/kinds.md).
SUBPARAGRAPH_STYLE = "UN Subparagraph"


def label_level(kind: str, label: str, number: int) -> tuple[str, str] | None:
    """(w:numFmt, w:lvlText) of a numbering level that makes Word show `label` as the `number`-th
    label of its kind ("b)", 2: lowerLetter, "%1)"), or None where no level of Word's does."""
    number_format = _LABEL_FORMATS[kind]
    counter = format_number(number_format, number)
    if counter not in label or "%" in label:
        return None
    level_text = label.replace(counter, "%1", 1)
    return (number_format, level_text) if level_label(level_text, [number_format], [number]) == label else None


class Numbering:
    """numbering.xml. Bulleted lists share one numbering; each ordered list has its own, so that it
    starts at its own number instead of running on from the list before.

    Each kind of label the language's form lets Word count has a definition (w:abstractNum) linked
    to its paragraph style both ways (the style's w:numPr, the level's w:pStyle): an editor who
    applies "UN Lettered Paragraph" gets the next letter. Each run of labelled paragraphs (a) b) c)
    ...) is a list (w:num) of that definition that starts at the run's first number."""

    def __init__(self, styles: StyleSet, label_forms: Mapping[str, str]):
        self.styles = styles
        self.root = w("numbering", self._abstract(_BULLETS, "bullet"), self._abstract(_DECIMAL, "decimal"))
        self.bullets: int | None = None
        self.definitions: dict[tuple[str, str, str], int] = {}  # (style, numFmt, lvlText) -> abstractNumId
        self.runs: dict[str, tuple[int, tuple[str, str], int]] = {}  # style -> (numId, level, last number)
        # The styles' own lists, first: numIds 1 and 2 when both kinds can be counted.
        self.style_lists: dict[str, int] = {}
        for kind, form in label_forms.items():
            level = label_level(kind, form, 1)
            if level is not None:
                self.style_lists[LABEL_STYLES[kind]] = self._num(
                    self._definition(LABEL_STYLES[kind], level, linked=True), None)

    def attach(self, document_part: DocumentPart) -> None:
        part = XmlPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, self.root, document_part.package)
        document_part.relate_to(part, RT.NUMBERING)

    def _num(self, abstract_id: int, start: int | None, level: int = 0) -> int:
        num_id = len(self.root.findall(w("num").tag)) + 1
        num = w("num", w("abstractNumId", val=abstract_id), numId=num_id)
        if start is not None:
            num.append(w("lvlOverride", w("startOverride", val=start), ilvl=level))
        self.root.append(num)
        return num_id

    def list(self, ordered: bool, start: int, level: int) -> int:
        """The numId for a list at `level` (0 at the top)."""
        if not ordered and self.bullets is not None:
            return self.bullets
        num_id = self._num(_DECIMAL if ordered else _BULLETS, start if ordered else None, level)
        if not ordered:
            self.bullets = num_id
        return num_id

    def labelled(self, node: LabelledParagraph, style: str) -> int | None:
        """The numId that makes Word show the paragraph's label in its `style`, 0 (no list, though
        its style has one) where Word cannot show it and the label is typed, or None for a typed
        label in a style without a list. A paragraph continues the run before it in its style when
        its number follows on; any other number starts a new run there, as the model restarts or
        skips."""
        level = label_level(node.style, node.label, node.number)
        if level is None:
            return 0 if style in self.style_lists else None
        run = self.runs.get(style)
        if run and run[1] == level and run[2] + 1 == node.number:
            self.runs[style] = (run[0], level, node.number)
            return run[0]
        num_id = self._num(self._definition(style, level), node.number)
        self.runs[style] = (num_id, level, node.number)
        return num_id

    def _definition(self, style: str, level: tuple[str, str], linked: bool = False) -> int:
        """The definition of one label form in one paragraph style, made once; `linked` to it."""
        if (style, *level) in self.definitions:
            return self.definitions[style, *level]
        number_format, level_text = level
        abstract_id = len(self.root.findall(w("abstractNum").tag))
        _, props = self.styles.styles[style]
        # One level, hanging by the label's width as the paragraph's style sets it; the tab Word
        # puts after the label reaches the text's indent.
        indent = {key: twips(props[prop]) for key, prop in (("left", "indent_left"), ("hanging", "hanging"))
                  if prop in props}
        lvl = w("lvl", w("start", val=1), w("numFmt", val=number_format),
                *([w("pStyle", val=self.styles.id(style))] if linked else []), w("lvlText", val=level_text),
                w("lvlJc", val="left"), *([w("pPr", w("ind", **indent))] if indent else []), ilvl=0)
        abstract = w("abstractNum", w("multiLevelType", val="singleLevel"), lvl, abstractNumId=abstract_id)
        # The schema puts every w:abstractNum before the first w:num.
        nums = self.root.findall(w("num").tag)
        if nums:
            nums[0].addprevious(abstract)
        else:
            self.root.append(abstract)
        self.definitions[style, *level] = abstract_id
        return abstract_id

    def item_indent(self, level: int) -> int:
        """Where the text of a list item at `level` starts, in twips: each level is set in by one
        label width more, the label hanging in the indent."""
        return twips(self.styles.text_indent + self.styles.label_width * (level + 1))

    def _abstract(self, abstract_id: int, kind: str):
        levels = []
        for level in range(_LEVELS):
            text = "\u2022" if kind == "bullet" else f"%{level + 1}."
            levels.append(w("lvl", w("start", val=1), w("numFmt", val=kind), w("lvlText", val=text),
                            w("lvlJc", val="left"), w("pPr", w("ind", left=self.item_indent(level),
                                                                hanging=twips(self.styles.label_width))),
                            ilvl=level))
        return w("abstractNum", w("multiLevelType", val="hybridMultilevel"), *levels,
                 abstractNumId=abstract_id)
