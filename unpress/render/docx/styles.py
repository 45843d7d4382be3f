"""The DOCX style set: docx-styles.yaml with its tokens resolved, and the styles.xml made from it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Inches, Length, Mm, Pt
from lxml import etree

from ...problems import ContentError, Problem, suggest
from ...fonts import GENERIC_FAMILIES, family_used
from ...theme import Theme
from ...read.yamlsource import Value, YamlError, read_yaml
from .oxml import rule, twips, w

STYLE_FILE = "docx-styles.yaml"

# Every style the renderer writes, and its kind; a style file must define them all.
REQUIRED = {
    **dict.fromkeys((
        "Normal", "UN Wordmark", "UN Symbol", "UN Emblem", "UN Organ", "UN Distribution", "UN Masthead End",
        "UN Session", "UN Agenda", "UN Title", "UN Kind", "UN Draft Mark", "heading 1", "UN Annex Heading",
        "UN Original Note", "UN Annex Title", "heading 2", "heading 3", "heading 4", "UN Body Text", "UN Lettered Paragraph", "UN Numbered Paragraph",
        "UN Subparagraph", "UN List Paragraph", "UN Quote", "UN Code Block", "UN Signature", "UN Table Text",
        "UN Table Text Center", "UN Table Text Right", "UN Table Heading", "UN Table Heading Center",
        "UN Table Heading Right", "UN Table End", "footnote text", "UN Header Odd", "UN Header Even",
        "UN Footer Odd", "UN Footer Even", "UN Job Number", "UN Codes", "UN Figure Caption", "UN Figure"),
        "paragraph"),
    **dict.fromkeys(("footnote reference", "UN Emphasis", "UN Strong", "UN Strong Emphasis",
                     "UN Code", "UN Page Number"), "character"),
    **dict.fromkeys(("UN Masthead", "UN Table"), "table"),
}

# Word knows these by name and gives them fixed ids; every other style is the user's own.
_BUILTIN_IDS = {"Normal": "Normal", "footnote text": "FootnoteText", "footnote reference": "FootnoteReference",
                **{f"heading {level}": f"Heading{level}" for level in range(1, 10)}}

_LENGTH = ("size", "indent_left", "indent_right", "first_line", "hanging", "space_before",
           "space_after", "line", "border", "border_top", "border_bottom", "border_space")
_FLAGS = ("bold", "italic", "caps", "superscript", "keep_with_next", "keep_together", "page_break_before",
          "gallery", "hidden")
_FONTS = ("font", "font_complex", "font_east_asian")
_SCRIPTS = {"font": "latin", "font_complex": "complex", "font_east_asian": "east_asian"}
# Where Word and LibreOffice show a style: in the Quick Styles gallery, or out of the style lists.
_SHOWN = {"gallery", "hidden"}
_RUN_KEYS = {"based_on", *_FONTS, "size", "bold", "italic", "caps", "superscript", *_SHOWN}
_PARAGRAPH_KEYS = set(_LENGTH) | set(_FLAGS) | _RUN_KEYS | {"next", "align", "outline_level", "tabs"}
_TABLE_KEYS = {"borders", "indent", "padding", "columns", *_SHOWN}
_KEYS = {"paragraph": _PARAGRAPH_KEYS, "character": _RUN_KEYS, "table": _TABLE_KEYS}
_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_TABS = ("left", "right", "center")
_SIDES = {"top": "top", "bottom": "bottom", "inside_h": "insideH", "left": "left", "right": "right"}
_UNITS = {"pt": Pt, "cm": Cm, "mm": Mm, "in": Inches}
_TERM = re.compile(r"\s*([+-])?\s*(\$\w+|[\d.]+(?:pt|cm|mm|in|%))(?:\s*([*/])\s*(\d+(?:\.\d+)?))?\s*")


@dataclass(frozen=True)
class Page:
    width: Length
    height: Length
    top: Length
    bottom: Length
    left: Length
    right: Length
    header: Length
    footer: Length

    @property
    def text_width(self) -> Length:
        return Emu(self.width - self.left - self.right)


@dataclass(frozen=True)
class FontEntry:
    """A font the styles name, for the font table: the other families of its list in order (the
    ones Word may stand in with), the script it is named for, the list's generic family."""

    name: str
    alternates: tuple[str, ...]
    script: str  # "latin", "complex" (Arabic), "east_asian" (Chinese)
    generic: str | None  # "serif", "sans-serif", "monospace"


