"""``torch.cond``, ``torch.while_loop``, ``scan`` and ``map`` become the target's control flow: one program
for every input value, so they run under ``jax.jit`` and ``tf.function`` and take the branch / loop count
the values say; their graphs are stored on disk and written out as source (``g.code``, ``g.save()``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch
from torch._higher_order_ops.map import map as control_map
from torch._higher_order_ops.scan import scan

import lazyport
import lazyport.lower
from lazyport import diskcache

from .util import TARGETS, Target, assert_close


def branch(x):
    return torch.cond(x.sum() > 0, lambda x: x * 2, lambda x: x - 1, (x,))


def branch_two_operands(x, y):
    return torch.cond(x.mean() > y.mean(), lambda x, y: (x + y, x * y), lambda x, y: (x - y, y / 2), (x, y))


def doubling(x):
    """Doubles x until its sum passes 100: the count depends on the values."""

    def cond_fn(i, y):
        return y.sum() < 100

    def body_fn(i, y):
        return i + 1, y * 2

    i, y = torch.while_loop(cond_fn, body_fn, (torch.zeros((), dtype=torch.int64), x))
    return i, y


def with_extra(x, step):
    def cond_fn(y):
        return y.max() < 10

    def body_fn(y):
        return (y + step,)

    (y,) = torch.while_loop(cond_fn, body_fn, (x,))
    return y


def running(xs):
    """scan: a running sum as the carry, twice it as the stacked output."""

    def step(c, x):
        c = c + x
        return c, c * 2

    return scan(step, torch.zeros(xs.shape[1:]), xs)


def reversed_rnn(xs, h):
    """scan over dim 1 backwards, with a closed-over weight (an additional input) and a carry read by y."""

    def step(c, x):
        return torch.tanh(c @ h + x), c.sum() * x

    return scan(step, torch.ones(xs.shape[0]), xs, dim=1, reverse=True)


def pytree_scan(xs, ys, s):
    """scan with a tuple carry and a tuple of scanned inputs."""

    def step(c, x):
        a, b = x
        return (c[0] + a * s, c[1] * 0.5 + b), a - b

    return scan(step, (torch.zeros(xs.shape[1:]), torch.ones(xs.shape[1:])), (xs, ys))


def mapped(xs, w):
    return control_map(lambda x, w: torch.sin(x) * w, xs, w)


def mapped_pairs(xs, ys):
    return control_map(lambda xy: (xy[0] + xy[1], (xy[0] * xy[1]).sum()), (xs, ys))


M = np.arange(12, dtype=np.float32).reshape(4, 3) / 6 - 1
W = np.array([1.0, -2.0, 0.5], np.float32)
H = np.eye(3, dtype=np.float32) * 0.5 + 0.1
SCANS = {
    "running": (running, [M]),
    "reversed_rnn": (reversed_rnn, [M.T.copy(), H]),
    "pytree_scan": (pytree_scan, [M, M + 1, np.array(2.0, np.float32)]),
    "mapped": (mapped, [M, W]),
    "mapped_pairs": (mapped_pairs, [M, M * 2]),
}

VALUES = [
    np.array([1.0, 2.0, 3.0], np.float32),
    np.array([-4.0, 1.0, 0.5], np.float32),
    np.array([0.01, 0.02, 0.03], np.float32),
]


def run_translated(fn, target, arrays, jit):
    """``(f, f(*arrays))`` for ``fn`` translated to ``target``, called under jax.jit / tf.function if ``jit``."""
    f = lazyport.transpile(fn, source="torch", target=target)
    args = [Target(target).array(a) for a in arrays]
    if jit and target == "jax":
        import jax

        return f, jax.jit(f)(*args)
    if jit and target == "tensorflow":
        import tensorflow as tf

        return f, tf.function(f)(*args)
    return f, f(*args)


def check(fn, target, *arrays, jit):
    expected = fn(*(torch.from_numpy(a.copy()) for a in arrays))
    f, got = run_translated(fn, target, arrays, jit)
    expected = expected if isinstance(expected, tuple) else (expected,)
    got = got if isinstance(got, tuple | list) else (got,)
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert_close(g, e)
    return f


MODES = [(t, False) for t in TARGETS] + [("jax", True), ("tensorflow", True)]  # (NumPy has no jit)
IDS = [f"{t}-{'jit' if j else 'eager'}" for t, j in MODES]


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_cond_takes_both_branches(target, jit):
    for x in VALUES[:2]:  # positive and negative sum
        check(branch, target, x, jit=jit)
    if not jit:  # one translation serves both
        f = lazyport.transpile(branch, source="torch", target=target)
        for x in VALUES[:2]:
            assert_close(f(Target(target).array(x)), branch(torch.from_numpy(x.copy())))
        on_disk = diskcache.get_cache() is not None  # (check() above wrote the entry: read back, not translated)
        assert f.cache_info()[1:4] == (1, 0 if on_disk else 1, 1)  # one miss, one signature, for both values
    check(branch_two_operands, target, VALUES[0], VALUES[1], jit=jit)
    check(branch_two_operands, target, VALUES[1], VALUES[0], jit=jit)


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_while_loop_counts_from_values(target, jit):
    for x in VALUES:  # 5, 4 (negative start) and 12 doublings: one program
        check(doubling, target, x, jit=jit)
    check(with_extra, target, VALUES[0], np.array([0.5, 1.0, 2.0], np.float32), jit=jit)


def _leaves(x):
    import optree

    return optree.tree_leaves(x, none_is_leaf=True)


def check_tree(fn, target, *arrays, jit):
    """Like check, for results with nested structure (scan returns (carry, ys), each a pytree)."""
    expected = _leaves(fn(*(torch.from_numpy(a.copy()) for a in arrays)))
    f, got = run_translated(fn, target, arrays, jit)
    got = _leaves(got)
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert_close(g, e)


@pytest.mark.parametrize("case", list(SCANS))
@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_scan_and_map_match_torch(target, jit, case):
    fn, arrays = SCANS[case]
    check_tree(fn, target, *arrays, jit=jit)
    check_tree(fn, target, *(a[::-1].copy() if a.ndim else a for a in arrays), jit=jit)  # other values


def test_scan_under_jax_grad_matches_torch():
    jax = pytest.importorskip("jax")
    f = lazyport.transpile(reversed_rnn, source="torch", target="jax")
    xs = torch.from_numpy(M.T.copy()).requires_grad_()
    carry, ys = reversed_rnn(xs, torch.from_numpy(H))
    (carry.sum() + ys.sum()).backward()

    def loss(a):
        c, y = f(a, jax.numpy.asarray(H))
        return c.sum() + y.sum()

    assert_close(jax.grad(loss)(jax.numpy.asarray(M.T.copy())), xs.grad)


def test_cond_under_jax_grad_matches_torch():
    jax = pytest.importorskip("jax")
    f = lazyport.transpile(branch, source="torch", target="jax")
    for x in VALUES[:2]:
        t = torch.from_numpy(x.copy()).requires_grad_()
        branch(t).sum().backward()
        assert_close(jax.grad(lambda a: f(a).sum())(jax.numpy.asarray(x)), t.grad)


def nested(x):
    """A loop whose body branches and reads a constant of its own: subgraphs inside subgraphs."""

    def cond_fn(i, y):
        return i < 3

    def body_fn(i, y):
        return i + 1, torch.cond(y.sum() > 0, lambda y: y - 5, lambda y: y + torch.tensor([7.0, 8.0, 9.0]), (y,))

    return torch.while_loop(cond_fn, body_fn, (torch.zeros((), dtype=torch.int64), x))


CONTROL_TEXT = {  # what g.code shows of each op, per target
    "jax": {
        "cond": "jax.lax.cond(",
        "while_loop": "jax.lax.while_loop(",
        "scan": "jax.lax.scan(",
        "map_impl": "jax.lax.map(",
    },
    "tensorflow": {"cond": "tf.cond(", "while_loop": "tf.while_loop(", "scan": "tf.scan(", "map_impl": "tf.map_fn("},
    "numpy": {"cond": " if ", "while_loop": "    while ", "scan": "    for ", "map_impl": " for "},
}


@pytest.mark.parametrize("target", TARGETS)
def test_graph_code_shows_the_control_flow(target):
    t = Target(target)
    x = VALUES[0]
    for fn, ops in ((branch, ["cond"]), (doubling, ["while_loop"]), (nested, ["cond", "while_loop"])):
        g = lazyport.trace_graph(fn, source="torch", target=target, args=(t.array(x),))
        gen = g._codegen()
        assert gen.recorded and not gen.note, gen.note  # the recorded code checked out against the engine's
        code = g.code
        assert f"def {fn.__name__}(x):" in code
        for op in ops:
            assert CONTROL_TEXT[target][op] in code, code
        assert "aten." not in code  # every op written as target calls
        for v in VALUES:
            expected = fn(torch.from_numpy(v.copy()))
            got = g(t.array(v))
            for a, e in zip(
                got if isinstance(got, tuple | list) else [got], expected if isinstance(expected, tuple) else [expected]
            ):
                assert_close(a, e)
    for fn, arrays in SCANS.values():
        g = lazyport.trace_graph(fn, source="torch", target=target, args=tuple(t.array(a) for a in arrays))
        gen = g._codegen()
        assert gen.recorded and not gen.note, gen.note
        op = "scan" if "scan" in g.ops else "map_impl"
        assert CONTROL_TEXT[target][op] in g.code and "aten." not in g.code, g.code
    g = lazyport.trace_graph(branch, source="torch", target=target, args=(t.array(x),))
    assert "def branch_true(" in g.code and "def branch_false(" in g.code  # the branches, as functions


@pytest.mark.parametrize("record", [True, False], ids=["recorded", "lowering-calls"])
@pytest.mark.parametrize("target", TARGETS)
def test_saved_graph_runs_standalone_on_both_branches_and_any_loop_count(target, record, tmp_path):
    """g.save() of graphs with torch.cond / torch.while_loop runs where torch and lazyport cannot be imported,
    gives the graph's results exactly, and those equal torch's: both branches, loop counts from values."""
    from .test_graph import run_standalone

    t = Target(target)
    graphs, inputs = [], []
    for fn in (branch, doubling, nested, with_extra):
        arrays = [VALUES[0]] + ([np.array([0.5, 1.0, 2.0], np.float32)] if fn is with_extra else [])
        g = lazyport.trace_graph(fn, source="torch", target=target, args=tuple(t.array(a) for a in arrays))
        for i, v in enumerate(VALUES):  # positive and negative sums; 5, 4 and 12 doublings
            case = [v, *arrays[1:]]
            graphs.append((f"{fn.__name__}_{i}", g, [t.array(a) for a in case]))
            inputs.append((fn, case))
    for name, (fn, arrays) in SCANS.items():
        g = lazyport.trace_graph(fn, source="torch", target=target, args=tuple(t.array(a) for a in arrays))
        graphs.append((name, g, [t.array(a) for a in arrays]))
        inputs.append((fn, arrays))
    run_standalone(tmp_path, target, graphs, record=record)
    for (name, _, _), (fn, case) in zip(graphs, inputs):  # the saved modules' results, against torch
        expected = _leaves(fn(*(torch.from_numpy(a.copy()) for a in case)))
        with np.load(tmp_path / f"{name}.out.npz") as got:
            got = [got[f"arr_{i}"] for i in range(len(got.files))]
        assert len(got) == len(expected), name
        for a, e in zip(got, expected):
            assert_close(a, e)


def test_a_translation_with_control_flow_is_read_from_disk_in_a_new_process(tmp_path):
    """torch.cond / torch.while_loop translations are stored in the persistent cache: a second process
    reads them without running torch's capture, and gets torch's results on both branches."""
    script = tmp_path / "user_code.py"
    script.write_text(
        textwrap.dedent("""
        import json, sys
        import numpy as np, torch, lazyport
        from lazyport.backends import get_backend

        def branch(x):
            return torch.cond(x.sum() > 0, lambda x: x * 2 + torch.tensor([1.0, 2.0, 3.0]), lambda x: x - 1, (x,))

        def doubling(x):
            def cond_fn(i, y):
                return y.sum() < 100

            def body_fn(i, y):
                return i + 1, y * 2

            return torch.while_loop(cond_fn, body_fn, (torch.zeros((), dtype=torch.int64), x))

        def running(xs):
            from torch._higher_order_ops.scan import scan

            return scan(lambda c, x: (c + x, (c + x) * 2), torch.zeros(3), xs)

        report = {}
        for target in ("jax", "tensorflow", "numpy"):
            for fn in (branch, doubling, running):
                f = lazyport.transpile(fn, source="torch", target=target)
                for i, v in enumerate(([1.0, 2.0, 3.0], [-4.0, 1.0, 0.5])):
                    x = np.array(v if fn is not running else [v, v[::-1]], np.float32)
                    got = f(get_backend(target).asarray(x))
                    want = fn(torch.from_numpy(x))
                    got, want = (got, want) if isinstance(want, tuple) else ((got,), (want,))
                    same = len(got) == len(want) and all(np.allclose(np.asarray(g), w.numpy())
                                                         for g, w in zip(got, want))
                    report[f"{target}-{fn.__name__}-{i}"] = [f.last_entry.origin, bool(same)]
        report["captured"] = "lazyport.capture.trace" in sys.modules
        print(json.dumps(report))
    """)
    )
    cache = tmp_path / "cache"
    runs = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, env={**os.environ, diskcache.ENV: str(cache)}
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    first, second = runs
    assert first.pop("captured") and not second.pop("captured"), "a hit must not run torch's capture"
    assert all(same for _, same in first.values()) and all(same for _, same in second.values()), runs
    assert all(origin != "disk" for origin, _ in first.values())
    assert all(origin == "disk" for origin, _ in second.values()), second


def test_subgraph_records_round_trip_through_the_disk_codec():
    """The codec stores nested subgraphs with their own constants and refuses arrays that belong to none."""
    from lazyport.diskcache import lowered_from_json, lowered_to_json

    g = lazyport.trace_graph(nested, source="torch", target="numpy", args=(VALUES[0],))
    record, arrays = lowered_to_json(g.lowered)
    assert set(arrays) == {"G1__G1__C0"}  # the false branch of the loop body holds [7, 8, 9]
    back = lowered_from_json(json.loads(json.dumps(record)), arrays)
    inner = back.subgraphs["G1"].subgraphs["G1"]
    np.testing.assert_array_equal(inner.consts["C0"], [7.0, 8.0, 9.0])
    out = lazyport.lower.Program(back, g.backend).fn(VALUES[0])
    assert_close(out[1], nested(torch.from_numpy(VALUES[0]))[1])
    with pytest.raises(ValueError, match="constants"):
        lowered_from_json(record, {**arrays, "G7__C0": np.zeros(1)})


def test_torchs_own_cond_keeps_working_after_a_translation():
    """A first call that meets torch.cond declines the op-by-op path inside torch.compile's eager entry;
    that must leave torch's eager torch.cond working."""
    x = VALUES[0]
    lazyport.transpile(branch, source="torch", target="numpy")(x)
    assert_close(branch(torch.from_numpy(x)), torch.from_numpy(x) * 2)


