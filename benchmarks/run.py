"""Benchmarks of unpress beside WeasyPrint alone and pandoc: time, peak memory and the targets of
issues #9 and #19."""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "A_61_XXX"
LANG = "fr"  # the seed's full version: cover letter and annex
PARTS = [SEED / LANG / "letter.md", SEED / LANG / "annex.md"]
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}  # what unpress asks of WeasyPrint by default
PARAGRAPHS_PER_PAGE = 6.2  # lettered paragraphs of the seed's annex per Letter page, measured
FIGURES = 20  # the figures of the figure document: large PNG photographs and SVG diagrams (issue #16)
ANNEXES = 4  # the document of issue #19: the seed's letter and four long annexes, about 45 pages
PARAGRAPHS_PER_ANNEX = 68  # lettered paragraphs of each annex: about 11 pages


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, the process and the children it waited for
    rss: float  # peak resident memory of the process (or of its largest child), MB


@dataclass(frozen=True)
class Measure:
    name: str
    runs: list[Run]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.rss for r in self.runs)


class Bench:
    """Runs commands in new processes, as a user's shell would, and times them."""

    def __init__(self, work: Path, repeat: int):
        self.work = work
        self.repeat = repeat
        self.env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        # Bytecode is cached, as for an installed unpress, but in a folder of this run, not in the tree.
        self.env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.measures: dict[str, Measure] = {}

    def run(self, command: list[str]) -> tuple[Run, str]:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=out, stderr=err)
            # wait4 gives the child's own peak memory and CPU time, which subprocess does not.
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            if process.returncode != 0:
                raise SystemExit(f"failed ({process.returncode}): {' '.join(map(str, command))}\n"
                                 f"{err.read().decode(errors='replace')}")
            return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), out.read().decode()

    def measure(self, commands: dict[str, list[str]], repeat: int | None = None,
                before: dict[str, Callable[[int], None]] | None = None) -> None:
        """Each command `repeat` times, taking turns, so that what else the machine does weighs on all alike.
        `before[name](turn)`, where given, runs before each run of that command, untimed."""
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for turn in range(repeat or self.repeat):
            for name, command in commands.items():
                if before and name in before:
                    before[name](turn)
                runs[name].append(self.run(command)[0])
        for name in commands:
            self.record(Measure(name, runs[name]))

    def record(self, measure: Measure) -> None:
        self.measures[measure.name] = measure
        print(f"  {measure.name:<44} {measure.wall:8.3f} s", file=sys.stderr, flush=True)

    def child(self, task: str, *args: str) -> tuple[Run, dict]:
        """One of this script's in-process measurements (see CHILD_TASKS), in a new process."""
        run, out = self.run([sys.executable, __file__, "--child", task, *args])
        return run, json.loads(out)

    def unpress(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "unpress", "build", *args]

    def parallel_room(self) -> float:
        """How much sooner two busy processes end side by side than one after the other, right now.

        2 on an idle two-core machine; less when other programs use the cores, which no --jobs can beat.
        """
        busy = [sys.executable, "-c", "sum(range(40_000_000))"]
        start = time.perf_counter()
        for _ in range(2):
            subprocess.run(busy, check=True)
        one_by_one = time.perf_counter() - start
        start = time.perf_counter()
        for process in [subprocess.Popen(busy) for _ in range(2)]:
            process.wait()
        return one_by_one / (time.perf_counter() - start)


def child_warm(out: str, html: str, base_url: str, repeat: str) -> dict:
    """Rebuilds inside one process, as `unpress watch` does after a change (load, render, write),
    taking turns with WeasyPrint alone (parse, lay out, write) on the print HTML."""
    from weasyprint import HTML

    from unpress.pipeline import build
    from unpress.settings import Settings

    settings = Settings(output=Path(out))
    calls = {f"unpress {fmt} (warm)": functools.partial(build, [SEED], [fmt], [LANG], settings,
                                                        report=lambda problem: None, jobs=1, force=True)
             for fmt in ("html", "docx", "pdf")}
    calls["WeasyPrint pdf (warm)"] = lambda: HTML(filename=html, base_url=base_url).write_pdf(**PDF_OPTIONS)
    times: dict[str, list[float]] = {name: [] for name in calls}
    for turn in range(int(repeat) + 1):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            if turn:  # the first turn imports and fills caches
                times[name].append(time.perf_counter() - start)
    return times


