"""Run the real programs that read unpress outputs and return what they found."""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Root has no sandbox to drop into, and the machine's network is closed: without the
# background-networking flags Chromium keeps failing to reach Google's hosts.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

# Files from npm that some "programs" need besides their executable (see require()).
_NEEDS = {
    "vnu": ("java", VNU_JAR),
    "axe": ("chromium", AXE_JS),
}


class ProgramError(RuntimeError):
    """A program failed, timed out or gave output that could not be read."""


def in_ci() -> bool:
    """Whether the tests run in CI (CI set, as CI services and .ci/run do)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def require(program: str) -> None:
    """Skip the test when a program is missing here, but fail it under CI."""
    executable, needed_file = _NEEDS.get(program, (program, None))
    missing = []
    if shutil.which(executable) is None:
        missing.append(f"program {executable!r}")
    if needed_file is not None and not needed_file.is_file():
        missing.append(f"file {needed_file} (run `npm ci`)")
    if not missing:
        return
    message = f"{program} is needed but missing: {', '.join(missing)}"
    # CI installs every program (.ci/run), so a missing one there is a broken setup
    # that must not pass as a skipped test.
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def run_program(
    args: list, *, timeout: float = 120, ok_codes: tuple[int, ...] = (0,), cwd=None
) -> subprocess.CompletedProcess:
    """Run a program with a timeout; raise ProgramError with its stderr if it fails."""
    args = [str(a) for a in args]
    name = Path(args[0]).name
    try:
        # A new session lets a timeout kill the whole tree: Chromium and soffice start
        # helpers that would otherwise keep the output pipes open.
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            start_new_session=True,
        )
    except FileNotFoundError as exc:
        raise ProgramError(f"{name} is not installed ({exc})") from exc
    with proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            raise ProgramError(
                f"{name} timed out after {timeout}s: {args}\nstderr:\n{_text(err)}"
            ) from None
    result = subprocess.CompletedProcess(args, proc.returncode, _text(out), _text(err))
    if result.returncode not in ok_codes:
        raise ProgramError(
            f"{name} exited with {result.returncode}: {args}\nstderr:\n{result.stderr}"
            f"\nstdout:\n{result.stdout[-2000:]}"
        )
    return result


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def vnu_errors(html_path) -> list[dict]:
    """Messages of type "error" from the Nu Html Checker (no infos or warnings)."""
    # vnu exits 1 when the page has errors; that is a result, not a failure.
    proc = run_program(
        ["java", "-jar", VNU_JAR, "--format", "json", "--stdout", Path(html_path)],
        ok_codes=(0, 1),
    )
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError) as exc:
        raise ProgramError(f"vnu gave no JSON report: {proc.stdout!r}\n{proc.stderr}") from exc
    broken = [m for m in messages if m.get("type") == "non-document-error"]
    if broken:
        raise ProgramError(f"vnu could not check {html_path}: {broken}")
    return [m for m in messages if m.get("type") == "error"]


_AXE_ATTR = "data-unpress-axe"
_AXE_RUN = """
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => JSON.stringify({violations: r.violations}),
        e => JSON.stringify({error: String(e && e.stack || e)}))
  .then(s => document.documentElement.setAttribute('%s', s));
""" % (json.dumps(WCAG_TAGS), _AXE_ATTR)


def axe_violations(html_path) -> list[dict]:
    """WCAG 2.1 A and AA violations that axe-core finds in the page in headless Chromium."""
    html_path = Path(html_path).resolve()
    page = html_path.read_text(encoding="utf-8")
    axe_js = AXE_JS.read_text(encoding="utf-8")
    if "</script" in axe_js.lower():
        raise ProgramError(f"{AXE_JS} contains '</script' and cannot be inlined")
    # The result goes into an attribute of <html>, not a visible element, so storing
    # it cannot change what axe sees.
    scripts = f"<script>{axe_js}</script>\n<script>{_AXE_RUN}</script>\n"
    page = _insert_before(page, "</body>", scripts, at_end=True)
    # The copy lives in a temp folder; <base> keeps the page's relative links
    # (stylesheets, images) pointing at the files beside the original.
    if not re.search(r"<base[\s>]", page, re.IGNORECASE):
        base = f'<base href="{html.escape(html_path.parent.as_uri())}/">'
        page = _insert_after_head(page, base)
    with tempfile.TemporaryDirectory(prefix="unpress-axe-") as tmp:
        copy = Path(tmp) / html_path.name
        copy.write_text(page, encoding="utf-8")
        dom = _chromium(["--virtual-time-budget=20000", "--dump-dom", copy.as_uri()], tmp)
    match = re.search(rf'{_AXE_ATTR}="([^"]*)"', dom)
    if match is None:
        raise ProgramError(f"axe left no result in the DOM of {html_path}:\n{dom[:2000]}")
    result = json.loads(html.unescape(match.group(1)))
    if "error" in result:
        raise ProgramError(f"axe failed on {html_path}: {result['error']}")
    return result["violations"]


def _insert_before(page: str, tag: str, text: str, at_end: bool) -> str:
    index = page.lower().rfind(tag) if at_end else page.lower().find(tag)
    return page + text if index < 0 else page[:index] + text + page[index:]


def _insert_after_head(page: str, text: str) -> str:
    match = re.search(r"<head(\s[^>]*)?>", page, re.IGNORECASE)
    return page if match is None else page[: match.end()] + text + page[match.end() :]


def chromium_screenshot(html_path, png_path, width: int = 1000, height: int = 1400) -> Path:
    """A PNG of the page's first width x height pixels, for people to look at."""
    png_path = Path(png_path).resolve()
    with tempfile.TemporaryDirectory(prefix="unpress-shot-") as tmp:
        _chromium(
            [f"--window-size={width},{height}", f"--screenshot={png_path}",
             Path(html_path).resolve().as_uri()],
            tmp,
        )
    if not png_path.is_file():
        raise ProgramError(f"chromium wrote no screenshot at {png_path}")
    return png_path


