"""The README's printed outputs are what lazyport prints: each sample is compared with a real run."""

from __future__ import annotations

import logging
import pathlib
import re
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

import lazyport

README = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text()


def _block_after(marker: str) -> str:
    """The first fenced block after the line containing ``marker``, dedented."""
    start = README.index(marker)
    m = re.compile(r"```[a-z]*\n(.*?)\n\s*```", re.S).search(README, start)
    assert m, f"no code block after {marker!r}"
    return textwrap.dedent(m.group(1))


def normalize(x):
    return torch.div(torch.sub(x, torch.mean(x)), torch.std(x))


def test_g_code_sample():
    import jax.numpy as jnp

    g = lazyport.trace_graph(normalize, source="torch", target="jax", args=(jnp.arange(10.0),))
    assert g.code.strip() == _block_after("`g.code` for the JAX target:").strip()
    assert "g.signature              # normalize(x: float32[10]) -> float32[10]" in README
    assert str(g.signature) == "normalize(x: float32[10]) -> float32[10]"


def uses_sin(x):
    y = x * 2
    z = torch.sin(y)
    return z + y.mean()


def test_compare_report_sample(monkeypatch):
    from lazyport.backends import registry

    real = registry.find
    monkeypatch.setattr(
        registry, "find", lambda op, t: (lambda b, s: b.xp.cos(s)) if str(op) == "aten.sin.default" else real(op, t)
    )
    report = str(lazyport.compare(uses_sin, np.linspace(0.1, 1, 5, dtype=np.float32), target="numpy"))
    sample = _block_after("with the torch line that produced it:")

    def shape(text: str) -> list[str]:  # the numbers and the file differ; the form may not
        text = re.sub(r'File "[^"]*", line \d+', 'File "F", line N', text)
        return [re.sub(r"= [0-9.e-]+;", "= X;", line).rstrip() for line in text.strip().splitlines()]

    assert shape(report) == shape(sample)


def test_info_log_line_sample(caplog):
    f = lazyport.transpile(lambda x: torch.sin(x) * 2, source="torch", target="numpy")
    with caplog.at_level(logging.INFO, logger="lazyport"):
        f(np.ones(3, np.float32))
    [record] = [r for r in caplog.records if r.name == "lazyport.engine"]
    got = f"lazyport {record.levelname}: {record.getMessage()}".replace(f"{__name__}.", "")  # (README: __main__)
    sample = _block_after("at `info` each translation and each compile is one line:").strip()
    number = r"[0-9.]+ ms"
    assert re.sub(number, "T", got) == re.sub(number, "T", sample)


def test_traceback_sample(tmp_path):
    pytest.importorskip("kornia")
    script = tmp_path / "train.py"
    script.write_text(
        "import jax, jax.numpy as jnp\nimport lazyport.jax.kornia as K\n\n"
        "jax.jit(K.color.rgb_to_hsv)(jnp.ones((2, 4, 4)))\n"
    )
    proc = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert proc.returncode == 1
    sample = _block_after("A kornia shape check under\n  `jax.jit` reads:").strip().splitlines()
    lines = proc.stderr.splitlines()
    for tail in sample[-2:]:  # the exception and lazyport's note, word for word
        assert tail in lines, proc.stderr
    # the frames, in order: the user's line, lazyport's two call frames, kornia's check
    frames = [ln.strip() for ln in lines if ln.strip().startswith("File ")]
    names = [ln.rsplit(" in ", 1)[1] for ln in frames if "jax/_src" not in ln and "site-packages/jax/" not in ln]
    assert names == ["<module>", "__call__", "__call__", "rgb_to_hsv"], frames
    files = [re.search(r'File "(?:.*/)?([^/"]+)"', ln).group(1) for ln in sample if ln.strip().startswith("File ")]
    assert files == ["train.py", "proxy.py", "engine.py", "hsv.py"]


def test_dynamic_shapes_samples():
    """The signature and the relation error the Dynamic shapes section shows are what lazyport gives."""
    import jax.numpy as jnp
    import kornia

    def blur(x):
        return kornia.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5))

    g = lazyport.trace_graph(
        blur, source="torch", target="jax", args=(jnp.ones((2, 3, 32, 32)),), dynamic_shapes=({0: "batch"},)
    )
    g(jnp.ones((7, 3, 32, 32)))
    shown = "g.signature                          # blur(x: float32[batch,3,32,32]) -> float32[batch,3,32,32]"
    assert shown in README
    assert f"# {g.signature}" in shown

    def fn(x, y):
        return x.view(x.shape[0], -1) * y.reshape(-1, 1)

    f = lazyport.transpile(
        fn,
        source="torch",
        target="numpy",
        args=(np.ones((2, 3), np.float32), np.ones(2, np.float32)),
        dynamic_shapes=({0: "b"}, {0: "b"}),
    )
    with pytest.raises(lazyport.errors.ShapeRelationError) as info:
        f(np.ones((6, 3), np.float32), np.ones(5, np.float32))
    sample = _block_after("else a `ShapeRelationError`:").strip()
    assert sample == f"lazyport.errors.ShapeRelationError: {info.value}"