@dataclass(frozen=True)
class StyleSet:
    """The resolved styles (name -> (kind, properties)), the page, and the tokens that size the
    codes and the list indents."""

    page: Page
    defaults: dict
    styles: dict[str, tuple[str, dict]]
    barcode_height: Length
    qr_size: Length
    text_indent: Length
    label_width: Length
    emblem_size: Length
    figure_max_height: Length
    colour: str = "000000"
    ids: dict[str, str] = field(default_factory=dict)
    fonts: dict[str, FontEntry] = field(default_factory=dict)

    def id(self, name: str) -> str:
        return self.ids[name]


# The language Word checks spelling and hyphenates in: a region is needed, and UN English follows
# British spelling. w:eastAsia and w:bidi name the language of Chinese and Arabic script runs.
LANGUAGE_TAGS = {"ar": "ar-SA", "zh": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}


@dataclass(frozen=True)
class Language:
    """A language as Word's styles carry it: the w:lang attributes and the direction."""

    attrs: dict
    rtl: bool

    @classmethod
    def of(cls, lang: str, direction: str) -> Language:
        tag = LANGUAGE_TAGS[lang]
        scripts = {"zh": {"eastAsia": tag}, "ar": {"bidi": tag}}.get(lang, {})
        return cls({"val": tag, **scripts}, direction == "rtl")


def style_id(name: str) -> str:
    return _BUILTIN_IDS.get(name) or re.sub(r"[^A-Za-z0-9]", "", name)