def test_a_signed_entry_with_a_hostile_branch_is_refused_not_run(tmp_path, monkeypatch, caplog):
    """The program builder's checks reach into subgraphs: code planted in a stored branch never runs."""
    import dataclasses
    import logging

    from lazyport.engine import TranslatedFunction

    from .test_generated_source import _payload, _tamper

    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "cache"))
    x = VALUES[0]
    f = TranslatedFunction(nested, "numpy")
    f(x)
    lowered = f.last_entry.program.lowered
    body = lowered.subgraphs["G1"]
    sentinel = tmp_path / "EXECUTED"
    bad_branch = _tamper(body.subgraphs["G0"], "variable", _payload(sentinel))
    bad = dataclasses.replace(
        lowered,
        subgraphs={
            **lowered.subgraphs,
            "G1": dataclasses.replace(body, subgraphs={**body.subgraphs, "G0": bad_branch}, meta={}),
        },
        meta={},
    )
    key = diskcache.entry_key(nested, f.backend, f.last_key, False)
    cache = diskcache.get_cache()
    assert cache.store(key, bad)
    caplog.set_level(logging.WARNING, logger="lazyport")
    assert cache.load(key) is None
    assert any("refused" in r.getMessage() for r in caplog.records)
    g = TranslatedFunction(nested, "numpy")
    for v in VALUES:
        assert_close(g(v)[1], nested(torch.from_numpy(v.copy()))[1])
    assert g.last_entry.origin != "disk" and not sentinel.exists()


