"""lazyport.trace_graph: lazy vs eager, Graph.code / ops / signature / show / save, compare."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

import lazyport
from lazyport.engine import Entry

from .util import Target, assert_close

RNG = np.random.default_rng(0)
NAMESPACE = {"jax": "jnp", "tensorflow": "tnp", "numpy": "np"}


def normalize(x):
    mean = torch.mean(x)
    std = torch.std(x)
    return torch.div(torch.sub(x, mean), std)


def structured(d, scale=2.0):
    total = d["a"] + d["b"][0]
    return {"total": total * scale, "pair": (d["b"][1].abs(), total.sum())}


def branchy(x):
    if x.sum() > 0:
        return x * 2
    return x - 1


def _x(target: Target, *shape: int) -> object:
    return target.array(RNG.standard_normal(shape or (10,)).astype(np.float32))


# ---------------------------------------------------------------- lazy and eager
def test_lazy_graph_traces_at_first_call(target):
    g = lazyport.trace_graph(normalize, source="torch", target=target.name)
    assert not g.traced and "not traced yet" in repr(g)
    with pytest.raises(lazyport.LazyportError, match="not been traced"):
        g.code  # noqa: B018
    x = _x(target)
    assert_close(g(x), normalize(torch.from_numpy(Target.numpy(x))))
    assert g.traced and len(g._translated.cache) == 1
    g(x)
    assert len(g._translated.cache) == 1  # same signature: no new trace
    g(_x(target, 4))
    assert len(g._translated.cache) == 2 and len(g.signatures) == 2


def test_eager_graph_is_compiled_before_the_first_call(target):
    x = _x(target)
    g = lazyport.trace_graph(normalize, source="torch", target=target.name, args=(x,))
    assert g.traced
    (entry,) = g._translated.cache.values()
    assert isinstance(entry, Entry) and entry.compiled is not None
    assert_close(g(x), normalize(torch.from_numpy(Target.numpy(x))))


def test_decorator_forms():
    x = np.arange(4.0, dtype=np.float32)

    @lazyport.trace_graph(source="torch", target="numpy")
    def double(x):
        return x * 2

    @lazyport.trace_graph(source="torch", target="numpy", args=(x,))
    def triple(x):
        return x * 3

    @lazyport.transpile(source="torch", target="numpy", args=(x,))
    def quadruple(x):
        return x * 4

    assert isinstance(double, lazyport.Graph) and not double.traced and triple.traced
    assert double.__name__ == "double"
    np.testing.assert_array_equal(double(x), x * 2)
    np.testing.assert_array_equal(triple(x), x * 3)
    assert len(quadruple.cache) == 1
    np.testing.assert_array_equal(quadruple(x), x * 4)


def test_trace_graph_needs_a_target():
    with pytest.raises(lazyport.UnknownTargetError):
        lazyport.trace_graph(normalize, source="torch")
    with pytest.raises(lazyport.UnknownTargetError):
        lazyport.trace_graph(normalize, source="torch", target="torch")


def test_graph_composes_with_jit():
    import jax
    import jax.numpy as jnp

    g = lazyport.trace_graph(normalize, target="jax")
    x = jnp.asarray(RNG.standard_normal(10).astype(np.float32))
    # (g(x) outside jit runs the NumPy program first: float32 sums in another order than XLA's)
    np.testing.assert_allclose(np.asarray(jax.jit(g)(x)), np.asarray(g(x)), rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------- reading it
def test_code_is_target_source_with_torch_names(target):
    g = lazyport.trace_graph(normalize, target=target.name, args=(_x(target),))
    code = g.code
    ns = NAMESPACE[target.name]
    assert "def normalize(x):" in code
    # (NumPy reductions return NumPy scalars; the graph keeps 0-d arrays, as the engine does)
    wrap = (r"np\.asarray\(", r"\)") if target.name == "numpy" else ("", "")
    assert re.search(rf"^    mean = {wrap[0]}{ns}\.mean\(x\){wrap[1]}$", code, re.M), code
    assert re.search(rf"^    std = {wrap[0]}{ns}\.sqrt\(var\){wrap[1]}$", code, re.M), code  # torch.std: var, sqrt
    body = code.split("def normalize(x):\n")[1].strip().splitlines()
    assigned = [line.split(" = ")[0].strip() for line in body if " = " in line]
    assert {"mean", "var", "std", "sub", "div"} <= set(assigned)  # a line per op (var's lowering needs two)
    assert len(body) <= sum(g.ops.values()) + 2
    assert "torch" not in code and "lazyport" not in code.split("#")[0]
    compile(code, "<code>", "exec")


def test_ops_signature_and_show(capsys):
    x = np.ones((2, 3), np.float32)
    g = lazyport.trace_graph(structured, target="numpy", args=({"a": x, "b": (x, x)},), kwargs={"scale": 3.0})
    assert g.ops == {"aten.add.Tensor": 1, "aten.mul.Tensor": 1, "aten.abs.default": 1, "aten.sum.dim_IntList": 1}
    sig = str(g.signature)
    assert sig.startswith("structured(d['a']: float32[2,3], d['b'][0]: float32[2,3], d['b'][1]: float32[2,3]")
    assert "scale=3.0" in sig and "-> {'total': float32[2,3], 'pair': (float32[2,3], float32[])}" in sig
    g.show(picture=False)
    out = capsys.readouterr().out
    assert "aten.abs.default" in out and "total = d" in out and "test_graph.py" in out


def test_show_draws_with_matplotlib(tmp_path):
    pytest.importorskip("matplotlib")
    g = lazyport.trace_graph(normalize, target="numpy", args=(np.ones(5, np.float32),))
    pic = g.show(file=tmp_path / "g.png")
    assert pic is not None and (tmp_path / "g.png").stat().st_size > 0


# ---------------------------------------------------------------- data-dependent control flow
def test_data_dependent_function_has_no_graph(target):
    x = target.array(np.ones(3, np.float32))
    with pytest.raises(lazyport.DataDependentError, match=r"(?s)test_graph.py.*if x.sum\(\) > 0.*torch.where"):
        lazyport.trace_graph(branchy, target=target.name, args=(x,))
    g = lazyport.trace_graph(branchy, target=target.name)
    with pytest.raises(lazyport.DataDependentError):
        g(x)
    assert len(g._translated.cache) == 0
    f = lazyport.transpile(branchy, target=target.name)  # transpile runs it op by op, per call
    for v in (1.0, -1.0, 1.0):
        x = np.full(3, v, np.float32)
        assert_close(f(target.array(x)), branchy(torch.from_numpy(x)))


# ---------------------------------------------------------------- compare
def uses_sin(x):
    y = x * 2
    z = torch.sin(y)  # the line compare must name
    return z + y.mean()


def test_compare_agrees(target):
    report = lazyport.compare(uses_sin, _x(target), target=target.name)
    assert report and report.mismatch is None and report.checked == 4
    assert "all 4 nodes agree" in str(report)


def test_compare_finds_the_first_wrong_node(monkeypatch):
    from lazyport.backends import registry

    real = registry.find

    def wrong_sin(b, self):
        return b.xp.cos(self)

    monkeypatch.setattr(registry, "find", lambda op, t: wrong_sin if str(op) == "aten.sin.default" else real(op, t))
    import lazyport.graph

    monkeypatch.setattr(lazyport.graph, "find", registry.find, raising=False)
    report = lazyport.compare(uses_sin, np.linspace(0.1, 1, 5, dtype=np.float32), target="numpy")
    assert not report
    m = report.mismatch
    assert m.op == "aten.sin.default" and m.var == "z" and report.checked == 1
    assert m.source[1] == uses_sin.__code__.co_firstlineno + 2
    assert "z = torch.sin(y)" in str(report) and "test_graph.py" in str(report)


def test_graph_check_uses_its_target():
    g = lazyport.trace_graph(uses_sin, target="numpy")
    assert g.check(np.ones(3, np.float32)).target == "numpy"


# ---------------------------------------------------------------- save: standalone modules
RUNNER = textwrap.dedent(r"""
    import importlib.abc, importlib.util, sys

    assert not any(m.partition(".")[0] in ("torch", "lazyport") for m in sys.modules), "loaded at startup"

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in ("torch", "lazyport", "kornia"):
                raise ImportError(f"the standalone module imported {name}")

    sys.meta_path.insert(0, Block())
    import numpy as np

    target = sys.argv[1]

    def to_target(a):
        if target == "jax":
            import jax.numpy as jnp
            return jnp.asarray(a)
        if target == "tensorflow":
            import tensorflow as tf
            return tf.constant(a)
        return a

    def leaves(x):
        if isinstance(x, (tuple, list)):
            return [y for v in x for y in leaves(v)]
        if isinstance(x, dict):
            return [y for k in sorted(x) for y in leaves(x[k])]
        return [x.numpy() if hasattr(x, "numpy") else np.asarray(x)]

    for stem in sys.argv[2:]:
        spec = importlib.util.spec_from_file_location("graph_module", stem + ".py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        fn = getattr(module, module.__all__[0])
        data = np.load(stem + ".in.npz")
        out = fn(*[to_target(data[f"a{i}"]) for i in range(len(data.files))])
        np.savez(stem + ".out.npz", *leaves(out))
    assert "torch" not in sys.modules and "lazyport" not in sys.modules
    print("ok")
""")


def _leaves(x):
    if isinstance(x, (tuple, list)):
        return [y for v in x for y in _leaves(v)]
    if isinstance(x, dict):
        return [y for k in sorted(x) for y in _leaves(x[k])]
    return [Target.numpy(x)]


def run_standalone(tmp_path, target: str, graphs: list[tuple[str, object, list]], record: bool = True) -> None:
    """Save each graph, run all of them in one subprocess that cannot import torch or lazyport, and
    require outputs identical to the graph's."""
    from lazyport.codegen import generate

    stems, expected = [], []
    for name, g, flat_inputs in graphs:
        stem = str(tmp_path / name)
        if record:
            g.save(stem + ".py")
        else:  # every node as a call of its (copied) lowering
            (tmp_path / f"{name}.py").write_text(generate(g.lowered, g.backend, g.name, record=False).module())
        np.savez(stem + ".in.npz", **{f"a{i}": Target.numpy(a) for i, a in enumerate(flat_inputs)})
        stems.append(stem)
        expected.append(_leaves(g(*flat_inputs)))
    script = tmp_path / "runner.py"
    script.write_text(RUNNER)
    proc = subprocess.run([sys.executable, str(script), target, *stems], capture_output=True, text=True)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-3000:]
    for stem, want in zip(stems, expected):
        with np.load(stem + ".out.npz") as got:
            got = [got[f"arr_{i}"] for i in range(len(got.files))]
        assert len(got) == len(want), stem
        for g_, w in zip(got, want):
            assert g_.dtype == w.dtype and g_.shape == w.shape, stem
            np.testing.assert_array_equal(g_, w, err_msg=stem)


