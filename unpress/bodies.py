"""The bodies of the principal organs: which organ each belongs to, the symbol part that names it,
where its name stands under the masthead and how its sessions are named.

Names are in the locales (`bodies:`); this table holds only what is the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .symbols import Symbol

# How an organ or body names its sessions (`session` in document.yaml):
ORDINAL = "ordinal"  # a number, printed "Sixty-first session", "Second session"
YEAR_AND_KIND = "year-and-kind"  # the Economic and Social Council: {year: 2006, kind: substantive}
NONE = "none"  # the Security Council: its year is in its symbols

ORGAN_SESSIONS = {
    "general_assembly": ORDINAL,
    "security_council": NONE,
    "economic_and_social_council": YEAR_AND_KIND,
    "trusteeship_council": ORDINAL,
    "secretariat": NONE,
}

ECOSOC_SESSION_KINDS = ("substantive", "resumed-substantive", "organizational", "resumed-organizational")


@dataclass(frozen=True)
class Body:
    key: str  # "third-committee": the key of document.yaml's `body` and of the locales' names
    organ: str  # the principal organ whose symbols and masthead it has
    symbol_part: str  # the second part of its symbols: "C.3" in A/C.3/61/L.2, "HRC", "CN.6"
    # A council or commission has sessions of its own: its name stands above its session line.
    # A Main Committee meets in the Assembly's session: its name stands under that line.
    own_sessions: bool


_COMMITTEES = ("first", "second", "third", "fourth", "fifth", "sixth")
_COMMISSIONS = {  # ECOSOC's functional commissions and their symbol parts (E/CN.6/2006/2)
    "statistical-commission": "CN.3",
    "commission-on-human-rights": "CN.4",
    "commission-for-social-development": "CN.5",
    "commission-on-the-status-of-women": "CN.6",
    "commission-on-narcotic-drugs": "CN.7",
    "commission-on-population-and-development": "CN.9",
    "commission-on-crime-prevention-and-criminal-justice": "CN.15",
    "commission-on-science-and-technology-for-development": "CN.16",
    "commission-on-sustainable-development": "CN.17",
}

BODIES: dict[str, Body] = {
    **{f"{ordinal}-committee": Body(f"{ordinal}-committee", "general_assembly", f"C.{number}", False)
       for number, ordinal in enumerate(_COMMITTEES, start=1)},
    "human-rights-council": Body("human-rights-council", "general_assembly", "HRC", True),
    **{key: Body(key, "economic_and_social_council", part, True) for key, part in _COMMISSIONS.items()},
}
_BY_SYMBOL = {(body.organ, body.symbol_part): body for body in BODIES.values()}


def body_of(symbol: Symbol) -> Body | None:
    """The body a symbol names in its second part (A/HRC/2/3, A/C.3/61/L.2, E/CN.6/2006/2), if any."""
    return _BY_SYMBOL.get((symbol.organ, symbol.parts[1]))


def session_style(organ: str, body: Body | None) -> str:
    """How the sessions of a document of `organ` (and `body`) are named: ORDINAL, YEAR_AND_KIND or NONE."""
    if body is not None and body.own_sessions:
        return ORDINAL
    return ORGAN_SESSIONS[organ]