def _chromium(args: list, tmp: str) -> str:
    # A new profile each time, so parallel runs do not share one.
    profile = Path(tmp) / "profile"
    proc = run_program(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                       timeout=120)
    return proc.stdout


def soffice_to_pdf(docx_path, out_dir, target: str = "pdf", suffix: str = ".pdf") -> Path:
    """Convert a document to PDF (or another `target` of soffice --convert-to) with LibreOffice
    and return the new file's path."""
    docx_path = Path(docx_path).resolve()
    out_dir = Path(out_dir).resolve()
    pdf = out_dir / (docx_path.stem + suffix)
    with tempfile.TemporaryDirectory(prefix="unpress-soffice-") as profile:
        # A private profile: two soffice runs sharing one would wait on each other or fail.
        proc = run_program(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", target, "--outdir", out_dir, docx_path],
            timeout=240,
        )
    # soffice exits 0 even when it could not convert, so the file is the proof.
    if not pdf.is_file():
        raise ProgramError(f"soffice wrote no {pdf}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return pdf


def soffice_to_text(docx_path, out_dir) -> str:
    """The text LibreOffice exports from a document, list labels included as it counts them."""
    return soffice_to_pdf(docx_path, out_dir, "txt:Text (encoded):UTF8", ".txt").read_text(encoding="utf-8-sig")


def pandoc_json(docx_path) -> dict:
    """The pandoc AST of a DOCX file, as parsed JSON."""
    proc = run_program(["pandoc", "-f", "docx", "-t", "json", Path(docx_path)], timeout=120)
    return json.loads(proc.stdout)


def pdftotext_pages(pdf_path) -> list[str]:
    """The text of each page of a PDF, laid out as on the page."""
    proc = run_program(["pdftotext", "-layout", "-enc", "UTF-8", Path(pdf_path), "-"])
    # pdftotext ends every page, the last included, with a form feed.
    pages = proc.stdout.split("\f")
    return pages[:-1] if pages and pages[-1] == "" else pages


def pdffonts(pdf_path) -> list[dict]:
    """The fonts of a PDF: name, type, encoding, and emb/sub/uni as booleans."""
    lines = run_program(["pdffonts", Path(pdf_path)]).stdout.splitlines()
    # Columns are cut by the dashes under the header, since names and types hold spaces.
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    keys = ["name", "type", "encoding", "emb", "sub", "uni", "object"]
    fonts = []
    for line in lines[2:]:
        cells = [line[a:b].strip() for a, b in spans[:-1]] + [line[spans[-1][0]:].strip()]
        font = dict(zip(keys, cells))
        for key in ("emb", "sub", "uni"):
            font[key] = font[key] == "yes"
        fonts.append(font)
    return fonts


def zbar_decode(png_path) -> list[tuple[str, str]]:
    """(symbology, data) of every barcode zbarimg finds in an image, e.g. ("QR-Code", "...")."""
    # XML output keeps the symbology and data that hold newlines; exit 4 means none found.
    proc = run_program(["zbarimg", "-q", "--xml", Path(png_path)], ok_codes=(0, 4))
    if proc.returncode == 4:
        return []
    ns = {"z": "http://zbar.sourceforge.net/2008/barcode"}
    found = []
    for symbol in ET.fromstring(proc.stdout).iterfind(".//z:symbol", ns):
        data = symbol.find("z:data", ns)
        text = data.text or ""
        if data.get("format") == "base64":
            text = base64.b64decode(text).decode("utf-8", errors="replace")
        found.append((symbol.get("type"), text))
    return found


def pdf_page_png(pdf_path, page: int, out_png, dpi: int = 200) -> Path:
    """Render one page (counted from 1) of a PDF to a PNG file."""
    out_png = Path(out_png)
    # pdftoppm adds ".png" to the name it is given.
    run_program(["pdftoppm", "-png", "-r", dpi, "-f", page, "-l", page, "-singlefile",
                 Path(pdf_path), out_png.with_suffix("")])
    written = out_png.with_suffix(".png")
    if written != out_png:
        written.replace(out_png)
    if not out_png.is_file():
        raise ProgramError(f"pdftoppm wrote no {out_png}")
    return out_png
