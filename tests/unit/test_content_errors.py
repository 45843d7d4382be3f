"""Bad content gives one line `file:line: field: message [code]`, exit status 1, and no output."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from unpress.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"
ROOT = Path(__file__).parents[2]
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+) \[(?P<code>[a-z-]+)\]$")


@pytest.fixture
def document(tmp_path) -> Path:
    folder = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(folder: Path, capsys) -> tuple[int, list[str]]:
    status = main(["build", str(folder), "--format", "html", "--out", str(folder.parent / "dist")])
    errors = [line for line in capsys.readouterr().err.splitlines() if "warning:" not in line]
    return status, errors


CASES = {
    "missing field": ("document.yaml", "date: 2006-06-15\n", "", "document.yaml", 3, "date", "missing-field"),
    "invalid symbol": ("document.yaml", "symbol: A/61/100", "symbol: A/61/100/corr.1", "document.yaml", 3,
                       "symbol", "bad-symbol"),
    "unknown original language": ("document.yaml", "original: en", "original: de", "document.yaml", 6,
                                  "original", "bad-language"),
    "unknown version language": ("document.yaml", "versions:\n  en:", "versions:\n  de:\n    title: x\n  en:",
                                 "document.yaml", 14, "versions.de", "unknown-field"),
    "bad job number": ("document.yaml", "job: 06-39949", "job: 0641234", "document.yaml", 16,
                       "versions.en.job", "bad-job"),
    "impossible date": ("document.yaml", "date: 2006-06-15", "date: 2006-02-30", "document.yaml", 5,
                        "date", "bad-date"),
    "unknown field": ("document.yaml", "distribution: general", "distrbution: general", "document.yaml", 4,
                      "distrbution", "unknown-field"),
    "malformed yaml": ("document.yaml", "session: 61", "session: [61", "document.yaml", 8, "yaml", "yaml"),
    "yaml alias": ("document.yaml", "session: 61", "session: &s 61\nx: *s", "document.yaml", 7, "yaml", "yaml"),
    "yaml object tag": ("document.yaml", "session: 61", "session: !!python/object/apply:os.system [ls]",
                        "document.yaml", 7, "yaml", "yaml"),
    "footnote reference without note": ("en/annex.md", "flows.", "flows.[^nine]", "en/annex.md", 16, "[^nine]",
                                        "note-missing"),
    "note without reference": ("en/annex.md", "perceived.[^egmont]", "perceived.", "en/annex.md", 23,
                               "[^egmont]", "note-unused"),
    "front matter yaml": ("en/letter.md", "  name: Alain Cools", "  name: [Alain", "en/letter.md", 7,
                          "front matter", "yaml"),
    "unknown front matter key": ("en/letter.md", "signature:", "signatur:", "en/letter.md", 5, "signatur",
                                 "unknown-field"),
    "unknown body": ("document.yaml", "distribution: general", "distribution: general\nbody: third-comittee",
                     "document.yaml", 5, "body", "bad-value"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_content_is_one_line_with_file_line_field_and_code(document, capsys, case):
    file, old, new, where, line, field, code = CASES[case]
    edit(document / file, old, new)
    status, errors = build(document, capsys)
    assert status == 1
    assert len(errors) == 1, errors
    match = LINE.match(errors[0])
    assert match, errors[0]
    assert Path(match["file"]).resolve() == (document / where).resolve()
    assert (int(match["line"]), match["field"], match["code"]) == (line, field, code)
    assert not (document.parent / "dist").exists()


# What each message of CASES says: the value as typed and how to put it right.
MESSAGES = {
    "missing field": "missing; add `date:` here",
    "invalid symbol": '"A/61/100/corr.1" is not a valid document symbol: "corr.1" must be written "Corr.1"',
    "unknown original language": '"de" is not an official UN language; use one of: ar, zh, en, fr, ru, es',
    "unknown version language": 'unknown field "de"; known fields: ar, zh, en, fr, ru, es',
    "bad job number": '"0641234" is not a job number; write it as NN-NNNNN, e.g. 06-39949',
    "impossible date": '"2006-02-30" is not a date; write a real date as YYYY-MM-DD',
    "unknown field": 'unknown field "distrbution" (did you mean "distribution"?); known fields: symbol, distribution,',
    "malformed yaml": "invalid YAML: expected ',' or ']', but got ':'",
    "yaml alias": "anchors (&s) are not allowed; write the value out",
    "yaml object tag": "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; content is plain data",
    "footnote reference without note": 'the footnote reference [^nine] has no note; add a line "[^nine]: text of '
                                       'the note" below the paragraph',
    "note without reference": "the note [^egmont] is never referred to; add [^egmont] where it belongs in the text, "
                              "or delete the note",
    "front matter yaml": "invalid YAML: expected ',' or ']'",
    "unknown front matter key": 'unknown field "signatur" (did you mean "signature"?); known fields: heading,',
    "unknown body": '"third-comittee" is not one of: first-committee, second-committee, third-committee,',
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_message_says_what_was_typed_and_how_to_fix_it(document, capsys, case):
    file, old, new, *_ = CASES[case]
    edit(document / file, old, new)
    _, errors = build(document, capsys)
    assert MESSAGES[case] in LINE.match(errors[0])["message"], errors[0]


@pytest.mark.parametrize("data, line, message", [
    (b"symbol: A/61/100\ndistribution: g\xe9n\xe9ral\n", 2,
     "encoding: byte 0xe9 is not UTF-8; save the file as UTF-8 [encoding]"),
    (b"symbol: A/61/100\n\x07distribution: general\n", 2,
     "text: the control character U+0007 cannot be printed; delete it [control-character]"),
])
def test_a_document_yaml_that_cannot_be_read_is_one_line_naming_it(document, capsys, data, line, message):
    (document / "document.yaml").write_bytes(data)
    status, errors = build(document, capsys)
    assert status == 1
    (error,) = errors
    assert error.startswith(f"{document / 'document.yaml'}:{line}:") and error.endswith(f": {message}"), error


def test_a_warning_is_reported_as_one_and_the_build_goes_on(document, capsys):
    edit(document / "en" / "annex.md", "(b) ", "(d) ")
    out = document.parent / "dist"
    assert main(["build", str(document), "--format", "html", "--out", str(out)]) == 0
    lines = capsys.readouterr().err.splitlines()
    (warning,) = [line for line in lines if "label-sequence" in line]
    assert ": warning: the label breaks the sequence: expected (b) or a new run from (a) [label-sequence]" in warning
    assert (out / "A_61_100" / "A_61_100-EN.html").is_file()


def test_files_beside_the_parts_that_are_not_markdown_are_left_alone(document, capsys):
    """Notes for translators or a picture in a language folder: the parts around them are read."""
    (document / "en" / "README.txt").write_text("For the translators.", encoding="utf-8")
    (document / "en" / "zz-draft.docx").write_bytes(b"PK")
    status, errors = build(document, capsys)
    assert (status, errors) == (0, [])
    page = (document.parent / "dist" / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")
    assert "I have the honour" in page and "Annex to the letter" in page


def test_a_message_quotes_the_value_as_typed_and_suggests_the_fix(document, capsys):
    edit(document / "document.yaml", "job: 06-39949", "job: 0641234")
    edit(document / "document.yaml", "distribution: general", "distrbution: general")
    _, errors = build(document, capsys)
    assert any('"0641234" is not a job number; write it as NN-NNNNN' in e for e in errors)
    assert any('did you mean "distribution"?' in e for e in errors)


def test_every_problem_is_reported_in_one_run(document, capsys):
    edit(document / "document.yaml", "date: 2006-06-15", "date: 15/06/2006")
    edit(document / "document.yaml", "symbol: A/61/100", "symbol: X/61/100")
    edit(document / "en" / "letter.md", "(see annex).[^conf]", "(see annex).[^none]")
    _, errors = build(document, capsys)
    codes = sorted(LINE.match(e)["code"] for e in errors)
    assert codes == ["bad-date", "bad-symbol"]  # the Markdown is read once the facts are sound


def test_a_folder_without_an_entry_and_an_entry_without_a_folder(document, capsys):
    (document / "en").rename(document / "fr")
    _, errors = build(document, capsys)
    assert sorted(LINE.match(e)["code"] for e in errors if LINE.match(e)) == ["missing-folder"]
    assert any("versions.fr: the folder fr/ has no entry" in e for e in errors)


def test_a_file_that_is_not_utf8(document, capsys):
    (document / "en" / "letter.md").write_bytes("---\nheading: x\n---\n\nD\xe9claration\n".encode("latin-1"))
    status, errors = build(document, capsys)
    assert status == 1
    assert errors == [f"{document / 'en' / 'letter.md'}:5: encoding: byte 0xe9 is not UTF-8; save the file "
                      "as UTF-8 [encoding]"]


def test_bad_content_leaves_the_previous_outputs_untouched(document, capsys):
    out = document.parent / "dist"
    assert main(["build", str(document), "--format", "html", "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(document / "en" / "letter.md", "Alain Cools", "Alain Cools[^x]")
    edit(document / "en" / "annex.md", "flows.", "flows.[^nine]")
    assert main(["build", str(document), "--format", "html", "--out", str(out)]) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_the_command_prints_no_traceback_and_exits_1(document):
    edit(document / "document.yaml", "symbol: A/61/100", "symbol: A 61 100")
    result = subprocess.run([sys.executable, "build.py", str(document), "--out", str(document.parent / "d")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [LINE.match(line)["code"] for line in result.stderr.splitlines()] == ["bad-symbol"]


# The part files of a language folder: a problem of the file or the folder, with no line.
PART_PROBLEMS = {
    "unknown part name": (lambda en: (en / "notes.md").write_text("Notes.\n", encoding="utf-8"), "notes.md",
                          'part: "notes.md" is not a part name; use letter.md, body.md, summary.md, annex.md, '
                          "annex-1.md, enclosure.md, ... [bad-part]"),
    "letter and body": (lambda en: shutil.copy(en / "letter.md", en / "body.md"), "",
                        "part: a version has either letter.md or body.md, not both [bad-part]"),
    "no main text": (lambda en: (en / "letter.md").unlink(), "",
                     "part: no letter.md or body.md; write the main text in one of them [missing-part]"),
}


@pytest.mark.parametrize("case", PART_PROBLEMS)
def test_a_wrong_set_of_part_files_is_one_line_naming_the_file_or_folder(document, capsys, case):
    change, name, message = PART_PROBLEMS[case]
    change(document / "en")
    status, errors = build(document, capsys)
    assert status == 1
    assert f"{document / 'en' / name if name else document / 'en'}: {message}" in errors, errors