def child_imports(fmt: str, out: str) -> dict:
    """Which renderer libraries one build of one format loads."""
    from unpress import cli

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = cli.main(["build", str(SEED), "--lang", LANG, "--format", fmt, "--out", out,
                           "--force", "--jobs", "1"])
    return {"status": status, "loaded": [name for name in ("weasyprint", "docx", "pikepdf") if name in sys.modules]}


CHILD_TASKS = {"warm": child_warm, "imports": child_imports}


def write_long_document(folder: Path, pages: int) -> Path:
    """A French letter with an annex of the seed's lettered paragraphs, repeated to fill about `pages`."""
    body = lettered_paragraphs(max(1, round(pages * PARAGRAPHS_PER_PAGE)))
    (folder / LANG).mkdir(parents=True)
    (folder / "document.yaml").write_text(
        "symbol: A/61/100\ndistribution: general\ndate: 2006-06-15\noriginal: fr\nsession: 61\n"
        "versions:\n  fr:\n    title: \"Document long, pour la mesure\"\n    job: 06-39949\n", encoding="utf-8")
    shutil.copy(PARTS[0], folder / LANG / "letter.md")
    (folder / LANG / "annex.md").write_text(
        "---\nheading: Annexe à la lettre\ntitle:\n  - Conclusions\n---\n\n" + "\n".join(body), encoding="utf-8")
    return folder


def lettered_paragraphs(count: int, first_note: int = 0) -> list[str]:
    """`count` of the seed's annex's lettered paragraphs in turn, in sections of 26 (a) to z)), a
    note every 13, as Markdown lines."""
    annex = PARTS[1].read_text(encoding="utf-8")
    texts = [match[1] for match in re.finditer(r"^[a-z]\) (.+)$", annex, re.MULTILINE)]
    body = []
    for index in range(count):
        if index % 26 == 0:
            body.append(f"# {index // 26 + 1}. Section {index // 26 + 1}\n")
        number = first_note + index
        note = f"[^{number}]" if index % 13 == 0 else ""
        body.append(f"{'abcdefghijklmnopqrstuvwxyz'[index % 26]}) {texts[index % len(texts)]}{note}\n")
        if note:
            body.append(f"[^{number}]: Note au paragraphe {index + 1}, pour la mesure.\n")
    return body


def write_annexed_document(folder: Path) -> Path:
    """Issue #19's document: the seed's French letter and four long annexes (annex-1.md to annex-4.md,
    each starting on a new page), about 45 pages."""
    (folder / LANG).mkdir(parents=True)
    (folder / "document.yaml").write_text(
        "symbol: A/61/101\ndistribution: general\ndate: 2006-06-15\noriginal: fr\nsession: 61\n"
        "versions:\n  fr:\n    title: \"Lettre et quatre annexes, pour la mesure\"\n    job: 06-39950\n",
        encoding="utf-8")
    shutil.copy(PARTS[0], folder / LANG / "letter.md")
    for number in range(1, ANNEXES + 1):
        body = lettered_paragraphs(PARAGRAPHS_PER_ANNEX, first_note=number * 1000)
        (folder / LANG / f"annex-{number}.md").write_text(
            f"---\nheading: Annexe {number} à la lettre\ntitle:\n  - Conclusions {number}\n---\n\n"
            + "\n".join(body), encoding="utf-8")
    return folder


def change_one_word(annex: Path) -> Callable[[int], None]:
    """Before each turn: one word of `annex` changed (another each turn), as a writer's edit."""
    original = annex.read_text(encoding="utf-8")

    def change(turn: int) -> None:
        annex.write_text(original.replace("participants", f"participants{'s' * (turn + 1)}", 1), encoding="utf-8")
    return change


