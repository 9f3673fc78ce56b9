"""The persistent cache never returns a stale translation, and stays bounded.

A translation bakes in what the function reads besides its inputs. What is not in its source, a class
attribute or a module attribute set at run time, or torch's default dtype, must be part of the entry's
key: a new process that changed it gets a new translation, not the old value from disk. And the cache
keeps at most ``MAX_PER_FUNCTION`` entries per function and ``LAZYPORT_CACHE_LIMIT`` bytes in all,
least recently used first out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest
import torch

from lazyport import ConfigError, config, diskcache
from lazyport.backends import get_backend
from lazyport.engine import TranslatedFunction


class Cfg:
    scale = 2.0


def by_class_attribute(x):
    return x * Cfg.scale


def by_default_dtype(x):
    return x + torch.ones(3)


def key_of(fn, target: str = "numpy", static: float | None = None) -> str | None:
    sig: tuple = (None, ((3,), "float32")) if static is None else (None, ((3,), "float32"), (float, repr(static)))
    return diskcache.entry_key(fn, get_backend(target), sig, False)


def test_a_class_attribute_is_in_the_key():
    before = key_of(by_class_attribute)
    Cfg.scale = 3.0
    try:
        assert key_of(by_class_attribute) != before
    finally:
        Cfg.scale = 2.0
    assert key_of(by_class_attribute) == before


def test_torchs_default_dtype_is_in_the_key():
    before = key_of(by_default_dtype)
    torch.set_default_dtype(torch.float64)
    try:
        assert key_of(by_default_dtype) != before
    finally:
        torch.set_default_dtype(torch.float32)
    assert key_of(by_default_dtype) == before


def test_a_property_of_the_users_class_is_not_persisted():
    class WithProperty:
        @property
        def scale(self):
            return 2.0

    global _Holder
    _Holder = WithProperty

    def reads_it(x):
        return x * _Holder.scale

    assert key_of(reads_it) is None  # no stable fingerprint: cached in memory only


_Holder: type | None = None

SCRIPT = """
import sys, numpy as np, torch, lazyport
sys.path.insert(0, {here!r})
import settings

def scaled(x):
    return x * settings.SCALE + settings.Cfg.offset + torch.zeros(3).sum()

def dtype_of_new_tensors(x):
    return x + torch.ones(3)

settings.SCALE, settings.Cfg.offset = float(sys.argv[1]), float(sys.argv[2])
if sys.argv[3] == "64":
    torch.set_default_dtype(torch.float64)
