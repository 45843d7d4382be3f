"""The first page's machine-readable codes: the job number's Code 39 barcode and the undocs.org QR code."""

from __future__ import annotations

import io

import segno
from barcode import Code39
from barcode.writer import ImageWriter, SVGWriter

# Bars 0.25 mm wide and 8 mm tall, no printed text (the job line above it already reads out the
# number), with a quiet zone of ten bar widths on each side, as Code 39 scanners expect.
_BARCODE = {"module_width": 0.25, "module_height": 8.0, "quiet_zone": 2.5, "write_text": False}
_QR = {"border": 4}  # the four-module quiet zone of the QR standard


def _code39(text: str) -> str:
    # The model gives the barcode as printed, "*0639949*": the asterisks are Code 39's start
    # and stop character, which the encoder adds itself. No check character, as on UN documents.
    if not (len(text) > 2 and text[0] == text[-1] == "*"):
        raise ValueError(f"a Code 39 text is framed by asterisks, not {text!r}")
    return text[1:-1]


def barcode_png(text: str) -> bytes:
    """The barcode of `text` ("*0639949*") as a 300 dpi PNG; the same text gives the same bytes."""
    out = io.BytesIO()
    Code39(_code39(text), writer=ImageWriter(dpi=300), add_checksum=False).write(out, _BARCODE)
    return out.getvalue()


def barcode_svg(text: str) -> str:
    """The barcode of `text` ("*0639949*") as an SVG document, sized in millimetres."""
    out = io.BytesIO()
    Code39(_code39(text), writer=SVGWriter(), add_checksum=False).write(out, _BARCODE)
    return out.getvalue().decode("utf-8")


def qr_png(data: str) -> bytes:
    """The QR code of `data` (the undocs.org link) as a PNG, ten pixels a module."""
    out = io.BytesIO()
    segno.make(data, micro=False).save(out, kind="png", scale=10, **_QR)
    return out.getvalue()


def qr_svg(data: str) -> str:
    """The QR code of `data` as an SVG document, one unit a module (scale it with CSS)."""
    out = io.BytesIO()
    segno.make(data, micro=False).save(out, kind="svg", xmldecl=False, svgns=True, **_QR)
    return out.getvalue().decode("utf-8")
