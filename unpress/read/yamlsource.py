"""Strict YAML reading that keeps the line of every value and takes scalars as typed text."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# The only tags a person writing document.yaml produces; anything explicit (!!python/object,
# !!binary, a local !tag) is refused rather than constructed.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:merge",
}


# Characters XML 1.0 cannot carry (so no DOCX can), and that no one types on purpose; a lone
# surrogate comes only from an escape ("\ud800" in YAML) and cannot even be written as UTF-8.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Deeper than any document.yaml or front matter needs, and far from Python's recursion limit.
MAX_NESTING = 50


def unprintable(char: str) -> str:
    """How a problem names a character of FORBIDDEN_CHARACTERS."""
    if "\ud800" <= char <= "\udfff":
        return f"U+{ord(char):04X} (half of a surrogate pair, not a character)"
    return f"the control character U+{ord(char):04X}"


class YamlError(Exception):
    """A YAML problem, with the 1-based line it was found on."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Value:
    """A YAML value with the line it starts on: text, None, a list or a dict of Values."""

    data: str | None | list[Value] | dict[str, Value]
    line: int


class _StrictComposer(Composer):
    """Composes nodes only; refuses anchors and aliases, which could expand without bound, and
    nesting deeper than MAX_NESTING (PyYAML composes recursively)."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(line, "aliases (*name) are not allowed; write the value out")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlError(line, f"anchors (&{anchor}) are not allowed; write the value out")
        if self.depth >= MAX_NESTING:
            raise YamlError(line, f"values are nested more than {MAX_NESTING} levels deep here; no document "
                            "needs so many: flatten them")
        self.depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


class _StrictLoader(_StrictComposer, yaml.SafeLoader):
    """PyYAML's own scanner and parser, in Python: its messages are the ones people get."""


# libyaml's scanner and parser (C), where PyYAML has it, make the events that the composer above
# turns into nodes: six times faster on a document's YAML. Where libyaml refuses the text, the
# Python loader reads it again, so that a mistake is reported in PyYAML's words and at its line.
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_StrictComposer, _EVENTS):
    def __init__(self, stream):
        _EVENTS.__init__(self, stream)
        Composer.__init__(self)  # libyaml's loader composes in C and leaves the composer's state unset


def _compose(loader_class, text: str):
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def read_yaml(text: str, first_line: int = 1) -> Value:
    """Parse one YAML document; lines are counted from `first_line` (for front matter)."""
    offset = first_line - 1
    try:
        try:
            node = _compose(_FastLoader, text)
        except (yaml.YAMLError, UnicodeEncodeError):  # libyaml's refusal: PyYAML says what is wrong
            node = _compose(_StrictLoader, text)
    except YamlError as error:
        raise YamlError(error.line + offset, error.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else first_line
        raise YamlError(line, f"invalid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise YamlError(first_line, f"invalid YAML: {error}") from None
    if node is None:
        return Value({}, first_line)
    return _convert(node, offset)


def _convert(node: Node, offset: int) -> Value:
    line = node.start_mark.line + 1 + offset
    if node.tag not in _PLAIN_TAGS:
        raise YamlError(line, f"the tag {node.tag!r} is not allowed; content is plain data")
    if isinstance(node, ScalarNode):
        bad = FORBIDDEN_CHARACTERS.search(node.value)
        if bad:
            raise YamlError(line, f"{unprintable(bad.group())} cannot be printed; remove it from the value")
        # Plain empty scalars ("key:") mean "nothing"; everything else is the text as typed,
        # so "0641234" stays a (bad) job number instead of becoming 641234. (A plain scalar's style
        # is None from PyYAML's parser, "" from libyaml's.)
        if not node.style and node.value in ("", "~", "null", "Null", "NULL"):
            return Value(None, line)
        return Value(node.value, line)
    if isinstance(node, SequenceNode):
        return Value([_convert(item, offset) for item in node.value], line)
    assert isinstance(node, MappingNode)
    mapping: dict[str, Value] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlError(key_line, "keys must be plain names")
        if key_node.value in mapping:
            raise YamlError(key_line, f"the key {key_node.value!r} is given twice")
        value = _convert(value_node, offset)
        # The key's line is where people look for the field, even for a block value below it.
        mapping[key_node.value] = Value(value.data, key_line)
    return Value(mapping, line)
