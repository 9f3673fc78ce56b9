"""Run exported artifacts in a process where torch and lazyport cannot be imported (tests/test_export.py).

Usage: python export_runner.py PLAN.json. The plan lists artifacts (format, path, calls: lists of .npy
input files); each call's output leaves are written next to its inputs as <call>.out<i>.npy, and what the
artifact says of its inputs (SavedModel: the serving signature) goes to PLAN.json.result.json.
"""

import importlib.abc
import json
import sys

BLOCKED = ("torch", "lazyport", "kornia", "functorch")


class Blocker(importlib.abc.MetaPathFinder):
    """Refuses torch and lazyport: the artifacts must run without them."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ImportError(f"{name} is blocked in this process")
        return None


sys.meta_path.insert(0, Blocker())

import numpy as np  # noqa: E402


def main(plan_path):
    for name in BLOCKED[:2]:
        try:
            __import__(name)
        except ImportError:
            continue
        raise SystemExit(f"{name} could be imported")
    plan = json.load(open(plan_path))
    report = {}
    for art in plan:
        fmt, path = art["format"], art["path"]
        if fmt == "jax":
            import jax

            exported = jax.export.deserialize(bytearray(open(path, "rb").read()))
            report[path] = {"in_shapes": [str(a.shape) for a in exported.in_avals]}

            def run(arrays, exported=exported):
                return jax.tree_util.tree_leaves(exported.call(*arrays))
        elif fmt == "savedmodel":
            import tensorflow as tf

            loaded = tf.saved_model.load(path)
            serve = loaded.signatures["serving_default"]
            inputs = serve.structured_input_signature[1]
            report[path] = {
                "inputs": {k: [None if d is None else int(d) for d in v.shape] for k, v in inputs.items()},
                "outputs": sorted(serve.structured_outputs),
            }
            names = art["params"]

            def run(arrays, loaded=loaded, serve=serve, names=names):
                out = serve(**{n: tf.constant(a) for n, a in zip(names, arrays)})
                called = tf.nest.flatten(loaded(*[tf.constant(a) for a in arrays]))
                leaves = [out[f"output_{i}"] for i in range(len(out))]
                assert len(called) == len(leaves)
                for c, s in zip(called, leaves):
                    assert np.array_equal(c.numpy(), s.numpy())
                return leaves
        elif fmt == "tflite":
            import tensorflow as tf

            def run(arrays, path=path):
                interp = tf.lite.Interpreter(model_path=path)
                details = interp.get_input_details()
                for d, a in zip(details, arrays):
                    interp.resize_tensor_input(d["index"], a.shape)
                interp.allocate_tensors()
                for d, a in zip(details, arrays):
                    interp.set_tensor(d["index"], a)
                interp.invoke()
                outs = sorted(interp.get_output_details(), key=lambda d: d["name"])
                return [interp.get_tensor(d["index"]) for d in outs]
        else:
            raise SystemExit(f"unknown format {fmt}")
        for call in art["calls"]:
            outs = run([np.load(p) for p in call])
            for i, o in enumerate(outs):
                np.save(f"{call[0]}.out{i}.npy", np.asarray(o))
    json.dump(report, open(plan_path + ".result.json", "w"))
    print("ran", len(plan), "artifacts; torch and lazyport blocked")


if __name__ == "__main__":
    main(sys.argv[1])
