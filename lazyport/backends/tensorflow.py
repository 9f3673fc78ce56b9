"""TensorFlow target: ``xp`` is ``tf.experimental.numpy`` (used without turning on its global NumPy
behaviour); compiled with ``tf.function`` for the exact input signature. A concrete first call runs the
same lowering eagerly (TensorFlow's eager ops need no compile) while the graph is traced in the
background."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from ..errors import UnsupportedDtypeError
from .base import Backend


class TensorflowBackend(Backend):
    name = "tensorflow"
    concrete_by_type = False
    fw = tf
    xp = tnp

    def dtype_by_name(self, name: str) -> Any:
        if name.startswith("float8"):  # (no global: Graph.save copies this method)
            raise UnsupportedDtypeError(
                f"torch.{name} has no tensorflow equivalent lazyport can compute with (TensorFlow's ops do not "
                "take 8-bit floats); cast to float16/bfloat16/float32 in the torch code, or translate to jax or numpy"
            )
        return tf.dtypes.as_dtype(name)

    def _dtype_name(self, target_dtype: Any) -> str:
        if isinstance(target_dtype, tf.dtypes.DType):
            return target_dtype.name
        return super()._dtype_name(target_dtype)

    def as_torch_dtype(self, obj: Any) -> Any:
        if isinstance(obj, tf.dtypes.DType):
            return self.torch_dtype(obj)
        return super().as_torch_dtype(obj)

    def is_array(self, x: Any) -> bool:
        return isinstance(x, (tf.Tensor, tf.Variable))

    def is_traced(self, x: Any) -> bool:
        # A recording GradientTape counts: its gradients need TF ops, not the NumPy first-call path.
        return not tf.executing_eagerly() or _tape_recording()

    def asarray(self, x: Any, dtype: Any = None) -> Any:
        if isinstance(x, (tf.Tensor, tf.Variable)):
            return x if dtype is None or x.dtype == dtype else tf.cast(x, dtype)
        if type(x) is np.ndarray and (dtype is None or tf.as_dtype(x.dtype) == dtype):
            # (the same tensor as convert_to_tensor's, in a third of its time: 10 µs for a 64×64 image,
            # most of what a recorded program's call adds to its NumPy run)
            return tf.constant(x)
        return tf.convert_to_tensor(np.asarray(x), dtype=dtype)

    def astype(self, x: Any, dtype: Any) -> Any:
        if not isinstance(x, (tf.Tensor, tf.Variable)):
            return tf.convert_to_tensor(np.asarray(x), dtype=dtype)
        return tf.cast(x, dtype)

    def ensure(self, x: Any, dtype: Any) -> Any:
        if isinstance(x, tf.Tensor) and x.dtype == dtype:
            return x
        if isinstance(x, tf.Variable) and x.dtype == dtype:  # (tf.cast would return the variable itself,
            return tf.convert_to_tensor(x)  # which lacks the Tensor attributes lowerings read, e.g. ndim)
        return self.astype(x, dtype)

    def to_numpy(self, x: Any) -> Any:
        return x.numpy() if hasattr(x, "numpy") else np.asarray(x)

    def write_back(self, original: Any, value: Any) -> bool:
        if isinstance(original, tf.Variable):  # (inside tf.function too: the assignment is a graph op)
            original.assign(tf.cast(value, original.dtype))
            return True
        return super().write_back(original, value)

    # TensorFlow's global generator (tf.random.set_global_generator / get_global_generator) seeds each
    # call; inside tf.function the draw is a stateful op, so every run of the graph gets fresh numbers.
    def next_rng(self, traced: bool, key: Any = None) -> Any:
        if key is not None:
            return key
        return tf.random.get_global_generator().make_seeds(1)[:, 0]

    def rng_fold(self, rng: Any, i: int) -> Any:
        return tf.random.experimental.stateless_fold_in(rng, i)

    def rng_uniform(self, rng: Any, shape: Any, dtype: Any) -> Any:
        return tf.random.stateless_uniform(tuple(shape), seed=rng, dtype=dtype)

    def rng_normal(self, rng: Any, shape: Any, dtype: Any) -> Any:
        return tf.random.stateless_normal(tuple(shape), seed=rng, dtype=dtype)

    def rng_integers(self, rng: Any, low: Any, high: Any, shape: Any, dtype: Any) -> Any:
        d = dtype if dtype in (tf.int32, tf.int64) else tf.int64
        out = tf.random.stateless_uniform(tuple(shape), seed=rng, minval=low, maxval=high, dtype=d)
        return tf.cast(out, dtype)

    def compile(self, fn: Callable[..., Any], example: Sequence[Any]) -> Callable[..., Any]:
        spec = [tf.TensorSpec(x.shape, x.dtype) for x in example]
        return tf.function(fn, input_signature=spec, autograph=False, reduce_retracing=False)

    def stage(self, fn: Callable[..., Any], example: Sequence[Any]) -> Callable[[], Callable[..., Any]]:
        """The traced graph's ConcreteFunction, called directly: it skips tf.function's dispatch on the
        input signature, about a third of a small graph's call time."""
        function: Any = self.compile(fn, example)  # a tf.function (compile's signature says only callable)
        return function.get_concrete_function

    def outside_tracing(self) -> Any:
        return tf.init_scope()

    def first_call_backend(self, arrays: Sequence[Any] = ()) -> Backend | None:
        """Before tf.function has traced and compiled a signature (in the background), run NumPy:
        TensorFlow's eager op dispatch costs tens of microseconds per op."""
        from . import get_backend

        return get_backend("numpy") if all(self.on_host(a) for a in arrays) else None

    def on_host(self, x: Any) -> bool:
        device = getattr(x, "device", "") or ""
        return not device or "CPU" in device.upper()


def _tape_recording() -> bool:
    from tensorflow.python.eager import record

    return record.could_possibly_record()


def make_backend() -> TensorflowBackend:
    return TensorflowBackend()