f = lazyport.transpile(scaled, source="torch", target="numpy")
g = lazyport.transpile(dtype_of_new_tensors, source="torch", target="numpy")
x = np.ones(3, np.float32)
out, dt = f(x), g(x)
print(float(out[0]), dt.dtype, f.last_entry.origin)
"""


def run(tmp_path, scale: float, offset: float, dtype: str = "32") -> tuple[float, str, str]:
    env = {**os.environ, diskcache.ENV: str(tmp_path / "cache"), "LAZYPORT_FIRST_CALL": "compile"}
    done = subprocess.run(
        [sys.executable, str(tmp_path / "main.py"), str(scale), str(offset), dtype],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    value, dt, origin = done.stdout.split()
    return float(value), dt, origin


def test_a_new_process_with_other_settings_is_not_served_the_old_entry(tmp_path):
    (tmp_path / "settings.py").write_text("SCALE = 1.0\n\nclass Cfg:\n    offset = 0.0\n")
    (tmp_path / "main.py").write_text(textwrap.dedent(SCRIPT.format(here=str(tmp_path))))
    assert run(tmp_path, 2.0, 0.0) == (2.0, "float32", "recorded")  # (compile mode records, then compiles)
    assert run(tmp_path, 2.0, 0.0) == (2.0, "float32", "disk")  # the same settings: from disk
    assert run(tmp_path, 3.0, 0.0)[:2] == (3.0, "float32")  # a module attribute set at run time
    assert run(tmp_path, 2.0, 5.0)[:2] == (7.0, "float32")  # a class attribute set at run time
    assert run(tmp_path, 2.0, 0.0, "64")[1] == "float64"  # torch.set_default_dtype


# ----------------------------------------------------------------------------- bounds


def entries(d) -> list:
    return sorted((d / "graphs").rglob("*.lpg"))


def divide(x, d):
    return x / d


def test_entries_per_function_are_bounded_least_recently_used_first(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV, str(tmp_path))
    monkeypatch.setenv("LAZYPORT_FIRST_CALL", "compile")
    monkeypatch.setattr(diskcache.store, "MAX_PER_FUNCTION", 3)
    x = np.ones(2, np.float32)
    f = TranslatedFunction(divide, "numpy")
    for d in (1.0, 2.0, 3.0):
        f(x, d)
        time.sleep(0.01)  # (distinct modification times)
    TranslatedFunction(divide, "numpy")(x, 1.0)  # a hit: 1.0 is now the most recently used
    time.sleep(0.01)
    f(x, 4.0)  # one too many: 2.0, the least recently used, goes
    assert len(entries(tmp_path)) == 3
    fresh = TranslatedFunction(divide, "numpy")
    for d, origin in ((1.0, "disk"), (3.0, "disk"), (4.0, "disk"), (2.0, "recorded")):
        fresh(x, d)
        assert fresh.last_entry.origin == origin, d


def test_the_total_size_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV, str(tmp_path))
    monkeypatch.setenv("LAZYPORT_FIRST_CALL", "compile")
    x = np.ones(2, np.float32)
    TranslatedFunction(divide, "numpy")(x, 1.0)
    size = entries(tmp_path)[0].stat().st_size
    monkeypatch.setenv("LAZYPORT_CACHE_LIMIT", f"{int(size * 4.5)}B")
    f = TranslatedFunction(divide, "numpy")
    for d in range(2, 12):
        f(x, float(d))
    files = entries(tmp_path)
    assert sum(p.stat().st_size for p in files) <= size * 4.5
    assert 1 <= len(files) <= 4
    f(x, 11.0)
    assert f.last_entry.origin in ("disk", "recorded")


@pytest.mark.parametrize("raw, expected", [("2GB", 2 * 10**9), ("500mb", 5 * 10**8), ("1.5 kB", 1500), ("4096", 4096)])
def test_cache_limit_setting(raw, expected, monkeypatch):
    monkeypatch.setenv("LAZYPORT_CACHE_LIMIT", raw)
    assert config.cache_limit() == expected


@pytest.mark.parametrize("raw", ["abc", "0", "-1GB", "12 parsecs"])
def test_bad_cache_limit_names_the_variable(raw, monkeypatch):
    monkeypatch.setenv("LAZYPORT_CACHE_LIMIT", raw)
    with pytest.raises(ConfigError, match="LAZYPORT_CACHE_LIMIT"):
        config.cache_limit()


# ----------------------------------------------------------------------------- in memory

SCALE = 2.0


def by_global(x):
    return x * SCALE


def by_attribute(x):
    return x * Cfg.scale


@pytest.mark.parametrize("target", ["jax", "tensorflow", "numpy"])
def test_a_rebound_global_or_attribute_is_seen_in_the_same_process(target):
    """A translation holds the values it read; rebinding one makes lazyport translate again."""
    global SCALE
    from .util import Target, assert_close

    x = Target(target).array(np.ones(3, np.float32))
    f = TranslatedFunction(by_global, target)
    g = TranslatedFunction(by_attribute, target)
    assert_close(f(x), torch.full((3,), 2.0))
    assert_close(g(x), torch.full((3,), 2.0))
    for _ in range(3):  # the recorded program, the fast path
        f(x), g(x)
    f.wait()
    SCALE, Cfg.scale = 5.0, 7.0
    try:
        assert_close(f(x), torch.full((3,), 5.0))
        assert_close(g(x), torch.full((3,), 7.0))
        assert f.cache_info().translations == 2
    finally:
        SCALE, Cfg.scale = 2.0, 2.0
    assert_close(f(x), torch.full((3,), 2.0))


def test_installed_library_functions_carry_no_guards():
    import kornia

    assert diskcache.reads_of(kornia.color.rgb_to_grayscale) == ()
