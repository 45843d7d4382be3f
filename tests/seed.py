"""The seed document's text as a reader sees it, for comparing outputs with it."""

from __future__ import annotations

import re
from pathlib import Path

# A copy of shared/seed/000_88e8624cfa1e414b.txt: the text of the printed French original.
SEED_FILE = Path(__file__).parent / "data" / "seed-fr.txt"
SEED_CONTENT = Path(__file__).parents[1] / "content" / "A_61_XXX"


def normalise(text: str) -> str:
    """Compare text as read: no-break spaces are spaces, runs of white space are one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def seed_blocks() -> list[list[str]]:
    """The seed's blocks, each a list of its lines, with the Markdown of the extraction removed.

    The seed is a text extraction of the printed PDF, with two artefacts of that: the title and
    the letter heading were glued together ("****"), and a page break cut paragraph k) in two
    (its second half starts in lower case). Both are undone here, nothing else is changed.
    """
    text = SEED_FILE.read_text(encoding="utf-8").replace("****", "**\n\n**")
    blocks: list[list[str]] = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"^#+\s*", "", line).replace("**", "").replace("\\*", "*").strip()
                 for line in raw.strip().splitlines()]
        lines = [line for line in lines if line and line != "---"]
        if not lines:
            continue
        if blocks and lines[0][0].islower() and not re.match(r"^[a-z]\) ", lines[0]):
            blocks[-1][-1] += " " + " ".join(lines)
            continue
        blocks.append(lines)
    return blocks


def lettered_labels() -> list[str]:
    """The labels of the seed's lettered paragraphs, in order: a) ... t)."""
    return [block[0][:2] for block in seed_blocks() if re.match(r"^[a-z]\) ", block[0])]


def missing_from(units: set[str]) -> list[str]:
    """The seed blocks not found among an output's text units.

    A block matches as a whole (its wrapped lines joined) or line by line, for blocks whose
    lines are separate elements in the output (the distribution block, the signature).
    """
    missing = []
    for lines in seed_blocks():
        whole = normalise(" ".join(lines))
        if whole not in units and not all(normalise(line) in units for line in lines):
            missing.append(whole)
    return missing
