"""The translation workflow: `unpress translate export` / `import` through XLIFF, and `unpress status`."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import etree

from . import model as m
from .locale import get_locale
from .output import StagedWrites
from .problems import WARNING, ContentError, Problem, errors
from .read.content import DOCUMENT_FILE, load_document
from .read.markdown import NoteNumbering, parse_part
from .read.frontmatter import front_matter_lines
from .read.markdown_write import MarkdownStyle, MarkdownWriter
from .read.xliff import XML_PARSER, TranslatedPart, Translation, read_translation
from .render.xliff import FACTS, UP, XLIFF_NS, export_xliff, sha256_of

X = f"{{{XLIFF_NS}}}"  # XLIFF 1.2's elements, in lxml's {namespace}name
RECORD = "translation.json"  # in a language folder: what each part was translated from, and how far


def _version(document: m.Document, lang: str, folder: Path) -> m.Version:
    version = next((v for v in document.versions if v.lang == lang), None)
    if version is None:
        raise ContentError([Problem(str(folder / DOCUMENT_FILE), None, "versions",
                                    f'this document has no "{lang}" version to translate from', "no-version")])
    return version


def _digests(folder: Path, version: m.Version) -> dict[str, str]:
    files = {FACTS: folder / DOCUMENT_FILE}
    files.update({Path(part.source).name: Path(part.source) for part in version.part_files})
    return {name: sha256_of(path.read_bytes()) for name, path in files.items()}


def export_translation(folder: Path, to: str, source_lang: str | None, out: Path | None) -> tuple[Path, int, int]:
    """Write the XLIFF of a version to translate into `to`; the segments the `to` version already
    has are filled in. Returns the file, the number of units and of those pre-filled."""
    document, _ = load_document(folder)
    source = _version(document, source_lang or _original(document), folder)
    if to == source.lang:
        raise ContentError([Problem(str(folder), None, "--to", f'"{to}" is the language translated from', "usage")])
    target = next((v for v in document.versions if v.lang == to), None)
    data = export_xliff(source, target, to, document.symbols[0], _digests(folder, source))
    path = out or Path(f"{document.name}-{source.lang}-{to}.xlf")
    with StagedWrites() as staged:
        staged.write(path, data)
    return path, data.count(b"<trans-unit"), data.count(b'state-qualifier="leveraged-inherited"')


def _original(document: m.Document) -> str:
    """The language translated from by default: the original's version, else the first one."""
    langs = [v.lang for v in document.versions]
    return document.original if document.original in langs else langs[0]


# --- import ------------------------------------------------------------------------------------

def _structure(node) -> list[tuple[str, str, str]]:
    """What must match between a translation and its source: every group and unit, with its kind
    and label, in order."""
    out = []
    for element in node.iter(f"{X}group", f"{X}trans-unit"):
        if element.tag == f"{X}group":
            out.append(("group", element.get("resname", ""), element.get("restype", "") + ":" +
                        element.get(f"{UP}label", "")))
        else:
            out.append(("unit", element.get("id", ""), ""))
    return out


def _compare_structure(translation: Translation, folder: Path, source: m.Version) -> list[Problem]:
    """The translation against what an export of the source makes now: a unit, paragraph or
    label the file lacks (or has too many) is refused; a source changed since is a warning."""
    fresh = etree.fromstring(export_xliff(source, None, translation.target_lang, translation.symbol,
                                          _digests(folder, source)), XML_PARSER)
    given = etree.fromstring(translation.path.read_bytes(), XML_PARSER)
    problems = []
    theirs = {node.get("original"): node for node in given.iter(f"{X}file")}
    for node in fresh.iter(f"{X}file"):
        name = node.get("original")
        where = f"{translation.path}"
        other = theirs.pop(name, None)
        if other is None:
            problems.append(Problem(where, None, name, "the file has no translation of this part; export again",
                                    "xliff-missing-part"))
            continue
        expected, found = _structure(node), _structure(other)
        if expected != found:
            missing = [item for item in expected if item not in found]
            extra = [item for item in found if item not in expected]
            first = (missing or extra or [("order", "", "")])[0]
            what = {"group": "block", "unit": "unit", "order": "order of blocks"}[first[0]]
            problems.append(Problem(where, None, f"{name}#{first[1]}",
                                    f"{'lost' if missing else 'not in the source' if extra else 'changed'}: {what} "
                                    f"{first[1]} {first[2].rstrip(':')}".rstrip() +
                                    " (a translation keeps every unit, paragraph and label of its source)",
                                    "xliff-structure"))
        if other.get(f"{UP}sha256") != node.get(f"{UP}sha256"):
            problems.append(Problem(where, None, name, f"the {source.lang} source has changed since this file "
                                    "was exported: check the translation against it", "xliff-stale", WARNING))
    for name in theirs:
        problems.append(Problem(str(translation.path), None, name, "a part the source version does not have",
                                "xliff-structure"))
    return problems