def write_figure_document(folder: Path, count: int) -> Path:
    """A report of `count` large figures, each its own file: three in four a 2000 × 1500 PNG of noise
    (about 3 MB, which no compression shrinks), every fourth an SVG diagram of 2,000 shapes."""
    from PIL import Image  # only here: the benchmark's own process loads no image library before this

    (folder / "en").mkdir(parents=True)
    (folder / "figures").mkdir()
    (folder / "document.yaml").write_text("symbol: A/61/300\ndistribution: general\ndate: 2006-07-20\n"
                                          "original: en\nsession: 61\nversions:\n  en:\n    title: Figures\n",
                                          encoding="utf-8")
    body = ["---\nheading: A report of figures\n---\n"]
    for number in range(1, count + 1):
        if number % 4:
            name = f"photo-{number}.png"
            Image.effect_noise((2000, 1500), 60 + number).convert("RGB").save(folder / "figures" / name)
        else:
            name = f"diagram-{number}.svg"
            shapes = "".join(f'<circle cx="{(i * 37) % 800}" cy="{(i * 53) % 500}" r="{3 + i % 17}" '
                             f'fill="#{(i * 2654435761) % 0xFFFFFF:06x}"/>' for i in range(2000))
            (folder / "figures" / name).write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="800" '
                                                   f'height="500">{shapes}</svg>', encoding="utf-8")
        body.append(f"Paragraph {number} of the report refers to the figure below.\n\n"
                    f'![Figure {number} of the benchmark](../figures/{name} "Benchmark figure {number}")\n')
    (folder / "en" / "body.md").write_text("\n".join(body), encoding="utf-8")
    return folder


def write_many_notes(folder: Path, notes: int) -> Path:
    """An English letter of `notes` short paragraphs, each with a note of its own: as many notes on
    a page as fit (about 21), which is what made the PDF template's note look-up quadratic."""
    (folder / "en").mkdir(parents=True)
    (folder / "document.yaml").write_text(
        "symbol: A/61/100\ndistribution: general\ndate: 2006-06-15\noriginal: en\nsession: 61\n"
        "versions:\n  en:\n    title: \"Many notes, for the benchmark\"\n", encoding="utf-8")
    body = "".join(f"Paragraph {n}.[^{n}]\n\n[^{n}]: Note {n}.\n\n" for n in range(1, notes + 1))
    (folder / "en" / "letter.md").write_text("---\nheading: Letter\n---\n\n" + body, encoding="utf-8")
    return folder


def write_collection(folder: Path, copies: int) -> Path:
    """Copies of the seed under symbols of their own (A/61/101, ...), as a CI job would build many documents."""
    for number in range(1, copies + 1):
        document = folder / f"A_61_{100 + number}"
        shutil.copytree(SEED, document)
        facts = document / "document.yaml"
        facts.write_text(facts.read_text(encoding="utf-8").replace("symbol: A/61/XXX", f"symbol: A/61/{100 + number}"),
                         encoding="utf-8")
    return folder


def machine() -> dict[str, str]:
    cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    pandoc = (subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
              if shutil.which("pandoc") else "pandoc not installed")
    return {
        "CPU": cpu[1] if cpu else platform.processor(),
        "cores": str(os.cpu_count()),
        "memory": f"{int(memory[1]) / 1024 ** 2:.1f} GB" if memory else "?",
        "system": f"{platform.system()} {platform.release()} ({platform.freedesktop_os_release().get('PRETTY_NAME', '')})",
        "Python": platform.python_version(),
        "WeasyPrint": metadata.version("weasyprint"),
        "python-docx": metadata.version("python-docx"),
        "pandoc": pandoc.removeprefix("pandoc "),
        "load average": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }


# The formats of the documents of many notes, each built alone (issue #13: all of them in time
# proportional to the notes).
NOTES_FORMATS = ("html", "docx", "akn", "pdf")
# A note may cost at most this much more time in the largest document than in the smallest.
NOTES_PROPORTION = 1.5


def measure_notes(bench: Bench, sizes: list[int], found: dict) -> None:
    """(j) documents of many notes (issue #13): each format built cold, once per size."""
    print("(j) many notes: time per note", file=sys.stderr)
    import pikepdf  # only here: the benchmark's own process loads no renderer library before this

    found["notes"] = {}
    bench.run(bench.unpress(str(SEED), "--lang", LANG, "--format", "html", "--out", str(bench.work / "out"),
                            "--force", "--jobs", "1"))  # warming up (bytecode, disk cache), not measured
    for size in sizes:
        folder = write_many_notes(bench.work / f"notes-{size}" / "A_61_100", size)
        bench.measure({f"{size}-note document {fmt}": bench.unpress(
            str(folder), "--format", fmt, "--out", str(bench.work / f"notes-{size}-out"), "--force", "--jobs", "1")
            for fmt in NOTES_FORMATS}, 1)
        with pikepdf.open(bench.work / f"notes-{size}-out" / "A_61_100" / "A_61_100-EN.pdf") as pdf:
            found["notes"][size] = len(pdf.pages)