def test_save_runs_without_torch(target, tmp_path):
    x = _x(target)
    g1 = lazyport.trace_graph(normalize, target=target.name, args=(x,))
    a = _x(target, 2, 3)
    g2 = lazyport.trace_graph(lambda a, b: structured({"a": a, "b": (b, a)}, 0.5), target=target.name, args=(a, a))
    run_standalone(tmp_path, target.name, [("normalize", g1, [x]), ("structured", g2, [a, a])])
    text = (tmp_path / "normalize.py").read_text()
    assert not re.search(r"^\s*(import|from)\s+(torch|lazyport|kornia)\b", text, re.M)
    assert "def normalize(x):" in text


def test_save_with_lowerings_copied_in(target, tmp_path):
    """Nodes the recorder cannot express as target calls are written as their lowering, copied in."""
    import kornia

    x = target.array(RNG.random((1, 3, 6, 6), dtype=np.float32))
    g1 = lazyport.trace_graph(kornia.color.rgb_to_hsv, target=target.name, args=(x,))
    g2 = lazyport.trace_graph(normalize, target=target.name, args=(x,))
    run_standalone(tmp_path, target.name, [("hsv", g1, [x]), ("normalize", g2, [x])], record=False)
    assert "class aten:" in (tmp_path / "hsv.py").read_text()


