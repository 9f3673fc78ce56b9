"""``python -m lazyport``: the command line.

* ``run --target T --module LIB script.py [args...]`` (or ``-m package.module [args...]``): run a
  program with ``import LIB`` returning LIB translated to T (:func:`lazyport.hook.activate.run`).
* ``info``: versions, the persistent cache, and a tiny translation per installed target; exit 1 when
  one of those fails.
* ``cache [info]`` / ``cache clear``: the persistent cache's directory and size / delete its entries.

Without a command the help is printed on stderr and the exit status is 2, argparse's status for a
command line it cannot act on; ``--help`` and ``--version`` exit 0. Errors of our own are one line,
``lazyport <command>: what went wrong: what to do``, with status 2.

Importing this module imports no framework: ``info`` imports torch and the targets when it checks them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .targets import TARGETS

PROG = "python -m lazyport"
# distributions that provide each framework's import name (the first one installed gives the version)
_DISTRIBUTIONS = {
    "torch": ("torch",),
    "jax": ("jax",),
    "tensorflow": ("tensorflow", "tensorflow-cpu", "tensorflow-macos", "tensorflow-intel", "tf-nightly"),
    "numpy": ("numpy",),
}
CHECK = "torch.sin(x) * 2 + x.sum()"  # info's self-check, on a float32[2, 3] array of each target


def _fail(command: str, message: str) -> NoReturn:
    sys.stderr.write(f"lazyport {command}: {message}\n")
    raise SystemExit(2)


def _warn(command: str, message: str) -> None:
    sys.stderr.write(f"lazyport {command}: warning: {message}\n")


# ------------------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="lazyport: use PyTorch code (functions, kornia, nn.Modules) from JAX, TensorFlow and NumPy.",
        epilog=f"'{PROG} COMMAND --help' describes a command.",
    )
    parser.add_argument("--version", action="version", version=f"lazyport {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="run a script or module with torch libraries translated to a target",
        description=(
            "Run a script (or with -m a module, as python -m does) with 'import LIBRARY' in its code returning "
            "LIBRARY translated from torch to TARGET. Child Python processes inherit the translation through "
            "$LAZYPORT. Everything after the script (or after -m MODULE) is passed to it unchanged."
        ),
        usage=(
            f"{PROG} run [--target TARGET] --module LIBRARY[:TARGET] [--module ...] script.py [args ...]\n"
            f"       {PROG} run [--target TARGET] --module LIBRARY[:TARGET] -m package.module [args ...]"
        ),
        epilog=f"example: {PROG} run --target jax --module kornia train.py",
    )
    run.add_argument(
        "--target",
        "-t",
        metavar="TARGET",
        help="jax, tensorflow (tf), numpy (np) or auto (each call's arrays): the target of "
        "--module entries without ':TARGET'",
    )
    run.add_argument(
        "--module",
        "-l",
        metavar="LIBRARY[:TARGET]",
        action="append",
        required=True,
        help="a library to translate (a top-level package, e.g. kornia); repeat it or separate "
        "several with commas: --module kornia,torch:numpy",
    )
    run.add_argument(
        "-m",
        dest="run_module",
        metavar="MODULE",
        nargs=argparse.REMAINDER,
        help="-m package.module [args ...]: run a module as python -m does, instead of a script",
    )
    run.add_argument(
        "program", nargs=argparse.REMAINDER, metavar="script.py [args ...]", help="the script and its arguments"
    )

    info = commands.add_parser(
        "info",
        help="versions, the persistent cache, and a self-check of each installed target",
        description=(
            "Print the versions of lazyport, Python, torch and the target frameworks, the persistent cache "
            f"and its size, and translate {CHECK} for each installed target, comparing the result with torch. "
            "Exit status 1 when a check fails."
        ),
    )
    info.add_argument("--traceback", action="store_true", help="print the full traceback of a failed check")

    cache = commands.add_parser(
        "cache",
        help="the persistent cache of translations: where it is, its size, clear it",
        description=(
            "The persistent cache (LAZYPORT_CACHE_DIR, by default the per-user cache directory) keeps "
            "translations across processes. 'cache' or 'cache info' prints its directory and size; "
            "'cache clear' deletes its entries (only the files lazyport wrote there)."
        ),
    )
    cache_commands = cache.add_subparsers(dest="cache_command", metavar="{info,clear}")
    cache_commands.add_parser("info", help="print the directory and its size (the default)")
    cache_commands.add_parser("clear", help="delete the cache's entries")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m lazyport ...``; returns the exit status (a run program's own exit propagates)."""
    parser = build_parser()
    ns = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    if ns.command is None:
        parser.print_help(sys.stderr)
        return 2
    if ns.command == "run":
        return run_command(ns)
    if ns.command == "info":
        return info_command(traceback=ns.traceback)
    return cache_command(ns.cache_command or "info")


