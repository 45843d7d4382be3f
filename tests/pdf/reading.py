"""Reading unpress PDFs back with pikepdf: structure tree, marked content, links, destinations, fonts."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Array, Name

# Operators that put marks on the page: text, paths, images, shadings.
PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}


def structure_content(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """(page, MCID) of the marked content that the structure tree reaches from its root."""
    reached = set()
    stack = [(pdf.Root.StructTreeRoot, None)]
    while stack:
        element, page = stack.pop()
        page = element.get("/Pg", page)
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, int):
                reached.add((page.objgen, kid))
            elif kid.get("/Type") == Name.MCR:
                reached.add((kid.get("/Pg", page).objgen, int(kid.MCID)))
            elif kid.get("/Type") != Name.OBJR:
                stack.append((kid, page))
    return reached


def stray_content(path: Path) -> list[str]:
    """Painting operators that are neither in content the tree reaches nor in an artifact."""
    stray = []
    with pikepdf.open(path) as pdf:
        reached = structure_content(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            marks = []  # the open marked-content sequences: (tag, reached or artifact)
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BMC", "BDC"):
                    tag = str(operands[0])
                    mcid = operands[1].get("/MCID") if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) else None
                    ok = tag == "/Artifact" or (mcid is not None and (page.objgen, int(mcid)) in reached)
                    marks.append(ok)
                elif op == "EMC":
                    marks.pop()
                elif op in PAINTING and not any(marks):
                    stray.append(f"page {number}: {op} {list(operands)[:1]}")
    return stray


def destinations(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Named destination -> page index, from the catalog's /Dests name tree."""
    found = {}
    for name, target in pikepdf.NameTree(pdf.Root.Names.Dests).items():
        found[name] = pdf.pages.index(pikepdf.Page(target[0]))
    return found


def internal_links(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """(page index, destination name) of every link annotation that leads inside the file."""
    return [(index, str(annotation.Dest)) for index, page in enumerate(pdf.pages)
            for annotation in page.get("/Annots", []) if "/Dest" in annotation]


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles, stack = [], list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(reversed(item.children))
    return titles


def embedded_families(path: Path) -> dict[str, str]:
    """The family of every font embedded in the PDF, by the font's PDF name, as the font program's
    name table gives it: the PDF name is the writer's choice ("ABCDEF+LiberationSerif",
    "ABCDEF+Liberation-Serif" in WeasyPrint 70), the family is the font's own ("Liberation Serif")."""
    found = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                with TTFont(io.BytesIO(program.read_bytes())) as ttf:
                    found[str(font.BaseFont)] = ttf["name"].getBestFamilyName()
    return found
