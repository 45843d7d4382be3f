"""Settings for the whole suite: how hypothesis explores, locally and in CI."""

from __future__ import annotations

from hypothesis import settings

from tests.clients.programs import in_ci

# CI: the same examples on every run (derived from each test, not random), no time limit per
# example on a shared machine, and no example database, so that a run neither depends on what an
# earlier run found nor leaves files behind; a failure prints the blob that reproduces it.
# Locally: hypothesis's defaults, random exploration, failures kept in .hypothesis/ and tried first
# next time. (Hypothesis would pick its own CI profile whenever CI is set, even CI=false.)
settings.register_profile("ci", settings.get_profile("default"), derandomize=True, database=None,
                          deadline=None, print_blob=True)
settings.load_profile("ci" if in_ci() else "default")
