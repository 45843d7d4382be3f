"""Tests for unpress.symbols: checking, reading and citing UN document symbols."""

from __future__ import annotations

import pytest

from unpress.symbols import SymbolError, parse_symbol, shorten_symbols


@pytest.mark.parametrize(
    ("text", "parts", "organ", "suffixes", "root", "kind", "pending"),
    [
        ("A/61/100", ("A", "61", "100"), "general_assembly", (), "A/61/100", None, False),
        ("S/2006/300", ("S", "2006", "300"), "security_council", (), "S/2006/300", None, False),
        (
            "A/61/100/Add.1/Corr.2",
            ("A", "61", "100", "Add.1", "Corr.2"),
            "general_assembly",
            (("add", 1), ("corr", 2)),
            "A/61/100",
            "corr",
            False,
        ),
        (
            "E/CN.6/2006/L.3",
            ("E", "CN.6", "2006", "L.3"),
            "economic_and_social_council",
            (),
            "E/CN.6/2006/L.3",
            None,
            False,
        ),
        ("A/61/XXX", ("A", "61", "XXX"), "general_assembly", (), "A/61/XXX", None, True),
        (
            "A/C.3/56/L.43/Rev.1",
            ("A", "C.3", "56", "L.43", "Rev.1"),
            "general_assembly",
            (("rev", 1),),
            "A/C.3/56/L.43",
            "rev",
            False,
        ),
        ("A/65/L.78", ("A", "65", "L.78"), "general_assembly", (), "A/65/L.78", None, False),
        ("ST/SGB/2006/1", ("ST", "SGB", "2006", "1"), "secretariat", (), "ST/SGB/2006/1", None, False),
        ("T/1/Amend.3", ("T", "1", "Amend.3"), "trusteeship_council", (("amend", 3),), "T/1", "amend", False),
        (
            "A/61/100/Rev.1/Add.12",
            ("A", "61", "100", "Rev.1", "Add.12"),
            "general_assembly",
            (("rev", 1), ("add", 12)),
            "A/61/100",
            "add",
            False,
        ),
        ("A/61/L.XXX", ("A", "61", "L.XXX"), "general_assembly", (), "A/61/L.XXX", None, True),
        (
            "A/61/100/Summary",
            ("A", "61", "100", "Summary"),
            "general_assembly",
            (),
            "A/61/100/Summary",
            None,
            False,
        ),
        (
            "A/61/100/Summary/Corr.1",
            ("A", "61", "100", "Summary", "Corr.1"),
            "general_assembly",
            (("corr", 1),),
            "A/61/100/Summary",
            "corr",
            False,
        ),
    ],
)
def test_valid_symbols_are_read(text, parts, organ, suffixes, root, kind, pending):
    symbol = parse_symbol(text)
    assert symbol.text == text
    assert str(symbol) == text
    assert symbol.parts == parts
    assert symbol.series == parts[0]
    assert symbol.organ == organ
    assert symbol.suffixes == suffixes
    assert symbol.root == root
    assert symbol.kind == kind
    assert symbol.pending is pending


@pytest.mark.parametrize(
    ("text", "file_name"),
    [
        ("A/61/100", "A_61_100"),
        ("E/CN.6/2006/L.3", "E_CN.6_2006_L.3"),
        ("A/61/100/Add.1/Corr.2", "A_61_100_Add.1_Corr.2"),
    ],
)
def test_file_name_replaces_slashes(text, file_name):
    assert parse_symbol(text).file_name == file_name


def test_symbol_is_frozen_and_compares_by_value():
    symbol = parse_symbol("A/61/100")
    assert symbol == parse_symbol("A/61/100")
    assert symbol != parse_symbol("A/61/100/Corr.1")
    with pytest.raises(AttributeError):
        symbol.text = "A/61/101"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a/61/100", 'the series "a" must be upper-case: "A"'),
        ("A/61/", 'it ends with "/"'),
        ("/A/61", 'it begins with "/"'),
        ("A//100", 'it has "//"'),
        ("A 61 100", "it contains a space"),
        ("A/61/100 ", "it contains a space"),
        ("A/61/100/corr.1", '"corr.1" must be written "Corr.1"'),
        ("A/61/100/ADD.1", '"ADD.1" must be written "Add.1"'),
        ("A/61/100/Corr.1/5", '"5" follows "Corr.1"; only Corr., Rev., Add. and Amend. parts may follow it'),
        ("A/61/100/Summary/5", '"5" follows "Summary"'),
        ("X/61/1", 'the series "X" is not known; the known series are A, E, S, ST and T'),
        ("A", "at least two parts"),
        ("", "it is empty"),
        ("A/61/100/Corr.0", '"Corr.0" must be numbered 1, 2, 3 ...: "Corr.1"'),
        ("A/61/100/Rev.01", '"Rev.01" must be numbered'),
        ("A/61/100/Add.x", '"Add.x" must be numbered'),
        ("A/Corr.1", '"Corr.1" needs the symbol it belongs to: "A/61/100/Corr.1"'),
        ("A/61/xxx", '"xxx" must be upper-case: "XXX"'),
        ("E/cn.6/2006/L.3", '"cn.6" must be upper-case: "CN.6"'),
        ("A/65/L.78*", 'mark a reissue with "reissued:" in document.yaml'),
        ("A/61/100-S/2006/300", 'the part "100-S" is not allowed; a part is upper-case letters'),
        ("A/61/1a", 'the part "1a" is not allowed'),
    ],
)
def test_invalid_symbols_are_refused_with_the_symbol_as_typed(text, reason):
    with pytest.raises(SymbolError) as raised:
        parse_symbol(text)
    message = str(raised.value)
    assert message.startswith(f'"{text}" is not a valid document symbol: ')
    assert reason in message


