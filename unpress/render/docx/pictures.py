"""Pictures: PNG and JPEG as they are; SVG as an SVG part with a PNG fallback, as Word 2016 writes it."""

from __future__ import annotations

import io
import itertools

from cairosvg.surface import PNGSurface
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml
from docx.shared import Emu, Length

from ...model import ImageData

EMU_PER_PX = 9525  # 914,400 EMU to the inch, 96 CSS pixels to the inch
# Office's extension URIs: the SVG beside a picture's PNG (Word 2016 and later, LibreOffice 7.4 and
# later read it; older readers show the PNG), and the "Mark as decorative" flag of Word 2019.
SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The PNG that stands in for an SVG has twice the pixels of its printed size (192 dpi), at most this
# many on its longer side: sharp in print, without a fallback far larger than the SVG.
FALLBACK_SCALE = 2
FALLBACK_MAX_SIDE = 4000


def fitted(image: ImageData, width: Length, height: Length | None = None) -> tuple[Emu, Emu]:
    """The image's printed size: its own, scaled down (never up, so never blurred by enlarging)
    to fit `width` and `height`, its proportions kept."""
    own_width, own_height = image.width * EMU_PER_PX, image.height * EMU_PER_PX
    scale = min(1.0, width / own_width, (height / own_height) if height else 1.0)
    return Emu(round(own_width * scale)), Emu(round(own_height * scale))


def fallback_png(image: ImageData, width: Length, height: Length) -> bytes:
    """The SVG drawn by CairoSVG, which may fetch nothing: `unsafe=False` keeps entities and
    files out, and the fetcher refuses every URL (unpress.read.images let no reference through)."""
    wide, high = width / EMU_PER_PX * FALLBACK_SCALE, height / EMU_PER_PX * FALLBACK_SCALE
    shrink = min(1.0, FALLBACK_MAX_SIDE / max(wide, high))
    pixels_wide, pixels_high = max(1, round(wide * shrink)), max(1, round(high * shrink))
    return PNGSurface.convert(bytestring=image.data, unsafe=False, url_fetcher=_refuse_fetch,
                              output_width=pixels_wide, output_height=pixels_high)


def _refuse_fetch(url: str, resource_type: str) -> bytes:
    raise ValueError(f"unpress fetches nothing for an image: {url[:80]}")


class Pictures:
    """Adds the pictures of one document, numbering their drawings from `first_id` (the ones
    below are the masthead's and the first page's), each SVG part once however often it is shown."""

    def __init__(self, first_id: int):
        self._ids = itertools.count(first_id)
        self._svg_parts: dict[tuple[int, bytes], Part] = {}

    def inline(self, part: Part, image: ImageData, width: Length, height: Length, description: str,
               picture_id: int | None = None, decorative: bool = False):
        """A wp:inline for `part` (the body, a header, the notes): the picture at this size, with
        `description` as its alternative text; a decorative one is marked so and has none."""
        if picture_id is None:
            picture_id = next(self._ids)
        if image.is_svg:
            inline = part.new_pic_inline(io.BytesIO(fallback_png(image, width, height)), width, height)
            blip = inline.xpath(".//a:blip")[0]
            relation = part.relate_to(self._svg_part(part, image), RT.IMAGE)
            blip.append(parse_xml(f'<a:extLst xmlns:a="{_A}"><a:ext uri="{SVG_BLIP}">'
                                  f'<asvg:svgBlip xmlns:asvg="{_ASVG}" xmlns:r="{_R}" r:embed="{relation}"/>'
                                  "</a:ext></a:extLst>"))
        else:
            inline = part.new_pic_inline(io.BytesIO(image.data), width, height)
        # python-docx numbers drawings part by part; Word wants them unique in the whole document.
        inline.docPr.id = picture_id
        inline.docPr.set("descr", "" if decorative else description)
        inline.docPr.set("name", f"Picture {picture_id}")
        if decorative:
            inline.docPr.append(parse_xml(f'<a:extLst xmlns:a="{_A}"><a:ext uri="{DECORATIVE}">'
                                          f'<adec:decorative xmlns:adec="{_ADEC}" val="1"/></a:ext></a:extLst>'))
        # The file name python-docx gives the picture ("image.png") is no description of it.
        inline.xpath(".//pic:cNvPr")[0].set("name", f"Picture {picture_id}")
        return inline

    def _svg_part(self, part: Part, image: ImageData) -> Part:
        key = (id(part.package), image.data)
        if key not in self._svg_parts:
            name = part.package.next_partname("/word/media/image%d.svg")
            self._svg_parts[key] = Part(PackURI(name), "image/svg+xml", image.data, part.package)
        return self._svg_parts[key]

