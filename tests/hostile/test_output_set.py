"""The output folder under attack and bad luck: documents that would write the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unpress.cli import main

TESTS = Path(__file__).parents[1]
FIXTURE = TESTS / "fixtures" / "A_61_100"
JOINT = TESTS / "shapes" / "A_61_872"  # symbol: [A/61/872, S/2006/300]


def copy(source: Path, folder: Path, symbol: str | None = None) -> Path:
    shutil.copytree(source, folder)
    if symbol:
        facts = folder / "document.yaml"
        text = facts.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("symbol:"))
        text = text.replace(old, f"symbol: {symbol}")
        if symbol.startswith("S/"):  # a Security Council document has no session
            text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("session:"))
        facts.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("first, second, symbol", [
    ((FIXTURE, None), (FIXTURE, None), "A/61/100"),  # two folders, one symbol: the same files
    ((JOINT, None), (FIXTURE, "A/61/872"), "A/61/872"),  # a joint document beside its first symbol
    ((JOINT, None), (FIXTURE, "S/2006/300"), "S/2006/300"),  # beside its other symbol
])
def test_two_documents_with_one_symbol_are_an_error_naming_both_folders(tmp_path, capsys, first, second, symbol):
    content = tmp_path / "content"
    copy(first[0], content / "a", first[1])
    copy(second[0], content / "b", second[1])
    out = tmp_path / "dist"
    assert main(["build", str(content), "--format", "html", "--out", str(out)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{content / 'b' / 'document.yaml'}: symbol: {symbol} is also a symbol of {content / 'a'};")
    assert line.endswith("[same-symbol]")
    assert not out.exists()


def test_a_folder_named_twice_is_built_once(tmp_path, capsys):
    content = tmp_path / "content"
    copy(FIXTURE, content / "A_61_100")
    out = tmp_path / "dist"
    assert main(["build", str(content), str(content / "A_61_100"), "--format", "html", "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote {out / 'A_61_100' / 'A_61_100-EN.html'}"]


# --- all or nothing: a build killed at any step leaves the old set or the new one ---------------

SEED = TESTS.parent / "content" / "A_61_XXX"
# The calls by which a build changes the output folder; the build is killed before each in turn.
STEPS = ("write", "fchmod", "fsync", "replace", "rename", "unlink")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def restore(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def build_killed_at(step: int, arguments: list[str]) -> bool:
    """Runs the build in a forked process that kills itself (SIGKILL) just before its `step`-th
    change to the disk; True if it was killed, False if it finished first."""
    return killed_at(step, lambda: 0 if main(arguments) == 0 else 1)


def killed_at(step: int, action) -> bool:
    """Runs `action` (its result the exit status) in a forked process that kills itself (SIGKILL)
    just before its `step`-th change to the disk; True if it was killed, False if it finished first."""
    import os
    import signal

    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            calls = 0

            def lethal(real):
                def call(*args, **kwargs):
                    nonlocal calls
                    calls += 1
                    if calls == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return real(*args, **kwargs)
                return call

            for name in STEPS:
                setattr(os, name, lethal(getattr(os, name)))
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            os._exit(action())
        finally:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return True
    assert os.waitstatus_to_exitcode(status) == 0
    return False


def test_a_build_killed_at_any_step_leaves_the_old_set_or_the_new_one_and_no_temporary_file(tmp_path):
    from unpress.output import OutputFolder

    content = tmp_path / "content"
    copy(FIXTURE, content / "A_61_100")
    copy(SEED, content / "A_61_XXX")
    out = tmp_path / "dist"
    arguments = ["build", str(content), "--format", "html", "--lang", "en", "--out", str(out), "--jobs", "1"]
    assert main(arguments) == 0
    old = snapshot(out)
    for letter in content.glob("*/en/letter.md"):
        letter.write_text(letter.read_text(encoding="utf-8") + "\nA new last paragraph.\n", encoding="utf-8")
    assert main(arguments + ["--out", str(tmp_path / "new")]) == 0
    new = snapshot(tmp_path / "new")
    assert new.keys() == old.keys() and all(new[name] != old[name] for name in new)

    outcomes = []
    step = 1
    while build_killed_at(step, arguments):
        with OutputFolder(out):  # what the next build (or any) does first
            pass
        after = snapshot(out)
        assert after in (old, new), f"killed at step {step}: a mixture of the old set and the new"
        outcomes.append(after == new)
        restore(out, old)
        step += 1
    assert snapshot(out) == new  # the build not killed at all
    assert step > 15 and False in outcomes and True in outcomes  # killed before and after it was done


def test_check_of_a_set_a_build_was_killed_switching_says_so_in_one_line(tmp_path, capsys):
    """Half the set renamed into place: check names the interruption, not the differences of a mixture."""
    from unpress.output import JOURNAL

    out = tmp_path / "dist"
    folder, old = built_once(tmp_path, out)
    arguments = ["build", str(folder), "--format", "html", "--out", str(out), "--jobs", "1"]

    def half_switched() -> bool:  # the journal there, some files of the set new and some old
        after = snapshot(out)
        changed = {name for name in old if after.get(name) != old[name]}
        return JOURNAL in after and bool(changed) and changed != set(old)

    step = 1
    while not half_switched():
        restore(out, old)
        assert build_killed_at(step, arguments), "the build ended before any point between two renames"
        step += 1
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    assert one_line(capsys) == f"{out / JOURNAL}: a build was interrupted; run the build again to complete it"
    assert main(arguments) == 0  # which completes it
    assert main(["check", str(out)]) == 0


def test_temporary_files_a_killed_build_left_are_removed_by_the_next(tmp_path):
    folder = copy(FIXTURE, tmp_path / "A_61_100")
    out = tmp_path / "dist"
    assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 0
    built = snapshot(out)
    (out / "A_61_100" / ".A_61_100-EN.html.k3_x9q2a.part").write_bytes(b"<html>half")
    (out / ".manifest.json.abcdefgh.part").write_bytes(b"{")
    (out / "A_61_100" / "notes.part").write_bytes(b"not ours")  # a user's file of another name: kept
    assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 0
    assert snapshot(out) == {**built, "A_61_100/notes.part": b"not ours"}


# --- two builds into one folder at once -------------------------------------------------------

def test_two_builds_of_different_documents_into_one_folder_keep_each_others_entries(tmp_path, monkeypatch):
    """The second build runs to its end while the first renders: the first must not write back
    the manifest it read before (a lost update)."""
    import json

    from unpress import pipeline

    content = tmp_path / "content"
    copy(FIXTURE, content / "A_61_100")
    copy(SEED, content / "A_61_XXX")
    out = tmp_path / "dist"
    real_render = pipeline._render_all
    interleaved = []

    def render_while_another_build_runs(todo, *args):
        if not interleaved:
            interleaved.append(True)
            assert main(["build", str(content / "A_61_XXX"), "--format", "html", "--out", str(out)]) == 0
        return real_render(todo, *args)

    monkeypatch.setattr(pipeline, "_render_all", render_while_another_build_runs)
    assert main(["build", str(content / "A_61_100"), "--format", "html", "--out", str(out)]) == 0
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    assert {entry["symbol"] for entry in entries} == {"A/61/100", "A/61/XXX"}
    assert main(["check", str(out)]) == 0


def test_a_build_waits_while_another_holds_the_output_folder(tmp_path):
    import subprocess
    import sys
    import time

    from unpress.output import OutputFolder

    folder = copy(FIXTURE, tmp_path / "A_61_100")
    out = tmp_path / "dist"
    out.mkdir()
    with OutputFolder(out):
        build = subprocess.Popen([sys.executable, "-m", "unpress", "build", str(folder), "--format", "html",
                                  "--out", str(out)], cwd=TESTS.parent, stdout=subprocess.DEVNULL)
        time.sleep(3)  # time enough to load and render one page, not to write it
        assert build.poll() is None and not (out / "manifest.json").exists()
    assert build.wait(timeout=60) == 0
    assert (out / "manifest.json").exists()


# --- environment faults: one line naming the path and the cause, exit 1, old artifacts intact ----

def built_once(tmp_path: Path, out: Path) -> tuple[Path, dict[str, bytes]]:
    """The fixture built to HTML in `out`, then changed, so that a build would write again."""
    folder = copy(FIXTURE, tmp_path / "A_61_100")
    assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 0
    letter = folder / "en" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA new last paragraph.\n", encoding="utf-8")
    return folder, snapshot(out)


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    (line,) = err.splitlines()
    return line


def test_an_out_that_is_a_file_is_one_line(tmp_path, capsys):
    folder = copy(FIXTURE, tmp_path / "A_61_100")
    (tmp_path / "dist").write_text("my notes", encoding="utf-8")
    assert main(["build", str(folder), "--format", "html", "--out", str(tmp_path / "dist")]) == 1
    assert one_line(capsys) == (f"{tmp_path / 'dist'}: cannot write the output there: a file is in the way "
                                "of a folder there; move it, or choose another folder with --out")
    assert (tmp_path / "dist").read_text(encoding="utf-8") == "my notes"


def mounted(folder: Path, options: str) -> bool:
    """A tmpfs at `folder`, when this process may mount one (as root on Linux)."""
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def unmount(folder: Path) -> None:
    import subprocess

    subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_read_only_output_folder_is_one_line_and_keeps_the_old_artifacts(tmp_path, capsys):
    import os
    import subprocess

    out = tmp_path / "dist"
    root = os.geteuid() == 0  # the superuser writes into any folder: make it a read-only file system
    if root and not mounted(out, "size=4m"):
        pytest.skip("cannot mount a file system here, and the superuser ignores folder permissions")
    try:
        folder, before = built_once(tmp_path, out)
        if root:
            subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        else:
            for path in [out, *out.rglob("*")]:
                path.chmod(0o555 if path.is_dir() else 0o444)
        capsys.readouterr()
        assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 1
        assert one_line(capsys) == (f"{out / 'A_61_100'}: cannot write the output there: the folder is "
                                    "read-only to unpress; make it writable, or choose another with --out")
        assert snapshot(out) == before
    finally:
        if root:
            unmount(out)
        else:
            for path in [out, *out.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)


FULL = ("cannot write the output there: the disk is full; free some space, or choose another folder with --out")


def test_a_full_disk_is_one_line_and_keeps_the_old_artifacts(tmp_path, capsys):
    out = tmp_path / "dist"
    if not mounted(out, "size=160k"):
        pytest.skip("cannot mount a small file system here (the next test fills the disk in the process)")
    try:
        folder, before = built_once(tmp_path, out)
        with open(out / "filler", "wb", buffering=0) as filler:  # fill it up
            try:
                while True:
                    filler.write(b"x" * 1024)
            except OSError:
                pass
        before["filler"] = (out / "filler").read_bytes()
        capsys.readouterr()
        assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 1
        assert one_line(capsys) == f"{out / 'A_61_100'}: {FULL}"
        assert snapshot(out) == before
    finally:
        unmount(out)


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_disk_full_when_writing_or_syncing_is_one_line_and_keeps_the_old_artifacts(tmp_path, capsys,
                                                                                     monkeypatch, call):
    import errno
    import os

    out = tmp_path / "dist"
    folder, before = built_once(tmp_path, out)
    real = getattr(os, call)

    def full(handle, *args):
        if os.readlink(f"/proc/self/fd/{handle}").endswith(".part"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(handle, *args)

    monkeypatch.setattr(os, call, full)
    capsys.readouterr()
    assert main(["build", str(folder), "--format", "html", "--out", str(out)]) == 1
    assert one_line(capsys) == f"{out / 'A_61_100'}: {FULL}"
    assert snapshot(out) == before


def test_watch_on_a_port_in_use_is_one_line(tmp_path, capsys):
    import socket

    folder = copy(FIXTURE, tmp_path / "A_61_100")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["watch", str(folder), "--out", str(tmp_path / "dist"), "--port", str(port)]) == 1
    assert one_line(capsys) == (f"127.0.0.1:{port}: cannot serve the preview there: Address already in use; "
                                "choose another port with --port (0 takes any free one)")


@pytest.mark.parametrize("arguments", [["--port", "70000"], ["--port=65536"], ["--port", "-1"], ["--port=-1"]])
def test_watch_on_a_port_out_of_range_is_one_line(tmp_path, capsys, arguments):
    """No such port is a fault of where the preview is served, as a port in use is (issue #13, item 14):
    exit 1 with one line, before anything is built or made."""
    folder = copy(FIXTURE, tmp_path / "A_61_100")
    port = arguments[-1].rpartition("=")[2]
    assert main(["watch", str(folder), "--out", str(tmp_path / "dist"), *arguments]) == 1
    assert one_line(capsys) == (f"127.0.0.1:{port}: cannot serve the preview there: there is no such port, "
                                "ports go from 0 to 65535; choose another with --port (0 takes any free one)")
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("port", ["http", "80.5", ""])
def test_watch_on_a_port_that_is_not_a_number_is_a_usage_error(tmp_path, capsys, port):
    with pytest.raises(SystemExit) as exit:
        main(["watch", str(tmp_path), f"--port={port}"])
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"unpress watch: error: argument --port: \"{port}\" is not a port number (a whole number from 0 to 65535)")
