"""Set-up from a clone: the README's two commands, ./dev, CI, the distribution's
name, licence and extras. (The full run on a fresh Debian is
tests/fresh_machine/run.sh, by hand: it takes minutes and needs root.)"""

import ast
import os
import re
import shutil
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from briefing.about import DISTRIBUTION, version

ROOT = Path(__file__).parent.parent
DEV = ROOT / "dev"


def readme_install_commands() -> list[str]:
    """The commands of the first code block under the README's install heading."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Install and build\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"\n\n((?:    .*\n)+)", section).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines()]


def test_the_readme_gives_two_commands_that_need_no_make():
    commands = readme_install_commands()
    assert commands == ["./dev briefing", "./dev test"]
    assert os.access(DEV, os.X_OK) and DEV.read_text().startswith("#!/bin/sh\n")


def test_ci_runs_the_second_command():
    script = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert readme_install_commands()[1] in script


def test_dev_is_plain_posix_sh():
    dash = shutil.which("dash") or shutil.which("sh")
    assert subprocess.run([dash, "-n", str(DEV)], capture_output=True).returncode == 0


def test_dev_help_and_an_unknown_command():
    help_text = subprocess.run([str(DEV), "help"], capture_output=True, text=True, check=True).stdout
    assert "./dev briefing" in help_text and "./dev test" in help_text
    wrong = subprocess.run([str(DEV), "biulding"], capture_output=True, text=True)
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "biulding" in wrong.stderr


def _bare_path(tmp_path: Path) -> str:
    """A PATH with the basic tools of a machine, but no Python, apt or sudo."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "dirname", "id", "cat", "sed", "grep", "tail", "rm", "cksum", "head"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


def test_without_a_python_dev_says_in_one_line_what_to_install(tmp_path):
    clone = tmp_path / "clone"
    clone.mkdir()
    shutil.copy2(DEV, clone / "dev")
    result = subprocess.run(
        ["sh", str(clone / "dev"), "briefing"], capture_output=True, text=True,
        env={"PATH": _bare_path(tmp_path), "HOME": str(tmp_path)}, executable=shutil.which("sh"),
    )
    assert result.returncode == 1
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "Python 3.11 or newer" in result.stderr and "install python3.11" in result.stderr
    assert not (clone / ".venv").exists()


def test_make_targets_are_the_dev_commands():
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make on this machine (./dev needs none)")
    for target in ("briefing", "test", "install", "bench", "clean"):
        dry = subprocess.run([make, "-n", "-s", target], capture_output=True, text=True, check=True, cwd=ROOT)
        assert dry.stdout.strip() == f"./dev {target}"


def test_the_distribution_name_licence_and_version():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = pyproject["project"]
    assert project["name"] == DISTRIBUTION == "cited-briefing"
    assert project["license"] == "Apache-2.0" and "Apache License" in (ROOT / "LICENSE").read_text()
    # Written once, in briefing/about.py: the installed metadata is read from there.
    assert project["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "briefing.about.__version__"}
    assert version() == metadata.version("cited-briefing")


def _required_extras() -> set[tuple[str, str]]:
    """(module, extra) of every `require_extra` call in the package."""
    found = set()
    for path in (ROOT / "briefing").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "require_extra":
                found.add((node.args[0].value, node.args[1].value))
    return found


def test_every_extra_a_command_asks_for_exists_and_is_in_all():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    asked = _required_extras()
    assert {extra for _, extra in asked} >= {"baselines", "rouge", "schedule", "watch"}
    everything = extras["all"][0]
    core = " ".join(project["dependencies"]).lower()
    for extra in {extra for _, extra in asked}:
        assert extra in extras and extra in everything
        package = extras[extra][0].split(">")[0].split("=")[0].lower()
        assert package not in core, f"{package} is in the core dependencies and in the extra {extra}"
