"""The PDF: the HTML templates laid out by WeasyPrint on UN pages, finished on its PDF objects."""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import mimetypes
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf
from markupsafe import Markup
from weasyprint import HTML, URLFetcher
from weasyprint import __version__ as WEASYPRINT_VERSION
from weasyprint.logger import LOGGER
from weasyprint.urls import URLFetcherResponse
from weasyprint.text.ffi import ffi, fontconfig
from weasyprint.text.fonts import FontConfiguration

from .. import __version__
from ..fonts import GENERIC_FAMILIES
from ..locale import get_locale
from ..model import Version
from ..problems import WARNING, Problem
from ..read.files import read_file
from . import RenderContext
from .html import data_uri, render_page, stylesheet
from .layouts import LayoutCache
from .pdf_finish import finisher
from . import pdf_parts
from .pdf_notes import MOVED, lay_out, note_places, note_problems

# Debian packages of the fonts the default tokens name, for the warning when none is installed.
FONT_PACKAGES = {
    "Times New Roman": "ttf-mscorefonts-installer",
    "Arial": "ttf-mscorefonts-installer",
    "Liberation Serif": "fonts-liberation2",
    "Liberation Sans": "fonts-liberation2",
    "Tinos": "fonts-croscore",
    "Arimo": "fonts-croscore",
    "Noto Naskh Arabic": "fonts-noto-core",
    "Noto Sans Arabic": "fonts-noto-core",
    "Noto Serif CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK SC": "fonts-noto-cjk",
}
# The free fonts of a language's script, named whatever fonts its tokens (font_body_ar, ...) ask for.
SCRIPT_PACKAGES = {"ar": "fonts-noto-core", "zh": "fonts-noto-cjk"}
# Characters whose Unicode names start so are in the CJK fonts, every other in Noto's core set.
_CJK_NAMES = ("CJK", "IDEOGRAPHIC", "FULLWIDTH", "HALFWIDTH", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO")


class LocalFetcher(URLFetcher):
    """Gives WeasyPrint data: URLs and the files below `folders` (and `files`), nothing else."""

    def __init__(self, folders: Iterable[Path], files: Iterable[Path] = ()):
        super().__init__(allowed_protocols=("file", "data"))
        self._folders = tuple(folder.resolve() for folder in folders)
        self._files = frozenset(file.resolve() for file in files)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            # resolve() follows links, so a link inside a folder cannot lead out of it.
            path = Path(url2pathname(urlsplit(url).path))
            real = path.resolve()
            root = real.parent if real in self._files else next(
                (folder for folder in self._folders if real.is_relative_to(folder)), None)
            if root is None:
                raise ValueError(f"{real} is outside the document and theme folders")
            # As every file a build reads: a regular file, size bounded (a pipe would hang the build).
            data = read_file(path, root, folder="the theme folders")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=data, headers={"Content-Type": kind})
        return super().fetch(url, headers)