class _Reader:
    """Turns the YAML values into lengths, flags and names, collecting every problem."""

    def __init__(self, path: Path, tokens_path: Path, tokens: dict):
        self.path, self.tokens_path, self.tokens, self.problems = path, tokens_path, tokens, []
        self.whole = None  # the text width, for percentages; known once the page is read
        self.fonts: dict[str, FontEntry] = {}  # every font the styles name, in the order named

    def problem(self, value: Value, where: str, message: str) -> None:
        # A value with no line is one unpress reads from tokens.yaml itself (the page, the codes).
        file = self.path if value.line is not None else self.tokens_path
        self.problems.append(Problem(str(file), value.line, where, message, "docx-style"))

    def token(self, name: str, value: Value, where: str) -> str | None:
        if name not in self.tokens:
            self.problem(value, where, f"there is no token ${name} in tokens.yaml"
                         f"{suggest(name, self.tokens)}")
            return None
        return str(self.tokens[name])

    def length(self, value: Value, where: str) -> Length | None:
        text = value.data if isinstance(value.data, str) else ""
        total, end = 0.0, 0
        for match in _TERM.finditer(text):
            if match.start() != end or (match.group(1) is None and end):
                break
            end = match.end()
            term = match.group(2)
            if term.startswith("$"):
                term = self.token(term[1:], value, where)
                if term is None:
                    return None
            amount = self._term(term.strip())
            if amount is None:
                break
            if match.group(3) == "*":
                amount *= float(match.group(4))
            elif match.group(3) == "/":
                if not float(match.group(4)):
                    break
                amount /= float(match.group(4))
            total += -amount if match.group(1) == "-" else amount
        if not text or end != len(text):
            self.problem(value, where, f"\"{text}\" is not a length: write e.g. 10pt, 1.25cm, "
                         "0.5in, 55% (of the text width), $token, $a + $b or $a / 2")
            return None
        return Emu(round(total))

    def _term(self, term: str) -> float | None:
        match = re.fullmatch(r"([\d.]+)(pt|cm|mm|in|%)", term)
        if not match or match.group(1).count(".") > 1:
            return None
        number, unit = float(match.group(1)), match.group(2)
        if unit == "%":
            return None if self.whole is None else self.whole * number / 100
        return _UNITS[unit](number)

    def font(self, value: Value, where: str, script: str) -> str | None:
        text = value.data if isinstance(value.data, str) else ""
        if text.startswith("$"):
            text = self.token(text[1:], value, where)
            if text is None:
                return None
        # A token is a CSS font list, and Word takes one family: the one the PDF is set in, the
        # first that this machine's fonts set (see unpress/fonts.py). The font table gives Word the
        # list's next family as the one to stand in for it.
        names = [name.strip().strip("'\"") for name in text.split(",")]
        generic = next((name for name in names if name in GENERIC_FAMILIES), None)
        families = [name for name in names if name and name not in GENERIC_FAMILIES]
        if not families:
            return None
        chosen = family_used(families)
        self.fonts.setdefault(chosen, FontEntry(chosen, tuple(f for f in families if f != chosen), script, generic))
        return chosen

    def flag(self, value: Value, where: str) -> bool | None:
        if value.data in ("true", "false"):
            return value.data == "true"
        self.problem(value, where, f"\"{value.data}\" is not true or false")
        return None

    def choice(self, value: Value, where: str, choices) -> str | None:
        if value.data in choices:
            return value.data
        self.problem(value, where, f"\"{value.data}\" is not one of: {', '.join(choices)}"
                     f"{suggest(str(value.data), list(choices))}")
        return None

    def mapping(self, value: Value, where: str) -> dict[str, Value]:
        if isinstance(value.data, dict):
            return value.data
        if value.data is not None:
            self.problem(value, where, "expected a mapping of names to values")
        return {}

    def listing(self, value: Value, where: str) -> list[Value]:
        if isinstance(value.data, list):
            return value.data
        self.problem(value, where, "expected a list, e.g. [left 1cm]")
        return []


def _token_length(reader: _Reader, name: str) -> Length | None:
    return reader.length(Value(f"${name}", None), name)


def _page(reader: _Reader, paper: str) -> Page | None:
    """The page from the tokens: page_letter or page_a4 ("width height"), and the margins."""
    lengths = {key: _token_length(reader, f"margin_{key}")
               for key in ("top", "bottom", "left", "right", "header", "footer")}
    name = f"page_{paper}"
    size = reader.token(name, Value(name, None), name)
    parts = (size or "").split()
    if size is not None and len(parts) != 2:
        reader.problem(Value(size, None), name, f"\"{size}\" is not a page size: write the width and "
                       "the height, e.g. 8.5in 11in")
        return None
    width, height = (reader.length(Value(part, None), name) for part in parts) if parts else (None, None)
    if None in lengths.values() or width is None or height is None:
        return None
    return Page(width, height, **lengths)


def _properties(reader: _Reader, kind: str, name: str, spec: Value, names: dict) -> dict:
    resolved = {}
    for key, value in reader.mapping(spec, f"{kind}.{name}").items():
        where = f"{kind}.{name}.{key}"
        if key not in _KEYS[kind]:
            reader.problem(value, where, f"unknown property \"{key}\"{suggest(key, _KEYS[kind])}; "
                           f"{kind} styles take: {', '.join(sorted(_KEYS[kind]))}")
        elif key in ("based_on", "next"):
            expected = "paragraph" if key == "next" else kind
            if names.get(value.data) != expected:
                reader.problem(value, where, f"there is no {expected} style \"{value.data}\""
                               f"{suggest(str(value.data), [n for n, k in names.items() if k == expected])}")
            else:
                resolved[key] = value.data
        elif key in _FONTS:
            resolved[key] = reader.font(value, where, _SCRIPTS[key])
        elif key in _FLAGS:
            resolved[key] = reader.flag(value, where)
        elif key == "align":
            resolved[key] = _ALIGN.get(reader.choice(value, where, _ALIGN))
        elif key == "outline_level":
            level = reader.choice(value, where, [str(n) for n in range(1, 10)])
            resolved[key] = None if level is None else int(level) - 1  # Word counts from 0
        elif key == "tabs":
            resolved[key] = [_tab(reader, item, where) for item in reader.listing(value, where)]
        elif key == "borders":
            sides = reader.mapping(value, where)
            resolved[key] = {_SIDES[side]: reader.length(width, f"{where}.{side}")
                             for side, width in sides.items()
                             if reader.choice(Value(side, width.line), where, _SIDES)}
        elif key == "columns":
            resolved[key] = [reader.length(item, where) for item in reader.listing(value, where)]
        else:
            resolved[key] = reader.length(value, where)
    return resolved