@dataclass(frozen=True)
class Imported:
    written: list[Path]
    problems: list[Problem]  # warnings: untranslated and unconfirmed segments, a stale source


def import_translation(path: Path, into: Path) -> Imported:
    """Write the target version's parts (and its title in document.yaml) from a translated XLIFF,
    all together or not at all."""
    translation = read_translation(path)
    if errors(translation.problems):
        raise ContentError(translation.problems)
    document, _ = load_document(into)
    if translation.symbol != document.symbols[0]:
        raise ContentError([Problem(str(path), None, "xliff", f"a translation of {translation.symbol}, "
                                    f"not of {document.symbols[0]} in {into}", "xliff-pair")])
    source = _version(document, translation.source_lang, into)
    problems = translation.problems + _compare_structure(translation, into, source)
    if errors(problems):
        raise ContentError(problems)
    _check_notes(translation, problems)
    lang_folder = into / translation.target_lang
    locale = get_locale(translation.target_lang)
    files: dict[Path, bytes] = {}
    for part in translation.parts:
        target = lang_folder / part.file
        text = write_part(part, locale, target)
        if not (target.is_file() and _meaning(target.read_text(encoding="utf-8"), locale) == _meaning(text, locale)):
            files[target] = text.encode("utf-8")  # a part that reads the same is left as its writer typed it
    facts = into / DOCUMENT_FILE
    if translation.title is not None:
        text = with_title(facts, translation.target_lang, _plain(translation.title))
        if text != facts.read_text(encoding="utf-8"):
            files[facts] = text.encode("utf-8")
    record = {"from": translation.source_lang, "file": path.name,
              "parts": {part.file: {"source_sha256": part.source_sha256, "untranslated": part.untranslated,
                                    "unconfirmed": part.unconfirmed} for part in translation.parts}}
    files[lang_folder / RECORD] = (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    with StagedWrites() as staged:
        for target, data in files.items():
            staged.write(target, data)
    return Imported(sorted(files), [p for p in problems if p.severity == WARNING])


def _check_notes(translation: Translation, problems: list[Problem]) -> None:
    """Every note a part refers to is translated in it."""
    for part in translation.parts:
        refs = {node.note_id for node in m.walk(part.blocks + [m.Paragraph(part.heading)])
                if isinstance(node, m.NoteRef)}
        for note in sorted(refs - set(part.notes)):
            problems.append(Problem(str(translation.path), None, part.file, f"note {note} is referred to and "
                                    "has no unit: export again", "xliff-structure"))
    if errors(problems):
        raise ContentError(problems)


def _meaning(text: str, locale) -> str:
    """What a part says: its front matter's values and its blocks, however they are typed and
    wrapped (white space aside: a line break inside a Chinese paragraph is no space)."""
    parsed = parse_part("", text, locale, NoteNumbering(locale.note_mark), [])
    front = yaml.safe_load(text.split("---\n", 2)[1]) if parsed.front_matter is not None else None
    return re.sub(r"\s+", "", repr((front, parsed.blocks)))


def write_part(part: TranslatedPart, locale, target: Path) -> str:
    """A part as Markdown with its front matter; the style of the file it replaces, if any."""
    labels = {note_id: str(number) for number, note_id in enumerate(part.notes, start=1)}
    existing = target.read_text(encoding="utf-8") if target.is_file() else ""
    paren = (bool(re.search(r"^\([a-z]\) ", existing, re.M)) if re.search(r"^\(?[a-z]\) ", existing, re.M)
             else locale.lettered_label("a").startswith("(") or locale.code in ("ar", "zh", "ru"))
    writer = MarkdownWriter(MarkdownStyle(locale=locale, paren_letters=paren, note_label=lambda i: labels.get(i, i)))
    front: dict = {}
    if part.heading:
        front["heading"] = writer.inlines(part.heading, line=True)
    if part.title:
        front["title"] = [writer.inlines(line, line=True) for line in part.title]
    if part.original:
        front["original"] = part.original
    if part.signatures:
        front["signature"] = list(part.signatures)
    body = "\n\n".join(writer.block(block) for block in part.blocks)
    notes = "\n\n".join(writer.note(labels[note_id], children) for note_id, children in part.notes.items())
    lines = existing.splitlines()
    old_front = lines[:lines.index("---", 1) + 1] if lines[:1] == ["---"] and "---" in lines[1:] else None
    head = "\n".join(front_matter_lines(front, original=old_front)) + "\n\n" if front else ""
    return head + body + ("\n\n" + notes if notes else "") + "\n"


def with_title(path: Path, lang: str, title: str) -> str:
    """document.yaml with the version's title set, everything else (comments included) as it was."""
    text = path.read_text(encoding="utf-8")
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    entry = re.search(rf"^(  {lang}:\n)((?:    .*\n|\s*\n)*)", text, re.M)
    if entry:
        lines = entry.group(2)
        if re.search(r"^    title:.*$", lines, re.M):
            lines = re.sub(r"^    title:.*$", f"    title: {quoted}", lines, count=1, flags=re.M)
        else:
            lines = f"    title: {quoted}\n" + lines
        return text[:entry.start(2)] + lines + text[entry.end(2):]
    versions = re.search(r"^versions:\n", text, re.M)
    if versions is None:
        raise ContentError([Problem(str(path), None, "versions", "no versions: mapping to add the translation to",
                                    "xliff-facts")])
    return text[:versions.end()] + f"  {lang}:\n    title: {quoted}\n" + text[versions.end():]


def _plain(inlines) -> str:
    return "".join(node.text for node in inlines if isinstance(node, m.Text)).strip()


# --- status ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PartStatus:
    part: str  # "annex.md"
    state: str  # "present", "missing", "stale", "untranslated", "unconfirmed"
    detail: str = ""


def status_of(folder: Path) -> dict[str, list[PartStatus]]:
    """For each language folder of a document, the state of every part any version has."""
    document, _ = load_document(folder)
    langs = [v.lang for v in document.versions]
    source_lang = _original(document)
    parts = sorted({Path(p.source).name for v in document.versions for p in v.part_files},
                   key=lambda name: (not name.startswith("summary"), not name.startswith(("letter", "body")), name))
    out: dict[str, list[PartStatus]] = {}
    for lang in langs:
        record_path = folder / lang / RECORD
        record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.is_file() else None
        rows = []
        for name in parts:
            path = folder / lang / name
            if not path.is_file():
                rows.append(PartStatus(name, "missing"))
                continue
            rows.append(_state(folder, lang, name, record, source_lang))
        out[lang] = rows
    return out


def _state(folder: Path, lang: str, name: str, record: dict | None, source_lang: str) -> PartStatus:
    entry = (record or {}).get("parts", {}).get(name)
    if entry is not None:
        source = folder / record["from"] / name
        if source.is_file() and sha256_of(source.read_bytes()) != entry["source_sha256"]:
            return PartStatus(name, "stale", f"{record['from']} changed since the translation was imported")
        if entry["untranslated"]:
            return PartStatus(name, "untranslated", f"{entry['untranslated']} segments")
        if entry["unconfirmed"]:
            return PartStatus(name, "unconfirmed", f"{entry['unconfirmed']} segments")
        return PartStatus(name, "present", f"translated from {record['from']}")
    if lang != source_lang and _committed_after(folder / source_lang / name, folder / lang / name):
        return PartStatus(name, "stale", f"{source_lang} committed after it")
    return PartStatus(name, "present")


def _committed_after(source: Path, translation: Path) -> bool:
    """With no record, the content's own history: the source part was committed after its translation."""
    def committed(path: Path) -> int | None:
        try:
            done = subprocess.run(["git", "log", "-1", "--format=%ct", "--", path.name], cwd=path.parent,
                                  capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return int(done.stdout) if done.returncode == 0 and done.stdout.strip().isdigit() else None

    if not source.is_file():
        return False
    mine, theirs = committed(translation), committed(source)
    return mine is not None and theirs is not None and theirs > mine
