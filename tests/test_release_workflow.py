"""The GitHub Actions release workflow is valid YAML and runs unpress commands that exist."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml

from unpress.cli import make_parser

WORKFLOW = Path(__file__).parents[1] / ".github" / "workflows" / "release.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_lines() -> list[str]:
    return [line.strip() for step in workflow()["jobs"]["release"]["steps"]
            for line in step.get("run", "").splitlines() if line.strip()]


def test_it_runs_on_version_tags_and_by_hand():
    triggers = workflow()[True]  # PyYAML reads the key `on` as YAML 1.1's true
    assert triggers["push"] == {"tags": ["v*"]} and "workflow_dispatch" in triggers


def test_its_unpress_commands_are_ones_the_command_line_accepts():
    commands = [shlex.split(line)[1:] for line in run_lines() if line.startswith("unpress ")]
    assert [args[0] for args in commands] == ["build", "check"]
    for args in commands:
        make_parser().parse_args(args)  # exits (SystemExit) on an unknown command or option


def test_it_installs_unpress_dates_the_build_and_publishes_dist():
    lines = run_lines()
    assert "python -m pip install ." in lines
    assert 'echo "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" >> "$GITHUB_ENV"' in lines
    uses = {step.get("uses", "").partition("@")[0]: step.get("with", {})
            for step in workflow()["jobs"]["release"]["steps"]}
    assert uses["actions/upload-artifact"]["path"] == "dist/"
    assert "dist/manifest.json" in uses["softprops/action-gh-release"]["files"]
