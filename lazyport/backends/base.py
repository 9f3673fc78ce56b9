"""What every backend provides. Subclasses are small: see numpy.py, jax.py, tensorflow.py."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import UnsupportedDtypeError

# torch dtype name -> NumPy-style dtype name; a backend maps names to its own dtype objects.
DTYPE_NAMES = (
    "bool",
    "uint8",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "bfloat16",
    "float32",
    "float64",
    "complex64",
    "complex128",
    *("float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz"),
)
# 8-bit floats: NumPy and JAX have them through ml_dtypes; TensorFlow's ops do not compute with them
FLOAT8_NAMES = frozenset(DTYPE_NAMES[-4:])
FRAMEWORK_ROOTS = {
    "jax": "jax",
    "jaxlib": "jax",
    "tensorflow": "tensorflow",
    "keras": "tensorflow",
    "numpy": "numpy",
    "torch": "torch",
}


def framework_of(x: Any) -> str | None:
    """Which framework's array ``x`` is, judged by its type's module (imports nothing)."""
    root = type(x).__module__.partition(".")[0]
    return FRAMEWORK_ROOTS.get(root)


class GuardFailed(Exception):
    """A guard of a recorded program does not hold for this call (internal: the engine runs the call
    op by op, or another recorded variant; never seen by users)."""


class Backend:
    """A translation target. ``xp`` is its NumPy-like namespace."""

    name: str = ""
    tracer_types: tuple[type, ...] = ()  # array types that stand for values being traced (JAX tracers)
    concrete_by_type = True  # False: a concrete array's type may also be traced (TensorFlow's tf.Tensor)
    xp: Any = None  # the NumPy-like namespace lowerings are written against
    fw: Any = None  # the framework module itself (jax, tensorflow, numpy) for target-specific lowerings

    def __init__(self) -> None:
        self._dtype_cache: dict[Any, Any] = {}
        self._name_cache: dict[Any, str] = {}
        # what staging a compile (the part of it in the caller's thread) has recently cost, in seconds:
        # the least a signature's uncompiled calls spend before it is compiled (see Entry.set_first_runner)
        self.staging_cost = 0.0

    def staged(self, seconds: float) -> None:
        """Note that staging one compile took ``seconds`` in the caller's thread (a running mean)."""
        self.staging_cost = seconds if not self.staging_cost else 0.5 * (self.staging_cost + seconds)

    # ----- dtypes
    def dtype_by_name(self, name: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def dtype(self, torch_dtype: Any) -> Any:
        """The target dtype standing for ``torch_dtype``."""
        d = self._dtype_cache.get(torch_dtype)
        if d is None:
            name = str(torch_dtype).rpartition(".")[2]
            if name not in DTYPE_NAMES:
                raise UnsupportedDtypeError(f"torch dtype {torch_dtype} has no {self.name} equivalent")
            d = self._dtype_cache[torch_dtype] = self.dtype_by_name(name)
        return d

    def torch_dtype(self, target_dtype: Any) -> Any:
        """The torch dtype to capture an input of ``target_dtype`` with."""
        import torch

        name = self.dtype_name(target_dtype)
        if name not in DTYPE_NAMES:
            raise UnsupportedDtypeError(
                f"{self.name} dtype {target_dtype} has no torch equivalent; convert the array to a numeric "
                "dtype (bool, integer, float or complex) first"
            )
        return getattr(torch, name)

    def dtype_name(self, target_dtype: Any) -> str:
        """NumPy-style name of a target dtype (memoised: lowerings ask at every op, NumPy's is slow)."""
        try:
            return self._name_cache[target_dtype]
        except (KeyError, TypeError):  # TypeError: an unhashable dtype-like
            pass
        name = self._dtype_name(target_dtype)
        with contextlib.suppress(TypeError):
            self._name_cache[target_dtype] = name
        return name

    def _dtype_name(self, target_dtype: Any) -> str:
        import numpy as np

        try:
            return np.dtype(target_dtype).name
        except TypeError:
            return str(target_dtype)

    def as_torch_dtype(self, obj: Any) -> Any:
        """``obj`` as a torch dtype if it is a dtype object of this target, else None."""
        import numpy as np

        if isinstance(obj, np.dtype) or (isinstance(obj, type) and issubclass(obj, np.generic)):
            return self.torch_dtype(obj)
        # scalar-type objects such as jnp.float32 carry a NumPy dtype
        if not hasattr(obj, "shape") and isinstance(getattr(obj, "dtype", None), np.dtype):
            return self.torch_dtype(obj.dtype)
        return None

    def is_floating(self, d: Any) -> bool:
        name = self.dtype_name(d)
        return name in ("float16", "bfloat16", "float32", "float64") or name in FLOAT8_NAMES

    def is_complex(self, d: Any) -> bool:
        return self.dtype_name(d).startswith("complex")

    def is_integer(self, d: Any) -> bool:
        n = self.dtype_name(d)
        return n.startswith("int") or n.startswith("uint")

    # ----- arrays
    def is_array(self, x: Any) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def is_traced(self, x: Any) -> bool:
        """True when ``x`` is an abstract value inside the target's tracing (jit, tf.function)."""
        return False

    def asarray(self, x: Any, dtype: Any = None) -> Any:
        return self.xp.asarray(x, dtype=dtype)

    def to_numpy(self, x: Any) -> Any:
        import numpy as np

        return np.asarray(x)

    def write_back(self, original: Any, value: Any) -> bool:
        """Give the caller's input ``original`` the ``value`` the torch function wrote into it in place
        (``x.add_(1)``, ``out=x``); False where that array cannot change (JAX arrays, ``tf.Tensor``, a
        read-only NumPy array). A writable NumPy array is updated for every target."""
        import numpy as np

        if type(original) is not np.ndarray or not original.flags.writeable:
            return False
        np.copyto(original, self.to_numpy(value), casting="unsafe")
        return True

    def from_host(self, dtype: Any) -> Callable[[Any], Any]:
        """A conversion, made once and called per result, of a NumPy array to this backend's array of
        ``dtype``: how the NumPy program's results become the target's on uncompiled calls."""
        import numpy as np

        return lambda x: self.asarray(np.asarray(x), dtype=dtype)

    def from_backend(self, x: Any, other: Backend, dtype: Any = None) -> Any:
        """``x``, an array of backend ``other``, as an array of this backend (of ``dtype`` if given)."""
        if other is self:
            return x if dtype is None else self.ensure(x, dtype)
        return self.asarray(other.to_numpy(x), dtype=dtype)

    def astype(self, x: Any, dtype: Any) -> Any:
        return self.xp.asarray(x).astype(dtype)

    def at_least_float32(self, x: Any) -> Any:
        """``x`` as a floating (or complex) array of at least float32 precision: integers, bools and
        float16/bfloat16 become float32, as torch computes its float-valued functions."""
        name = self.dtype_name(x.dtype)
        if name in ("float32", "float64", "complex64", "complex128"):
            return x
        return self.astype(x, self.dtype_by_name("float32"))

    def ensure(self, x: Any, dtype: Any) -> Any:
        """``x`` as an array of exactly ``dtype`` (torch's promotion result, read off the capture)."""
        if getattr(x, "dtype", None) == dtype:
            return x
        return self.astype(x, dtype)

    # ----- randomness: `rng` is opaque to lowerings; one per call, split per op with rng_fold
    def next_rng(self, traced: bool, key: Any = None) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def rng_fold(self, rng: Any, i: int) -> Any:
        return rng

    def rng_uniform(self, rng: Any, shape: Sequence[int], dtype: Any) -> Any:  # pragma: no cover
        raise NotImplementedError

    def rng_normal(self, rng: Any, shape: Sequence[int], dtype: Any) -> Any:  # pragma: no cover
        raise NotImplementedError

    def rng_integers(self, rng: Any, low: Any, high: Any, shape: Sequence[int], dtype: Any) -> Any:  # pragma: no cover
        raise NotImplementedError

    # ----- running
    def compile(self, fn: Callable[..., Any], example: Sequence[Any]) -> Callable[..., Any]:
        """A compiled version of the straight-line ``fn`` for arrays shaped like ``example``."""
        return fn

    def stage(self, fn: Callable[..., Any], example: Sequence[Any]) -> Callable[[], Callable[..., Any]]:
        """Compile ``fn`` for arrays like ``example`` in two parts: what holds the GIL runs now, and the
        returned function finishes the compile (on the background worker) and returns the compiled form."""
        compiled = self.compile(fn, example)

        def finish() -> Callable[..., Any]:
            compiled(*example)  # trace and compile for this signature
            return compiled

        return finish

    def block(self, out: Any) -> Any:
        """``out`` once computed (JAX dispatches asynchronously)."""
        return out

    def frozen(self, x: Any) -> Any:
        """``x``, a program constant, as the program holds it (where arrays are mutable: read-only)."""
        return x

    def guard(self, x: Any, kind: str, value: Any) -> Any:
        """A guard's result (lazyport.lower.GUARD): does ``x`` read as ``value`` still? A boolean array; a
        backend whose values are concrete (NumPy) raises :class:`GuardFailed` at once instead of going on
        with a program that is not this call's."""
        xp = self.xp
        flat = xp.reshape(x, (-1,))
        if kind == "bool":
            truth = flat if self.dtype_name(flat.dtype) == "bool" else flat != 0
            return xp.all(truth) if value else xp.logical_not(xp.any(truth))
        want = xp.asarray(value, dtype=flat.dtype)
        if kind == "item":
            want = xp.reshape(want, (1,))
        same = flat == xp.reshape(want, (-1,))
        if self.is_floating(flat.dtype) or self.is_complex(flat.dtype):  # a NaN read stays a NaN
            same = same | (xp.isnan(flat) & xp.isnan(xp.reshape(want, (-1,))))
        return xp.all(same)

    def wrap_program(self, fn: Callable[..., Any], own_results: bool = False) -> Callable[..., Any]:
        """The generated program as it is run (NumPy: without floating-point warnings). ``own_results``:
        its results go to the caller as they are (where arrays are mutable, none may be a constant's)."""
        return fn

    def outside_tracing(self) -> Any:
        """A context in which arrays made are concrete even while the target traces (TensorFlow's
        ``tf.init_scope``): a program's constants, made once and shared by every graph that calls it."""
        return contextlib.nullcontext()

    def first_call_backend(self, arrays: Sequence[Any] = ()) -> Backend | None:
        """The backend that runs a concrete first call of ``arrays`` and the calls before the compiled
        form is ready (None: this one, eagerly). NumPy only for arrays in host memory: arrays on an
        accelerator are never copied to the host for it; the target's own eager ops run there."""
        return None

    def on_host(self, x: Any) -> bool:
        """Is the array ``x`` in host (CPU) memory?"""
        return True