def print_html(bench: Bench) -> Path:
    """The seed's French print HTML, as `build --keep-print-html` writes it: what unpress hands WeasyPrint."""
    out = bench.work / "print-out"
    bench.run(bench.unpress(str(SEED), "--lang", LANG, "--format", "pdf", "--out", str(out), "--force",
                            "--jobs", "1", "--keep-print-html"))
    return out / "A_61_XXX" / f"A_61_XXX-{LANG.upper()}.print.html"


def weasyprint_alone(html: Path, pdf: Path) -> list[str]:
    """WeasyPrint's own command on a print HTML, as it is, with the PDF/UA-1 variant and tags unpress asks for."""
    return [sys.executable, "-m", "weasyprint", "--pdf-variant", PDF_OPTIONS["pdf_variant"], "--pdf-tags",
            str(html), str(pdf)]


def measure_issue_19(bench: Bench, found: dict) -> None:
    """(k) issue #19: the cold PDF of the seed against WeasyPrint alone on its print HTML; the 45-page
    document of a letter and four annexes with --jobs 1 and 2, and rebuilt after one annex changed."""
    import pikepdf  # only here: the benchmark's own process loads no renderer library before this

    work = bench.work
    print("(k) issue #19: the seed's PDF against WeasyPrint alone on its print HTML, cold", file=sys.stderr)
    html = print_html(bench)
    bench.measure({
        "#19 unpress pdf, seed fr (cold)": bench.unpress(str(SEED), "--lang", LANG, "--format", "pdf", "--out",
                                                         str(work / "k-out"), "--force", "--jobs", "1"),
        "#19 WeasyPrint alone, its print HTML (cold)": weasyprint_alone(html, work / "k-weasyprint.pdf"),
    })
    print("(k) the letter and four annexes: one PDF, --jobs 1 and 2; rebuilt after one annex changed",
          file=sys.stderr)
    folder = write_annexed_document(work / "annexed" / "A_61_101")
    out = work / "annexed-out"
    build = bench.unpress(str(folder), "--format", "pdf", "--out", str(out), "--jobs", "1")
    bench.measure({f"#19 annexed document, --jobs {jobs}": bench.unpress(
        str(folder), "--format", "pdf", "--out", str(out), "--force", "--jobs", str(jobs)) for jobs in (1, 2)})
    with pikepdf.open(out / "A_61_101" / "A_61_101-FR.pdf") as pdf:
        found["annexed pages"] = len(pdf.pages)
    bench.measure({"#19 annexed document, full build": [*build, "--force"],
                   "#19 annexed document, one annex changed": build},
                  before={"#19 annexed document, one annex changed": change_one_word(folder / LANG / "annex-3.md")})


