"""Graph.export: JAX Exported and TensorFlow SavedModel artifacts (dynamic dims kept) run in a process where
importing torch or lazyport fails, at two batch sizes, equal to torch computed here; TFLite too; and the
refusals say why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

import lazyport
from lazyport.errors import ExportError

from .test_dynamic_shapes import NET, blur, gray, images, normalize, rows, torch_of

RNG = np.random.default_rng(5)
RUNNER = Path(__file__).with_name("export_runner.py")


def module_fn(x):
    return NET(x)


# name -> (function, example arrays, dynamic_shapes, batch sizes -> the arrays of one call)
def cases():
    return {
        "rgb_to_grayscale": (gray, ({0: "batch"},), lambda b: [images(b)]),
        "gaussian_blur2d": (blur, ({0: "batch"},), lambda b: [images(b)]),
        "normalize": (normalize, ({0: "batch"},), lambda b: [images(b)]),
        "module": (module_fn, ({0: "batch"},), lambda b: [images(b)]),
        "module_itself": (NET, ({0: "batch"},), lambda b: [images(b)]),  # trace_graph(nn.Module): weights constants
        "rows": (
            rows,
            ({0: "b"}, {0: "b"}),
            lambda b: [RNG.random((b, 3, 4), dtype=np.float32), RNG.random(b, dtype=np.float32)],
        ),
    }


def _as_target(target, a):
    if target == "jax":
        import jax.numpy as jnp

        return jnp.asarray(a)
    import tensorflow as tf

    return tf.constant(a)


def run_blocked(tmp_path, fmt, names):
    """Export each case, run the artifacts in a torch-less, lazyport-less process at batch sizes 3 and 6,
    and compare every output leaf with torch."""
    target = "jax" if fmt == "jax" else "tensorflow"
    plan, expected = [], {}
    for name in names:
        fn, spec, make = cases()[name]
        g = lazyport.trace_graph(
            fn, source="torch", target=target, args=tuple(_as_target(target, a) for a in make(2)), dynamic_shapes=spec
        )
        path = tmp_path / f"{name}.{fmt}"
        assert g.export(path, format=fmt) == path
        calls = []
        for b in (3, 6):
            arrays = make(b)
            files = []
            for i, a in enumerate(arrays):
                files.append(str(tmp_path / f"{name}-{b}-{i}.npy"))
                np.save(files[-1], a)
            want = torch_of(fn, *arrays)
            expected[files[0]] = list(want) if isinstance(want, tuple) else [want]
            calls.append(files)
        plan.append({"format": fmt, "path": str(path), "calls": calls, "params": g.lowered.params})
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(plan))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LAZYPORT")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    proc = subprocess.run(
        [sys.executable, str(RUNNER), str(plan_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(tmp_path),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "torch and lazyport blocked" in proc.stdout
    for first, want in expected.items():
        for i, w in enumerate(want):
            got = np.load(f"{first}.out{i}.npy")
            w = w.detach().numpy()
            assert got.shape == w.shape
            np.testing.assert_allclose(got, w, rtol=1e-4, atol=1e-5)
        assert not Path(f"{first}.out{len(want)}.npy").exists()
    return json.loads((tmp_path / "plan.json.result.json").read_text())


def test_jax_exported_runs_without_torch_or_lazyport(tmp_path):
    report = run_blocked(tmp_path, "jax", list(cases()))
    shapes = report[str(tmp_path / "rows.jax")]["in_shapes"]
    assert shapes == ["(b, 3, 4)", "(b,)"]  # the symbolic dim is kept, shared by both arguments


def test_savedmodel_runs_without_torch_or_lazyport(tmp_path):
    report = run_blocked(tmp_path, "savedmodel", list(cases()))
    rows_sig = report[str(tmp_path / "rows.savedmodel")]
    assert rows_sig == {"inputs": {"x": [None, 3, 4], "y": [None]}, "outputs": ["output_0", "output_1"]}
    assert report[str(tmp_path / "module.savedmodel")]["inputs"] == {"x": [None, 3, 8, 8]}


def test_tflite_runs_without_torch_or_lazyport(tmp_path):
    run_blocked(tmp_path, "tflite", ["rgb_to_grayscale", "module"])


def test_exported_jax_checks_the_dims(tmp_path):
    import jax
    import jax.numpy as jnp

    g = lazyport.trace_graph(
        rows, source="torch", target="jax", args=(jnp.ones((2, 3, 4)), jnp.ones(2)), dynamic_shapes=({0: "b"}, {0: "b"})
    )
    exported = jax.export.deserialize(bytearray(g.export(tmp_path / "rows.jax", format="jax").read_bytes()))
    with pytest.raises(Exception, match="b"):
        exported.call(jnp.ones((4, 3, 4)), jnp.ones(5))


def test_savedmodel_checks_dynamic_sizes_are_at_least_two(tmp_path):
    import tensorflow as tf

    g = lazyport.trace_graph(
        gray, source="torch", target="tensorflow", args=(tf.constant(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    loaded = tf.saved_model.load(str(g.export(tmp_path / "gray", format="savedmodel")))
    serve = loaded.signatures["serving_default"]
    x = images(4)
    np.testing.assert_allclose(serve(x=tf.constant(x))["output_0"].numpy(), torch_of(gray, x).numpy(), rtol=1e-5)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"x dim 0 \(batch\) is dynamic"):
        serve(x=tf.constant(images(1)))


def test_a_batch_of_one_does_not_make_the_export_static(tmp_path):
    import jax
    import jax.numpy as jnp

    g = lazyport.trace_graph(
        gray, source="torch", target="jax", args=(jnp.asarray(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    g(jnp.asarray(images(1)))  # its own static translation (torch captures dynamic sizes assuming >= 2)
    exported = jax.export.deserialize(bytearray(g.export(tmp_path / "g.jax", format="jax").read_bytes()))
    assert str(exported.in_avals[0].shape) == "(batch, 3, 8, 8)"


def test_static_graph_exports_too(tmp_path):
    import jax
    import jax.numpy as jnp

    x = images(2)
    g = lazyport.trace_graph(gray, source="torch", target="jax", args=(jnp.asarray(x),))
    exported = jax.export.deserialize(bytearray(g.export(tmp_path / "g.jax", format="jax").read_bytes()))
    np.testing.assert_allclose(np.asarray(exported.call(jnp.asarray(x))), torch_of(gray, x).numpy(), rtol=1e-5)


def test_refusals(tmp_path):
    import jax.numpy as jnp
    import tensorflow as tf

    g = lazyport.trace_graph(gray, source="torch", target="jax", args=(jnp.ones((2, 3, 4, 4)),))
    with pytest.raises(ExportError, match="format 'savedmodel' exports a tensorflow graph"):
        g.export(tmp_path / "x", format="savedmodel")
    with pytest.raises(ExportError, match="format='jax', 'savedmodel' or 'tflite'"):
        g.export(tmp_path / "x", format="onnx")
    r = lazyport.trace_graph(lambda x: x + torch.rand(3), source="torch", target="tensorflow", args=(tf.ones(3),))
    with pytest.raises(ExportError, match="random numbers"):
        r.export(tmp_path / "r", format="savedmodel")

    def branchy(x):
        return x * 2 if x.shape[0] > 3 else x - 1

    c = lazyport.trace_graph(
        branchy, source="torch", target="jax", args=(jnp.ones((5, 3)),), dynamic_shapes=({0: "b"},)
    )
    with pytest.raises(ExportError, match="assumed b > 3"):
        c.export(tmp_path / "c", format="jax")
    lazy = lazyport.trace_graph(gray, source="torch", target="jax")
    with pytest.raises(lazyport.LazyportError, match="not been traced"):
        lazy.export(tmp_path / "l", format="jax")


@pytest.mark.parametrize("fmt", ["jax", "savedmodel"])
def test_translated_module_exports_with_its_current_weights(tmp_path, fmt):
    """lazyport.export_module: a flax.nnx module / Keras layer from transpile(model), its weights as they
    are now on the target (here: changed with load_state_dict), constants of the artifact."""
    import copy

    target = "jax" if fmt == "jax" else "tensorflow"
    translated = lazyport.transpile(copy.deepcopy(NET), source="torch", target=target)
    changed = {k: v * 1.5 if v.is_floating_point() else v for k, v in NET.state_dict().items()}
    lazyport.load_state_dict(translated, changed)
    reference = copy.deepcopy(NET)
    reference.load_state_dict(changed)
    path = lazyport.export_module(
        translated,
        tmp_path / f"net.{fmt}",
        format=fmt,
        args=(_as_target(target, images(2)),),
        dynamic_shapes=({0: "batch"},),
    )
    for b in (3, 5):
        x = images(b)
        if fmt == "jax":
            import jax

            exported = jax.export.deserialize(bytearray(path.read_bytes()))
            got = np.asarray(exported.call(x))
        else:
            import tensorflow as tf

            serve = tf.saved_model.load(str(path)).signatures["serving_default"]
            [name] = serve.structured_input_signature[1]
            got = serve(**{name: tf.constant(x)})["output_0"].numpy()
        np.testing.assert_allclose(got, torch_of(reference, x).numpy(), rtol=1e-4, atol=1e-5)
