"""Word's list numbering (numbering.xml): the model's lists, and its lettered and numbered paragraphs."""

from __future__ import annotations

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


class Numbering:
    """Made on the first list or labelled paragraph. Bulleted lists share one numbering; each
    ordered list has its own, so that it starts at its own number instead of running on from the
    list before. Each run of labelled paragraphs (a) b) c) ...) is a list of its own, which starts
    at the run's first number; the runs of one label form share one definition (w:abstractNum)."""

    def __init__(self, document_part: DocumentPart, styles: StyleSet):
        self.document_part, self.styles = document_part, styles
        self.root = None
        self.bullets: int | None = None
        self.label_forms: dict[tuple[str, str], int] = {}  # (numFmt, lvlText) -> abstractNumId
        self.runs: dict[str, tuple[int, str, int]] = {}  # kind -> (numId, lvlText, last number)

    def _root(self):
        if self.root is None:
            self.root = w("numbering", self._abstract(_BULLETS, "bullet"), self._abstract(_DECIMAL, "decimal"))
            part = XmlPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, self.root, self.document_part.package)
            self.document_part.relate_to(part, RT.NUMBERING)
        return self.root

    def _num(self, abstract_id: int, start: int | None, level: int = 0) -> int:
        root = self._root()
        num_id = len(root.findall(w("num").tag)) + 1
        num = w("num", w("abstractNumId", val=abstract_id), numId=num_id)
        if start is not None:
            num.append(w("lvlOverride", w("startOverride", val=start), ilvl=level))
        root.append(num)
        return num_id

    def list(self, ordered: bool, start: int, level: int) -> int:
        """The numId for a list at `level` (0 at the top)."""
        if not ordered and self.bullets is not None:
            return self.bullets
        num_id = self._num(_DECIMAL if ordered else _BULLETS, start if ordered else None, level)
        if not ordered:
            self.bullets = num_id
        return num_id

    def labelled(self, node: LabelledParagraph) -> int | None:
        """The numId that makes Word show the paragraph's label, or None where Word cannot show
        it and the label is typed. A paragraph continues the run before it when its number follows
        on; any other number starts a new run there, as the model restarts or skips."""
        number_format = _LABEL_FORMATS[node.style]
        counter = format_number(number_format, node.number)
        if counter not in node.label or "%" in node.label:
            return None
        level_text = node.label.replace(counter, "%1", 1)
        if level_label(level_text, [number_format], [node.number]) != node.label:
            return None
        run = self.runs.get(node.style)
        if run and run[1] == level_text and run[2] + 1 == node.number:
            self.runs[node.style] = (run[0], level_text, node.number)
            return run[0]
        form = (number_format, level_text)
        if form not in self.label_forms:
            self.label_forms[form] = self._label_abstract(number_format, level_text, node.style)
        num_id = self._num(self.label_forms[form], node.number)
        self.runs[node.style] = (num_id, level_text, node.number)
        return num_id

    def _label_abstract(self, number_format: str, level_text: str, kind: str) -> int:
        # One level, hanging by the label's width as the paragraph's style sets it; the tab Word
        # puts after the label reaches the text's indent.
        root = self._root()
        abstract_id = len(root.findall(w("abstractNum").tag))
        style = "UN Lettered Paragraph" if kind == "lettered" else "UN Numbered Paragraph"
        _, props = self.styles.styles[style]
        indent = {key: twips(props[prop]) for key, prop in (("left", "indent_left"), ("hanging", "hanging"))
                  if prop in props}
        level = w("lvl", w("start", val=1), w("numFmt", val=number_format), w("lvlText", val=level_text),
                  w("lvlJc", val="left"), *([w("pPr", w("ind", **indent))] if indent else []), ilvl=0)
        abstract = w("abstractNum", w("multiLevelType", val="singleLevel"), level, abstractNumId=abstract_id)
        # The schema puts every w:abstractNum before the first w:num.
        nums = root.findall(w("num").tag)
        if nums:
            nums[0].addprevious(abstract)
        else:
            root.append(abstract)
        return abstract_id

    def _abstract(self, abstract_id: int, kind: str):
        # Each level is set in by one label width more, the label hanging in the indent.
        step = self.styles.label_width
        levels = []
        for level in range(_LEVELS):
            text = "\u2022" if kind == "bullet" else f"%{level + 1}."
            left = twips(self.styles.text_indent + step * (level + 1))
            levels.append(w("lvl", w("start", val=1), w("numFmt", val=kind), w("lvlText", val=text),
                            w("lvlJc", val="left"), w("pPr", w("ind", left=left, hanging=twips(step))),
                            ilvl=level))
        return w("abstractNum", w("multiLevelType", val="hybridMultilevel"), *levels,
                 abstractNumId=abstract_id)
