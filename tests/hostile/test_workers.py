"""A `--jobs 2` build killed outright leaves no worker running, holding its stdout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended, and waits for its parent to collect its status


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_the_workers_of_a_killed_build_end_with_it(tmp_path, signal_number):
    workers: set[int] = set()
    build = subprocess.Popen(
        [sys.executable, "-m", "unpress", "build", "content/A_61_XXX", "--format", "pdf", "--jobs", "2",
         "--force", "--out", str(tmp_path / "dist")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := children(build.pid)) < 2:
            assert build.poll() is None and time.monotonic() < deadline, "no two workers started"
            time.sleep(0.05)
        time.sleep(0.5)  # well into their first PDFs
        build.send_signal(signal_number)
        assert build.wait(timeout=10) == -signal_number
        deadline = time.monotonic() + 10
        while any(alive(worker) for worker in workers):
            assert time.monotonic() < deadline, "the workers outlived the build"
            time.sleep(0.05)
        assert build.stdout.read() == b""  # the end of the pipe: no process holds it any more
    finally:
        build.kill()
        build.wait()
        build.stdout.close()
        for worker in filter(alive, workers):  # only if the test failed
            os.kill(worker, signal.SIGKILL)