class WeasyPrintLog(logging.Handler):
    """What WeasyPrint logs (it logs CSS and resource problems instead of raising), as warnings.

    Each message once; characters that no installed font has (logged one by one) in one warning.
    """

    NOTDEF = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.)" \(U\+\w+\)')

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: dict[str, None] = {}  # in order of arrival
        self.missing_glyphs: dict[str, None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if match := self.NOTDEF.fullmatch(message):
            self.missing_glyphs.update(dict.fromkeys(match[1]))
        else:
            self.messages[message] = None

    @contextlib.contextmanager
    def capture(self) -> Iterator[WeasyPrintLog]:
        propagate = LOGGER.propagate
        LOGGER.addHandler(self)
        LOGGER.propagate = False  # reported once, by the build, not also by a logging set-up
        try:
            yield self
        finally:
            LOGGER.removeHandler(self)
            LOGGER.propagate = propagate

    def problems(self, file: str) -> list[Problem]:
        found = [Problem(file, None, "pdf", f"WeasyPrint: {message}", "weasyprint", WARNING)
                 for message in self.messages]
        if self.missing_glyphs:
            characters = "".join(self.missing_glyphs)
            packages = sorted({"fonts-noto-cjk" if unicodedata.name(c, "").startswith(_CJK_NAMES)
                               else "fonts-noto-core" for c in characters})
            found.append(Problem(file, None, "pdf", f"no installed font has the characters "
                                 f"\"{characters}\", which are printed as empty boxes: install a font "
                                 f"that has them (Debian: {', '.join(packages)})", "font-missing", WARNING))
        return found


def _css(context: RenderContext) -> Markup:
    tokens = context.theme.tokens()
    extra = f"@page {{ size: {tokens['page_' + context.settings.paper]}; }}"
    if context.emblem:
        extra += f'\n.emblem {{ background-image: url("{data_uri(context.emblem)}"); }}'
    return stylesheet(context.theme, "document.css", "paged.css") + Markup("\n" + extra)


def _data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _codes(version: Version) -> dict[str, str]:
    found: dict[str, str] = {}
    if not (version.job or version.undocs_url):
        return found
    from .. import codes  # python-barcode and segno: only for a version that has a code


    if version.job:
        found["barcode"] = _data_uri("image/svg+xml", codes.barcode_svg(version.job.barcode).encode())
    if version.undocs_url:
        found["qr"] = _data_uri("image/png", codes.qr_png(version.undocs_url))
    return found


def installed_families(fonts: FontConfiguration) -> frozenset[str]:
    """The font families of the system that WeasyPrint chooses from with `fonts`."""
    # The configuration fontconfig loaded for `fonts` (WeasyPrint keeps it as _config, held by
    # Pango's font map): loading another one takes four times as long as listing its fonts.
    listed = fontconfig.FcConfigGetFonts(fonts._config, fontconfig.FcSetSystem)
    # The out-argument's type as the declaration of FcPatternGetString has it: naming it in a
    # string ("FcChar8 **") would have cffi parse C again, longer than the listing takes.
    value = ffi.new(ffi.typeof(fontconfig.FcPatternGetString).args[3])
    families = set()
    for index in range(listed.nfont if listed != ffi.NULL else 0):
        n = 0  # a font may have its family in several languages
        while fontconfig.FcPatternGetString(listed.fonts[index], b"family", n, value) == 0:
            families.add(ffi.string(value[0]).decode())
            n += 1
    return frozenset(families)


def font_problems(tokens: dict, installed: frozenset[str], file: str, lang: str | None = None) -> list[Problem]:
    """A warning for each font token none of whose fonts is installed, naming the packages: the
    Latin fonts, and the fonts of the version's script (font_body_ar, ...) for a version in `lang`."""
    problems = []
    scripts = [f"{token}_{lang}" for token in ("font_body", "font_masthead") if f"{token}_{lang}" in tokens]
    for token in ("font_body", "font_masthead", *scripts):
        families = [name.strip().strip("\"'") for name in tokens[token].split(",")]
        named = [name for name in families if name not in GENERIC_FAMILIES]
        if named and not installed.intersection(named):
            packages = {FONT_PACKAGES[name] for name in named if name in FONT_PACKAGES}
            if token in scripts:
                packages.add(SCRIPT_PACKAGES.get(lang, "fonts-noto-core"))
                what = (f"the {get_locale('en').language_name(lang)} text is set in another font, "
                        "which may lack its letters or shape them badly")
            else:
                what = "the PDF uses another, with other letter widths"
            advice = f"; install {' or '.join(sorted(packages))}" if packages else ""
            problems.append(Problem(file, None, token, f"none of the fonts {', '.join(named)} is "
                                    f"installed, so {what}{advice}", "font-missing", WARNING))
    return problems


def print_page(version: Version, context: RenderContext) -> str:
    """The print HTML: the PDF template and styles, filled in; one file that needs nothing else
    (styles inline, images, emblem and codes as data: URIs, fonts from the system)."""
    theme = context.theme
    return render_page(
        version, theme, "pdf.html.j2", css=_css(context), codes=_codes(version),
        notes_at_references={note.ref_id: note for note in version.notes},
        generator=f"unpress {__version__}", draft=context.settings.draft, emblem=context.emblem, paged=True,
        timestamp=context.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def weasyprint_html(version: Version, context: RenderContext, page: str | None = None) -> HTML:
    """The version as WeasyPrint reads it (`page`, or the print HTML made here), files only from here."""
    theme = context.theme
    folder = Path(context.document.source).resolve()
    html = print_page(version, context) if page is None else page
    # Images and the emblem are data: URIs in the page, read and checked by unpress; WeasyPrint may
    # read nothing from the document's folder, only what a theme's style sheets name.
    fetcher = LocalFetcher((*theme.template_dirs, *theme.style_dirs))
    return HTML(string=html, base_url=folder.as_uri() + "/", url_fetcher=fetcher)


def with_moved(page: str, moved: list[int], count: int | None = None) -> str | None:
    """`page` with its paragraphs of these indices (among its <p> elements, in order) given the
    style of a paragraph that starts a new page; None when an HTML parser finds other than `count`
    paragraphs in it (WeasyPrint's parser mends markup: a stray </p> makes a <p>)."""
    starts = [tag.start for tag in pdf_parts.tags(page) if tag.name == "p" and not tag.closing]
    if count not in (None, len(starts)) or any(not 0 <= index < len(starts) for index in moved):
        return None
    for index in sorted(moved, reverse=True):  # from the end, so the earlier places stay where they are
        place = starts[index] + len("<p")
        page = f'{page[:place]} style="{MOVED}"{page[place:]}'
    return page


def as_laid_out(page: str, html: HTML) -> str:
    """The print HTML as WeasyPrint last laid it out: `page` with the paragraphs that the notes'
    layout made start a new page (pdf_notes.lay_out sets their style in WeasyPrint's tree) given
    the same style in the text, so that the file alone lays out to the same pages."""
    paragraphs = list(html.etree_element.iter("p"))
    moved = [index for index, paragraph in enumerate(paragraphs) if paragraph.get("style") == MOVED]
    if not moved:
        return page
    written = with_moved(page, moved, len(paragraphs))
    if written is None:  # the tree itself
        import xml.etree.ElementTree as ElementTree

        return "<!DOCTYPE html>\n" + ElementTree.tostring(html.etree_element, encoding="unicode", method="html")
    return written


@contextlib.contextmanager
def page_references_kept() -> Iterator[None]:
    """pydyf's PDF.page_references, made once for each number of pages instead of at each reading.

    It makes the tuple of every page's reference each time it is read, and WeasyPrint reads it
    for each element of the structure tree and each destination: a pass over all the pages for
    each, 30 s of the 20,000-note letter's CPU. The same tuple, kept while the pages are the same.
    """
    made = pydyf.PDF.page_references

    def kept(pdf: pydyf.PDF) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])  # pages are only added (PDF.add_page)
        if getattr(pdf, "_unpress_page_references", (None,))[0] != count:
            pdf._unpress_page_references = (count, made.fget(pdf))
        return pdf._unpress_page_references[1]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = made


