"""Hostile input to the commands other than build: one line and exit 1, never an internal error."""

from __future__ import annotations

from unpress.cli import main


def test_new_refuses_a_300_digit_symbol_in_one_line(tmp_path, capsys):
    status = main(["new", "A/61/" + "1" * 300, "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert len(err.splitlines()) == 1 and err.rstrip().endswith("[bad-symbol]"), err
    assert not any(tmp_path.iterdir())