def _tab(reader: _Reader, item: Value, where: str) -> tuple[str, Length] | None:
    kind, _, position = str(item.data).partition(" ")
    if reader.choice(Value(kind, item.line), where, _TABS) is None:
        return None
    leader, dots, rest = position.strip().partition("dots ")  # "right dots 100%": dot leaders to the stop
    return kind, reader.length(Value((rest if dots and not leader else position).strip(), item.line), where), \
        "dot" if dots and not leader else None


def load_style_set(theme: Theme, paper: str) -> StyleSet:
    """The style file found on the theme's search path, checked and resolved for `paper`."""
    path = theme.style_path(STYLE_FILE)
    reader = _Reader(path, theme.style_path("tokens.yaml"), theme.tokens())
    try:
        root = read_yaml(theme.style_text(STYLE_FILE))
    except YamlError as error:
        raise ContentError([Problem(str(path), error.line, "yaml", error.message, "docx-style")]) from None
    page = _page(reader, paper)
    reader.whole = page.text_width if page else None
    sections = reader.mapping(root, "styles")
    for key, value in sections.items():
        if key not in ("defaults", *_KEYS):
            reader.problem(value, key, f"unknown section \"{key}\"; the sections are: defaults, "
                           f"{', '.join(_KEYS)}")
    specs = {name: (kind, spec) for kind in _KEYS
             for name, spec in reader.mapping(sections.get(kind, Value(None, 1)), kind).items()}
    names = {name: kind for name, (kind, _) in specs.items()}
    for name, kind in REQUIRED.items():
        if names.get(name) != kind:
            reader.problem(root, kind, f"the {kind} style \"{name}\" is missing: unpress uses it")
    styles = {name: (kind, _properties(reader, kind, name, spec, names)) for name, (kind, spec) in specs.items()}
    defaults = _properties(reader, "character", "defaults", sections.get("defaults", Value({}, 1)), names)
    if "UN Masthead" in styles and len(styles["UN Masthead"][1].get("columns") or ()) != 3:
        reader.problem(specs["UN Masthead"][1], "table.UN Masthead.columns", "give the grid's three widths: "
                       "the wordmark's cell, the rest of the organ's, the distribution block's")
    ids = {name: style_id(name) for name in styles}
    for name, spec_id in ids.items():
        same = [other for other, other_id in ids.items() if other_id == spec_id and other != name]
        if same:
            reader.problem(specs[name][1], f"{specs[name][0]}.{name}", f"Word would give \"{name}\" and "
                           f"\"{same[0]}\" one id, \"{spec_id}\": name them apart by letters or digits")
    sizes = {key: _token_length(reader, key)
             for key in ("barcode_height", "qr_size", "text_indent", "label_width", "emblem_size",
                         "figure_max_height")}
    colour = reader.token("colour_rule", Value("colour_rule", None), "colour_rule")
    if reader.problems:
        raise ContentError(reader.problems)
    return StyleSet(page, defaults, styles, colour=colour.lstrip("#").upper(), ids=ids, fonts=reader.fonts, **sizes)