def measure_all(bench: Bench, pages: list[int], notes: list[int]) -> dict:
    """Every measurement, in the order of the issue; returns what the targets need beside the measures."""
    work, out, found = bench.work, str(bench.work / "out"), {}
    print("warming up (bytecode, disk cache)", file=sys.stderr, flush=True)
    bench.run(bench.unpress(str(SEED), "--out", out, "--force", "--jobs", "1"))

    print("(a, c, d) cold runs, in new processes, taking turns: unpress on the seed's French version one format "
          "at a time, WeasyPrint alone on unpress's print HTML, pandoc on the same Markdown", file=sys.stderr)
    html = print_html(bench)
    base_url = html.parent.as_uri() + "/"
    cold = {f"unpress {fmt} (cold)": bench.unpress(str(SEED), "--lang", LANG, "--format", fmt, "--out", out,
                                                   "--force", "--jobs", "1") for fmt in ("html", "docx", "pdf")}
    cold["WeasyPrint pdf (cold)"] = weasyprint_alone(html, work / "weasyprint.pdf")
    for fmt in ("html", "docx"):
        cold[f"pandoc {fmt} (cold)"] = ["pandoc", "-s", "--metadata", "title=A/61/XXX", *map(str, PARTS),
                                        "-o", str(work / f"pandoc.{fmt}")]
    bench.measure(cold)

    print("(b, c) warm rebuilds inside one process, as watch does, taking turns with WeasyPrint alone", file=sys.stderr)
    run, times = bench.child("warm", out, str(html), base_url, str(bench.repeat))
    for name, walls in times.items():  # one process: its peak memory is that of all four
        bench.record(Measure(name, [Run(wall, float("nan"), run.rss) for wall in walls]))

    print("(e) twelve outputs (PDF and DOCX of the six languages), --jobs 1 and 2; then a collection", file=sys.stderr)
    found["parallel room"] = [bench.parallel_room()]
    bench.measure({f"12 outputs, --jobs {jobs}": bench.unpress(str(SEED), "--format", "pdf,docx", "--out", out,
                                                               "--force", "--jobs", str(jobs)) for jobs in (1, 2)})
    collection = write_collection(work / "collection", 8)
    bench.measure({f"collection, 144 outputs, --jobs {jobs}": bench.unpress(
        str(collection), "--out", str(work / "collection-out"), "--force", "--jobs", str(jobs)) for jobs in (1, 2)},
        min(bench.repeat, 3))
    found["parallel room"].append(bench.parallel_room())
    bench.measure({"collection, 144 outputs, nothing changed": bench.unpress(
        str(collection), "--out", str(work / "collection-out"))})

    print("(f) the seed, every format and language (18 outputs): full build, then a rebuild with nothing changed",
          file=sys.stderr)
    bench.measure({"18 outputs, full build": bench.unpress(str(SEED), "--out", out, "--force"),
                   "18 outputs, nothing changed": bench.unpress(str(SEED), "--out", out)})

    print("(g) long documents: time per page", file=sys.stderr)
    import pikepdf  # only here: the benchmark's own process loads no renderer library before this

    found["pages"] = {}
    for size in pages:
        folder = write_long_document(work / f"long-{size}" / "A_61_100", size)
        bench.measure({f"{size}-page document {fmt}": bench.unpress(
            str(folder), "--format", fmt, "--out", str(work / f"long-{size}-out"), "--force", "--jobs", "1")
            for fmt in ("html", "docx", "pdf")}, 1 if size > 100 else min(bench.repeat, 3))
        with pikepdf.open(work / f"long-{size}-out" / "A_61_100" / "A_61_100-FR.pdf") as pdf:
            found["pages"][size] = len(pdf.pages)

    print(f"(i) a report of {FIGURES} large figures (PNG and SVG), each format", file=sys.stderr)
    folder = write_figure_document(work / "figures" / "A_61_300", FIGURES)
    found["figure bytes"] = sum(path.stat().st_size for path in (folder / "figures").iterdir())
    bench.measure({f"{FIGURES} figures {fmt}": bench.unpress(
        str(folder), "--format", fmt, "--out", str(work / "figures-out"), "--force", "--jobs", "1")
        for fmt in ("html", "docx", "pdf")}, min(bench.repeat, 3))

    print("(h) which libraries a build of one format imports", file=sys.stderr)
    found["imports"] = {fmt: bench.child("imports", fmt, out)[1]["loaded"] for fmt in ("html", "docx")}
    measure_issue_19(bench, found)
    measure_notes(bench, notes, found)
    return found


def measure_long_pdf(bench: Bench, pages: list[int], found: dict) -> None:
    """(g) for the PDF alone: time per page (with --only-19)."""
    import pikepdf

    found["pages"] = {}
    for size in pages:
        folder = write_long_document(bench.work / f"long-{size}" / "A_61_100", size)
        out = bench.work / f"long-{size}-out"
        bench.measure({f"{size}-page document pdf": bench.unpress(str(folder), "--format", "pdf", "--out", str(out),
                                                                  "--force", "--jobs", "1")},
                      1 if size > 100 else min(bench.repeat, 3))
        with pikepdf.open(out / "A_61_100" / "A_61_100-FR.pdf") as pdf:
            found["pages"][size] = len(pdf.pages)


def _ratio_row(target: str, value: float, limit: float, better: str) -> tuple[str, str, str, bool]:
    holds = value <= limit if better == "<=" else value >= limit
    return target, f"{value:.2f}", f"{better} {limit:g}", holds