def test_a_symbol_too_long_to_name_a_file_is_refused_cut_short_with_its_length():
    text = "A/61/" + "1" * 70
    with pytest.raises(SymbolError) as raised:
        parse_symbol(text)
    assert str(raised.value) == (f'"{text[:60]}..." is not a valid document symbol: it has 75 characters, and a '
                                 "symbol has at most 60 (it names files and the documents' properties)")


def test_symbol_error_is_a_value_error():
    assert issubclass(SymbolError, ValueError)


@pytest.mark.parametrize(
    ("symbols", "conjunction", "expected"),
    [
        (["A/61/50"], "and", "A/61/50"),
        (["A/61/50", "A/61/50/Corr.1"], "and", "A/61/50 and Corr.1"),
        (["A/61/50", "A/61/50/Corr.1"], "et", "A/61/50 et Corr.1"),
        (["A/61/50", "A/61/50/Corr.1", "A/61/50/Corr.2"], "and", "A/61/50 and Corr.1 and 2"),
        (
            ["A/61/50", "A/61/50/Corr.1", "A/61/50/Corr.2", "A/61/50/Corr.3"],
            "and",
            "A/61/50 and Corr.1, 2 and 3",
        ),
        # Numbers of one kind are cited in order, whatever order they came in.
        (["A/61/50", "A/61/50/Corr.2", "A/61/50/Corr.1"], "and", "A/61/50 and Corr.1 and 2"),
        # The document itself leads its run even when listed after its corrigendum.
        (["A/61/50/Corr.1", "A/61/50"], "and", "A/61/50 and Corr.1"),
        # Without the document itself, the first of the run is cited in full.
        (["A/61/50/Corr.1", "A/61/50/Corr.2"], "and", "A/61/50/Corr.1 and 2"),
        (["A/61/100/Add.1", "A/61/100/Add.2"], "and", "A/61/100/Add.1 and 2"),
        # Different kinds under one root: each kind is a run of its own.
        (["A/61/100", "A/61/100/Add.1", "A/61/100/Corr.1"], "and", "A/61/100 and Add.1 and Corr.1"),
        # Tails are read from the root, so a corrigendum to an addendum names the addendum.
        (["A/61/100/Add.1", "A/61/100/Add.1/Corr.1"], "and", "A/61/100/Add.1 and Add.1/Corr.1"),
        (["A/61/50", "A/61/100"], "and", "A/61/50 and A/61/100"),
        (["A/61/50", "A/61/100", "A/61/150"], "and", "A/61/50, A/61/100 and A/61/150"),
        (["A/61/150", "A/61/50", "A/61/100"], "et", "A/61/150, A/61/50 et A/61/100"),
        # A corrigendum listed after another root is still cited with its own root, in the root's place.
        (
            ["A/61/50", "A/61/100", "A/61/50/Corr.1", "A/61/150"],
            "and",
            "A/61/50 and Corr.1, A/61/100 and A/61/150",
        ),
        (["A/61/50", "A/61/50", "A/61/50/Corr.1", "A/61/50/Corr.1"], "and", "A/61/50 and Corr.1"),
        ([], "and", ""),
    ],
)
def test_shorten_symbols(symbols, conjunction, expected):
    assert shorten_symbols(symbols, conjunction) == expected


def test_shorten_symbols_takes_parsed_symbols_too():
    symbols = [parse_symbol("A/61/50"), "A/61/50/Corr.1"]
    assert shorten_symbols(symbols, "and") == "A/61/50 and Corr.1"


def test_shorten_symbols_refuses_a_bad_symbol():
    with pytest.raises(SymbolError, match='"A/61/50/corr.1"'):
        shorten_symbols(["A/61/50", "A/61/50/corr.1"], "and")
