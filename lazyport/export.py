"""``Graph.export``: a traced graph as an artifact that runs without torch or lazyport.

* ``"jax"``: ``jax.export.export`` of the graph's program, serialized (``Exported.serialize()``); load it
  with ``jax.export.deserialize(bytearray(open(path, "rb").read())).call(*arrays)``. Dims named in
  ``dynamic_shapes`` stay symbolic (``jax.export.symbolic_shape``, constrained to ``>= 2`` as the capture
  assumed), so one artifact serves every size.
* ``"savedmodel"``: ``tf.saved_model.save`` of a ``tf.Module`` whose ``serving_default`` signature takes
  the function's parameter names (dynamic dims ``None``, checked to be >= 2) and returns ``output_0``,
  ``output_1``, ...; the module's ``__call__`` returns the function's own result structure (tuples, lists,
  dicts).
* ``"tflite"``: the SavedModel through ``tf.lite.TFLiteConverter`` (TensorFlow Lite builtin ops only).

The artifact holds the graph's constants (closed-over tensors, a module's weights) as constants. It takes
the graph's array arguments in order; static Python arguments are fixed at their traced values.
Refused, with an :class:`~lazyport.errors.ExportError` saying why: graphs that draw random numbers,
graphs whose traced code assumed conditions on the dynamic sizes (``h < 16``: the artifact would not check
them), a format for another target's graph, and (SavedModel/TFLite) an op whose TensorFlow lowering needs a
static size where a dynamic dim is ``None``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import optree

from .errors import ExportError

FORMATS = {"jax": "jax", "savedmodel": "tensorflow", "tflite": "tensorflow"}
_SUFFIXES = {".jax": "jax", ".exported": "jax", ".tflite": "tflite"}


def export(graph: Any, path: Path, format: str | None = None) -> Path:
    """Write ``graph``'s current signature to ``path`` as ``format`` (see the module docstring)."""
    fmt = (format or _SUFFIXES.get(path.suffix, "")).lower()
    if fmt not in FORMATS:
        raise ExportError(f"export format {format!r}: use format='jax', 'savedmodel' or 'tflite'")
    if FORMATS[fmt] != graph.target:
        raise ExportError(
            f"format {fmt!r} exports a {FORMATS[fmt]} graph; this graph is {graph.target}: trace it with "
            f"target={FORMATS[fmt]!r}"
        )
    entry = _dynamic_entry(graph) or graph._entry()
    lowered = entry.program.lowered
    if type(entry).__name__ == "ConcreteEntry" or not hasattr(entry, "example"):
        raise ExportError(f"{graph.name} has no graph to export (it reads input values)")
    if lowered.needs_rng:
        raise ExportError(
            f"{graph.name} draws random numbers: an exported artifact would need an RNG input, which "
            "lazyport does not export yet"
        )
    conditions = lowered.meta.get("conditions") or []
    if conditions:
        raise ExportError(
            f"{graph.name}'s traced code assumed {', '.join(c.text for c in conditions)} of its dynamic sizes; the "
            "artifact would not check that, so it is not exported. Make those dims static, or rewrite the code so "
            "that it does not branch on them"
        )
    dims: dict[tuple[int, int], str] = lowered.meta.get("dims") or {}
    specs = [(tuple(a.shape), a.dtype) for a in entry.example]
    fn = entry.program.fn
    out_spec = entry.program.out_spec
    if fmt == "jax":
        return _export_jax(fn, specs, dims, out_spec, path)
    saved = path if fmt == "savedmodel" else path.with_name(f".{path.name}.{os.getpid()}.savedmodel")
    try:
        _export_savedmodel(fn, lowered, specs, dims, out_spec, saved, graph.backend)
        if fmt == "savedmodel":
            return path
        return _export_tflite(saved, path)
    finally:
        if fmt != "savedmodel":
            shutil.rmtree(saved, ignore_errors=True)


def _dynamic_entry(graph: Any) -> Any:
    """For a graph with ``dynamic_shapes``, its translation for every size (the most recent), even when the
    last call was one with a size below 2, whose static translation is the current one; else None."""
    translated = graph._translated
    if translated.dynamic is None:
        return None
    last = translated.last_entry
    if last is not None and getattr(last, "program", None) is not None and last.program.lowered.meta.get("dims"):
        return last
    found = [
        e
        for e in translated.cache.values()
        if getattr(e, "program", None) is not None and e.program.lowered.meta.get("dims")
    ]
    return found[-1] if found else None


def structured(out_spec: Any, outs: list[Any]) -> Any:
    """The function's result from the program's flat outputs, where it is made of tuples, lists and dicts
    (what JAX and TensorFlow artifacts can return); other containers come back as a flat tuple."""
    if len(outs) == 1 and out_spec.num_nodes == 1:
        return outs[0]
    result = optree.tree_unflatten(out_spec, list(outs))

    def plain(x: Any) -> bool:
        if type(x) in (tuple, list):
            return all(plain(v) for v in x)
        if type(x) is dict:
            return all(isinstance(k, str) and plain(v) for k, v in x.items())
        return hasattr(x, "shape") and hasattr(x, "dtype")

    return result if plain(result) else tuple(outs)


