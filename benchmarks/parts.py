"""Issue #19's question, measured: can the parts of a document that start on new pages be laid out
apart (in parallel, or some of them from a cache) and their pages joined into one PDF that is the
one-pass PDF? Lays out the 45-page document of benchmarks/run.py (a letter and four annexes) in one
pass, then each part apart and joins the pages with WeasyPrint's Document.copy(pages), and compares.

    python benchmarks/parts.py      # about a minute; plain Python, not part of the tests
"""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pikepdf
import pypdf
import tinycss2
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

sys.path.insert(0, str(Path(__file__).parent))
from run import LANG, ROOT, write_annexed_document  # noqa: E402

OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": True}


def later_part_css(css: str, first_page: int) -> str:
    """The style sheet of a part that starts on page `first_page` of the whole document, laid out
    alone: without the `@page :first` rules (its first page is not the document's first), with the
    page counter started at `first_page` (a page whose counter is reset is not also incremented),
    and with `:left` and `:right` exchanged when it starts on a left (even) page: a document of its
    own starts on a right page."""
    rules = tinycss2.parse_stylesheet(css)
    kept = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "page":
            selector = tinycss2.serialize(rule.prelude).strip()
            if selector.endswith(":first"):
                continue
            if first_page % 2 == 0 and selector in (":left", ":right"):
                side = {":left": ":right", ":right": ":left"}[selector]
                rule.prelude = tinycss2.parse_component_value_list(" " + side + " ")
        kept.append(rule)
    return tinycss2.serialize(kept) + f"\n@page :first {{ counter-reset: page {first_page}; }}\n"


def part_page(lines: list[str], starts: list[int], index: int, first_page: int) -> str:
    """The print HTML of part `index` alone: the first part as it is in the whole (the masthead
    and the front); a later part with the head and the running elements, inside the same <main>,
    on the style sheet of later_part_css."""
    masthead = next(i for i, line in enumerate(lines) if line.startswith('<header class="masthead"'))
    end = next(i for i, line in enumerate(lines) if line.startswith("</body>"))
    section = lines[starts[index]:starts[index + 1] if index + 1 < len(starts) else end]
    if index == 0:
        return "\n".join(lines[:starts[0]] + section + lines[end:])
    page = "\n".join(lines[:masthead] + ["<main>"] + section + lines[end:])
    css_start = page.index("<style>") + len("<style>")
    css_end = page.index("</style>", css_start)
    return page[:css_start] + later_part_css(page[css_start:css_end], first_page) + page[css_end:]


def facts(data: bytes) -> dict:
    """What a reader of the PDF sees beside the text: the structure tree, bookmarks, links, fonts."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        elements, stack = 0, [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            elements += 1
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                    stack.append(kid)
        with pdf.open_outline() as outline:
            bookmarks = [item.title for item in outline.root]
        return {
            "structure elements": elements,
            "top-level bookmarks": len(bookmarks),
            "links": sum(1 for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"),
            "named destinations": len(list(pikepdf.NameTree(pdf.Root.Names.Dests).keys())),
            "fonts": sorted({str(font.get("/BaseFont")) for page in pdf.pages
                             for font in page.Resources.get("/Font", {}).values()}),
        }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="unpress-parts-") as work:
        folder = write_annexed_document(Path(work) / "A_61_101")
        subprocess.run([sys.executable, "-m", "unpress", "build", str(folder), "--format", "pdf", "--out",
                        f"{work}/out", "--jobs", "1", "--keep-print-html"], cwd=ROOT, check=True, capture_output=True)
        path = Path(work) / "out" / "A_61_101" / f"A_61_101-{LANG.upper()}.print.html"
        lines = path.read_text(encoding="utf-8").split("\n")
        base = path.parent.as_uri() + "/"
        starts = [i for i, line in enumerate(lines) if line.startswith('<section class="part')]

        start = time.process_time()
        whole = HTML(string="\n".join(lines), base_url=base).render()
        layout = time.process_time() - start
        start = time.process_time()
        one_pass = whole.write_pdf(**OPTIONS)
        print(f"one pass: {len(whole.pages)} pages; layout {layout:.2f} s, writing {time.process_time() - start:.2f} s "
              "(CPU)")

        fonts, documents, first, layouts = FontConfiguration(), [], 1, []
        for index in range(len(starts)):
            start = time.process_time()
            documents.append(HTML(string=part_page(lines, starts, index, first), base_url=base).render(font_config=fonts))
            layouts.append(time.process_time() - start)
            first += len(documents[-1].pages)
        start = time.process_time()
        joined = documents[0].copy([page for document in documents for page in document.pages]).write_pdf(**OPTIONS)
        print(f"parts apart: {[len(d.pages) for d in documents]} pages; layouts "
              f"{', '.join(f'{t:.2f}' for t in layouts)} s (together {sum(layouts):.2f}), writing "
              f"{time.process_time() - start:.2f} s (CPU)")

        print("the same bytes:", joined == one_pass)
        texts = [[page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages] for data in (one_pass, joined)]
        same = sum(a == b for a, b in zip(*texts))
        print(f"pages: {len(texts[0])} in one pass, {len(texts[1])} joined; {same} with the same text")
        for key, value in facts(one_pass).items():
            print(f"{key}: {value} in one pass, {facts(joined)[key]} joined")
        try:
            pickle.dumps(whole.pages[0])
            print("a laid-out page can be pickled (sent to another process, kept on disk)")
        except Exception as error:
            print(f"a laid-out page cannot be pickled: {type(error).__name__}: {error}")


if __name__ == "__main__":
    main()
