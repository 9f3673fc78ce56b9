"""``python -m lazyport``: run, info, cache, --help, --version, in subprocesses as a user runs them.

Every child gets ``LAZYPORT_CACHE_DIR`` in this test's tmp_path, so nothing touches the user's cache.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import lazyport
from lazyport import cli, diskcache

ROOT = Path(__file__).resolve().parent.parent
FAKELIB = ROOT / "tests" / "hook" / "fakelib"  # torchy_lib: a tiny torch library (see tests/hook/conftest.py)


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAZYPORT", "PYTHONPATH")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(FAKELIB)])
    env[diskcache.ENV] = str(tmp_path / "cache")
    env.setdefault("JAX_PLATFORMS", "cpu")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.update(extra)
    return env


def lazyport_cli(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lazyport", *args],
        env=env_for(tmp_path, **extra),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )


SCRIPT = textwrap.dedent(
    """
    import json
    import os
    import sys

    import numpy as np
    import torchy_lib

    print(json.dumps({
        "kind": type(torchy_lib).__name__,
        "out": np.asarray(torchy_lib.affine(np.arange(3.0, dtype=np.float32))).tolist(),
        "argv": sys.argv[1:],
        "env": os.environ.get("LAZYPORT"),
    }))
    sys.exit(int(os.environ.get("EXIT_WITH", "0")))
    """
)


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "script.py"
    path.write_text(SCRIPT)
    return path


def result_of(proc: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------ help and version
def test_help_and_version(tmp_path: Path) -> None:
    proc = lazyport_cli(tmp_path, "--help")
    assert proc.returncode == 0, proc.stderr
    assert all(command in proc.stdout for command in ("run", "info", "cache", "--version"))
    proc = lazyport_cli(tmp_path, "run", "--help")
    assert proc.returncode == 0 and "--target" in proc.stdout and "-m package.module" in proc.stdout
    proc = lazyport_cli(tmp_path, "--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"lazyport {lazyport.__version__}"


def test_no_command_prints_help_and_exits_2(tmp_path: Path) -> None:
    proc = lazyport_cli(tmp_path)
    assert proc.returncode == 2 and "usage: python -m lazyport" in proc.stderr and "run" in proc.stderr
    proc = lazyport_cli(tmp_path, "frobnicate")
    assert proc.returncode == 2 and "invalid choice: 'frobnicate'" in proc.stderr


def test_import_is_light() -> None:
    code = (
        "import sys, lazyport.cli as c; c.build_parser(); "
        "print([m for m in ('torch', 'jax', 'tensorflow', 'numpy') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------------------------ run
def test_run_argument_parsing() -> None:
    parse = cli.build_parser().parse_args
    ns = parse(["run", "--target", "jax", "--module", "kornia", "s.py", "--target", "x", "-m", "y"])
    assert (ns.target, ns.module, ns.run_module, ns.program) == (
        "jax",
        ["kornia"],
        None,
        ["s.py", "--target", "x", "-m", "y"],
    )
    ns = parse(["run", "--target=tf", "-l", "kornia,torch:numpy", "-l", "b", "-m", "pkg.main", "--foo", "-x"])
    assert (ns.target, ns.module, ns.run_module) == ("tf", ["kornia,torch:numpy", "b"], ["pkg.main", "--foo", "-x"])
    assert parse(["run", "--module", "kornia", "--", "-weird.py"]).program == ["--", "-weird.py"]
    assert cli.run_mapping(["kornia, torch:np", "b:TF"], "jax") == {
        "kornia": "jax",
        "torch": "numpy",
        "b": "tensorflow",
    }


@pytest.mark.parametrize(
    "modules, target, message",
    [
        (["kornia"], None, "--module kornia has no target: add --target jax"),
        (["torch:numpy,kornia"], None, "--module kornia has no target"),
        (["kornia:pytorch"], None, "--module kornia:pytorch: unknown target 'pytorch'"),
        (["kornia.color"], "jax", "--module kornia.color: expected LIBRARY or LIBRARY:TARGET"),
        (["kornia"], "jaxx", "--target jaxx: unknown target"),
        ([","], "jax", "--module names no library"),
    ],
)
def test_run_mapping_errors(
    modules: list[str], target: str | None, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        cli.run_mapping(modules, target)
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.startswith(f"lazyport run: {message}") and err.count("\n") == 1


def test_run_without_target(tmp_path: Path, script: Path) -> None:
    proc = lazyport_cli(tmp_path, "run", "--module", "torchy_lib", str(script))
    assert proc.returncode == 2 and not proc.stdout
    assert proc.stderr.startswith("lazyport run: --module torchy_lib has no target: add --target")
    assert proc.stderr.count("\n") == 1


def test_run_warns_about_libraries_not_installed_and_runs(tmp_path: Path, script: Path) -> None:
    proc = lazyport_cli(
        tmp_path,
        "run",
        "--target",
        "numpy",
        "--module",
        "torchy_lib,ghost_lib_cli",
        str(script),
        LAZYPORT="ghost_lib_env:jax",
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = result_of(proc)
    assert result["kind"] == "ModuleProxy" and result["out"] == [1.0, 3.0, 5.0]
    # children inherit the inherited libraries plus ours
    assert result["env"] == "ghost_lib_env:jax,torchy_lib:numpy,ghost_lib_cli:numpy"
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2, proc.stderr
    assert "--module ghost_lib_cli: no module named 'ghost_lib_cli' is installed" in warnings[0]
    assert "ghost_lib_env, from the inherited LAZYPORT='ghost_lib_env:jax', is not installed" in warnings[1]
    assert not any("torchy_lib" in w for w in warnings)


def test_run_missing_script_and_module(tmp_path: Path) -> None:
    proc = lazyport_cli(tmp_path, "run", "--target", "jax", "--module", "torchy_lib", "nope.py", "--x")
    assert proc.returncode == 2 and proc.stderr == "lazyport run: no such script: nope.py\n"
    proc = lazyport_cli(tmp_path, "run", "--target", "jax", "--module", "torchy_lib", "-m", "no_such_pkg.main")
    assert proc.returncode == 2 and proc.stderr.startswith("lazyport run: no module named no_such_pkg.main: ")
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    proc = lazyport_cli(tmp_path, "run", "--target", "jax", "--module", "torchy_lib")
    assert proc.returncode == 2 and "no program to run" in proc.stderr


def test_run_passes_arguments_and_exit_code(tmp_path: Path, script: Path) -> None:
    args = ["--foo", "-x", "--target", "q", "--", "-m", "z", "--help"]
    proc = lazyport_cli(tmp_path, "run", "-t", "np", "-l", "torchy_lib", str(script), *args, EXIT_WITH="7")
    assert proc.returncode == 7, proc.stderr[-3000:]
    assert result_of(proc)["argv"] == args
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "main.py").write_text(SCRIPT)
    proc = lazyport_cli(tmp_path, "run", "--module", "torchy_lib:numpy", "-m", "pkg.main", "--foo", "-x", "--", "y")
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = result_of(proc)
    assert result["argv"] == ["--foo", "-x", "--", "y"] and result["kind"] == "ModuleProxy"


# ----------------------------------------------------------------------------------------- info
def test_info(tmp_path: Path) -> None:
    proc = lazyport_cli(tmp_path, "info")
    lines = proc.stdout.splitlines()
    installed = [t for t in cli.TARGETS if importlib.util.find_spec(t) is not None]
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert lines[0].split()[:2] == ["lazyport", lazyport.__version__]
    assert any(line.split()[:2] == ["python", sys.version.split()[0]] for line in lines)
    assert any(line.startswith("torch ") and line.split()[1][0].isdigit() for line in lines)
    assert any(line.startswith("cache ") and str(tmp_path / "cache") in line for line in lines)
    after = next(i for i, line in enumerate(lines) if line.startswith("self-check "))
    checks = {line.split()[0]: line.split(None, 1)[1] for line in lines[after + 1 :]}
    assert checks == {t: "ok" if t in installed else "not installed" for t in cli.TARGETS}, proc.stdout
    assert not (tmp_path / "cache" / "graphs").exists(), "info's self-check wrote to the cache"
    # the README's sample has the same rows, in the same order
    readme = (ROOT / "README.md").read_text()
    start = readme.index("`python -m lazyport info` prints:")
    sample = textwrap.dedent(re.search(r"```\n(.*?)\n\s*```", readme[start:], re.S).group(1)).splitlines()
    assert [line[:12].strip() for line in sample] == [line[:12].strip() for line in lines]
    assert lines[after] == sample[after]
    assert [line[:14] for line in sample[after + 1 :]] == [f"  {t:<12}" for t in cli.TARGETS]


def test_self_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    from lazyport.backends import registry

    real = registry.find
    monkeypatch.setenv(diskcache.ENV, "off")
    monkeypatch.setattr(
        registry, "find", lambda op, t: (lambda b, s: b.xp.cos(s)) if str(op) == "aten.sin.default" else real(op, t)
    )
    with pytest.raises(AssertionError, match="first call: differs from torch by up to"):
        cli.check_target("numpy")


# ---------------------------------------------------------------------------------------- cache
def scale(x):
    return x * 3 + 1


def test_cache_info_and_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lazyport.engine import TranslatedFunction

    cache = tmp_path / "cache"
    monkeypatch.setenv(diskcache.ENV, str(cache))
    monkeypatch.setenv("LAZYPORT_FIRST_CALL", "compile")  # translate in the foreground: the entry is written now
    TranslatedFunction(scale, "numpy")(np.ones(4, np.float32))
    entries = list((cache / "graphs").glob("*/*.lpg"))
    assert len(entries) == 1
    size = entries[0].stat().st_size
    # files lazyport did not write stay, wherever they are
    (cache / "notes.txt").write_text("mine")
    (entries[0].parent / "notes.lpg").write_text("mine too")

    for args in (["cache"], ["cache", "info"]):
        proc = lazyport_cli(tmp_path, *args)
        assert proc.returncode == 0, proc.stderr
        assert str(cache) in proc.stdout and f"1 entry, {size} bytes" in proc.stdout, proc.stdout
    proc = lazyport_cli(tmp_path, "cache", "clear")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"removed 1 entry ({size} bytes) from {cache}"
    assert list((cache / "graphs").glob("*/*.lpg")) == [entries[0].parent / "notes.lpg"]
    assert (cache / "notes.txt").read_text() == "mine"
    assert (cache / "key").exists()  # the cache stays usable
    proc = lazyport_cli(tmp_path, "cache")
    assert "0 entries, 0 bytes" in proc.stdout, proc.stdout
    proc = lazyport_cli(tmp_path, "cache", "clear", LAZYPORT_CACHE_DIR="off")
    assert proc.returncode == 0 and "the persistent cache is off" in proc.stdout
