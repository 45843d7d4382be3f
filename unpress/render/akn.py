"""Akoma Ntoso 3.0 after the AKN4UN guidelines: the version as the UN's own XML (see docs/akn.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.builder import ElementMaker

from .. import model as m
from ..symbols import parse_symbol
from . import RenderContext
from .html import css_px, data_uri

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE})

# ISO 639-2 three-letter codes, as the AKN4UN naming convention lists them for the six languages.
LANGUAGE_CODES = {"ar": "ara", "zh": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}

# The AKN4UN "actor": the organisation and its bodies, joined by dashes ("un-ga", "un-ga-hrc").
_ORGAN_ACTORS = {"A": "un-ga", "S": "un-sc", "E": "un-ecosoc", "T": "un-tc", "ST": "un-st"}

# The AKN4UN document class of each kind: (document type element, FRBRsubtype, @name).
# Letters and notes are Communications, reports Papers (both <doc>); draft resolutions and
# decisions are Deliberative Documents (<statement>, subtype "deliberation").
DOCUMENT_CLASSES = {
    "letter": ("doc", "communication", "officialLetter"),
    "note": ("doc", "communication", "note"),
    "report": ("doc", "paper", "report"),
    "draft-resolution": ("statement", "deliberation", "draftResolution"),
    "draft-decision": ("statement", "deliberation", "draftDecision"),
}
SOURCE = "#unpress"  # who provided the metadata: the toolkit that wrote the file


def actor(symbol: str) -> str:
    """The body that issues a document, from its symbol: "A/HRC/2/3" -> "un-ga-hrc"."""
    parts = parse_symbol(symbol).parts
    names = [_ORGAN_ACTORS[parts[0]]]
    body = parts[1] if len(parts) > 2 else ""
    if re.fullmatch(r"HRC|(?:C|CN|AC)\.[0-9A-Z]+", body):
        names.append(body.replace(".", "").lower())  # "C.3" -> "c3", "CN.6" -> "cn6"
    return "-".join(names)


def document_number(symbol: str) -> str:
    """The symbol as the number part of an IRI: "/" is a dash and a space an underscore."""
    return symbol.replace("/", "-").replace(" ", "_")


@dataclass(frozen=True)
class Identity:
    """The FRBR names of one language version, after the AKN4UN naming convention."""

    work: str  # /akn/un/doc/communication/un-ga/2006-04-25/A-61-100
    expression: str  # <work>/fra@2006-04-25
    manifestation: str  # <expression>/.xml
    doc_type: str
    subtype: str
    name: str
    actor: str
    language: str  # "fra"


def identity(version: m.Version, document: m.Document) -> Identity:
    doc_type, subtype, name = DOCUMENT_CLASSES[document_kind(version)]
    date = document.date.isoformat()
    who = actor(document.symbols[0])
    work = f"/akn/un/{doc_type}/{subtype}/{who}/{date}/{document_number(document.symbols[0])}"
    expression = f"{work}/{LANGUAGE_CODES[version.lang]}@{date}"
    return Identity(work, expression, f"{expression}/.xml", doc_type, subtype, name, who,
                    LANGUAGE_CODES[version.lang])


def document_kind(version: m.Version) -> str:
    """The kind of document, as the model carries it (a key of DOCUMENT_CLASSES)."""
    return version.kind


class _Writer:
    """Writes one version; keeps the element ids unique and the people and roles it meets."""

    def __init__(self, version: m.Version, document: m.Document, generated: str):
        self.version = version
        self.document = document
        self.generated = generated  # the date the file is written: SOURCE_DATE_EPOCH's
        self.identity = identity(version, document)
        self.notes = {note.note_id: note for note in version.notes}
        self.counts: dict[str, int] = {}
        self.people: dict[str, str] = {}  # name -> eId of its TLCPerson
        self.roles: dict[str, str] = {}  # title -> eId of its TLCRole
        self.toc_items: dict[str, object] = {}  # Heading.anchor -> its Contents entry, for its section's eId

    def eid(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}_{self.counts[prefix]}"

    # --- inlines ---

    def inlines(self, element, nodes) -> None:
        """Append model inlines to `element`, text and children in order."""
        for node in nodes:
            if isinstance(node, m.Text):
                self.text(element, node.text)
            elif isinstance(node, m.Emphasis):
                self.child(element, _A.i(), node.children)
            elif isinstance(node, m.Strong):
                self.child(element, _A.b(), node.children)
            elif isinstance(node, m.Code):
                code = _A.inline(name="code")
                code.text = node.text
                element.append(code)
            elif isinstance(node, m.LineBreak):
                element.append(_A.eol())
            elif isinstance(node, m.Link):
                self.child(element, _A.a(href=node.href), node.children)
            elif isinstance(node, m.NoteRef):
                element.append(self.note_reference(node))
            elif isinstance(node, m.Image):
                element.append(self.image(node))

    @staticmethod
    def image(node: m.Image):
        """An image inside the document, as the HTML has it: the XML stays one file."""
        return _A.img(src=data_uri(node.image), alt=node.alt, width=str(css_px(node.image.width)),
                      height=str(css_px(node.image.height)))

    def child(self, element, child, nodes) -> None:
        self.inlines(child, nodes)
        element.append(child)

    @staticmethod
    def text(element, text: str) -> None:
        if len(element):
            element[-1].tail = (element[-1].tail or "") + text
        else:
            element.text = (element.text or "") + text

    def note_reference(self, ref: m.NoteRef):
        """The note itself at its first reference (an authorialNote), a noteRef at any other."""
        note = self.notes.get(ref.note_id)
        if note is not None and note.ref_id == ref.ref_id:
            body = _A.p()
            self.inlines(body, note.children)
            return _A.authorialNote(body, marker=ref.mark, placement="bottom", eId=f"fnt_{ref.note_id}")
        return _A.noteRef(href=f"#fnt_{ref.note_id}", marker=ref.mark, eId=self.eid("fntref"))

    def para(self, nodes, **attributes):
        p = _A.p(**attributes)
        self.inlines(p, nodes)
        return p

    def line(self, text: str, **attributes):
        return self.para((m.Text(text),), **attributes)

    # --- blocks ---

    def blocks(self, blocks) -> list:
        """Blocks as AKN hierarchy: a heading opens a section that holds what follows it (until a
        heading of its level or above); lettered subparagraphs sit in the paragraph before them."""
        out: list = []
        sections: list[tuple[int, object]] = []  # the open sections, innermost last

        def place(element) -> None:
            (sections[-1][1] if sections else None).append(element) if sections else out.append(element)

        for block in blocks:
            if isinstance(block, m.Heading):
                while sections and sections[-1][0] >= block.level:
                    sections.pop()
                heading = _A.heading()
                hanging = block.hanging_number  # a report's "I." is the section's number
                self.inlines(heading, hanging[1] if hanging else block.children)
                section = _A.hcontainer(*([_A.num(hanging[0])] if hanging else []), heading, name="section",
                                        eId=self.eid("sec"))
                if block.anchor in self.toc_items:  # the Contents entry leads to it
                    self.toc_items[block.anchor].set("href", f"#{section.get('eId')}")
                place(section)
                sections.append((block.level, section))
            elif isinstance(block, m.LabelledParagraph) and block.style == "lettered":
                container = (sections[-1][1] if sections else None)
                siblings = list(container) if container is not None else out
                parent = siblings[-1] if siblings and etree.QName(siblings[-1]).localname in (
                    "paragraph", "alinea") else None
                sub = _A.subparagraph(_A.num(block.label), _A.content(self.para(block.children)),
                                      eId=self.eid("subpara"))
                if parent is None:
                    place(sub)
                else:
                    self.hold(parent).append(sub)
            elif isinstance(block, m.LabelledParagraph):
                place(_A.paragraph(_A.num(block.label), _A.content(self.para(block.children)),
                                   eId=self.eid("para")))
            else:
                place(_A.alinea(_A.content(*self.block(block)), eId=self.eid("alinea")))
        return out

    @staticmethod
    def hold(parent):
        """A paragraph that gets subparagraphs: its own text becomes their intro."""
        content = parent.find(f"{{{NAMESPACE}}}content")
        if content is not None:
            intro = _A.intro(*content)
            parent.replace(content, intro)
        return parent

    def block(self, block) -> list:
        """A block that is not part of the hierarchy, as AKN block elements."""
        if isinstance(block, m.Paragraph):
            return [self.para(block.children)]
        if isinstance(block, m.LabelledParagraph):  # inside a list item or a quote
            p = _A.p()
            self.text(p, block.label + " ")
            self.inlines(p, block.children)
            return [p]
        if isinstance(block, m.Heading):
            return [self.para(block.children, **{"class": "heading"})]
        if isinstance(block, m.ListBlock):
            lst = _A.ol() if block.ordered else _A.ul()
            for item in block.items:
                lst.append(_A.li(*[element for child in item for element in self.block(child)]))
            return [lst]
        if isinstance(block, m.Quote):
            return [_A.blockContainer(*[e for child in block.children for e in self.block(child)],
                                      **{"class": "quote"})]
        if isinstance(block, m.CodeBlock):
            return [self.line(block.text, **{"class": "code"})]
        if isinstance(block, m.Table):
            table = _A.table(eId=self.eid("table"))
            for cells, tag in ((row, "th") for row in block.header):
                table.append(self.row(cells, tag))
            for cells in block.rows:
                table.append(self.row(cells, "td"))
            return [table]
        if isinstance(block, m.Figure):
            # The label and caption above the image, as printed.
            figure = _A.blockContainer(eId=self.eid("fig"), **{"class": "figure"})
            if block.label or block.caption:
                caption = _A.p(**{"class": "caption"})
                if block.label:
                    self.text(caption, block.label)
                    if block.caption:
                        caption.append(_A.eol())
                self.inlines(caption, block.caption)
                figure.append(caption)
            figure.append(_A.p(self.image(block.image)))
            return [figure]
        raise TypeError(f"no Akoma Ntoso form for {type(block).__name__}")

    def row(self, cells, tag: str):
        make = getattr(_A, tag)
        return _A.tr(*[make(self.para(cell.children)) for cell in cells])

    # --- signatures ---

    def signatures(self, signatures) -> list:
        """Each signature as printed, a container of its lines in the language's order: the title
        a role, the name a person."""
        out = []
        for signature in signatures:
            lines = []
            for kind, text in signature.lines:
                if kind == "title":
                    line = _A.role(refersTo=f"#{self.reference(self.roles, text, 'role')}")
                    line.text = text
                    lines.append(_A.p(_A.signature(line)))
                    continue
                before, _, after = text.partition(signature.name)
                person = _A.person(refersTo=f"#{self.reference(self.people, signature.name, 'person')}")
                person.text, person.tail = signature.name, after
                signed = _A.signature(person)
                signed.text = before
                lines.append(_A.p(signed))
            out.append(_A.container(*lines, name="signature"))
        return out

    @staticmethod
    def reference(known: dict[str, str], text: str, prefix: str) -> str:
        return known.setdefault(text, f"{prefix}_{len(known) + 1}")

    # --- the document ---

    def meta(self, component: str = "main", references: bool = True):
        idn, date = self.identity, self.document.date.isoformat()
        authors = [_A.FRBRauthor(href=f"#{who}") for who in self.actors()]
        work = _A.FRBRWork(
            _A.FRBRthis(value=f"{idn.work}/!{component}"), _A.FRBRuri(value=idn.work),
            *[_A.FRBRalias(name="symbol", value=symbol) for symbol in self.document.symbols[1:]],
            _A.FRBRdate(date=date, name="issued"), *authors,
            _A.FRBRcountry(value="un"), _A.FRBRsubtype(value=idn.subtype),
            _A.FRBRnumber(value=document_number(self.document.symbols[0]), showAs=self.document.symbols[0]),
            _A.FRBRname(value=idn.name),
        )
        expression = _A.FRBRExpression(
            _A.FRBRthis(value=f"{idn.expression}/!{component}"), _A.FRBRuri(value=idn.expression),
            _A.FRBRalias(name="documentTitle", value=self.version.document_title),
            _A.FRBRdate(date=date, name="issued"), *[_A.FRBRauthor(href=a.get("href")) for a in authors],
            _A.FRBRlanguage(language=idn.language),
        )
        original = self.document.original
        if original != self.version.lang:
            expression.append(_A.FRBRtranslation(
                href=f"{idn.work}/{LANGUAGE_CODES[original]}@{date}", fromLanguage=LANGUAGE_CODES[original],
                by=f"#{idn.actor}"))  # who translated is not in the content: the issuing body's services
        manifestation = _A.FRBRManifestation(
            _A.FRBRthis(value=f"{idn.expression}/!{component}.xml"), _A.FRBRuri(value=idn.manifestation),
            _A.FRBRdate(date=self.generated, name="generation"), _A.FRBRauthor(href=SOURCE),
            _A.FRBRformat(value="application/akn+xml"),
        )
        meta = _A.meta(_A.identification(work, expression, manifestation, source=SOURCE))
        if references:
            meta.append(_A.publication(date=date, name="un-official-document", showAs=self.version.symbol_line))
            meta.append(self.references())
        return meta

    def actors(self) -> list[str]:
        return list(dict.fromkeys(actor(symbol) for symbol in self.document.symbols))

    def references(self):
        organs = dict(zip(self.actors(), self.version.masthead.organs))
        refs = _A.references(source=SOURCE)
        refs.append(_A.TLCOrganization(eId="unpress", href="/ontology/organization/unpress", showAs="unpress"))
        for who in self.actors():
            refs.append(_A.TLCOrganization(eId=who, href=f"/ontology/organization/un/{who}",
                                           showAs=organs.get(who, who)))
        for name, eid in self.people.items():
            refs.append(_A.TLCPerson(eId=eid, href=f"/ontology/person/un/{_slug(name)}", showAs=name))
        for title, eid in self.roles.items():
            refs.append(_A.TLCRole(eId=eid, href=f"/ontology/role/un/{_slug(title)}", showAs=title))
        return refs

    def cover_page(self):
        head, v = self.version.masthead, self.version
        symbols = _A.p(**{"class": "symbols"})
        for position, symbol in enumerate(head.symbols):
            if position:
                self.text(symbols, "\u2013")
            symbols.append(_A.docNumber(symbol))
        if head.symbol_note:
            symbols.append(self.note_reference(head.symbol_note))
        distribution = _A.container(
            _A.p(_A.docStatus(head.distribution)), _A.p(_A.docDate(head.date, date=v.date.isoformat())),
            *([_A.p(_A.inline(head.version_language, name="versionLanguage"))] if head.version_language else []),
            _A.p(_A.inline(head.original, name="originalLanguage")),
            name="distribution")
        cover = _A.coverPage(_A.container(
            _A.p(head.wordmark, **{"class": "wordmark"}), symbols,
            *[_A.p(_A.docAuthority(organ)) for organ in head.organs], name="masthead"), distribution)
        if v.job:
            cover.append(_A.container(_A.p(_A.inline(v.job.line, name="jobNumber")), name="jobNumber"))
        return cover

    def preface(self):
        v = self.version
        lines = []
        for line in v.session_lines:
            lines.append(self.line(line, **{"class": "session"}))
        for agenda in v.agenda:
            p = _A.p(**{"class": "agenda"})
            self.text(p, agenda.before_note)
            if agenda.note:
                p.append(self.note_reference(agenda.note))
            self.text(p, agenda.after_note)
            lines.append(p)
        if not v.title_in_heading:  # else the first part's heading is the title (its docTitle)
            lines.append(_A.p(_A.docTitle(v.title)))
        if v.kind_line:
            lines.append(self.line(v.kind_line, **{"class": "kind"}))
        if v.sponsors_line:
            lines.append(self.line(v.sponsors_line, **{"class": "sponsors"}))
        return _A.preface(*lines)

    def part_front(self, part: m.Part) -> list:
        """What a part prints before its blocks, but for its heading: a report's issuer line (in its
        first part), its original note and title lines."""
        lines = []
        if self.version.issued_by and part is self.version.parts[0]:
            lines.append(_A.p(_A.docProponent(self.version.issued_by), **{"class": "issuer"}))
        if (summary := self.version.summary) and part is self.version.parts[0]:
            # Its paragraphs as plain p's: a blockContainer holds blocks, not the body's hierarchy.
            lines.append(_A.blockContainer(_A.p(summary.label, **{"class": "heading"}),
                                           *(self.para(block.children) for block in summary.blocks),
                                           **{"class": "summary", "eId": "summary"}))
        if (contents := self.version.contents) and part is self.version.parts[0]:
            lines.append(self.contents(contents))
        if part.original_note:
            lines.append(self.line(part.original_note, **{"class": "original"}))
        lines.extend(self.para(line, **{"class": "title"}) for line in part.title)
        return lines

    def contents(self, contents: m.Contents):
        """The Contents table: its heading, then a toc of one tocItem an entry, at its heading's
        level, its number and its paragraphs as inlines around the text; each leads to its
        section (its href set when blocks() gives the section its eId). Then the line over the
        annexes and a toc of theirs, each leading to its attachment."""
        def item(entry: m.ContentsEntry, href: str):
            found = _A.tocItem(href=href, level=str(entry.level))
            if entry.number:
                found.append(_A.inline(entry.number, name="num"))
                found[-1].tail = " "
            self.inlines(found, entry.children)
            if entry.paragraphs:
                self.text(found, " ")
                found.append(_A.inline(entry.paragraphs, name="paragraphs"))
            return found

        toc = _A.toc()
        for entry in contents.entries:  # its href set when blocks() gives the section its eId
            self.toc_items[entry.anchor] = item(entry, "#")
            toc.append(self.toc_items[entry.anchor])
        # An annex's entry leads to its attachment, whose eId is its part's anchor.
        annexes = _A.toc(*(item(entry, f"#{entry.anchor}") for entry in contents.annexes))
        return _A.blockContainer(
            _A.p(contents.heading, **{"class": "heading"}), *([toc] if contents.entries else []),
            *([_A.p(contents.annexes_heading, **{"class": "annexes"}), annexes] if contents.annexes else []),
            **{"class": "contents", "eId": "contents"})

    def main_part(self, part: m.Part):
        """A letter or body in mainBody: a container of its heading, front lines and blocks."""
        section = _A.hcontainer(name=part.kind, eId=part.anchor)
        if part.label:
            section.append(_A.num(part.label))
        if part.heading:
            heading = _A.heading()
            self.inlines(heading, part.heading)
            section.append(heading)
        front, blocks = self.part_front(part), self.blocks(part.blocks)
        if blocks:
            if front:
                section.append(_A.intro(*front))
            section.extend(blocks)
        else:
            section.append(_A.content(*(front or [_A.p()])))
        return section

    def attachment(self, part: m.Part):
        """An annex or enclosure: a document of its own inside the version, named as its component."""
        preface = _A.preface(
            *([_A.p(part.label, **{"class": "label"})] if part.label else []),
            *([self.title(part.heading)] if part.heading else []),
            *self.part_front(part))
        doc = _A.doc(self.meta(part.anchor, references=False), name=part.kind)
        if len(preface):
            doc.append(preface)
        doc.append(_A.mainBody(*(self.blocks(part.blocks) or [_A.p()])))
        if part.signatures:
            doc.append(_A.conclusions(*self.signatures(part.signatures)))
        return _A.attachment(doc, eId=part.anchor)

    def title(self, inlines):
        title = _A.docTitle()
        self.inlines(title, inlines)
        return _A.p(title)

    def write(self):
        idn = self.identity
        main = [part for part in self.version.parts if part.kind in ("letter", "body")]
        attached = [part for part in self.version.parts if part not in main]
        cover, preface = self.cover_page(), self.preface()
        body = _A.mainBody(*([self.main_part(part) for part in main] or [_A.p()]))
        signatures = [s for part in main for s in self.signatures(part.signatures)]
        attachments = [self.attachment(part) for part in attached]
        # A preface holds at least one line: a Security Council letter may have none above its heading.
        doc = getattr(_A, idn.doc_type)(cover, *([preface] if len(preface) else []), body, name=idn.name)
        if signatures:
            doc.append(_A.conclusions(*signatures))
        if attachments:
            doc.append(_A.attachments(*attachments))
        doc.insert(0, self.meta())  # last: it lists the people and roles the signatures name
        return _A.akomaNtoso(doc)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-") or "unnamed"


def akoma_ntoso(version: m.Version, document: m.Document, generated: str):
    return _Writer(version, document, generated).write()


def render(version: m.Version, context: RenderContext) -> bytes:
    return etree.tostring(akoma_ntoso(version, context.document, context.timestamp.date().isoformat()),
                          xml_declaration=True, encoding="UTF-8", pretty_print=True)
