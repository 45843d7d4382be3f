"""What WeasyPrint leaves undone in a PDF, done with pikepdf: page furniture as artifacts, and more."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..model import Version


def _kids(element: pikepdf.Object) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def reached_content(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """(page, MCID) of every piece of marked content that the structure tree leads to."""
    reached = set()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        page = element.get("/Pg")
        for kid in _kids(element):
            if isinstance(kid, int):
                reached.add((page.objgen, kid))
            elif kid.get("/Type") == Name.MCR:
                reached.add((kid.get("/Pg", page).objgen, int(kid.MCID)))
            elif kid.get("/Type") != Name.OBJR:
                stack.append(kid)
    return reached


def mark_artifacts(pdf: pikepdf.Pdf) -> None:
    """Make marked content that no structure element reaches a pagination artifact.

    WeasyPrint tags the running headers, page numbers and first-page foot (margin boxes) like the
    body, but links their elements to no parent (its issue #1836), so readers would find content
    outside the tree. Here it becomes /Artifact, and leaves the parent tree.
    """
    reached = reached_content(pdf)
    parent_tree = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
    begin = pikepdf.Operator("BDC")
    for page in pdf.pages:
        # Changed in place, and operands read only for BDC: a page has hundreds of instructions, and
        # copying them or reading every one's operands costs more than the parsing.
        instructions, changed = pikepdf.parse_content_stream(page), False
        for index, instruction in enumerate(instructions):
            if instruction.operator == begin and isinstance(instruction.operands[1], Dictionary):
                mcid = instruction.operands[1].get("/MCID")
                if mcid is not None and (page.obj.objgen, int(mcid)) not in reached:
                    instructions[index] = pikepdf.ContentStreamInstruction(
                        [Name.Artifact, Dictionary(Type=Name.Pagination)], begin)
                    parents[int(page.StructParents)][int(mcid)] = None
                    changed = True
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def describe_note_links(pdf: pikepdf.Pdf, version: Version) -> None:
    """Give the links to notes the description a reader announces ("Note 1"), not the anchor's name."""
    descriptions = {note.note_id: version.labels["note_reference"].replace("{mark}", note.mark)
                    for note in version.notes}
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            destination = str(annotation.get("/Dest", ""))
            if destination in descriptions:
                annotation.Contents = pikepdf.String(descriptions[destination])


def add_language_to_xmp(pdf: pikepdf.Pdf, lang: str) -> None:
    """The XMP metadata with the document's language; made from /Info where WeasyPrint wrote none."""
    # Neither pikepdf's editor stamp (it would date the file) nor an /Info rewritten from the XMP.
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        if "dc:title" not in xmp:  # WeasyPrint writes XMP only for the PDF/A and PDF/UA variants
            xmp.load_from_docinfo(pdf.docinfo)
        xmp["dc:language"] = [lang]


def finish(data: bytes, version: Version, tagged: bool) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if tagged:
            mark_artifacts(pdf)
            describe_note_links(pdf, version)
        add_language_to_xmp(pdf, version.lang)
        out = io.BytesIO()
        # A /ID computed from the content, so that the same input gives the same bytes.
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
