"""Hostile input to the commands other than build: one line and exit 1, never an internal error."""

from __future__ import annotations

import re
import shutil
import socket
import threading

import pytest

from tests.unit.test_watch import FIXTURES, wait_for
from unpress.cli import main
from unpress.settings import Settings
from unpress.watch import watch


def test_new_refuses_a_300_digit_symbol_in_one_line(tmp_path, capsys):
    status = main(["new", "A/61/" + "1" * 300, "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert len(err.splitlines()) == 1 and err.rstrip().endswith("[bad-symbol]"), err
    assert not any(tmp_path.iterdir())


@pytest.fixture
def preview(tmp_path):
    """`unpress watch` of the fixture, running; yields its port and what it said."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "A_61_100", content / "A_61_100")
    said: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, daemon=True, kwargs=dict(
        paths=[content], formats=["html"], settings=Settings(output=tmp_path / "dist"), port=0,
        say=said.append, stop=stop))
    thread.start()
    try:
        port = wait_for(lambda: next((int(m.group(1)) for line in said
                                      if (m := re.search(r"http://127\.0\.0\.1:(\d+)/", line))), None))
        yield port, said
    finally:
        stop.set()
        thread.join(timeout=10)


def request(port: int, target: bytes, host: bytes | None, method: bytes = b"GET") -> int:
    """The status of one raw HTTP request (raw, so that the path can hold what clients refuse to send)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        headers = b"Host: " + host + b"\r\n" if host is not None else b""
        connection.sendall(method + b" " + target + b" HTTP/1.1\r\n" + headers + b"Connection: close\r\n\r\n")
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    return int(reply.split(b" ", 2)[1])


PAGE = b"/A_61_100/A_61_100-EN.html"


@pytest.mark.parametrize("host", [b"localhost", b"127.0.0.1", b"LOCALHOST", b"localhost:{port}",
                                  b"127.0.0.1:{port}"])
def test_watch_answers_requests_to_this_machine(preview, host):
    port, _ = preview
    assert request(port, PAGE, host.replace(b"{port}", str(port).encode())) == 200


@pytest.mark.parametrize("host", [b"evil.example", b"evil.example:{port}", b"localhost.evil.example",
                                  b"127.0.0.1.nip.io:{port}", b"localhost:1", b"", None])
@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
def test_watch_refuses_other_hosts_against_dns_rebinding(preview, host, method):
    port, _ = preview
    host = host.replace(b"{port}", str(port).encode()) if host is not None else None
    assert request(port, PAGE, host, method) == 403


@pytest.mark.parametrize("target", [b"/A_61_100/A_61_100-EN%00.html", b"/%00", b"/A_61_100/\x00.html"])
@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
def test_watch_answers_a_path_with_a_nul_byte_with_400_and_no_traceback(preview, capfd, target, method):
    port, said = preview
    assert request(port, target, b"localhost", method) == 400
    assert request(port, PAGE, b"localhost") == 200  # and goes on serving
    assert "Traceback" not in capfd.readouterr().err
    assert not [line for line in said if "failed" in line]