def heading_pages(version: Version, context: RenderContext) -> dict[str, int]:
    """The page (from 1) each id of the print HTML is on, as the PDF lays it out: the DOCX gives
    its Contents entries these pages until Word or LibreOffice computes its own."""
    with WeasyPrintLog().capture(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"unclosed file .*sRGB2014\.icc", ResourceWarning)
        document = lay_out(weasyprint_html(version, context), FontConfiguration())
    return {anchor: number for number, page in reversed(list(enumerate(document.pages, start=1)))
            for anchor in page.anchors}


@dataclass(frozen=True)
class Laid:
    """A PDF written from one layout (of a document, or of one of its parts), and what was found."""

    data: bytes
    pages: int
    places: list  # pdf_notes.note_places, numbered as the document's pages
    moved: list[int] | None  # the paragraphs made to start a page; None: not found in the print HTML
    messages: dict[str, None]  # WeasyPrintLog's
    missing_glyphs: dict[str, None]
    families: frozenset[str]  # installed_families

    def facts(self) -> dict:
        """What a layout cache keeps beside the PDF (as JSON)."""
        return {"pages": self.pages, "places": self.places, "moved": self.moved, "messages": list(self.messages),
                "missing_glyphs": list(self.missing_glyphs), "families": sorted(self.families)}

    @classmethod
    def kept(cls, data: bytes, facts: dict) -> Laid:
        """The facts() of a layout cache again; ValueError if they are not as facts() makes them."""
        laid = cls(data, facts["pages"], [tuple(place) for place in facts["places"]], facts["moved"],
                   dict.fromkeys(facts["messages"]), dict.fromkeys(facts["missing_glyphs"]), frozenset(facts["families"]))
        shapes = (str, int, int, bool)
        if not (isinstance(laid.pages, int) and laid.pages > 0
                and all(len(place) == 4 and all(map(isinstance, place, shapes)) for place in laid.places)
                and (laid.moved is None or all(isinstance(index, int) for index in laid.moved))
                and all(isinstance(text, str) for text in (*laid.messages, *laid.missing_glyphs, *laid.families))):
            raise ValueError("not a layout's facts")
        return laid