@pytest.mark.parametrize("target", TARGETS)
def test_saved_kornia_canny_runs_standalone_and_equals_torch(target, tmp_path):
    """kornia's canny loops with torch.while_loop while lazyport translates: its saved module (two loop
    functions beside the graph) runs without torch and gives torch's magnitudes and edges."""
    kornia = pytest.importorskip("kornia")
    from .test_graph import run_standalone

    t = Target(target)
    x = np.random.default_rng(0).random((1, 3, 16, 16), dtype=np.float32)
    g = lazyport.trace_graph(kornia.filters.canny, source="torch", target=target, args=(t.array(x),))
    assert "while_loop" in g.ops and len(g._codegen().subfunctions) == 2
    run_standalone(tmp_path, target, [("canny", g, [t.array(x)])])
    magnitude, edges = kornia.filters.canny(torch.from_numpy(x))
    with np.load(tmp_path / "canny.out.npz") as got:
        assert_close(got["arr_0"], magnitude)
        assert_close(got["arr_1"], edges)


def test_the_first_call_says_plainly_why_it_is_captured(monkeypatch, caplog):
    """A first call meeting a higher-order op is translated by capture, not op by op; the warning says
    which op, not torch's dispatch error."""
    import logging

    monkeypatch.setenv(diskcache.ENV, "off")  # (a disk hit would translate nothing)
    caplog.set_level(logging.WARNING, logger="lazyport")
    f = lazyport.transpile(running, source="torch", target="numpy")
    carry, ys = f(M)
    assert_close(ys, running(torch.from_numpy(M))[1])
    text = " ".join(r.getMessage() for r in caplog.records)
    assert "higher-order op scan" in text and "no rule registered" not in text, text