# ------------------------------------------------------------------------------------------ run
def run_mapping(modules: Sequence[str], target: str | None) -> dict[str, str]:
    """``--module`` values (each repeatable, comma separated, LIBRARY or LIBRARY:TARGET) -> mapping.

    Exits with status 2 and a one-line message for an entry it cannot use.
    """
    from .backends import canonical_target
    from .errors import UnknownTargetError

    default = None
    if target is not None:
        try:
            default = canonical_target(target, auto=True)
        except UnknownTargetError as exc:
            _fail("run", f"--target {target}: {exc}")
    mapping: dict[str, str] = {}
    for value in modules:
        for raw in value.split(","):
            entry = raw.strip()
            if not entry:
                continue
            lib, sep, lib_target = (part.strip() for part in entry.partition(":"))
            if not lib.isidentifier():
                _fail(
                    "run",
                    f"--module {entry}: expected LIBRARY or LIBRARY:TARGET, LIBRARY being a top-level "
                    "package name (kornia, not kornia.color), e.g. --module kornia:jax",
                )
            if not sep:
                if default is None:
                    _fail(
                        "run",
                        f"--module {lib} has no target: add --target jax (or tensorflow, numpy), "
                        f"or write --module {lib}:jax",
                    )
                mapping[lib] = default
                continue
            try:
                mapping[lib] = canonical_target(lib_target, auto=True)
            except UnknownTargetError as exc:
                _fail("run", f"--module {entry}: {exc}")
    if not mapping:
        _fail("run", "--module names no library: give the libraries to translate, e.g. --module kornia")
    return mapping


def _not_installed(names: Sequence[str], first_path: str | None) -> list[str]:
    """The top-level ``names`` that cannot be imported, looked up (not imported) the way the program
    will: with ``first_path`` (the script's directory) first on ``sys.path``."""
    import importlib.util

    saved = sys.path[:1]
    if first_path is not None and sys.path:
        sys.path[0] = first_path
    try:
        missing = []
        for name in names:
            try:
                found = name in sys.modules or importlib.util.find_spec(name) is not None
            except (ImportError, ValueError):
                found = False
            if not found:
                missing.append(name)
        return missing
    finally:
        sys.path[:1] = saved


