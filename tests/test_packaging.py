"""What a user gets from `pip install`: a wheel built from this tree, installed in a fresh
virtual environment, with a working `mentorlog` command, `python -m mentorlog`, the demo, and
shell completion through the installed entry point.

Slow (a wheel build and an install from the package index: 15-20 s); CI runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

import mentorlog
from mentorlog.sample import build_sample
from mentorlog.text import slug
from mentorlog.vocab import MentorStatus

# The installed command runs on the real clock, so the test process does too.
pytestmark = [pytest.mark.slow, pytest.mark.real_clock]

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "mentorlog"
TIMEOUT = 600


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    bin: Path

    @property
    def python(self) -> Path:
        return self.bin / ("python.exe" if os.name == "nt" else "python")

    @property
    def mentorlog(self) -> Path:
        return self.bin / ("mentorlog.exe" if os.name == "nt" else "mentorlog")


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel of this tree, installed (with its dependencies) in a new virtual environment.

    For speed: the venv is made without pip and filled by the running pip (`pip --python`),
    which saves bootstrapping a second pip; pip's cache is shared with the developer's; and
    nothing is byte-compiled up front (Python compiles what the tests import).
    """
    scratch = tmp_path_factory.mktemp("packaging")
    dist = scratch / "dist"
    pip("wheel", str(ROOT), "--no-deps", "--wheel-dir", str(dist), "--quiet")
    (wheel,) = dist.glob("mentorlog-*.whl")
    venv = scratch / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=TIMEOUT
    )
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    pip("--python", str(python), "install", "--quiet", "--no-compile", str(wheel))
    return Installed(wheel=wheel, venv=venv, bin=bin_dir)


def environment(installed: Installed, tmp_path: Path, **extra: str) -> dict[str, str]:
    """A user's shell: the venv first on PATH, nothing pointing back at this source tree."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env.update(
        PATH=os.pathsep.join([str(installed.bin), env.get("PATH", "")]),
        HOME=str(tmp_path / "home"),
        MENTORLOG_HOME=str(tmp_path / "journal"),
        MENTORLOG_CONFIG=str(tmp_path / "config" / "config.toml"),
        NO_COLOR="1",
        COLUMNS="80",
    )
    env.update(extra)
    return env


def shell(
    installed: Installed, tmp_path: Path, *command: str | Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(installed, tmp_path, **extra),
        cwd=tmp_path,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def wheel_names(installed: Installed) -> list[str]:
    with zipfile.ZipFile(installed.wheel) as wheel:
        return wheel.namelist()


def test_the_wheel_holds_the_package_its_types_and_nothing_else(installed: Installed) -> None:
    names = wheel_names(installed)
    info = f"mentorlog-{mentorlog.__version__}.dist-info/"
    assert "mentorlog/py.typed" in names
    assert all(name.startswith(("mentorlog/", info)) for name in names), [
        name for name in names if not name.startswith(("mentorlog/", info))
    ]
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "scripts/", "docs/"))]
    # every module of the source tree is shipped
    modules = {f"mentorlog/{path.relative_to(SOURCE).as_posix()}" for path in SOURCE.rglob("*.py")}
    assert modules <= set(names), sorted(modules - set(names))
    with zipfile.ZipFile(installed.wheel) as wheel:
        metadata = wheel.read(info + "METADATA").decode()
        entry_points = wheel.read(info + "entry_points.txt").decode()
    assert "Requires-Python: >=3.10" in metadata
    assert "mentorlog = mentorlog.cli:main" in entry_points


def test_the_installed_command_runs_from_the_venv_not_from_this_tree(
    installed: Installed, tmp_path: Path
) -> None:
    expected = f"mentorlog {mentorlog.__version__}"
    assert shell(installed, tmp_path, installed.mentorlog, "--version").stdout.strip() == expected
    module = shell(installed, tmp_path, installed.python, "-m", "mentorlog", "--version")
    assert module.stdout.strip() == expected
    where = shell(
        installed, tmp_path, installed.python, "-c", "import mentorlog; print(mentorlog.__file__)"
    )
    assert Path(where.stdout.strip()).resolve().is_relative_to(installed.venv.resolve())


def test_the_demo_shows_the_dashboard_and_the_review_without_touching_the_journal(
    installed: Installed, tmp_path: Path
) -> None:
    out = shell(installed, tmp_path, installed.mentorlog, "demo").stdout
    sample = build_sample(date.today())
    for person in sample["mentors"]:
        if person.status is MentorStatus.active:
            assert person.name in out
    assert "Nudges" in out
    assert "Review of " in out
    assert out.index("Nudges") < out.index("Review of ")  # the dashboard, then the review
    assert not (tmp_path / "journal").exists()
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.fixture
def sample_journal(installed: Installed, tmp_path: Path) -> Path:
    kept = tmp_path / "journal"
    shell(installed, tmp_path, installed.mentorlog, "demo", "--keep", kept)
    assert (kept / "mentors.json").is_file()
    return kept


def test_the_completion_protocol_offers_mentor_slugs(
    installed: Installed, tmp_path: Path, sample_journal: Path
) -> None:
    offered = shell(
        installed,
        tmp_path,
        installed.mentorlog,
        _MENTORLOG_COMPLETE="complete_bash",
        COMP_WORDS="mentorlog meet pri",
        COMP_CWORD="2",
    ).stdout.split()
    assert offered == ["priya-raman"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_installed_bash_completion_completes_meet_with_mentor_slugs(
    installed: Installed, tmp_path: Path, sample_journal: Path
) -> None:
    installing = shell(installed, tmp_path, installed.mentorlog, "--install-completion", "bash")
    assert "bash completion installed" in installing.stdout
    home = tmp_path / "home"
    script = (home / ".bash_completions" / "mentorlog.sh").read_text(encoding="utf-8")
    assert str(home / ".bash_completions" / "mentorlog.sh") in (home / ".bashrc").read_text()
    shown = shell(installed, tmp_path, installed.mentorlog, "--show-completion", "bash").stdout
    assert shown.strip() == script.strip()
    # What bash does on `mentorlog meet <TAB>`, with the completion the user just installed.
    tab = (
        'source "$HOME/.bashrc"; COMP_WORDS=(mentorlog meet "$WORD"); COMP_CWORD=2; '
        '_mentorlog_completion mentorlog; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    everyone = shell(installed, tmp_path, "bash", "--norc", "-c", tab, WORD="").stdout.split()
    sample = build_sample(date.today())
    assert sorted(everyone) == sorted(slug(person.name) for person in sample["mentors"])
    assert shell(installed, tmp_path, "bash", "--norc", "-c", tab, WORD="el").stdout.split() == [
        "elena-petrova"
    ]
