"""The command line: what it builds, where, with which settings and which templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from unpress import cli
from unpress.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """A folder laid out as a user's: content/ with a document, the command run from there."""
    shutil.copytree(FIXTURES / "A_61_100", tmp_path / "content" / "A_61_100")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_default_build_writes_every_version_into_dist(workspace, capsys):
    assert main(["build", "--format", "html"]) == 0
    assert sorted(p.relative_to(workspace).as_posix() for p in (workspace / "dist").rglob("*.*")) == [
        "dist/A_61_100/A_61_100-EN.html", "dist/manifest.json"
    ]
    assert "wrote dist/A_61_100/A_61_100-EN.html" in capsys.readouterr().out


def test_a_language_the_document_lacks_is_a_warning(workspace, capsys):
    assert main(["build", "--format", "html", "--lang", "fr"]) == 0
    assert "has no \"fr\" version" in capsys.readouterr().err
    assert not (workspace / "dist").exists()


def test_an_unknown_format_is_refused_by_name(workspace, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--format", "html,odt"])
    assert exit_info.value.code == 2
    assert 'unknown format "odt"' in capsys.readouterr().err


@pytest.mark.parametrize("args, complaint", [
    (["build", "--format", "htm"], 'argument --format: unknown format "htm"'),
    (["build", "--jobs", "0"], 'argument --jobs: "0" is not a whole number of at least 1'),
    (["build", "--shard", "3/2"], 'argument --shard: "3/2" is not K/N'),
    (["build", "--lang", "xx"], 'argument --lang: unknown language "xx"'),
    (["build", "--paper", "legal"], "argument --paper: invalid choice: 'legal'"),
    (["publish"], "argument COMMAND: invalid choice: 'publish'"),
    (["build", "--no-such-option"], "unrecognized arguments: --no-such-option"),
    (["check"], "the following arguments are required: DIR"),
])
def test_a_mistake_on_the_command_line_exits_2_naming_it_and_builds_nothing(workspace, capsys, args, complaint):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: unpress") and complaint in err.splitlines()[-1]
    assert "Traceback" not in err
    assert not (workspace / "dist").exists()


def test_a_bug_exits_3_with_one_line_and_the_traceback_only_with_debug(workspace, capsys, monkeypatch):
    def broken_build(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "build", broken_build)
    assert main(["build", "--format", "html"]) == 3
    err = capsys.readouterr().err
    assert err == ("unpress: internal error: ZeroDivisionError('a bug'); run again with --debug for the "
                   "traceback, and report it\n")
    assert main(["--debug", "build", "--format", "html"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and "in broken_build" in err and err.endswith("ZeroDivisionError: a bug\n")


def test_content_problems_exit_1_and_a_good_build_0_from_the_command_itself(workspace):
    """The statuses of the process, as a script or CI sees them (the command and build.py)."""
    import subprocess
    import sys

    build_py = Path(__file__).parents[2] / "build.py"

    def status(*command: str) -> int:
        return subprocess.run([sys.executable, *command], cwd=workspace, capture_output=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(build_py.parent)}).returncode

    assert status("-m", "unpress", "build", "--format", "html") == 0
    assert status(str(build_py), "--format", "html") == 0
    assert status("-m", "unpress", "check", "dist") == 0
    assert status("-m", "unpress", "build", "--jobs", "0") == 2
    assert status(str(build_py), "--format", "htm") == 2
    yaml = workspace / "content" / "A_61_100" / "document.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("distribution: general", "distribution: wide"),
                    encoding="utf-8")
    assert status("-m", "unpress", "build", "--format", "html") == 1
    assert status("-m", "unpress", "check", "dist") == 1  # the build no longer matches its content


def test_settings_file_sets_the_output_folder_and_a_flag_overrides_it(workspace):
    (workspace / "unpress.toml").write_text('output = "public"\n')
    assert main(["build", "--format", "html"]) == 0
    assert (workspace / "public" / "A_61_100" / "A_61_100-EN.html").is_file()
    assert main(["build", "--format", "html", "--out", "elsewhere"]) == 0
    assert (workspace / "elsewhere" / "A_61_100" / "A_61_100-EN.html").is_file()


def test_bad_settings_are_one_line_problems(workspace, capsys):
    (workspace / "unpress.toml").write_text('paper = "letter"\npapr = "a4"\npdf_variant = "pdf/x"\n')
    assert main(["build", "--format", "html"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        'unpress.toml:2: papr: unknown setting "papr" (did you mean "paper"?); known settings: paper, '
        "pdf_variant, emblem, templates, styles, output, draft, max_image_mb, html_images [unknown-field]",
        'unpress.toml:3: pdf_variant: "pdf/x" is not one of: pdf/ua-1, pdf/a-3u, none (did you mean '
        '"pdf/ua-1"?) [bad-value]',
    ]


def test_a_user_template_replaces_the_builtin_one_of_the_same_name(workspace):
    user = workspace / "my-templates" / "html"
    user.mkdir(parents=True)
    builtin = Path(__file__).parents[2] / "templates" / "html" / "nodes.html.j2"
    (user / "nodes.html.j2").write_text(
        builtin.read_text(encoding="utf-8").replace('<p class="labelled', '<p data-mine="yes" class="labelled'))
    (workspace / "unpress.toml").write_text('templates = "my-templates"\n')
    assert main(["build", "--format", "html"]) == 0
    html = (workspace / "dist" / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")
    assert html.count('data-mine="yes"') == 4  # two numbered paragraphs, two lettered ones


def test_a_user_style_replaces_the_builtin_one(workspace):
    styles = workspace / "my-styles"
    styles.mkdir()
    (styles / "document.css").write_text("body { color: #123456; }\n")
    assert main(["build", "--format", "html", "--styles", str(styles)]) == 0
    html = (workspace / "dist" / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")
    assert "#123456" in html and ".masthead" not in html


def test_content_cannot_run_template_code(workspace):
    letter = workspace / "content" / "A_61_100" / "en" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\n{{ 12345 * 3 }} {% raw %} <script>alert(1)</script>\n")
    assert main(["build", "--format", "html"]) == 0
    html = (workspace / "dist" / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")
    assert "{{ 12345 * 3 }} {% raw %} &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html and "37035" not in html


def test_a_reader_that_stops_early_is_no_internal_error(workspace):
    """`unpress build | head -1`: the build goes on, and its status is not an internal error."""
    import subprocess
    import sys

    build = subprocess.Popen([sys.executable, "-m", "unpress", "build", "--format", "html", "--force",
                              "--out", "a", "content", "content"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=workspace)
    build.stdout.close()  # as head does once it has its line
    with build.stderr:
        err = build.stderr.read()
    assert build.wait(timeout=120) == 0
    assert b"internal error" not in err