# --- styles.xml ---------------------------------------------------------------------------------


def _run_properties(props: dict, lang: dict | None = None) -> BaseOxmlElement | None:
    # Children in the order the schema requires (CT_RPr), as Word refuses any other.
    children = []
    # Word sets each character in one of four fonts by its script: Latin (ascii, hAnsi), East
    # Asian (Chinese) or complex script (Arabic, and any run marked right to left).
    fonts = dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), props["font"]) if props.get("font") else {}
    for key, attr in (("font_east_asian", "eastAsia"), ("font_complex", "cs")):
        if props.get(key):
            fonts[attr] = props[key]
    if fonts:
        children.append(w("rFonts", **fonts))
    for key, tag in (("bold", "b"), ("italic", "i")):
        if key in props:
            value = "1" if props[key] else "0"
            children += [w(tag, val=value), w(f"{tag}Cs", val=value)]
    if "caps" in props:
        children.append(w("caps", val="1" if props["caps"] else "0"))
    if "size" in props:
        half_points = round(props["size"].pt * 2)
        children += [w("sz", val=half_points), w("szCs", val=half_points)]
    if props.get("superscript"):
        children.append(w("vertAlign", val="superscript"))
    if lang:
        children.append(w("lang", **lang))
    return w("rPr", *children) if children else None


def _paragraph_properties(props: dict, colour: str, bidi: bool | None = None,
                          num_id: int | None = None) -> BaseOxmlElement | None:
    # Children in the order the schema requires (CT_PPr). In a right-to-left (bidi) paragraph Word
    # reads left and right of indents, tabs and alignment as start and end: the styles mirror.
    children = []
    for key, tag in (("keep_with_next", "keepNext"), ("keep_together", "keepLines"),
                     ("page_break_before", "pageBreakBefore")):
        if key in props:
            children.append(w(tag, val="1" if props[key] else "0"))
    if num_id is not None:
        children.append(w("numPr", w("numId", val=num_id)))
    sides = {side: props.get(f"border_{side}", props.get("border")) for side in ("top", "left", "bottom", "right")}
    space = props.get("border_space")  # between the text and a box's rules
    borders = [rule(side, width, colour, space) for side, width in sides.items() if width is not None]
    if borders:
        children.append(w("pBdr", *borders))
    if props.get("tabs"):
        children.append(w("tabs", *(w("tab", val=kind, pos=twips(position), **({"leader": leader} if leader else {}))
                                    for kind, position, leader in props["tabs"])))
    if bidi is not None:
        children.append(w("bidi", val="1" if bidi else "0"))
    spacing = {attr: twips(props[key]) for key, attr in (("space_before", "before"),
                                                          ("space_after", "after"), ("line", "line"))
               if key in props}
    if "line" in props:
        spacing["lineRule"] = "exact"
    if spacing:
        children.append(w("spacing", **spacing))
    indent = {attr: twips(props[key]) for key, attr in (("indent_left", "left"), ("indent_right", "right"),
                                                         ("first_line", "firstLine"), ("hanging", "hanging"))
              if key in props}
    if indent:
        children.append(w("ind", **indent))
    if "align" in props:
        children.append(w("jc", val=props["align"]))
    if "outline_level" in props:
        children.append(w("outlineLvl", val=props["outline_level"]))
    return w("pPr", *children) if children else None


def _table_properties(props: dict, colour: str) -> list:
    table = []
    if "indent" in props:
        table.append(w("tblInd", w=twips(props["indent"]), type="dxa"))
    if props.get("borders"):
        table.append(w("tblBorders", *_borders(props["borders"], colour)))
    if "padding" in props:
        padding = twips(props["padding"])
        table.append(w("tblCellMar", w("left", w=padding, type="dxa"), w("right", w=padding, type="dxa")))
    return [w("tblPr", *table)]


def _borders(sides: dict, colour: str) -> list:
    order = ("top", "left", "bottom", "right", "insideH")  # the schema's order
    return [rule(side, sides[side], colour) for side in order if side in sides]