class _Writer:
    """Lays out a document's print HTML (or a part's), from the page given, and writes its PDF."""

    def __init__(self, version: Version, context: RenderContext):
        self.version, self.context = version, context
        settings = context.settings
        self.tagged = settings.pdf_variant != "none"
        self.variant = None if settings.pdf_variant == "none" else settings.pdf_variant
        # One font configuration for all the layouts of a process and for the fonts check (and for
        # the pages the notes make again): each new one loads fontconfig's configuration again.
        self._fonts: tuple[int, FontConfiguration] | None = None

    def fonts(self) -> FontConfiguration:
        if self._fonts is None or self._fonts[0] != os.getpid():  # a forked process makes its own
            self._fonts = (os.getpid(), FontConfiguration())
        return self._fonts[1]

    def write(self, page: str, first_page: Callable[[int], int] | None = None,
              paragraphs: tuple[int, ...] | None = None) -> tuple[Laid, HTML]:
        """`page` laid out and written; a part's (`first_page` given) from the page that
        first_page(its number of pages) says, its <p> elements those of `paragraphs` in the page."""
        log, fonts, started = WeasyPrintLog(), self.fonts(), [1]
        html = weasyprint_html(self.version, self.context, page)

        def starts(pages: int) -> int:
            started[0] = first_page(pages)
            return started[0]

        with log.capture(), warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile for PDF/A and never closes it.
            warnings.filterwarnings("ignore", r"unclosed file .*sRGB2014\.icc", ResourceWarning)
            with pdf_parts.starting_at(html, starts) if first_page else contextlib.nullcontext():
                document = lay_out(html, fonts)
            # The /ID is the digest of the content, so that the same input gives the same bytes. A part's
            # has none: pdf_join gives the joined PDF its own, and pydyf would write every object twice.
            with page_references_kept():
                data = document.write_pdf(pdf_variant=self.variant, pdf_tags=self.tagged,
                                          pdf_identifier=first_page is None,
                                          finisher=finisher(self.version, self.tagged))
        tree = list(html.etree_element.iter("p"))
        moved = [index for index, paragraph in enumerate(tree) if paragraph.get("style") == MOVED]
        if paragraphs is not None:
            moved = [paragraphs[index] for index in moved] if len(tree) == len(paragraphs) else None
        laid = Laid(data, len(document.pages), note_places(self.version, document.pages, started[0]),
                    moved, log.messages, log.missing_glyphs, installed_families(fonts))
        return laid, html


def render(version: Version, context: RenderContext) -> bytes:
    theme, report = context.theme, context.report
    folder = context.document.source
    writer = _Writer(version, context)
    page = print_page(version, context)
    units = pdf_parts.cut(page)
    if units is None:
        laid, html = writer.write(page)
        made, data = [laid], laid.data
        if context.print_html is not None:
            context.print_html(as_laid_out(page, html).encode("utf-8"))
    else:
        joined: list = []

        def join(index: int, part: Laid) -> None:
            if index == 0:
                from .pdf_join import Joined  # pikepdf: only for a document of parts

                joined.append(Joined(part.data))
            else:
                joined[0].add(part.data, units[index].heading_level - units[0].heading_level)

        made = _by_parts(writer, units, context.processes, context.layout_cache, join)
        data = joined[0].write()
        if context.print_html is not None:
            moved = None if any(part.moved is None for part in made) else [i for part in made for i in part.moved]
            written = with_moved(page, moved) if moved is not None else None
            if written is None:  # a template whose markup WeasyPrint's parser mends: as one layout moves them
                written = as_laid_out(page, writer.write(page)[1])
            context.print_html(written.encode("utf-8"))
    log = WeasyPrintLog()
    log.messages = {message: None for part in made for message in part.messages}
    log.missing_glyphs = {glyph: None for part in made for glyph in part.missing_glyphs}
    places = [place for part in made for place in part.places]
    tokens_file = str(theme.style_path("tokens.yaml"))
    for problem in (font_problems(theme.tokens(), made[0].families, tokens_file, version.lang)
                    + log.problems(folder) + note_problems(places, folder)):
        report(problem)
    return data


def _by_parts(writer: _Writer, units: list[pdf_parts.Unit], processes: int, cache: LayoutCache | None,
              made_one: Callable[[int, Laid], None]) -> list[Laid]:
    """Each part laid out and written alone, or taken from the layout cache: in this process, or,
    when the first part has changed (a cold build), in `processes` forked ones; each handed to
    `made_one` in order as soon as it and those before it are made."""
    def make(index: int, first_page: Callable[[int], int]) -> Laid:
        return writer.write(units[index].html, first_page, units[index].paragraphs)[0]

    def key(index: int, first_page: int) -> str:
        # The notes' links are described from the version's label (pdf_finish): the rest is in the HTML.
        return cache.key(f"{WEASYPRINT_VERSION}\0{writer.version.labels['note_reference']}\0{units[index].html}",
                         first_page)

    def kept(index: int, first_page: int) -> Laid | None:
        found = cache.get(key(index, first_page)) if cache is not None else None
        try:
            return Laid.kept(*found) if found is not None else None
        except (KeyError, TypeError, ValueError):  # facts not as unpress keeps them: laid out again
            return None

    made: list[Laid] = []
    if processes > 1 and kept(0, 1) is None:
        made = pdf_parts.lay_out_in_processes(len(units), processes, make, lambda index: len(units[index].html),
                                              made_one)
    else:
        for index in range(len(units)):
            first = 1 + sum(part.pages for part in made)
            made.append(kept(index, first) or make(index, lambda pages: first))
            made_one(index, made[-1])
    if cache is not None:
        firsts = [1 + sum(part.pages for part in made[:index]) for index in range(len(made))]
        cache.keep({key(index, first): (part.data, part.facts()) for index, (part, first) in enumerate(zip(made, firsts))})
    return made
