"""The manifest, incremental and parallel builds, and shards of a collection."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from unpress.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED = Path(__file__).parents[2] / "content" / "A_61_XXX"


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "A_61_100", tmp_path / "content" / "A_61_100")
    shutil.copytree(SEED, tmp_path / "content" / "A_61_XXX")
    return tmp_path / "content"


def build(content: Path, out: Path, *options: str) -> list[str]:
    """Build the English versions (the fixture's and the seed's translation) to HTML."""
    assert main(["build", str(content), "--format", "html", "--lang", "en", "--out", str(out), *options]) == 0
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_the_manifest_describes_every_artifact(content, tmp_path):
    out = tmp_path / "dist"
    build(content, out)
    entries = json.loads((out / "manifest.json").read_text())["artifacts"]
    assert [(e["path"], e["format"], e["lang"], e["symbol"]) for e in entries] == [
        ("A_61_100/A_61_100-EN.html", "html", "en", "A/61/100"),
        ("A_61_XXX/A_61_XXX-EN.html", "html", "en", "A/61/XXX"),
    ]
    for entry in entries:
        data = (out / entry["path"]).read_bytes()
        assert (entry["size"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        assert (out / entry["source"]).resolve() == (content / Path(entry["path"]).parent.name).resolve()


def test_an_unchanged_artifact_is_not_rebuilt_and_a_changed_input_is(content, tmp_path, capsys):
    out = tmp_path / "dist"
    build(content, out)
    capsys.readouterr()
    build(content, out)
    assert actions(capsys) == {"A_61_100-EN.html": "unchanged", "A_61_XXX-EN.html": "unchanged"}
    letter = content / "A_61_100" / "en" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("honour", "great honour"), encoding="utf-8")
    build(content, out)
    assert actions(capsys) == {"A_61_100-EN.html": "wrote", "A_61_XXX-EN.html": "unchanged"}
    assert "great honour" in (out / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")
    build(content, out, "--force")
    assert actions(capsys) == {"A_61_100-EN.html": "wrote", "A_61_XXX-EN.html": "wrote"}


def actions(capsys) -> dict[str, str]:
    """What the build said it did with each artifact: "wrote" or "unchanged"."""
    lines = capsys.readouterr().out.splitlines()
    return {Path(line.split(" ", 1)[1]).name: line.split(" ", 1)[0] for line in lines}


def test_a_damaged_artifact_is_rebuilt(content, tmp_path, capsys):
    out = tmp_path / "dist"
    build(content, out)
    page = out / "A_61_XXX" / "A_61_XXX-EN.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"A/61/XXX", b"A/61/YYY"))
    build(content, out)
    assert page.read_bytes() == good


def test_parallel_builds_give_the_same_bytes(content, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert build(content, one, "--jobs", "1") == build(content, two, "--jobs", "2")
    for path in one.rglob("*.html"):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes()


def test_shards_split_the_documents_and_their_manifests_merge(content, tmp_path):
    shard_1 = build(content, tmp_path / "s1", "--shard", "1/2")
    shard_2 = build(content, tmp_path / "s2", "--shard", "2/2")
    assert shard_1 == ["A_61_100/A_61_100-EN.html", "manifest.json"]
    assert shard_2 == ["A_61_XXX/A_61_XXX-EN.html", "manifest.json"]
    all_out = tmp_path / "all"
    for shard in ("s1", "s2"):
        shutil.copytree(tmp_path / shard, all_out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("manifest.json"))
    assert main(["manifest", str(tmp_path / "s1"), str(tmp_path / "s2"), "--out", str(all_out)]) == 0
    entries = json.loads((all_out / "manifest.json").read_text())["artifacts"]
    assert [e["path"] for e in entries] == ["A_61_100/A_61_100-EN.html", "A_61_XXX/A_61_XXX-EN.html"]
    assert all((all_out / e["source"]).resolve().parent == content.resolve() for e in entries)


def test_a_bad_shard_is_refused(content, tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["build", str(content), "--shard", "3/2"])
    assert "is not K/N" in capsys.readouterr().err
