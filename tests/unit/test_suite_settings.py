"""The suite's own settings: hypothesis explores at random locally and repeats itself in CI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PROBE = """
import json
import tests.conftest
from hypothesis import settings
print(json.dumps({"derandomize": settings.default.derandomize,
                  "database": type(settings.default.database).__name__}))
"""


def hypothesis_settings(ci: str | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_hypothesis_tries_the_same_examples_every_run_and_keeps_no_database(ci):
    assert hypothesis_settings(ci) == {"derandomize": True, "database": "NoneType"}


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_locally_hypothesis_explores_at_random_and_remembers_failures(ci):
    found = hypothesis_settings(ci)
    assert found["derandomize"] is False and found["database"] != "NoneType"