def issue_19_targets(m: dict[str, float], found: dict) -> list[tuple[str, str, str, bool]]:
    rows = []
    if "#19 unpress pdf, seed fr (cold)" in m:
        pages = found.get("annexed pages", "?")
        rows += [
            _ratio_row("#19 PDF of the seed (fr), cold / WeasyPrint alone on its print HTML",
                       m["#19 unpress pdf, seed fr (cold)"] / m["#19 WeasyPrint alone, its print HTML (cold)"],
                       1.15, "<="),
            _ratio_row(f"#19 letter and {ANNEXES} annexes ({pages} pages): --jobs 1 / --jobs 2",
                       m["#19 annexed document, --jobs 1"] / m["#19 annexed document, --jobs 2"], 1.6, ">="),
            _ratio_row(f"#19 letter and {ANNEXES} annexes: one annex changed / full build",
                       m["#19 annexed document, one annex changed"] / m["#19 annexed document, full build"],
                       0.40, "<="),
        ]
    sizes = sorted(found.get("pages", {}))
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        per_page = [m[f"{size}-page document pdf"] / found["pages"][size] for size in (small, large)]
        rows.append(_ratio_row(f"#19 PDF time per page, {found['pages'][large]} / {found['pages'][small]} pages",
                               per_page[1] / per_page[0], 1.2, "<="))
    return rows


def targets(measures: dict[str, Measure], found: dict) -> list[tuple[str, str, str, bool]]:
    m = {name: measure.wall for name, measure in measures.items()}
    rows = [
        _ratio_row("PDF build / WeasyPrint alone, cold", m["unpress pdf (cold)"] / m["WeasyPrint pdf (cold)"], 1.2, "<="),
        _ratio_row("PDF build / WeasyPrint alone, warm", m["unpress pdf (warm)"] / m["WeasyPrint pdf (warm)"], 1.2, "<="),
        _ratio_row("HTML build, cold / pandoc, cold", m["unpress html (cold)"] / m["pandoc html (cold)"], 2, "<="),
        _ratio_row("DOCX build, cold / pandoc, cold", m["unpress docx (cold)"] / m["pandoc docx (cold)"], 2, "<="),
        _ratio_row("HTML rebuild, warm / pandoc, cold", m["unpress html (warm)"] / m["pandoc html (cold)"], 1, "<="),
        _ratio_row("DOCX rebuild, warm / pandoc, cold", m["unpress docx (warm)"] / m["pandoc docx (cold)"], 1, "<="),
        _ratio_row("12 outputs: --jobs 1 / --jobs 2", m["12 outputs, --jobs 1"] / m["12 outputs, --jobs 2"], 1.7, ">="),
        _ratio_row("collection of 144 outputs: --jobs 1 / --jobs 2",
                   m["collection, 144 outputs, --jobs 1"] / m["collection, 144 outputs, --jobs 2"], 1.7, ">="),
        _ratio_row("no-change rebuild / full build", m["18 outputs, nothing changed"] / m["18 outputs, full build"],
                   0.10, "<="),
        _ratio_row("collection: no-change rebuild / full build, --jobs 2",
                   m["collection, 144 outputs, nothing changed"] / m["collection, 144 outputs, --jobs 2"], 0.10, "<="),
    ]
    sizes = sorted(found["pages"])
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for fmt in ("html", "docx", "pdf"):
            per_page = [m[f"{size}-page document {fmt}"] / found["pages"][size] for size in (small, large)]
            rows.append(_ratio_row(f"{fmt.upper()} time per page, {large} / {small} pages",
                                   per_page[1] / per_page[0], 1.2, "<="))
    rows += notes_targets(measures, found)
    rows += issue_19_targets(m, found)
    for fmt, forbidden in (("html", ("weasyprint", "docx")), ("docx", ("weasyprint",))):
        leaked = [name for name in forbidden if name in found["imports"][fmt]]
        rows.append((f"{fmt.upper()} build imports no {' nor '.join(forbidden)}",
                     ", ".join(leaked) or "none", "none", not leaked))
    return rows


def notes_targets(measures: dict[str, Measure], found: dict) -> list[tuple[str, str, str, bool]]:
    """Time in proportion to the number of notes: a note costs no more in the largest document.

    CPU time, not wall time: on a machine shared with other work a build of many minutes waits for
    the processor by turns, and that waiting is no cost of the notes."""
    sizes = sorted(found.get("notes", {}))
    if len(sizes) < 2:
        return []
    small, large = sizes[0], sizes[-1]
    cpu = {name: measure.cpu for name, measure in measures.items()}
    return [_ratio_row(f"{fmt.upper()} CPU time per note, {large} / {small} notes",
                       (cpu[f"{large}-note document {fmt}"] / large) / (cpu[f"{small}-note document {fmt}"] / small),
                       NOTES_PROPORTION, "<=") for fmt in NOTES_FORMATS]