# Paragraphs of symbols and numbers only ("06-39952 (A) 280806") are left to right in every
# version, since Word and LibreOffice would reorder them in a right-to-left paragraph; in one, their
# alignment is mirrored instead (at the right, where a right-to-left paragraph would start).
_LEFT_TO_RIGHT = ("UN Job Number",)
_MIRRORED = {"left": "right", "right": "left", "center": "center", "both": "both"}


def styles_xml(style_set: StyleSet, text: Language, masthead: Language, lists: dict[str, int]) -> bytes:
    """styles.xml: the document defaults (fonts, size, language, direction), Word's base styles,
    then ours; the distribution block has the masthead's language (English in ar, ru, zh), and
    the styles in `lists` (name -> numId) number their paragraphs."""
    root = parse_xml(f"<w:styles {nsdecls('w')}/>")
    # Paragraph defaults: no space after, single line; the styles add what they need. No space
    # added between East Asian text and Latin letters or digits (w:autoSpaceDE, w:autoSpaceDN,
    # which Word and LibreOffice turn on by default): the PDF sets "2006年4月13日" as typed, and
    # LibreOffice's quarter-em gaps would otherwise lengthen the Chinese lines and move their breaks.
    paragraph = [w("autoSpaceDE", val=0), w("autoSpaceDN", val=0)]
    paragraph += [w("bidi")] if text.rtl else []
    paragraph.append(w("spacing", after=0, line=240, lineRule="auto"))
    root.append(w("docDefaults", w("rPrDefault", _run_properties(style_set.defaults, text.attrs)),
                  w("pPrDefault", w("pPr", *paragraph))))
    root.append(w("style", w("name", val="Default Paragraph Font"), w("uiPriority", val=1),
                  w("semiHidden"), w("unhideWhenUsed"), type="character", default=1,
                  styleId="DefaultParagraphFont"))
    root.append(w("style", w("name", val="Normal Table"), w("uiPriority", val=99), w("semiHidden"),
                  w("unhideWhenUsed"), w("tblPr", w("tblInd", w=0, type="dxa"), w("tblCellMar", *(
                      w(side, w=0 if side in ("top", "bottom") else 108, type="dxa")
                      for side in ("top", "left", "bottom", "right")))),
                  type="table", default=1, styleId="TableNormal"))
    for name, (kind, props) in style_set.styles.items():
        attrs = {"type": kind, "styleId": style_set.id(name)}
        if name == "Normal":
            attrs["default"] = 1
        elif name not in _BUILTIN_IDS:
            attrs["customStyle"] = 1
        style = w("style", w("name", val=name), **attrs)
        base = props.get("based_on") or {"paragraph": "Normal" if name != "Normal" else None,
                                         "character": "DefaultParagraphFont", "table": "TableNormal"}[kind]
        if base:
            style.append(w("basedOn", val=style_set.ids.get(base, base)))
        if props.get("next"):
            style.append(w("next", val=style_set.id(props["next"])))
        if props.get("hidden"):
            style.append(w("semiHidden"))  # out of the style lists: only unpress applies it
        if props.get("gallery"):
            style.append(w("qFormat"))  # in the Quick Styles gallery: an editor applies it
        distribution = name == "UN Distribution"
        if kind == "paragraph":
            bidi = masthead.rtl if distribution and masthead.rtl != text.rtl else None
            if name in _LEFT_TO_RIGHT and text.rtl:
                bidi, props = False, {**props, "align": _MIRRORED[props.get("align", "left")]}
            ppr = _paragraph_properties(props, style_set.colour, bidi, lists.get(name))
            if ppr is not None:
                style.append(ppr)
        if kind == "table":
            style.extend(_table_properties(props, style_set.colour))
        rpr = _run_properties(props, masthead.attrs if distribution else None) \
            if kind != "table" else None
        if rpr is not None:
            style.append(rpr)
        root.append(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