def run_command(ns: argparse.Namespace) -> int:
    from .hook import activate

    mapping = run_mapping(ns.module, ns.target)
    if ns.run_module is not None:
        if not ns.run_module:
            _fail("run", "-m needs a module name, e.g. -m package.main")
        module, program = True, [*ns.run_module, *ns.program]
        first_path = None  # python -m keeps the current directory first on sys.path
    else:
        program = ns.program[1:] if ns.program[:1] == ["--"] else list(ns.program)
        if not program:
            _fail(
                "run",
                "no program to run: give the script (run ... script.py [args ...]) "
                "or a module (run ... -m package.module [args ...])",
            )
        module = False
        if not os.path.exists(program[0]):
            _fail("run", f"no such script: {program[0]}")
        first_path = os.path.dirname(os.path.abspath(program[0]))

    for lib in _not_installed(list(mapping), first_path):
        _warn(
            "run",
            f"--module {lib}: no module named {lib!r} is installed, so 'import {lib}' will fail; "
            "check the name or install it",
        )
    inherited_spec = os.environ.get(activate.ENV, "").strip()
    if inherited_spec:
        try:
            inherited = activate.parse_spec(inherited_spec)
        except ValueError as exc:
            inherited = {}
            if not activate._env_done:  # else the startup file has reported it already
                _warn("run", f"ignoring the inherited {activate.ENV}={inherited_spec!r}: {exc}")
        extra = [lib for lib in inherited if lib not in mapping]
        for lib in _not_installed(extra, first_path):
            _warn(
                "run",
                f"{lib}, from the inherited {activate.ENV}={inherited_spec!r}, is not installed, so "
                f"'import {lib}' will fail; check the name or unset {activate.ENV}",
            )

    try:
        activate.run(mapping, program, module=module)
    except activate.ProgramNotFoundError as exc:
        _fail(
            "run",
            f"{exc}: check the name, and that its package is in the current directory or on PYTHONPATH"
            if module
            else str(exc),
        )
    return 0


# ----------------------------------------------------------------------------------------- info
def framework_version(name: str) -> str | None:
    """The installed version of framework ``name`` (an import name), None when it is not installed.

    Read from the distributions' metadata: nothing is imported.
    """
    import importlib.metadata as md
    import importlib.util

    try:
        if name not in sys.modules and importlib.util.find_spec(name) is None:
            return None
    except (ImportError, ValueError):
        return None
    for dist in _DISTRIBUTIONS.get(name, (name,)):
        try:
            return md.version(dist)
        except md.PackageNotFoundError:
            continue
    return str(getattr(sys.modules.get(name), "__version__", "") or "unknown version")


