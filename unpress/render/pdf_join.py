"""The PDFs of a document's parts (render/pdf_parts.py) joined into one with pikepdf; imported only
for a document of more than one part (WeasyPrint writes a document of one part alone)."""

from __future__ import annotations

import hashlib
import io
import warnings

import pikepdf


class Joined:
    """One PDF of the parts' PDFs, as if written at once, joined part by part as they are made
    (while the others are still being laid out): their pages in order, one structure tree (each
    part's elements under the first's Document element, the parent tree's keys renumbered), one
    outline and one name tree of destinations; the catalog and metadata of the first."""

    def __init__(self, first: bytes):
        self._parts = [pikepdf.open(io.BytesIO(first))]  # open until written: qpdf copies lazily
        self.pdf = self._parts[0]
        self._tagged = "/StructTreeRoot" in self.pdf.Root
        self._keys = _parent_tree_size(self.pdf) if self._tagged else 0
        self._tags = {tag: None for tag in _subset_fonts(self.pdf)}

    def add(self, data: bytes, depth: int) -> None:
        """The next part; its bookmarks `depth` levels under the first part's top ones."""
        part = pikepdf.open(io.BytesIO(data))
        self._parts.append(part)
        _retag_subsets(part, self._tags)
        if self._tagged:
            self._keys += _renumber_parent_keys(part, self._keys)
        with warnings.catch_warnings():
            # pikepdf warns that copied pages lose their named destinations: _join_destinations copies them.
            warnings.filterwarnings("ignore", category=pikepdf.PageCopyWarning)
            self.pdf.pages.extend(part.pages)  # before the rest, which refers to the pages copied
        if self._tagged:
            _join_structure(self.pdf, part)
        _join_outlines(self.pdf, part, depth)
        _join_destinations(self.pdf, part)

    def write(self) -> bytes:
        out = io.BytesIO()
        self.pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        for part in self._parts:
            part.close()
        return out.getvalue()


def _subset_fonts(pdf: pikepdf.Pdf) -> dict[str, list[pikepdf.Dictionary]]:
    """The subset tag ("SSXSNX" of "SSXSNX+Tinos-Bold") of each font of the pages, and the font's
    dictionaries that carry its name (the font, its descendant, their descriptors)."""
    found: dict[str, dict[tuple[int, int], pikepdf.Dictionary]] = {}
    for page in pdf.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            named = [font, *font.get("/DescendantFonts", [])]
            named += [d.FontDescriptor for d in named if "/FontDescriptor" in d]
            name = str(font.get("/BaseFont", ""))
            if len(name) > 8 and name[7] == "+":
                found.setdefault(name[1:7], {}).update({d.objgen: d for d in named})
    return {tag: list(dictionaries.values()) for tag, dictionaries in found.items()}


def _retag_subsets(part: pikepdf.Pdf, used: dict[str, None]) -> None:
    """New subset tags for the part's fonts where an earlier part has the same: each part subsets
    a font for its own pages, and two subsets in one PDF must have different tags (ISO 32000, 9.6.4)."""
    for tag, dictionaries in _subset_fonts(part).items():
        new, turn = tag, 0
        while new in used:
            turn += 1
            digest = hashlib.sha256(f"{tag}{turn}".encode()).digest()
            new = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        used[new] = None
        if new == tag:
            continue
        for dictionary in dictionaries:
            for key in ("/BaseFont", "/FontName"):
                if key in dictionary and str(dictionary[key]).startswith(f"/{tag}+"):
                    dictionary[key] = pikepdf.Name(f"/{new}+{str(dictionary[key])[8:]}")


def _parent_tree_size(pdf: pikepdf.Pdf) -> int:
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    return max((int(numbers[i]) for i in range(0, len(numbers), 2)), default=-1) + 1


def _renumber_parent_keys(part: pikepdf.Pdf, offset: int) -> int:
    """The part's parent tree keys (and the pages' and annotations' references to them) moved on by
    `offset`; returns how many keys it has."""
    numbers = part.Root.StructTreeRoot.ParentTree.Nums
    size = _parent_tree_size(part)
    for i in range(0, len(numbers), 2):
        numbers[i] = int(numbers[i]) + offset
    for page in part.pages:
        if "/StructParents" in page:
            page.StructParents = int(page.StructParents) + offset
        for annotation in page.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    return size


def _copied(pdf: pikepdf.Pdf, value):
    """`value` of another PDF in `pdf`: its objects copied (once: qpdf maps each to its copy)."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copied(pdf, item) for key, item in value.items()})
    return value


def _join_structure(pdf: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    document = pdf.Root.StructTreeRoot.K[0]
    theirs = part.Root.StructTreeRoot
    for kid in _copied(pdf, theirs.K[0].K):
        kid.P = document
        document.K.append(kid)
    pdf.Root.StructTreeRoot.ParentTree.Nums.extend(_copied(pdf, theirs.ParentTree.Nums))


def _join_outlines(pdf: pikepdf.Pdf, part: pikepdf.Pdf, depth: int) -> None:
    """The part's bookmarks after the document's, `depth` levels down (under the last bookmark at
    each level above theirs), as WeasyPrint nests a bookmark under the last one of a lower level."""
    theirs = part.Root.get("/Outlines")
    if theirs is None or "/First" not in theirs:
        return
    if "/Outlines" not in pdf.Root:
        pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    parent, path = pdf.Root.Outlines, [pdf.Root.Outlines]
    for _ in range(max(depth, 0)):
        if "/Last" not in parent:
            break
        parent = parent.Last
        path.append(parent)
    first = _copied(pdf, theirs.First)
    if "/First" in parent:
        parent.Last.Next = first
        first.Prev = parent.Last
    else:
        parent.First = first
    item, added = first, 0
    while True:
        item.Parent = parent
        added += 1 + max(int(item.get("/Count", 0)), 0)  # it, and its open descendants
        if "/Next" not in item:
            break
        item = item.Next
    parent.Last = item
    for ancestor in reversed(path):  # each open ancestor shows them; a closed one counts them negatively
        count = int(ancestor.get("/Count", 0))
        ancestor.Count = count - added if count < 0 else count + added
        if count < 0:
            break


def _join_destinations(pdf: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    names = part.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pdf.make_indirect(pikepdf.Dictionary())
    if "/Dests" not in pdf.Root.Names:
        pdf.Root.Names.Dests = pikepdf.NameTree.new(pdf).obj
    ours = pikepdf.NameTree(pdf.Root.Names.Dests)
    for name, destination in pikepdf.NameTree(names.Dests).items():
        ours[name] = _copied(pdf, destination)

