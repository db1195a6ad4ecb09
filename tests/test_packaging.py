"""The wheel ships the templates and the seed corpus, and finds them installed."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_wheel_ships_templates_and_seeds_and_finds_them(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    [wheel] = tmp_path.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("briefing.html.j2", "briefing.css", "digest.md.j2"):
        assert f"briefing/templates/{template}" in names
    assert "briefing/seeds/briefing.toml" in names and sum(n.startswith("briefing/seeds/") for n in names) >= 6

    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    code = (
        "from briefing.output.render import default_templates_dir; from briefing.config import default_config_path;"
        "print(default_templates_dir()); print(default_config_path())"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"})
    templates, config = map(Path, result.stdout.split())
    assert templates == installed / "briefing" / "templates" and (templates / "briefing.html.j2").is_file()
    assert config == installed / "briefing" / "seeds" / "briefing.toml" and config.is_file()
