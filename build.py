#!/usr/bin/env python3
"""Build every document in content/ into dist/ (the same as `unpress build`; see --help)."""

import sys

from unpress.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    # --debug belongs to the main parser; accept it anywhere on this short form.
    debug = ["--debug"] if "--debug" in args else []
    sys.exit(main(debug + ["build"] + [a for a in args if a != "--debug"]))