def kornia_cases():
    import kornia as K

    return {
        "rgb_to_grayscale": (K.color.rgb_to_grayscale, (1, 3, 8, 8)),
        "rgb_to_hsv": (K.color.rgb_to_hsv, (1, 3, 8, 8)),
        "rgb_to_lab": (K.color.rgb_to_lab, (1, 3, 8, 8)),
        "adjust_gamma": (lambda x: K.enhance.adjust_gamma(x, 2.2), (1, 3, 8, 8)),
        "normalize": (
            lambda x: K.enhance.normalize(x, torch.tensor([0.5, 0.4, 0.3]), torch.tensor([0.2, 0.2, 0.2])),
            (1, 3, 8, 8),
        ),
        "gaussian_blur2d": (lambda x: K.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5)), (1, 3, 8, 8)),
        "box_blur": (lambda x: K.filters.box_blur(x, (3, 3)), (1, 3, 8, 8)),
        "sobel": (K.filters.sobel, (1, 3, 8, 8)),
        "laplacian": (lambda x: K.filters.laplacian(x, 5), (1, 3, 8, 8)),
        "dilation": (lambda x: K.morphology.dilation(x, torch.ones(3, 3)), (1, 3, 8, 8)),
        "hflip": (K.geometry.transform.hflip, (1, 3, 8, 8)),
        "vflip": (K.geometry.transform.vflip, (1, 3, 8, 8)),
    }  # (benchmarks/bench_cache.py and examples cover bigger graphs: rotate, harris_response)


def test_save_kornia_runs_without_torch(target, tmp_path):
    graphs = []
    rng = np.random.default_rng(1)
    for name, (fn, shape) in kornia_cases().items():
        x = rng.random(shape, dtype=np.float32)
        g = lazyport.trace_graph(fn, target=target.name, args=(target.array(x),))
        assert_close(g(target.array(x)), fn(torch.from_numpy(x)), rtol=1e-4, atol=1e-4)  # (lab: cancellation)
        graphs.append((name, g, [target.array(x)]))
    assert len(graphs) >= 10
    run_standalone(tmp_path, target.name, graphs)