def _sum_first_dim(x):
    return x.sum(0)


@pytest.mark.parametrize("in_function", [False, True], ids=["eager-tape", "tf.function"])
@pytest.mark.parametrize("case", ["branch+", "branch-", "reversed_rnn", "mapped", "plain"])
def test_gradient_tape_through_control_flow_matches_torch(case, in_function):
    """tf.GradientTape over tf.Variables through cond (both branches), scan and map gives torch's
    gradients. ("plain": a function whose first op reads a tf.Variable directly, as branch does.)"""
    tf = pytest.importorskip("tensorflow")
    fn, arrays = {
        "branch+": (branch, [VALUES[0]]),
        "branch-": (branch, [VALUES[1]]),
        "reversed_rnn": SCANS["reversed_rnn"],
        "mapped": SCANS["mapped"],
        "plain": (_sum_first_dim, [M]),
    }[case]
    ts = [torch.from_numpy(a.copy()).requires_grad_() for a in arrays]
    sum(o.sum() for o in _leaves(fn(*ts))).backward()
    f = lazyport.transpile(fn, source="torch", target="tensorflow")
    xs = [tf.Variable(a) for a in arrays]

    def grads():
        with tf.GradientTape() as tape:
            loss = tf.add_n([tf.reduce_sum(o) for o in _leaves(f(*xs))])
        return tape.gradient(loss, xs)

    for got, t in zip(tf.function(grads)() if in_function else grads(), ts):
        assert_close(got, t.grad, rtol=1e-4)


@pytest.mark.parametrize("case", ["branch", "doubling", "running", "mapped"])
def test_jax_vmap_over_control_flow_matches_torch(case):
    """Under jax.vmap each example takes its own branch / loop count (lax.cond becomes a select, the
    while loop runs until every example is done)."""
    jax = pytest.importorskip("jax")
    fn, args, axes = {
        "branch": (branch, [np.stack(VALUES)], (0,)),
        "doubling": (doubling, [np.stack(VALUES)], (0,)),
        "running": (running, [np.stack([M, M * 2])], (0,)),
        "mapped": (mapped, [np.stack([M, -M]), W], (0, None)),
    }[case]
    f = lazyport.transpile(fn, source="torch", target="jax")
    got = _leaves(jax.vmap(f, in_axes=axes)(*map(jax.numpy.asarray, args)))
    per_example = [
        _leaves(fn(*(torch.from_numpy(a[i] if ax == 0 else a) for a, ax in zip(args, axes))))
        for i in range(len(args[0]))
    ]
    for g, parts in zip(got, zip(*per_example)):
        assert_close(g, torch.stack(parts))
