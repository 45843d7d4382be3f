"""Bad and hostile inputs, each with the outcome unpress owes: the one-line error, or a safe build.

A case edits a copy of tests/fixtures/A_61_100. `error` cases name the problem code (and the
file and line where it is found); `safe` cases name the text that must reach the outputs
exactly as typed, never as markup or code.
"""

from __future__ import annotations

import io
import os
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image as PILImage


@dataclass(frozen=True)
class Case:
    name: str
    edit: Callable[[Path], None]
    code: str | None = None  # the expected problem code, for an error case
    where: tuple[str, int | None] | None = None  # file (relative) and line of the problem
    shows: str | None = None  # for a safe case: text every output must show as typed
    hides: str | None = None  # for a safe case: markup that must not appear in the HTML
    says: str | None = None  # for an error case: what its message must quote (the path as typed)


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(file: str, data: bytes | str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return edit


def append(file: str, text: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def image(typed: str, files: dict[str, bytes | str] | None = None, link: tuple[str, str] | None = None,
          fifo: str | None = None, alt: str = "map") -> Callable[[Path], None]:
    """Writes `files` (paths from the document's folder; "../x" is beside it), makes `link` (a
    symbolic link and its target) or a FIFO, and puts the image `typed` alone in a paragraph at
    the end of the annex (its line 25)."""
    def edit(folder: Path) -> None:
        for name, data in (files or {}).items():
            write(name, data)(folder)
        if link:
            (folder / link[0]).parent.mkdir(parents=True, exist_ok=True)
            (folder / link[0]).symlink_to(link[1])
        if fifo:
            os.mkfifo(folder / fifo)
        append(ANNEX, f"\n![{alt}]({typed})\n")(folder)
    return edit


def _png(size: tuple[int, int] = (40, 20), kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, "#1f4e79").save(out, kind)
    return out.getvalue()


def _claiming(size: tuple[int, int]) -> bytes:
    """A small PNG whose header claims `size` pixels (a decompression bomb's header, its CRC right)."""
    data = bytearray(_png())
    header = b"IHDR" + size[0].to_bytes(4, "big") + size[1].to_bytes(4, "big") + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = zlib.crc32(header).to_bytes(4, "big")
    return bytes(data)


def _svg(body: str, head: str = "") -> str:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' \
           f'width="40" height="20">{body}</svg>'


XXE = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' \
         '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
DOC, LETTER, ANNEX = "document.yaml", "en/letter.md", "en/annex.md"
AT = (ANNEX, 25)


def _image_case(name: str, typed: str, code: str, **files) -> Case:
    return Case(f"image: {name}", image(typed, **files), code, AT, says=f"'{typed}'")


IMAGE_CASES = [
    _image_case("escaping the folder", "../../outside.png", "image-outside", files={"../outside.png": _png()}),
    _image_case("an absolute path", "/etc/hosts", "image-outside"),
    _image_case("from the network", "http://example.org/x.png", "image-remote"),
    _image_case("a file URL", "file:///etc/passwd", "image-remote"),
    _image_case("a data URL", "data:image/png;base64,iVBORw0KGgo=", "image-remote"),
    _image_case("missing", "figures/none.png", "image-missing"),
    _image_case("a link leading outside", "figures/map.png", "image-outside",
                files={"../outside.png": _png()}, link=("en/figures/map.png", "../../../outside.png")),
    _image_case("a FIFO", "map.png", "image-not-file", fifo="en/map.png"),
    _image_case("a folder", "figures", "image-not-file", files={"en/figures/x.txt": "x"}),
    _image_case("larger than 10 MB", "big.png", "image-too-large", files={"en/big.png": _png() + bytes(11 * 2**20)}),
    _image_case("a decompression bomb", "bomb.png", "image-too-large", files={"en/bomb.png": _claiming((30000, 30000))}),
    _image_case("81 million pixels", "huge.png", "image-too-large", files={"en/huge.png": _claiming((9000, 9000))}),
    _image_case("a GIF named .png", "map.png", "image-type", files={"en/map.png": _png(kind="GIF")}),
    _image_case("text named .png", "map.png", "image-type", files={"en/map.png": "not an image\n"}),
    _image_case("a truncated PNG", "map.png", "image-damaged", files={"en/map.png": _png((400, 300))[:-30]}),
    _image_case("SVG with a script", "map.svg", "svg-script", files={"en/map.svg": _svg("<script>alert(1)</script>")}),
    _image_case("SVG with onload", "map.svg", "svg-script", files={"en/map.svg": _svg('<g onload="alert(1)"/>')}),
    _image_case("SVG animating an event attribute", "map.svg", "svg-script",
                files={"en/map.svg": _svg('<set attributeName="onmouseover" to="alert(1)"/>')}),
    _image_case("SVG with foreignObject", "map.svg", "svg-script",
                files={"en/map.svg": _svg("<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>x</p></foreignObject>")}),
    _image_case("SVG loading an image from the network", "map.svg", "svg-external",
                files={"en/map.svg": _svg('<image href="http://example.org/x.png" width="4" height="4"/>')}),
    _image_case("SVG using a file", "map.svg", "svg-external",
                files={"en/map.svg": _svg('<use xlink:href="file:///etc/passwd#x"/>')}),
    _image_case("SVG linking out", "map.svg", "svg-external",
                files={"en/map.svg": _svg('<a href="javascript:alert(1)"><rect width="4" height="4"/></a>')}),
    _image_case("SVG importing a style sheet", "map.svg", "svg-external",
                files={"en/map.svg": _svg("<style>@import 'http://example.org/x.css';</style>")}),
    _image_case("SVG with a remote url() in a style", "map.svg", "svg-external",
                files={"en/map.svg": _svg('<rect width="4" height="4" style="fill: url(http://example.org/p#g)"/>')}),
    _image_case("SVG with a style sheet instruction", "map.svg", "svg-external",
                files={"en/map.svg": _svg("", '<?xml-stylesheet href="http://example.org/x.css"?>')}),
    _image_case("SVG with an external entity (XXE)", "map.svg", "svg-doctype",
                files={"en/map.svg": _svg("<text>&xxe;</text>", XXE)}),
    _image_case("SVG with nested entities (billion laughs)", "map.svg", "svg-doctype",
                files={"en/map.svg": _svg("<text>&c;</text>", LAUGHS)}),
    _image_case("XML that is not SVG", "map.svg", "image-type", files={"en/map.svg": "<html><body/></html>"}),
    _image_case("malformed SVG", "map.svg", "image-damaged", files={"en/map.svg": "<svg><g></svg>"}),
    Case("image: no alternative text", image("map.png", files={"en/map.png": _png()}, alt=""), "image-alt", AT,
         says="'map.png'"),
]

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
LETTER_HEAD = "---\nheading: Letter\n---\n\n"

CASES = [
    # --- facts: missing, wrong-typed, invalid ---
    Case("missing symbol", replace(DOC, "symbol: A/61/100\n", ""), "missing-field", (DOC, 3)),
    Case("empty symbol", replace(DOC, "symbol: A/61/100", "symbol:"), "missing-field", (DOC, 3)),
    Case("session as a list", replace(DOC, "session: 61", "session: [61]"), "bad-type", (DOC, 7)),
    Case("session as words", replace(DOC, "session: 61", "session: sixty-one"), "bad-number", (DOC, 7)),
    Case("versions as text", replace(DOC, "versions:\n  en:", "versions: en\nold:\n  en:"), "bad-type", (DOC, 13)),
    Case("lower-case symbol", replace(DOC, "symbol: A/61/100", "symbol: a/61/100"), "bad-symbol", (DOC, 3)),
    Case("unknown series", replace(DOC, "symbol: A/61/100", "symbol: Q/61/100"), "bad-symbol", (DOC, 3)),
    Case("bad reference symbol", replace(DOC, "A/61/50/Corr.1]", "A/61/50/Corr]"), "bad-symbol", (DOC, 12)),
    Case("impossible date", replace(DOC, "date: 2006-06-15", "date: 2006-02-30"), "bad-date", (DOC, 5)),
    Case("date in another form", replace(DOC, "date: 2006-06-15", "date: 15 June 2006"), "bad-date", (DOC, 5)),
    Case("bad job date", replace(DOC, "[2006-08-28]", "[28-08-2006]"), "bad-date", (DOC, 17)),
    Case("job number as a number", replace(DOC, "job: 06-39949", "job: 0639949"), "bad-job", (DOC, 16)),
    Case("unknown distribution", replace(DOC, "general", "public"), "bad-value", (DOC, 4)),
    Case("unknown original language", replace(DOC, "original: en", "original: de"), "bad-language", (DOC, 6)),
    Case("unknown version language", replace(DOC, "versions:\n", "versions:\n  xx:\n    title: T\n"),
         "unknown-field", (DOC, 14)),
    # --- YAML syntax and tricks ---
    Case("yaml syntax", replace(DOC, "session: 61", "session: 61: 62"), "yaml", (DOC, 7)),
    Case("yaml anchors bomb", append(DOC, BOMB), "yaml", (DOC, 18)),
    Case("yaml object tag", replace(DOC, "session: 61", "session: !!python/object/apply:os.system [id]"),
         "yaml", (DOC, 7)),
    Case("yaml binary tag", replace(DOC, "session: 61", "session: !!binary aGk="), "yaml", (DOC, 7)),
    Case("yaml duplicate key", append(DOC, "date: 2006-06-16\n"), "yaml", (DOC, 18)),
    Case("empty document.yaml", write(DOC, ""), "missing-field", (DOC, 1)),
    # --- parts and front matter ---
    Case("front matter not closed", write(LETTER, "---\nheading: x\n\nText.\n"), "front-matter", (LETTER, 1)),
    Case("front matter as a list", write(LETTER, "---\n- heading\n---\n\nText.\n"), "bad-type", (LETTER, 2)),
    Case("front matter alias", write(LETTER, "---\nheading: &h x\ntitle: *h\n---\n\nText.\n"), "yaml", (LETTER, 2)),
    Case("unknown front matter key", replace(LETTER, "signature:", "signatory:"), "unknown-field", (LETTER, 5)),
    Case("reference with no note", replace(ANNEX, "flows.", "flows.[^9]"), "note-missing", (ANNEX, 16)),
    Case("note with no reference", replace(ANNEX, "perceived.[^egmont]", "perceived."), "note-unused", (ANNEX, 23)),
    Case("part for an undeclared language", write("fr/letter.md", LETTER_HEAD + "Texte.\n"),
         "undeclared-version", (DOC, None)),
    Case("declared language without folder", replace(DOC, "versions:\n", "versions:\n  fr:\n    title: T\n"),
         "missing-folder", (DOC, 14)),
    Case("no main text", lambda folder: (folder / LETTER).unlink(), "missing-part", ("en", None)),
    Case("unknown part name", write("en/notes.md", "Notes.\n"), "bad-part", ("en/notes.md", None)),
    # --- images (the contract's "Figures and images"): each refusal names the part, its line and
    # the path as typed; unpress.read.images ---
    *IMAGE_CASES,
    # --- bytes and characters ---
    Case("not UTF-8", write(LETTER, LETTER_HEAD.encode() + "Déclaration\n".encode("latin-1")), "encoding",
         (LETTER, 5)),
    Case("control character", replace(LETTER, "herewith", "here\x07with"), "control-character", (LETTER, 10)),
    Case("50 MB paragraph", write(LETTER, LETTER_HEAD + "word " * 10_500_000), "too-large", (LETTER, None)),
    # --- safe builds: the text as typed ---
    Case("template syntax", replace(LETTER, "herewith", "{{ 7 * 7 }} {% for x in y %}{# c #}"),
         shows="{{ 7 * 7 }} {% for x in y %}{# c #}"),
    Case("script element", replace(LETTER, "herewith", "<script>alert(1)</script>"),
         shows="<script>alert(1)</script>", hides="<script>"),
    Case("img with onerror", append(LETTER, "\n<img src=x onerror=alert(1)>\n"),
         shows="<img src=x onerror=alert(1)>", hides="<img"),
    Case("javascript link", append(LETTER, "\n[click](javascript:alert(1))\n"),
         shows="[click](javascript:alert(1))", hides='href="javascript:'),
    Case("decomposed accents", replace(LETTER, "herewith", "re\u0301sume\u0301"), shows="r\u00e9sum\u00e9"),
    Case("invisible characters", replace(LETTER, "herewith", "here\u200bwith\u00adall\u00a0ok\u200f"),
         shows="here\u200bwith\u00adall\u00a0ok\u200f"),
    Case("emoji and combining marks", replace(LETTER, "herewith", "🇧🇪 👍🏽 a\u0308\u0301"),
         shows="🇧🇪 👍🏽 \u00e4\u0301"),
    # a valid PDF whose page holds one array of 100,000 glyphs: unpress check reads it (pypdf's
    # default bound on an array is 100,000 elements)
    Case("100,000-character word", replace(LETTER, "herewith", "here" + "x" * 100_000 + "with"),
         shows="here" + "x" * 100_000 + "with"),
    Case("windows line endings and BOM", lambda folder: (folder / LETTER).write_bytes(
        b"\xef\xbb\xbf" + (folder / LETTER).read_bytes().replace(b"\n", b"\r\n")), shows="I have the honour"),
]

CASES += [
    # found by tests/hostile/test_properties.py: what a person can type must never crash a renderer
    Case("an empty note", replace(ANNEX, "[^egmont]: The Egmont Palace hosted the Conference.", "[^egmont]:"),
         "note-empty", (ANNEX, 23)),
    # Word has no note inside a note: the DOCX writer wrote one, and LibreOffice could not open the file
    Case("a note first referred to inside a note", replace(
        LETTER, "[^participants]: Including ministers and senior officials.",
        "[^participants]: Including ministers and senior officials[^other].\n[^other]: Listed in the annex."),
         "note-in-note", (LETTER, 20)),
    Case("a value quoting a line break", replace(DOC, 'title: "Globalization', 'title: "\\u000cGlobalization'),
         "yaml", (DOC, 15)),
]


def link(file: str, target: str | Callable[[Path], Path]) -> Callable[[Path], None]:
    """Make `file` a symbolic link to `target` (a path, or one made from the folder)."""
    def edit(folder: Path) -> None:
        path = folder / file
        destination = target(folder) if callable(target) else target
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif os.path.lexists(path):
            path.unlink()
        path.symlink_to(destination)
    return edit


def outside(file: str) -> Callable[[Path], Path]:
    """A copy of the folder's `file` beside the folder, outside it: what a link out would publish."""
    def place(folder: Path) -> Path:
        copy = folder.parent / "outside" / file
        copy.parent.mkdir(parents=True, exist_ok=True)
        if (folder / file).is_dir():
            shutil.copytree(folder / file, copy, dirs_exist_ok=True)
        else:
            copy.write_bytes((folder / file).read_bytes().replace(b"honour", b"OUTSIDE"))
        return copy
    return place


def moved_inside(file: str, to: str) -> Callable[[Path], None]:
    """Move `file` elsewhere in the folder and leave a relative link in its place."""
    def edit(folder: Path) -> None:
        (folder / to).parent.mkdir(parents=True, exist_ok=True)
        (folder / file).rename(folder / to)
        (folder / file).symlink_to(os.path.relpath(folder / to, (folder / file).parent))
    return edit


def fifo(file: str) -> Callable[[Path], None]:
    return lambda folder: os.mkfifo(folder / file)


CASES += [
    # --- issue 13: nothing read from outside the folder, only regular files, bounded ---
    Case("part linked to /etc/passwd", link(LETTER, "/etc/passwd"), "outside-folder", (LETTER, None)),
    Case("part linked outside the folder", link(LETTER, outside(LETTER)), "outside-folder", (LETTER, None)),
    Case("annex linked outside the folder", link(ANNEX, outside(ANNEX)), "outside-folder", (ANNEX, None)),
    Case("document.yaml linked outside the folder", link(DOC, outside(DOC)), "outside-folder", (DOC, None)),
    Case("language folder linked outside the folder", link("en", outside("en")), "outside-folder", ("en", None)),
    Case("part linked to /dev/zero", link(LETTER, "/dev/zero"), "outside-folder", (LETTER, None)),
    Case("a pipe named as a part", fifo("en/annex-2.md"), "not-a-file", ("en/annex-2.md", None)),
    Case("a pipe as document.yaml", lambda folder: ((folder / DOC).unlink(), os.mkfifo(folder / DOC)),
         "not-a-file", (DOC, None)),
    Case("a folder named as a part", lambda folder: (folder / "en/annex-2.md").mkdir(), "not-a-file",
         ("en/annex-2.md", None)),
    Case("a link loop as a part", lambda folder: (link("en/annex-2.md", "loop.md")(folder),
                                                  link("en/loop.md", "annex-2.md")(folder)),
         "link-loop", ("en/annex-2.md", None)),
    Case("a broken link as a part", link("en/annex-2.md", "nothing-here.md"), "broken-link", ("en/annex-2.md", None)),
    Case("a sparse 3 GB part", lambda folder: os.truncate(_touch(folder / "en/annex-2.md"), 3 * 2**30),
         "too-large", ("en/annex-2.md", None)),
    Case("a link that stays inside the folder", moved_inside(ANNEX, "shared/annex.md"),
         shows="Conference on Migration and Development"),
]


def _touch(path: Path) -> Path:
    path.touch()
    return path


def prepend(file: str, data: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / file).write_bytes(data + (folder / file).read_bytes())
    return edit


def nested_emphasis(levels: int) -> str:
    """`levels` emphases, each inside the last, alternating * and _ so that none merges."""
    marks = ["*" if level % 2 else "_" for level in range(levels)]
    return "".join(f"{mark}w{level} " for level, mark in enumerate(marks)) + "x" + "".join(reversed(marks))


ANNEX_END = 25  # the line of a paragraph appended to the annex (after a blank line)

CASES += [
    # --- issue 13: nothing dropped silently ---
    Case("21 nested quotes", append(ANNEX, "\n" + "> " * 21 + "deep text\n"), "too-deep", (ANNEX, ANNEX_END)),
    Case("a 5000-deep list", append(ANNEX, "\n" + "- " * 5000 + "x\n\nThe rest of the file.\n"), "too-deep",
         (ANNEX, ANNEX_END)),
    Case("ten nested lists", append(ANNEX, "\n" + "".join("  " * i + "- item\n" for i in range(10))), "too-deep",
         (ANNEX, ANNEX_END + 9)),
    Case("200 nested emphases", append(ANNEX, "\n" + nested_emphasis(200) + "\n"), "too-deep", (ANNEX, ANNEX_END)),
    Case("nine nested quotes are shown", append(ANNEX, "\n" + "> " * 9 + "nine deep\n"), shows="nine deep"),
    Case("front matter after a blank line", prepend(LETTER, b"\n"), "front-matter", (LETTER, 2)),
    Case("front matter after a second byte-order mark", prepend(LETTER, "\ufeff\ufeff".encode()), "front-matter",
         (LETTER, 1)),
    # --- issue 13: each once an internal error ---
    Case("a 260-character title", replace(DOC, 'title: "Globalization', 'title: "' + "Long " * 52 + "Globalization"),
         shows="Long Long Long Long Globalization"),
    Case("a 300-digit symbol part", replace(DOC, "symbol: A/61/100", "symbol: A/61/" + "1" * 300), "bad-symbol",
         (DOC, 3)),
    Case("a form feed typed as a character reference", append(ANNEX, "\nText &#12; here.\n"), "control-character",
         (ANNEX, ANNEX_END)),
    Case("a line end typed as a character reference", append(ANNEX, "\nText &#13; here.\n"), "control-character",
         (ANNEX, ANNEX_END)),
    Case("a lone surrogate in YAML", replace(DOC, 'title: "Globalization', 'title: "\\ud800Globalization'), "yaml",
         (DOC, 15)),
    Case("a superscript digit as the session", replace(DOC, "session: 61", 'session: "²"'), "bad-number", (DOC, 7)),
    Case("a 4400-digit session", replace(DOC, "session: 61", "session: " + "6" * 4400), "bad-number", (DOC, 7)),
    Case("a 4400-digit agenda item", replace(DOC, "item: 54", "item: " + "5" * 4400), "bad-number", (DOC, 9)),
    Case("YAML nested 5000 deep", append(DOC, "extra: " + "[" * 5000 + "]" * 5000 + "\n"), "yaml", (DOC, 18)),
    Case("symbol as an empty list", replace(DOC, "symbol: A/61/100", "symbol: []"), "missing-field", (DOC, 3)),
    Case("a date in year 1", replace(DOC, "date: 2006-06-15", "date: 0001-01-01"), "bad-date", (DOC, 5)),
    Case("three job dates", replace(DOC, "[2006-08-28]", "[2006-08-28, 2006-08-29, 2006-08-30]"), "bad-value",
         (DOC, 17)),
]
