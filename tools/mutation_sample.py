"""The mutation score of a seeded sample of mutmut's mutants, each run against whole test files.

mutmut runs a mutant against the tests it saw calling the mutated function. A test that reads a
document built by a module- or session-scoped fixture is not seen (the fixture ran during the set-up
of another test), so mutmut reports survivors that the suite kills. This runs each sampled mutant
against the given tests (stopping at the first failure) and counts what the suite really catches.

    python -m mutmut run "unpress.output.*"   # writes mutants/; it may be stopped once it tests
    python tools/mutation_sample.py unpress.output --tests tests/unit/test_output.py --sample 40

or, without mutmut's first run of the whole suite, `--generate` writes the mutants of the module
alone (mutmut's only_mutate) into mutants/ before sampling them. One module per checkout: the
other modules are copied unmutated, over any mutants an earlier run wrote there.

Run from the folder of pyproject.toml. A mutant is killed when a test fails or runs past the time
limit (an endless loop), survives when every test passes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path


def mutant_names(module: str) -> list[str]:
    """The mutants of a module, or of every module of a package (unpress.check)."""
    path = Path("mutants") / module.replace(".", "/")
    metas = [path.with_name(path.name + ".py.meta")] if not path.is_dir() else sorted(path.rglob("*.py.meta"))
    return sorted(name for meta in metas for name in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])


def generate(module: str) -> None:
    """mutmut's mutant generation for one module or package, as `mutmut run` begins."""
    from mutmut.__main__ import create_mutants, set_mutant_under_test
    from mutmut.configuration import config
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths

    path = module.replace(".", "/")
    config().only_mutate[:] = [f"{path}/*"] if Path(path).is_dir() else [f"{path}.py"]
    set_mutant_under_test("mutant_generation")
    Path("mutants").mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    create_mutants(os.cpu_count() or 1)


def outcome(name: str, tests: list[str], timeout: float) -> str:
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--hypothesis-profile=ci",
               "-m", "not client and not slow", *tests]
    try:
        result = subprocess.run(command, cwd="mutants", env={**os.environ, "MUTANT_UNDER_TEST": name},
                                capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "killed (timeout)"
    return {0: "survived", 1: "killed"}.get(result.returncode, f"error (pytest exit {result.returncode})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", help="a mutated module or package, e.g. unpress.render.docx.story, unpress.check")
    parser.add_argument("--tests", nargs="+", required=True, help="test files or folders to run each mutant against")
    parser.add_argument("--sample", type=int, default=40, help="mutants to try (default 40; 0: all)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the sample (default 12)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run counts as killed")
    parser.add_argument("--generate", action="store_true", help="write the module's mutants into mutants/ first")
    args = parser.parse_args()
    if args.generate:
        generate(args.module)
    names = mutant_names(args.module)
    if outcome("", args.tests, args.timeout) != "survived":  # no mutant: every test must pass
        print(f"the tests fail without a mutant: {' '.join(args.tests)}", file=sys.stderr)
        return 1
    sample = sorted(random.Random(args.seed).sample(names, min(args.sample, len(names)))) if args.sample else names
    counts: dict[str, int] = {}
    for name in sample:
        found = outcome(name, args.tests, args.timeout)
        counts[found.split()[0]] = counts.get(found.split()[0], 0) + 1
        print(f"{name}: {found}", flush=True)
    tried = counts.get("killed", 0) + counts.get("survived", 0)
    score = 100 * counts.get("killed", 0) / tried if tried else 0
    print(f"{args.module}: {counts.get('killed', 0)} of {tried} sampled mutants killed ({score:.0f}%), "
          f"{len(names)} mutants in all; errors: {counts.get('error', 0)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
