"""Word list numbering (numbering.xml) for the model's bulleted and ordered lists."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.parts.document import DocumentPart

from .oxml import twips, w
from .styles import StyleSet

_BULLETS, _DECIMAL = 0, 1
_LEVELS = 9


class Numbering:
    """Made on the first list. Bulleted lists share one numbering; each ordered list has its own,
    so that it starts at its own number instead of running on from the list before."""

    def __init__(self, document_part: DocumentPart, styles: StyleSet):
        self.document_part, self.styles = document_part, styles
        self.root = None
        self.bullets: int | None = None

    def list(self, ordered: bool, start: int, level: int) -> int:
        """The numId for a list at `level` (0 at the top)."""
        if self.root is None:
            self.root = w("numbering", self._abstract(_BULLETS, "bullet"), self._abstract(_DECIMAL, "decimal"))
            part = XmlPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, self.root, self.document_part.package)
            self.document_part.relate_to(part, RT.NUMBERING)
        if not ordered and self.bullets is not None:
            return self.bullets
        num_id = len(self.root.findall(w("num").tag)) + 1
        num = w("num", w("abstractNumId", val=_DECIMAL if ordered else _BULLETS), numId=num_id)
        if ordered:
            num.append(w("lvlOverride", w("startOverride", val=start), ilvl=level))
        else:
            self.bullets = num_id
        self.root.append(num)
        return num_id

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