def _size(n: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    raise AssertionError


def cache_lines() -> list[tuple[str, str]]:
    """The persistent cache as (label, text) rows: where it is, why there, how big."""
    from . import diskcache

    u = diskcache.usage()
    env = diskcache.ENV
    if u.directory is None:
        return [("cache", f"off ({env}={u.setting!r}); unset {env} to cache in {diskcache.default_dir()}")]
    if u.setting is None:
        where = f"{u.directory} (the default; {env}=DIR moves it, {env}=off turns it off)"
    else:
        where = f"{u.directory} (from {env})"
    rows = [("cache", where)]
    if u.problem is not None:
        rows.append(("", f"not usable, translations are cached in memory only: {u.problem}"))
    if not u.directory.exists():
        rows.append(("", "0 entries (the directory is created at the first translation)"))
    else:
        rows.append(("", f"{u.entries} {'entry' if u.entries == 1 else 'entries'}, {_size(u.bytes)}"))
    return rows


def _startup_file() -> str | None:
    """Where ``lazyport-activate.pth`` (``LAZYPORT=...`` activation at startup) is installed, if it is."""
    import site

    dirs = [*getattr(site, "getsitepackages", list)(), getattr(site, "getusersitepackages", str)()]
    for d in dirs:
        path = os.path.join(d, "lazyport-activate.pth")
        if d and os.path.exists(path):
            return path
    return None


def check_target(target: str) -> None:
    """Translate :data:`CHECK` to ``target``, call it on a small array of that framework (its first call,
    then its compiled form) and compare with torch; raises with a one-line reason when it does not match."""
    import numpy as np
    import torch

    import lazyport

    fn = lambda x: torch.sin(x) * 2 + x.sum()
    x = np.linspace(-1.0, 1.0, 6, dtype=np.float32).reshape(2, 3)
    expected = fn(torch.from_numpy(x.copy())).numpy()
    if target == "jax":
        import jax.numpy as jnp

        arg: Any = jnp.asarray(x)
        kinds: tuple[str, ...] = ("jax", "jaxlib")
    elif target == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up INFO lines are noise here
        import tensorflow as tf

        arg, kinds = tf.constant(x), ("tensorflow",)
    else:
        arg, kinds = x, ("numpy",)
    f = lazyport.transpile(fn, source="torch", target=target)
    for when in ("first call", "compiled"):
        if when == "compiled":
            f.wait()
            error = getattr(f.last_entry, "compile_error", None)
            if error is not None:
                raise RuntimeError(f"compiling failed: {type(error).__name__}: {error}")
        out = f(arg)
        kind = type(out).__module__.partition(".")[0]
        if kind not in kinds:
            raise AssertionError(
                f"{when}: returned {type(out).__module__}.{type(out).__qualname__}, not a {target} array"
            )
        got = np.asarray(out)
        if got.shape != expected.shape or got.dtype != expected.dtype:
            raise AssertionError(
                f"{when}: returned {got.dtype}{list(got.shape)}, torch {expected.dtype}{list(expected.shape)}"
            )
        if not np.allclose(got, expected, rtol=1e-5, atol=1e-5):
            diff = float(np.max(np.abs(got.astype(np.float64) - expected)))
            raise AssertionError(f"{when}: differs from torch by up to {diff:.3g}")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    line = text[0] if text else ""
    if len(line) > 200:
        line = line[:197] + "..."
    return f"{type(exc).__name__}: {line}" if not isinstance(exc, AssertionError) else line


def info_command(traceback: bool = False) -> int:
    from . import diskcache
    from ._version import __version__

    here = os.path.dirname(os.path.abspath(__file__))
    versions = {name: framework_version(name) for name in ("torch", *TARGETS)}
    rows = [
        ("lazyport", f"{__version__} ({here})"),
        ("python", f"{sys.version.split()[0]} ({sys.executable})"),
        *[(name, v or "not installed") for name, v in versions.items()],
        *cache_lines(),
    ]
    startup = _startup_file()
    spec = os.environ.get("LAZYPORT", "").strip()
    drop_in = f"LAZYPORT={spec!r}" if spec else "LAZYPORT not set"
    if startup is None:
        drop_in += "; its startup file is not installed, so LAZYPORT has no effect (pip install lazyport installs it)"
    rows.append(("drop-in", drop_in))
    rows.append(("self-check", f"{CHECK} on float32[2, 3], compared with torch"))
    for label, text in rows:
        print(f"{label:<12}{text}")
    sys.stdout.flush()

    failed = 0
    saved = os.environ.get(diskcache.ENV)
    os.environ[diskcache.ENV] = "off"  # the check reads and writes no cache entry: info changes nothing
    try:
        for target in TARGETS:
            if versions[target] is None:
                status = "not installed"
            elif versions["torch"] is None:
                status, failed = "FAILED: torch is not installed (pip install torch)", failed + 1
            else:
                try:
                    check_target(target)
                    status = "ok"
                except Exception as exc:
                    failed += 1
                    status = f"FAILED: {_one_line(exc)}"
                    if traceback:
                        import traceback as tb

                        tb.print_exc()
            print(f"  {target:<12}{status}", flush=True)
    finally:
        if saved is None:
            os.environ.pop(diskcache.ENV, None)
        else:
            os.environ[diskcache.ENV] = saved
    if failed:
        sys.stderr.write(
            f"lazyport info: {failed} self-check{'s' if failed > 1 else ''} failed: translating to "
            f"{'those targets' if failed > 1 else 'that target'} does not work here"
            f"{'' if traceback else f' ({PROG} info --traceback shows where)'}\n"
        )
        return 1
    return 0


# ---------------------------------------------------------------------------------------- cache
def cache_command(action: str) -> int:
    from . import diskcache

    if action == "info":
        for label, text in cache_lines():
            print(f"{label:<12}{text}")
        return 0
    removed = diskcache.clear()
    if removed.directory is None:
        print(f"the persistent cache is off ({diskcache.ENV}={removed.setting!r}): nothing to clear")
        return 0
    n = removed.entries
    print(f"removed {n} {'entry' if n == 1 else 'entries'} ({_size(removed.bytes)}) from {removed.directory}")
    return 0
