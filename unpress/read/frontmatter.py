"""The front matter of a part written as YAML in the style its writer typed: keys in their order,
values kept as they were typed where they have not changed, a folded heading folded again,
scalars plain where YAML reads them back as the same text. `unpress import` and `unpress
translate import` both write front matter with it."""

from __future__ import annotations

import re

from .yamlsource import YamlError, read_yaml


def key_blocks(lines: list[str]) -> dict[str, list[str]]:
    """The lines of each top-level key of a front matter ("---" lines excluded)."""
    blocks: dict[str, list[str]] = {}
    key = None
    for line in lines[1:-1]:
        match = re.match(r"^([A-Za-z_]+):", line)
        if match:
            key = match.group(1)
            blocks[key] = [line]
        elif key:
            blocks[key].append(line)
    return blocks


def front_matter_lines(values: dict, keep: dict[str, list[str]] | None = None, original: list[str] | None = None,
                       width: int | None = None) -> list[str]:
    """The lines of a front matter, "---" to "---". `values`: heading (a string), title (a list of
    lines), original (a language code), numbering ("auto"), signature (a list of (name, title or None)), in the order
    of `original`'s keys (the front matter being replaced, if any), then in their own; `keep`: the
    lines to write as they are for a key whose value has not changed."""
    keep = keep or {}
    out = ["---"]
    order = list(key_blocks(original).keys()) if original else []
    order += [k for k in values if k not in order]
    for key in order:
        if key not in values:
            continue
        if key in keep:
            out.extend(keep[key])
            continue
        value = values[key]
        folded = bool(original) and any(line.startswith(f"{key}: >") for line in original)
        if key == "heading":
            out.extend(_folded_text(key, value, folded, width))
        elif key in ("original", "numbering"):
            out.append(f"{key}: {value}")
        elif key == "title":
            out.append("title:")
            out.extend(f"  - {yaml_scalar(line)}" for line in value)
        elif key == "signature":
            plain_name = original and any(re.match(r"^signature: \S", line) for line in original)
            if len(value) == 1 and value[0][1] is None and plain_name:
                out.append(f"signature: {yaml_scalar(value[0][0])}")
            elif len(value) == 1:
                name, title = value[0]
                out.append("signature:")
                if title:
                    out.append(f"  title: {yaml_scalar(title)}")
                out.append(f"  name: {yaml_scalar(name)}")
            else:
                out.append("signature:")
                for name, title in value:
                    if title:
                        out.append(f"  - title: {yaml_scalar(title)}")
                        out.append(f"    name: {yaml_scalar(name)}")
                    else:
                        out.append(f"  - name: {yaml_scalar(name)}")
    out.append("---")
    return out


def _folded_text(key: str, value: str, folded: bool, width: int | None) -> list[str]:
    if not folded:
        return [f"{key}: {yaml_scalar(value)}"]
    words, lines, current = value.split(" "), [], ""
    limit = max((width or 80) - 2, 40)
    for word in words:
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [f"{key}: >-"] + [f"  {line}" for line in lines]


def yaml_scalar(text: str) -> str:
    """A YAML scalar that reads back as the text: plain where it can be, else double-quoted."""
    try:
        if read_yaml(f"k: {text}\n").data["k"].data == text and text == text.strip() and text:
            return text
    except (YamlError, AttributeError, TypeError, KeyError):
        pass
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
