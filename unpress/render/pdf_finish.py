"""What WeasyPrint leaves undone in a PDF, done on WeasyPrint's own PDF objects (pydyf) just before
they are written (`write_pdf(finisher=...)`): page furniture as artifacts, the note links'
descriptions, the language in the XMP metadata.

Done here rather than on the written file, the PDF is not parsed, its content streams not parsed
again, nor the file compressed twice (with pikepdf this took about a tenth of a cold build).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

import pydyf

from ..model import Version

# The XML namespaces of the language's element in the XMP metadata.
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "http://purl.org/dc/elements/1.1/"


def _get(pdf: pydyf.PDF, value):
    """The object a value stands for: a reference (b"12 0 R") is looked up, any other is itself."""
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split()[0])]
    return value


def _kids(pdf: pydyf.PDF, element: pydyf.Dictionary) -> list:
    kids = element.get("K")
    if kids is None:
        return []
    return [_get(pdf, kid) for kid in kids] if isinstance(kids, list) else [_get(pdf, kids)]


def reached_content(pdf: pydyf.PDF) -> set[tuple[bytes, int]]:
    """(page reference, MCID) of every piece of marked content that the structure tree leads to."""
    reached = set()
    stack = [(_get(pdf, pdf.catalog["StructTreeRoot"]), None)]
    while stack:
        element, page = stack.pop()
        page = element.get("Pg", page)
        for kid in _kids(pdf, element):
            if isinstance(kid, int):
                reached.add((page, kid))
            elif not isinstance(kid, pydyf.Dictionary):
                continue
            elif kid.get("Type") == "/MCR":
                reached.add((kid.get("Pg", page), int(kid["MCID"])))
            elif kid.get("Type") != "/OBJR":
                stack.append((kid, page))
    return reached


def mark_artifacts(pdf: pydyf.PDF) -> None:
    """Make marked content that no structure element reaches a pagination artifact.

    WeasyPrint tags the running headers, page numbers and first-page foot (margin boxes) like the
    body, but links their elements to no parent (its issue #1836), so readers would find content
    outside the tree. Here it becomes /Artifact, and leaves the parent tree. A pydyf content stream
    is a list of operands and operators: "/Tag", <</MCID n>>, b"BDC" for each marked sequence.
    """
    reached = reached_content(pdf)
    parent_tree = _get(pdf, _get(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]
    parents = {parent_tree[i]: _get(pdf, parent_tree[i + 1]) for i in range(0, len(parent_tree), 2)}
    for reference in pdf.page_references:
        page = _get(pdf, reference)
        stream = _get(pdf, page["Contents"]).stream
        for index in range(2, len(stream)):
            if stream[index] != b"BDC" or not isinstance(stream[index - 1], pydyf.Dictionary):
                continue
            mcid = stream[index - 1].get("MCID")
            if mcid is not None and (reference, mcid) not in reached:
                stream[index - 2] = "/Artifact"
                stream[index - 1] = pydyf.Dictionary({"Type": "/Pagination"})
                parents[page["StructParents"]][mcid] = b"null"


def describe_note_links(pdf: pydyf.PDF, version: Version) -> None:
    """Give the links to notes the description a reader announces ("Note 1"), not the anchor's name."""
    descriptions = {note.note_id: version.labels["note_reference"].replace("{mark}", note.mark)
                    for note in version.notes}
    for reference in pdf.page_references:
        for annotation in _get(pdf, reference).get("Annots", []):
            annotation = _get(pdf, annotation)
            destination = annotation.get("Dest")
            if isinstance(destination, pydyf.String) and destination.string in descriptions:
                annotation["Contents"] = pydyf.String(descriptions[destination.string])


def add_language_to_xmp(pdf: pydyf.PDF, document, lang: str, compress: bool) -> None:
    """The XMP metadata with the document's language; WeasyPrint writes it only for the PDF/A and
    PDF/UA variants, so for the plain one it is made here from the document's metadata too."""
    if "Metadata" not in pdf.catalog:
        document.metadata.include_in_pdf(pdf, "ua", None, None, compress)  # no variant: no conformance
    stream = _get(pdf, pdf.catalog["Metadata"])
    xmp = b"".join(stream.stream)
    language = (f'<rdf:Description xmlns:rdf="{_RDF}" xmlns:dc="{_DC}" rdf:about=""><dc:language><rdf:Bag>'
                f"<rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language></rdf:Description>").encode()
    end = xmp.rindex(b"</rdf:RDF>")
    stream.stream[:] = [xmp[:end] + language + xmp[end:]]


def finisher(version: Version, tagged: bool, compress: bool = True) -> Callable:
    """The finisher WeasyPrint's write_pdf calls with its document and PDF objects."""
    def finish(document, pdf: pydyf.PDF) -> None:
        if tagged:
            mark_artifacts(pdf)
            describe_note_links(pdf, version)
        add_language_to_xmp(pdf, document, version.lang, compress)
    return finish
