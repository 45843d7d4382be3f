"""Images: read from inside their folder only, recognised by their bytes, SVG checked for anything active."""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from PIL import Image as PILImage

from ..model import ImageData
from ..problems import ContentError
from .files import Reads, read_file

MAX_IMAGE_BYTES = 10 * 2**20  # the contract's default; unpress.toml's max_image_mb changes it
# A raster is refused above this many pixels (Pillow warns above 89 million): a 10 MB PNG of one
# colour can unpack to gigabytes in every writer that decodes it.
MAX_PIXELS = 64_000_000

_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code, embed other documents or load what they name, whatever their attributes.
_ACTIVE_ELEMENTS = {"script": "a script", "foreignObject": "a <foreignObject>", "handler": "an event handler",
                    "listener": "an event listener"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
_PX_PER = {None: 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


class ImageRefused(Exception):
    """Why an image cannot be used, as the end of a one-line problem, and the problem's code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class ImageFolder:
    """Where a part's images may come from: paths are taken from `base` (the Markdown file's
    folder, as any Markdown viewer would show them) and must stay inside `root`; each file read
    is recorded in `reads` (the build's key)."""

    base: Path
    root: Path
    limit: int = MAX_IMAGE_BYTES
    reads: Reads | None = None

    def read(self, typed: str) -> ImageData:
        """The image at the path `typed` (as markdown-it gives it, percent-encoded)."""
        return read_image(self.base, self.root, typed, self.limit, self.reads)


# read.files' refusals, as image refusals (the message then quotes the path as typed).
_FILE_CODES = {"outside-folder": "image-outside", "not-a-file": "image-not-file", "too-large": "image-too-large",
               "missing-file": "image-missing", "broken-link": "image-missing", "link-loop": "image-missing",
               "unreadable": "image-unreadable"}


def read_image(base: Path, root: Path, typed: str, limit: int = MAX_IMAGE_BYTES, reads: Reads | None = None,
               folder: str = "the document folder") -> ImageData:
    """Raises ImageRefused, whose message quotes the path as typed, for anything but a PNG, JPEG
    or safe SVG that is a regular file inside `root` (`folder` names it), of at most `limit` bytes."""
    shown = unquote(typed)
    address = urlsplit(typed)
    if address.scheme or address.netloc:
        raise ImageRefused(f"'{shown}' is not a file in the document's folder; unpress fetches nothing "
                           "from the network: save the image beside the text and give its path", "image-remote")
    path = base / unquote(address.path)
    try:
        data = read_file(path, root, reads, limit, folder)
    except ContentError as error:
        (problem,) = error.problems
        code = _FILE_CODES.get(problem.code, "image-unreadable")
        if problem.code == "missing-file":
            message = f"does not exist (looked for {path}); check the path, which is taken from the folder " \
                      "of the Markdown file"
        elif code == "image-too-large":
            message = f"is larger than the {limit / 2**20:.0f} MB an image may have; make it smaller (or " \
                      "raise max_image_mb in unpress.toml)"
        else:
            message = problem.message
        raise ImageRefused(f"'{shown}' {message}", code) from None
    return recognise(data, shown)


def recognise(data: bytes, shown: str) -> ImageData:
    """The image in `data`, by its bytes: Pillow for PNG and JPEG, an XML parser for SVG."""
    raster = _raster(data, shown)
    if raster is not None:
        return raster
    if _looks_like_xml(data):
        return _svg(data, shown)
    found = _pillow_format(data)
    kind = f"a {found} image" if found else "not an image"
    raise ImageRefused(f"'{shown}' is {kind}; unpress takes PNG, JPEG and SVG images", "image-type")


def _raster(data: bytes, shown: str) -> ImageData | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(io.BytesIO(data), formats=("PNG", "JPEG")) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ImageRefused(f"'{shown}' has {image.width} × {image.height} pixels, more than the "
                                       f"{MAX_PIXELS // 10**6} million an image may have; make it smaller",
                                       "image-too-large")
                media_type = PILImage.MIME[image.format]
                width, height = image.size
                dpi = image.info.get("dpi")
                image.verify()  # the chunks' checksums (PNG): a truncated file is refused here
        except PILImage.UnidentifiedImageError:
            return None
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            raise ImageRefused(f"'{shown}' has more pixels than an image may have; make it smaller",
                               "image-too-large") from None
        except (OSError, SyntaxError, ValueError) as error:
            raise ImageRefused(f"'{shown}' is a damaged {_pillow_format(data) or 'image'} file ({error}); "
                               "save it again", "image-damaged") from None
    # A resolution the file declares sets its size in print (a 300 dpi chart); without one, or with
    # a nonsensical one, a pixel is a CSS pixel.
    scale_x, scale_y = 1.0, 1.0
    if dpi and all(isinstance(v, (int, float)) and 30 <= v <= 2400 for v in dpi):
        scale_x, scale_y = 96 / dpi[0], 96 / dpi[1]
    return ImageData(media_type, data, width * scale_x, height * scale_y, shown)


def _pillow_format(data: bytes) -> str | None:
    """The name of the format Pillow finds, for the message about an image of another type."""
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            return image.format
    except Exception:  # noqa: BLE001 - anything Pillow cannot open is "not an image"
        return None


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


# No DTD is loaded, no entity is expanded, nothing is fetched; a DOCTYPE is refused after parsing.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True)


def _svg(data: bytes, shown: str) -> ImageData:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise ImageRefused(f"'{shown}' is not well-formed XML (line {error.lineno} of the SVG: {error.msg}); "
                           "save it again as SVG", "image-damaged") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None or b"<!ENTITY" in data:
        raise ImageRefused(f"'{shown}' declares a DOCTYPE or XML entities, which unpress never expands; "
                           "save the SVG without them", "svg-doctype")
    if root.tag != f"{_SVG}svg":
        raise ImageRefused(f"'{shown}' is XML but not an SVG image (its root is <{etree.QName(root).localname}>)",
                           "image-type")
    for node in [*root.itersiblings(preceding=True), *root.iter(), *root.itersiblings()]:
        if isinstance(node, etree._ProcessingInstruction):
            raise ImageRefused(f"'{shown}' holds a processing instruction (line {node.sourceline} of the SVG), "
                               "which could load a style sheet; delete it", "svg-external")
        if not isinstance(node.tag, str) or node.getparent() is None and node is not root:
            continue  # an entity reference left unexpanded is caught above; comments are dropped
        _check_element(node, shown)
    width, height = svg_size(root)
    return ImageData("image/svg+xml", data, width, height, shown)


def _check_element(node, shown: str) -> None:
    where = f"line {node.sourceline} of the SVG"
    name = etree.QName(node).localname
    if name in _ACTIVE_ELEMENTS:
        raise ImageRefused(f"'{shown}' holds {_ACTIVE_ELEMENTS[name]} ({where}); an image may not run "
                           "code or embed other content: delete it", "svg-script")
    for key, value in node.attrib.items():
        attribute = etree.QName(key).localname
        if attribute.lower().startswith("on"):
            raise ImageRefused(f"'{shown}' has the event attribute {attribute} ({where}); an image may not "
                               "run code: delete it", "svg-script")
        if attribute == "href" or key == _XLINK_HREF:
            if not value.strip().startswith("#"):
                raise ImageRefused(f"'{shown}' refers to '{value}' ({where}); an image may refer only to its "
                                   "own parts (href=\"#id\"): embed what it shows", "svg-external")
        if name in ("set", "animate") and attribute == "attributeName" and (
                value.lower().startswith("on") or value.endswith("href")):
            raise ImageRefused(f"'{shown}' animates the attribute {value} ({where}), which could make it "
                               "run code or load a file: delete the animation", "svg-script")
        if "url(" in value.lower():
            _check_style(value, shown, where)
    if name == "style":
        _check_style(node.text or "", shown, where)


def _check_style(css: str, shown: str, where: str) -> None:
    if _IMPORT.search(css):
        raise ImageRefused(f"'{shown}' imports a style sheet ({where}); put its styles in the SVG",
                           "svg-external")
    for target in _URL.findall(css):
        if not target.startswith("#"):
            raise ImageRefused(f"'{shown}' refers to '{target}' in a style ({where}); an image may refer "
                               "only to its own parts (url(#id))", "svg-external")


def svg_size(root) -> tuple[float, float]:
    """An SVG's size in CSS pixels: its width and height, else its viewBox, else CSS's 300 × 150."""
    box = (root.get("viewBox") or "").replace(",", " ").split()
    box_size = None
    if len(box) == 4:
        try:
            box_size = (float(box[2]), float(box[3]))
        except ValueError:
            box_size = None
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width and height:
        return width, height
    if box_size and box_size[0] > 0 and box_size[1] > 0:
        ratio = box_size[1] / box_size[0]
        if width:
            return width, width * ratio
        if height:
            return height / ratio, height
        return box_size
    return 300.0, 150.0


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    if not match:
        return None  # a percentage, "auto" or nothing: the size comes from the viewBox
    number = float(match.group(1)) * _PX_PER[match.group(2)]
    return number if number > 0 else None


