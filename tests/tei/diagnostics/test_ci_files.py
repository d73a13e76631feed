"""The pre-commit hook and the composite Action call `tei validate` the way the docs say."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]


def _yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_the_pre_commit_hook_runs_the_installed_command_on_xml_files() -> None:
    (hook,) = _yaml(".pre-commit-hooks.yaml")
    assert hook["id"] == "tei-validate" and hook["language"] == "python"
    command, subcommand = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert command in scripts["scripts"] and subcommand == "validate"
    pattern = re.compile(hook["files"])
    assert pattern.search("editions/a.xml") and not pattern.search("notes.txt")
    assert "tei-validate" in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def _action_script() -> tuple[str, dict[str, str]]:
    step = next(s for s in _yaml("action.yml")["runs"]["steps"] if s.get("id") == "validate")
    return step["run"], step["env"]


def test_the_action_passes_every_input_through_the_environment() -> None:
    action = _yaml("action.yml")
    script, env = _action_script()
    assert "${{" not in script  # inputs never pasted into the shell script
    for name in action["inputs"]:
        if name != "python-version":
            assert env[f"TEI_{name.upper().replace('-', '_')}"] == f"${{{{ inputs.{name} }}}}"
    assert action["runs"]["using"] == "composite"


_FAKE_TEI = """#!{python}
import json, os, sys
print(json.dumps(sys.argv[1:]))
sys.exit(int(os.environ.get("FAKE_STATUS", "0")))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="runs the Action's bash script")
@pytest.mark.parametrize("status", [0, 1])
def test_the_action_script_builds_the_command(tmp_path: Path, status: int) -> None:
    fake = tmp_path / "bin" / "tei"
    fake.parent.mkdir()
    fake.write_text(_FAKE_TEI.format(python=sys.executable), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "a.xml").write_text("<x/>", encoding="utf-8")
    script, _ = _action_script()
    outputs = tmp_path / "github_output"
    env = {
        **os.environ,
        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs),
        "FAKE_STATUS": str(status),
        "TEI_PATHS": "editions/\n  *.xml 'sub mission.zip'",
        "TEI_FORMAT": "sarif",
        "TEI_SCHEMA": "tei_all.rng",
        "TEI_ENGINE": "jing",
        "TEI_MAX_SIZE": "200MB",
        "TEI_OUTPUT": "report.sarif",
        "TEI_ARGS": "--strict",
    }
    run = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == status, run.stderr
    argv = json.loads(run.stdout)
    assert argv == [
        "validate",
        "--format",
        "sarif",
        "--engine",
        "jing",
        "--schema",
        "tei_all.rng",
        "--max-size",
        "200MB",
        "--output",
        "report.sarif",
        "--strict",
        "--",
        "editions/",
        "*.xml",  # not expanded by the shell, although a.xml exists
        "'sub",
        "mission.zip'",
    ]
    assert outputs.read_text(encoding="utf-8") == f"exit-code={status}\n"


def test_the_cli_accepts_what_the_action_passes() -> None:
    from click.testing import CliRunner

    from tei.cli import main

    help_text = CliRunner().invoke(main, ["validate", "--help"]).output
    for option in ("--format", "--engine", "--schema", "--max-size", "--output", "--strict"):
        assert option in help_text


def test_the_action_script_without_optional_inputs(tmp_path: Path) -> None:
    fake = tmp_path / "bin" / "tei"
    fake.parent.mkdir()
    fake.write_text(_FAKE_TEI.format(python=sys.executable), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    script, _ = _action_script()
    env = {
        **os.environ,
        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(tmp_path / "out"),
        "TEI_PATHS": ".",
        "TEI_FORMAT": "github",
        "TEI_ENGINE": "lxml",
        **{k: "" for k in ("TEI_SCHEMA", "TEI_MAX_SIZE", "TEI_OUTPUT", "TEI_ARGS")},
    }
    run = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [
        "validate",
        "--format",
        "github",
        "--engine",
        "lxml",
        "--",
        ".",
    ]
