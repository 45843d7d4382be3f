"""The font families fontconfig sets for a name: which of a font list's families a document gets."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

# fontconfig's library under the names it has on Linux, macOS and Windows (MSYS2), as WeasyPrint loads it.
_LIBRARIES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll", "fontconfig-1")
_MATCH_PATTERN, _RESULT_MATCH = 0, 0
# CSS's generic families, which name no font.
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})


@functools.lru_cache(maxsize=1)
def _fontconfig():
    for name in (ctypes.util.find_library("fontconfig"), *_LIBRARIES):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.FcNameParse.restype = ctypes.c_void_p
        lib.FcNameParse.argtypes = [ctypes.c_char_p]
        lib.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
        lib.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
        lib.FcFontMatch.restype = ctypes.c_void_p
        lib.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                           ctypes.POINTER(ctypes.c_char_p)]
        lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
        return lib
    return None


@functools.lru_cache(maxsize=None)
def matched_family(family: str) -> str | None:
    """The family fontconfig gives for `family`: the family itself when it is installed, else
    what it stands in with (Tinos for Times New Roman); None without fontconfig."""
    lib = _fontconfig()
    if lib is None:
        return None
    pattern = lib.FcNameParse(family.replace("-", "\\-").encode())
    if not pattern:
        return None
    try:
        lib.FcConfigSubstitute(None, pattern, _MATCH_PATTERN)
        lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = lib.FcFontMatch(None, pattern, ctypes.byref(result))
        if not match:
            return None
        try:
            value = ctypes.c_char_p()
            if lib.FcPatternGetString(match, b"family", 0, ctypes.byref(value)) != _RESULT_MATCH:
                return None
            return value.value.decode()
        finally:
            lib.FcPatternDestroy(match)
    finally:
        lib.FcPatternDestroy(pattern)


def family_used(families: list[str]) -> str:
    """Of a font list, the first family whose letters fontconfig sets with a family of the list
    (itself, or a metric-compatible stand-in the list names too), as the PDF's fonts are chosen;
    the first family when none is."""
    for family in families:
        if matched_family(family) in families:
            return family
    return families[0]