def _export_jax(fn: Callable[..., Any], specs: list, dims: dict, out_spec: Any, path: Path) -> Path:
    import jax
    from jax import export as jax_export

    names = sorted(set(dims.values()))
    symbols: dict[str, Any] = {}
    if names:
        # (the capture assumed sizes >= 2; JAX checks this when the artifact is called)
        found = jax_export.symbolic_shape(", ".join(names), constraints=[f"{n} >= 2" for n in names])
        symbols = dict(zip(names, found))
    args = [
        jax.ShapeDtypeStruct(tuple(symbols[dims[(j, d)]] if (j, d) in dims else s for d, s in enumerate(shape)), dtype)
        for j, (shape, dtype) in enumerate(specs)
    ]

    def run(*arrays: Any) -> Any:
        return structured(out_spec, fn(*arrays))

    try:
        exported = jax_export.export(jax.jit(run))(*args)
    except Exception as exc:
        raise ExportError(
            f"jax.export of the graph failed for the shapes {[a.shape for a in args]}: "
            f"{type(exc).__name__}: {_first(exc)}"
        ) from exc
    _write(path, bytes(exported.serialize()))
    return path


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _export_savedmodel(
    fn: Callable[..., Any], lowered: Any, specs: list, dims: dict, out_spec: Any, path: Path, backend: Any
) -> None:
    import tensorflow as tf

    params = list(lowered.params)  # identifiers (lower.check_record): the signature's input names
    sig = [
        tf.TensorSpec([None if (j, d) in dims else s for d, s in enumerate(shape)], dtype, name=params[j])
        for j, (shape, dtype) in enumerate(specs)
    ]
    # a function with the parameters' own names, so that the signature's inputs are called by them
    src = f"def serve({', '.join(params)}):\n    return body([{', '.join(params)}])\n"

    def call_body(arrays: list[Any]) -> Any:
        return structured(out_spec, fn(*arrays))

    def serve_body(arrays: list[Any]) -> Any:
        for (j, d), name in sorted(dims.items()):  # as the capture assumed (a size of 1 may squeeze, broadcast)
            tf.debugging.assert_greater_equal(
                tf.shape(arrays[j])[d],
                2,
                message=(
                    f"{params[j]} dim {d} ({name}) is dynamic in this artifact, which serves sizes >= 2; export a "
                    "graph traced with that size static for it"
                ),
            )
        outs = fn(*arrays)
        return {f"output_{i}": tf.convert_to_tensor(o) for i, o in enumerate(outs)}

    def named(body: Callable[..., Any]) -> Callable[..., Any]:
        env: dict[str, Any] = {"body": body}
        exec(compile(src, "<lazyport export>", "exec"), env)
        return env["serve"]

    module = tf.Module()
    module.__call__ = tf.function(named(call_body), input_signature=sig, autograph=False)
    serving = tf.function(named(serve_body), input_signature=sig, autograph=False)
    try:
        concrete = serving.get_concrete_function()
        module.__call__.get_concrete_function()
    except Exception as exc:
        raise _static_size_error(lowered, backend, sig, exc) from exc
    module.serving_default = serving
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tf.saved_model.save(module, str(tmp), signatures={"serving_default": concrete})
    shutil.rmtree(path, ignore_errors=True)
    os.replace(tmp, path)


def _static_size_error(lowered: Any, backend: Any, sig: list, exc: BaseException) -> ExportError:
    """Which op's TensorFlow lowering failed with the dynamic dims None: trace the record op by op to say."""
    import tensorflow as tf

    from .dynamic import failing_op

    found: list[Any] = []

    def run(*arrays: Any) -> Any:
        found.append(failing_op(lowered, backend, arrays))
        return tf.zeros(())

    try:
        tf.function(run, input_signature=sig, autograph=False).get_concrete_function()
    except Exception:
        pass
    shapes = ", ".join(f"{s.name}: {list(s.shape)}" for s in sig)
    ins = found[0] if found else None
    if ins is not None:
        where = f'\n  File "{ins.src[0]}", line {ins.src[1]}\n    {ins.src[2]}' if ins.src else ""
        return ExportError(
            f"the TensorFlow lowering of {ins.op} needs static sizes, but the SavedModel's inputs ({shapes}) leave "
            f"the dynamic dims None ({type(exc).__name__}: {_first(exc)}); export "
            f"this graph with static shapes (no dynamic_shapes), or as format='jax'{where}"
        )
    return ExportError(f"tracing the SavedModel's function for {shapes} failed: {type(exc).__name__}: {_first(exc)}")


def _first(exc: BaseException, limit: int = 160) -> str:
    """The first line of an exception's message, shortened: for error messages that quote it."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _export_tflite(saved: Path, path: Path) -> Path:
    import tensorflow as tf

    try:
        converter = tf.lite.TFLiteConverter.from_saved_model(str(saved))
        data = converter.convert()
    except Exception as exc:
        raise ExportError(
            f"TensorFlow's TFLite converter failed on this graph: {type(exc).__name__}: {_first(exc)}"
        ) from exc
    _write(path, bytes(data))
    return path
