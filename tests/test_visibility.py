"""Seeing what lazyport does: log records and the LAZYPORT_LOG handler, the progress line, errors in
the user's terms (filtered tracebacks, notes, DataDependentError text), configuration errors and the
in-memory cache controls."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import textwrap
import time
import traceback

import numpy as np
import pytest
import torch

import lazyport
from lazyport import log, progress

from .util import assert_close

ENGINE = "lazyport.engine"


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "LAZYPORT_CACHE_DIR": "off", **env}
    for name in ("LAZYPORT_LOG", "LAZYPORT"):
        if name not in env:
            full.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=full, timeout=300
    )


SCRIPT = """
    import numpy as np, torch, lazyport
    f = lazyport.transpile(lambda x: torch.sin(x) * 2, source="torch", target="numpy")
    print(float(f(np.ones(3, np.float32))[0]))
"""


# ------------------------------------------------------------------------------------------- logging
def test_quiet_by_default():
    proc = _run(SCRIPT)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout) == pytest.approx(2 * np.sin(1), rel=1e-6)
    assert proc.stderr == ""


def test_lazyport_log_info_installs_a_stderr_handler():
    proc = _run(SCRIPT, LAZYPORT_LOG="info")
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("lazyport INFO")]
    assert len(lines) == 1, proc.stderr
    assert "<lambda>(float32[3]) -> numpy: recorded on its first call, 2 ops" in lines[0]
    assert lines[0].rstrip().endswith("compiled once called often")


def test_bad_log_level_is_a_config_error():
    proc = _run("import lazyport", LAZYPORT_LOG="loud")
    assert proc.returncode != 0
    assert "ConfigError: LAZYPORT_LOG='loud' is not one of debug, info, warning, error" in proc.stderr


@pytest.mark.parametrize("value", ["abc", "0", "-3"])
def test_bad_cache_size_is_a_config_error_naming_the_variable(value, monkeypatch):
    monkeypatch.setenv("LAZYPORT_CACHE_SIZE", value)
    with pytest.raises(lazyport.ConfigError, match=f"LAZYPORT_CACHE_SIZE='{value}' is not a positive"):
        lazyport.transpile(lambda x: x + 1, source="torch", target="numpy")


def test_cache_size_from_the_environment(monkeypatch):
    monkeypatch.setenv("LAZYPORT_CACHE_SIZE", "3")
    f = lazyport.transpile(lambda x: x + 1, source="torch", target="numpy")
    assert f.cache_info().maxsize == 3


def test_configure_replaces_its_handler_and_removes_it():
    root = logging.getLogger("lazyport")
    before = list(root.handlers)
    try:
        h1 = log.configure("debug")
        h2 = log.configure("info")
        assert h1 not in root.handlers and h2 in root.handlers and root.level == logging.INFO
    finally:
        assert log.configure("") is None
    assert root.handlers == before and root.propagate


def test_one_info_record_per_translation(caplog, monkeypatch):
    monkeypatch.setenv("LAZYPORT_DYNAMIC", "off")  # one static translation per size (the auto path: below)
    f = lazyport.transpile(lambda x: x * 2 + 1, source="torch", target="numpy")
    with caplog.at_level(logging.INFO, logger="lazyport"):
        for n in (2, 2, 3):
            f(np.ones(n, np.float32))
    records = [r.getMessage() for r in caplog.records if r.name == ENGINE]
    assert len(records) == 2, records
    assert "(float32[2]) -> numpy: recorded on its first call" in records[0]
    assert "(float32[3]) -> numpy: recorded" in records[1]


def test_automatic_dynamic_translation_says_why(caplog, monkeypatch):
    monkeypatch.setenv("LAZYPORT_DYNAMIC", "auto")
    f = lazyport.transpile(lambda x: x * 2 + 1, source="torch", target="numpy")
    with caplog.at_level(logging.INFO, logger="lazyport"):
        for n in (2, 3, 4):
            np.testing.assert_allclose(f(np.ones(n, np.float32)), np.full(n, 3.0))
    records = [r.getMessage() for r in caplog.records if r.name == ENGINE]
    assert "(float32[2]) -> numpy: recorded on its first call" in records[0], records
    assert any("sizes differ from an earlier call in x_0; translating with those dims dynamic" in m for m in records), (
        records
    )
    assert f.cache_info().translations == 2


def test_captured_and_compiled_are_logged(caplog):
    import jax.numpy as jnp

    def g(x):
        return torch.relu(x) - 1

    with caplog.at_level(logging.INFO, logger="lazyport"):
        f = lazyport.transpile(g, source="torch", target="jax", args=(jnp.ones(4),))
    messages = [r.getMessage() for r in caplog.records if r.name == ENGINE]
    assert any("g(float32[4]) -> jax: recorded on its first call, 2 ops" in m for m in messages), messages
    assert any("g(float32[4]) -> jax: compiled in the foreground in" in m for m in messages), messages
    assert_close(f(jnp.ones(4)), torch.zeros(4))


def test_data_dependent_function_warns_once_naming_the_line(caplog, monkeypatch):
    monkeypatch.setenv("LAZYPORT_DYNAMIC", "off")  # each size its own signature, each announced

    def halve_if_big(x):  # (a read of the array itself: no guard can stand for it, unlike bool(x.sum() > 10))
        if x.numpy().sum() > 10:  # the line the warning names
            return x / 2
        return x

    f = lazyport.transpile(halve_if_big, source="torch", target="numpy")
    with caplog.at_level(logging.INFO, logger="lazyport"):
        for n in (3, 4, 30):
            np.testing.assert_allclose(f(np.ones(n, np.float32)), np.ones(n) / (2 if n > 10 else 1))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "runs op by op at every call" in warnings[0]
    assert "if x.numpy().sum() > 10:  # the line the warning names" in warnings[0]
    assert "torch.where" in warnings[0]
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO and r.name == ENGINE]
    assert len(infos) == 2 and all("runs op by op at every call" in m for m in infos)


def test_foreground_fallback_warns_once(caplog):
    def noisy(x):
        return x + torch.rand_like(x)  # random ops are not recorded on the first call

    f = lazyport.transpile(noisy, source="torch", target="numpy")
    with caplog.at_level(logging.WARNING, logger="lazyport"):
        for n in (3, 4):
            assert f(np.zeros(n, np.float32)).shape == (n,)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "noisy(float32[3]) -> numpy: the first call could not run op by op" in warnings[0]
    assert "translated in the foreground" in warnings[0]


# ------------------------------------------------------------------------------------------ progress
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def fast_progress(monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.05)
    monkeypatch.setattr(progress, "INTERVAL", 0.02)


def test_progress_line_on_a_terminal(fast_progress, monkeypatch):
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    with progress.status("compiling f(float32[3]) -> jax"):
        time.sleep(0.3)
    out = term.getvalue()
    assert out.startswith("\r\x1b[Klazyport: compiling f(float32[3]) -> jax (")
    assert " s)" in out and out.count("\r\x1b[K") >= 3  # updated in place
    assert out.endswith("\r\x1b[K")  # and erased at the end


def test_no_progress_line_for_quick_work_or_off_a_terminal(fast_progress, monkeypatch):
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    with progress.status("quick"):
        pass
    assert term.getvalue() == ""
    pipe = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "stderr", pipe)
    with progress.status("slow"):
        time.sleep(0.2)
    assert pipe.getvalue() == ""
    monkeypatch.setattr(sys, "stderr", term)
    monkeypatch.setenv("LAZYPORT_PROGRESS", "off")
    with progress.status("slow"):
        time.sleep(0.2)
    assert term.getvalue() == ""


def test_a_slow_first_call_shows_its_phase(fast_progress, monkeypatch):
    def slow(x):
        time.sleep(0.3)
        return x * 2

    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    f = lazyport.transpile(slow, source="torch", target="numpy")
    np.testing.assert_allclose(f(np.ones(2, np.float32)), 2)
    assert (
        "lazyport: translating tests.test_visibility.slow(float32[2]) -> numpy (first call, op by op) ("
        in term.getvalue()
    )


# -------------------------------------------------------------------------------------------- errors
def _frames(exc: BaseException) -> list[traceback.FrameSummary]:
    return traceback.extract_tb(exc.__traceback__)


def _machinery(frames: list[traceback.FrameSummary]) -> list[traceback.FrameSummary]:
    lazyport_dir = os.path.dirname(lazyport.__file__)
    torch_dir = os.path.dirname(torch.__file__)
    return [f for f in frames if f.filename.startswith((lazyport_dir, torch_dir)) or f.filename == "<string>"]


def _kornia_shape_error(**env: str) -> BaseException:
    import jax
    import jax.numpy as jnp

    kornia = pytest.importorskip("kornia")
    K = lazyport.transpile(kornia, source="torch", target="jax")
    with pytest.raises(ValueError, match=r"Input size must have a shape of \(\*, 3, H, W\)") as info:
        jax.jit(K.color.rgb_to_hsv)(jnp.ones((2, 4, 4)))  # 2 channels, not 3
    return info.value


def test_a_library_error_under_jax_shows_the_library_frame_not_the_machinery():
    exc = _kornia_shape_error()
    frames = _frames(exc)
    assert any(f.filename.endswith(os.path.join("kornia", "color", "hsv.py")) for f in frames)
    assert frames[-1].name == "rgb_to_hsv"
    assert len(_machinery(frames)) <= 3, [f"{f.filename}:{f.lineno}" for f in frames]
    notes = "\n".join(getattr(exc, "__notes__", []))
    assert "raised by kornia.color.hsv.rgb_to_hsv, running on jax arrays through lazyport" in notes
    assert "torch.Tensor and torch.Size in this message stand for your jax arrays and their shapes" in notes
    assert "LAZYPORT_TRACEBACK=full shows them" in notes


def test_full_tracebacks_on_request(monkeypatch):
    monkeypatch.setenv("LAZYPORT_TRACEBACK", "full")
    exc = _kornia_shape_error()
    assert len(_machinery(_frames(exc))) > 10
    assert "LAZYPORT_TRACEBACK=full" not in "\n".join(getattr(exc, "__notes__", []))


def test_lazyport_errors_get_no_library_note():
    f = lazyport.transpile(lambda x: x + 1, source="torch", target="numpy")
    with pytest.raises(lazyport.MixedFrameworkError) as info:
        f(torch.ones(2))
    assert not any("raised by" in n for n in getattr(info.value, "__notes__", []))
    assert len(_machinery(_frames(info.value))) <= 3


def test_data_dependent_error_says_what_was_read_where_and_what_to_do():
    import jax
    import jax.numpy as jnp

    def scale(x):
        return x * float(x.max())

    def branch(x):
        if x.sum() > 0:
            return x * 2
        return x

    for fn, what, line in [
        (scale, "converts a tensor computed from the inputs to a Python float", "return x * float(x.max())"),
        (branch, "takes the truth value of a tensor computed from the inputs", "if x.sum() > 0:"),
    ]:
        f = lazyport.transpile(fn, source="torch", target="jax")
        with pytest.raises(lazyport.DataDependentError) as info:
            jax.jit(f)(jnp.ones(3))
        msg = str(info.value)
        assert f"{fn.__qualname__} is not one program for every input value: it {what}" in msg
        assert line in msg and "torch.where" in msg
        for sympy_text in ("Could not guard", "u0", "zuf0", "unhinted", "Size-like"):
            assert sympy_text not in msg
        with pytest.raises(lazyport.DataDependentError) as info:
            lazyport.trace_graph(fn, source="torch", target="jax", args=(jnp.ones(3),))
        assert line in str(info.value) and "Could not guard" not in str(info.value)


def test_target_passed_as_source_suggests_target():
    with pytest.raises(lazyport.UnknownTargetError, match=r"did you mean target='tensorflow'\?"):
        lazyport.transpile(lambda x: x, "tf")
    with pytest.raises(lazyport.UnknownTargetError, match="lazyport translates from 'torch'$"):
        lazyport.transpile(lambda x: x, "mxnet")


# ----------------------------------------------------------------------------------- cache controls
def test_cache_clear_forgets_translations_and_counters():
    f = lazyport.transpile(lambda x: x - 1, source="torch", target="numpy")
    for n in (2, 2, 3):
        f(np.ones(n, np.float32))
    assert f.cache_info() == (1, 2, 2, 2, 64)
    f.cache_clear()
    assert f.cache_info() == (0, 0, 0, 0, 64) and f.last_entry is None
    np.testing.assert_allclose(f(np.ones(2, np.float32)), 0)
    info = f.cache_info()
    assert (info.hits, info.misses, info.currsize) == (0, 1, 1)  # (the persistent cache may answer it)
    assert info.translations == (0 if f.last_entry.origin == "disk" else 1)


def test_function_proxies_have_cache_controls():
    kornia = pytest.importorskip("kornia")
    K = lazyport.transpile(kornia, source="torch", target="numpy")
    fn = K.color.rgb_to_grayscale
    fn.cache_clear()
    x = np.random.default_rng(0).random((1, 3, 4, 4), dtype=np.float32)
    for _ in range(3):
        assert_close(fn(x), kornia.color.rgb_to_grayscale(torch.from_numpy(x)))
    info = fn.cache_info()
    assert (info.hits, info.misses, info.currsize) == (2, 1, 1)
    assert fn.wait(timeout=60)
    fn.cache_clear()
    assert fn.cache_info()[:4] == (0, 0, 0, 0)
