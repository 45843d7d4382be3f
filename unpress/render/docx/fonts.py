"""The fonts part (word/fontTable.xml) and the theme (word/theme/theme1.xml) of the DOCX."""

from __future__ import annotations

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from lxml import etree

from .oxml import w
from .styles import StyleSet

# What Word needs to stand in for a font that is not installed: the character set of the script
# the font is named for, and its kind (w:family) from the CSS list's generic family.
_CHARSETS = {"latin": "00", "complex": "B2", "east_asian": "86"}  # ANSI, Arabic, GB2312
_KINDS = {"serif": "roman", "sans-serif": "swiss", "monospace": "modern"}


def font_table(style_set: StyleSet) -> bytes:
    """Every font the styles name, each with the next family of its list as Word's stand-in."""
    root = parse_xml(f"<w:fonts {nsdecls('w')}/>")
    for font in style_set.fonts.values():
        children = [w("altName", val=font.alternates[0])] if font.alternates else []
        children += [w("charset", val=_CHARSETS[font.script]), w("family", val=_KINDS.get(font.generic, "auto")),
                     w("pitch", val="fixed" if font.generic == "monospace" else "variable")]
        root.append(w("font", *children, name=font.name))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme(style_set: StyleSet) -> bytes:
    """A theme of black and white whose fonts are the masthead's (headings, "major") and the
    text's ("minor"), by script. The styles name their fonts themselves; Word requires a theme."""
    a = "{%s}" % _A
    root = etree.Element(f"{a}theme", nsmap={"a": _A}, name="unpress")
    elements = etree.SubElement(root, f"{a}themeElements")
    colours = etree.SubElement(elements, f"{a}clrScheme", name="unpress")
    for name, system in (("dk1", "windowText"), ("lt1", "window")):
        etree.SubElement(etree.SubElement(colours, f"{a}{name}"), f"{a}sysClr", val=system,
                         lastClr="000000" if name == "dk1" else "FFFFFF")
    for name in ("dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"):
        etree.SubElement(etree.SubElement(colours, f"{a}{name}"), f"{a}srgbClr",
                         val="FFFFFF" if name == "lt2" else "000000")
    scheme = etree.SubElement(elements, f"{a}fontScheme", name="unpress")
    _, masthead = style_set.styles["UN Organ"]
    for role, props in (("majorFont", {**style_set.defaults, **masthead}), ("minorFont", style_set.defaults)):
        fonts = etree.SubElement(scheme, f"{a}{role}")
        for tag, key in (("latin", "font"), ("ea", "font_east_asian"), ("cs", "font_complex")):
            etree.SubElement(fonts, f"{a}{tag}", typeface=props.get(key) or "")
    formats = etree.SubElement(elements, f"{a}fmtScheme", name="unpress")
    for group, item in (("fillStyleLst", "solidFill"), ("lnStyleLst", "ln"), ("effectStyleLst", "effectStyle"),
                        ("bgFillStyleLst", "solidFill")):
        styles = etree.SubElement(formats, f"{a}{group}")
        for _ in range(3):  # the schema asks for three of each
            style = etree.SubElement(styles, f"{a}{item}", **({"w": "6350"} if item == "ln" else {}))
            if item == "effectStyle":
                etree.SubElement(style, f"{a}effectLst")
            else:
                fill = style if item == "solidFill" else etree.SubElement(style, f"{a}solidFill")
                etree.SubElement(fill, f"{a}schemeClr", val="phClr")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
