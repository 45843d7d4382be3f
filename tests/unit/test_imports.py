"""Building one format loads no other format's libraries: WeasyPrint alone takes longer to import than a build of HTML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"  # with a job number: the DOCX has codes
LIBRARIES = ("weasyprint", "pikepdf", "docx")

# Runs in a new process, where nothing has imported a renderer yet; --jobs 1 keeps the rendering in it.
PROBE = f"""
import json, sys
from unpress.cli import main
status = main(sys.argv[1:])
print(json.dumps({{"status": status, "loaded": [name for name in {LIBRARIES!r} if name in sys.modules]}}))
"""


def loaded_by_build(fmt: str, out: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, "build", str(FIXTURE), "--format", fmt, "--out", str(out),
                             "--jobs", "1"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    probe = json.loads(result.stdout.splitlines()[-1])
    assert probe["status"] == 0, result.stderr
    return probe["loaded"]


@pytest.mark.parametrize("fmt, expected", [("html", []), ("docx", ["docx"]), ("akn", []),
                                           ("pdf", ["weasyprint", "pikepdf"])])  # its parts joined (issue #19)
def test_a_build_of_one_format_imports_only_its_own_libraries(tmp_path, fmt, expected):
    assert loaded_by_build(fmt, tmp_path) == expected


# What a new process starts and which of WeasyPrint's C libraries it maps, after importing `sys.argv[1]`.
LIBRARY_PROBE = """
import json, sys
started = []
sys.addaudithook(lambda event, args: started.append(args[1]) if event == "subprocess.Popen" else None)
if sys.argv[1] == "weasyprint":
    import weasyprint
else:
    from unpress.render import renderer
    renderer("pdf")
names = ("gobject", "pango", "harfbuzz", "fontconfig")
maps = sorted({line.split()[-1] for line in open("/proc/self/maps") if any(name in line for name in names)})
print(json.dumps({"started": started, "libraries": maps}))
"""


def probe_libraries(module: str) -> dict:
    result = subprocess.run([sys.executable, "-c", LIBRARY_PROBE, module], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.skipif(sys.platform != "linux", reason="the library search of Linux (ldconfig, gcc, ld)")
def test_the_pdf_renderer_loads_weasyprints_libraries_without_starting_a_process():
    # WeasyPrint's own import looks each library up with ctypes, which starts ldconfig, gcc and ld.
    alone, unpress = probe_libraries("weasyprint"), probe_libraries("unpress")
    assert alone["started"], "WeasyPrint's import starts no process any more: the work-around can go"
    assert unpress["started"] == []
    assert unpress["libraries"] == alone["libraries"]
    assert any("libpango-1.0.so" in path for path in unpress["libraries"])