def report(info: dict[str, str], measures: dict[str, Measure], found: dict, rows) -> str:
    lines = ["Machine: " + "; ".join(f"{key} {value}" for key, value in info.items()), ""]
    lines.append(f"{'measurement':<44} {'runs':>4} {'wall s':>8} {'CPU s':>7} {'peak MB':>8}  per page")
    for measure in measures.values():
        cpu = "" if measure.cpu != measure.cpu else f"{measure.cpu:7.3f}"  # NaN: measured inside a process
        size = int(measure.name.split("-")[0]) if measure.name[0].isdigit() and "-page" in measure.name else None
        per_page = f"  {measure.wall / found['pages'][size] * 1000:6.1f} ms ({found['pages'][size]} pages)" if size else ""
        if "-note document" in measure.name:
            notes = int(measure.name.split("-")[0])
            per_page = (f"  {measure.cpu / notes * 1000:6.2f} ms CPU a note, {notes / measure.wall:5.0f} notes/s "
                        f"({found['notes'][notes]} pages)")
        lines.append(f"{measure.name:<44} {len(measure.runs):>4} {measure.wall:8.3f} {cpu:>7} "
                     f"{measure.rss:8.1f}{per_page}")
    if any(name.endswith("(warm)") for name in measures):
        lines.append("(warm: measured in one process, taking turns; its peak memory is given for all four)")
    if "figure bytes" in found:
        lines.append(f"({FIGURES} figures: {found['figure bytes'] / 2**20:.0f} MB of image files)")
    if "parallel room" in found:  # not measured with --only-notes
        room = " and ".join(f"{value:.2f}" for value in found["parallel room"])
        lines += ["", f"Two busy processes side by side ended {room} times sooner than one after the other, before "
                  "and after the --jobs measurements (2 on idle cores): the most any --jobs 2 could gain then."]
    width = max([54, *(len(row[0]) for row in rows)])
    lines += ["", f"{'target':<{width}} {'ratio':>8} {'limit':>8}  result"]
    for target, value, limit, holds in rows:
        lines.append(f"{target:<{width}} {value:>8} {limit:>8}  {'PASS' if holds else 'FAIL'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement, of which the median (default 5)")
    parser.add_argument("--pages", default="30,300", help="sizes of the long documents, in pages (default 30,300)")
    parser.add_argument("--notes", default="2000,20000",
                        help="sizes of the documents of many notes, in notes (default 2000,20000; the 20,000-note "
                             "PDF takes about 5 minutes of CPU)")
    parser.add_argument("--only-notes", action="store_true", help="measure only the documents of many notes")
    parser.add_argument("--only-19", action="store_true",
                        help="measure only issue #19's targets (the seed's PDF, the 45-page document, the long PDFs)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every run's figures to FILE")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILD_TASKS[args.child[0]](*args.child[1:])))
        return 0
    if shutil.which("pandoc") is None and not args.only_19:
        raise SystemExit("the benchmark compares unpress with pandoc: install it first (Debian: apt-get install pandoc)")
    info = machine()
    with tempfile.TemporaryDirectory(prefix="unpress-bench-") as work:
        bench = Bench(Path(work), args.repeat)
        notes = [int(size) for size in args.notes.split(",") if size]
        found: dict = {}
        if args.only_notes:
            measure_notes(bench, notes, found)
        elif args.only_19:
            bench.run(bench.unpress(str(SEED), "--lang", LANG, "--format", "pdf", "--out", str(bench.work / "out"),
                                    "--force", "--jobs", "1"))  # warming up (bytecode, disk cache), not measured
            measure_issue_19(bench, found)
            measure_long_pdf(bench, [int(size) for size in args.pages.split(",") if size], found)
        else:
            found = measure_all(bench, [int(size) for size in args.pages.split(",") if size], notes)
    info["load average"] += " at the start, " + " ".join(f"{load:.2f}" for load in os.getloadavg()) + " at the end"
    if args.only_notes:
        rows = notes_targets(bench.measures, found)
    elif args.only_19:
        rows = issue_19_targets({name: measure.wall for name, measure in bench.measures.items()}, found)
    else:
        rows = targets(bench.measures, found)
    print(report(info, bench.measures, found, rows))
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "found": found,
            "measures": {name: [vars(run) for run in m.runs] for name, m in bench.measures.items()},
            "targets": [dict(zip(("target", "ratio", "limit", "holds"), row)) for row in rows],
        }, indent=2) + "\n", encoding="utf-8")
    return 0 if all(row[3] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
