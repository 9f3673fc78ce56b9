"""JAX target: compiled with ``jax.jit``.

With x64 off (JAX's default) int64/float64/complex128 are represented by their 32-bit kinds, and
int32 inputs are captured as torch int64, so torch code that insists on int64 (labels, indices)
accepts the int32 arrays a JAX user has. A concrete first call runs the NumPy lowering (no XLA
compile) while ``jax.jit`` compiles in the background; see :mod:`lazyport.api`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from .. import trees
from .base import Backend

_NARROW = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}
_WIDE = frozenset(np.dtype(n) for n in _NARROW)


def _host_transfer() -> Callable[[np.ndarray], Any] | None:
    """``jnp.asarray`` of a NumPy array without its Python dispatch: the same copy to the default device
    (uncommitted, not weakly typed), 5-8 µs instead of 16 µs for a 64×64 image, which is most of what
    a recorded program's call adds to its NumPy run. ``None`` where this JAX lacks the entry point."""
    try:
        from jax._src import core
        from jax._src.interpreters import pxla
        from jax._src.lib import xla_client
    except ImportError:  # pragma: no cover (a JAX without these internals: jnp.asarray)
        return None
    put, shaped, default_device = xla_client.batched_device_put, core.ShapedArray, pxla.get_default_device
    Sharding = jax.sharding.SingleDeviceSharding
    avals: dict[tuple[tuple[int, ...], np.dtype], Any] = {}  # (building one costs 2 µs)
    shardings: dict[Any, Any] = {}

    def transfer(x: np.ndarray) -> Any:
        device = default_device()
        sharding = shardings.get(device) or shardings.setdefault(device, Sharding(device))
        if not x.flags.c_contiguous:  # (NumPy's copy of a strided view is 2-3× faster than XLA's)
            x = np.ascontiguousarray(x)
        key = (x.shape, x.dtype)
        aval = avals.get(key)
        if aval is None:
            if len(avals) > 1024:
                avals.clear()
            aval = avals[key] = shaped(x.shape, x.dtype)
        return put(aval, sharding, [x], [device], False, True)  # uncommitted, copied as jnp.asarray does

    return transfer


_transfer = _host_transfer()


def _register_container(t: type, flatten: Callable, unflatten: Callable) -> None:
    """Make a container type lazyport gives back (a transformers ``ModelOutput``, a cache object) a pytree
    of ``jax.tree_util`` too, so results pass through ``jax.jit``, ``nnx.jit`` and ``lax`` loops. This is
    a registration in JAX's process-wide registry; a type someone registered before is left as it is."""
    try:
        jax.tree_util.register_pytree_node(t, flatten, unflatten)
    except ValueError:  # already registered (by its library, the user, or an earlier lazyport)
        pass


trees.on_register(_register_container)


class JaxBackend(Backend):
    name = "jax"
    tracer_types = (jax.core.Tracer,)

    def __init__(self) -> None:
        super().__init__()
        import threading

        self._key: Any = None
        self._key_lock = threading.Lock()
        self._host_only: bool | None = None  # no accelerator in this process (known at the first call)

    fw = jax
    xp = jnp

    @property
    def x64(self) -> bool:
        return bool(jax.config.read("jax_enable_x64"))

    def dtype(self, torch_dtype: Any) -> Any:
        # not cached across x64 switches: the flag can change at run time
        key = (torch_dtype, self.x64)
        d = self._dtype_cache.get(key)
        if d is None:
            d = super().dtype(torch_dtype)
            self._dtype_cache.pop(torch_dtype, None)
            self._dtype_cache[key] = d
        return d

    def dtype_by_name(self, name: str) -> Any:
        if not self.x64:
            name = _NARROW.get(name, name)
        return jnp.dtype(name)

    def torch_dtype(self, target_dtype: Any) -> Any:
        t = super().torch_dtype(target_dtype)
        if not self.x64 and self.dtype_name(target_dtype) == "int32":
            import torch

            return torch.int64
        return t

    def is_array(self, x: Any) -> bool:
        return isinstance(x, (jax.Array, jax.core.Tracer))

    def is_traced(self, x: Any) -> bool:
        return isinstance(x, jax.core.Tracer)

    def asarray(self, x: Any, dtype: Any = None) -> Any:
        if dtype is not None and getattr(x, "dtype", None) == dtype:
            dtype = None  # (half the cost of jnp.asarray on a NumPy array)
        if isinstance(x, np.ndarray) and not x.dtype.isnative:
            # JAX refuses non-native byte order (a big-endian array read from a file) with a TypeError;
            # the same values in native order are what torch would compute on
            x = x.astype(x.dtype.newbyteorder("="))
        if (
            _transfer is not None
            and dtype is None
            and type(x) is np.ndarray
            and x.dtype.kind in "biufc"
            and (x.dtype not in _WIDE or self.x64)
        ):
            return _transfer(x)
        return jnp.asarray(x, dtype=dtype)

    def astype(self, x: Any, dtype: Any) -> Any:
        return jnp.asarray(x).astype(dtype)

    def compile(self, fn: Callable[..., Any], example: Sequence[Any]) -> Callable[..., Any]:
        return jax.jit(fn)

    def block(self, out: Any) -> Any:
        return jax.block_until_ready(out)

    def stage(self, fn: Callable[..., Any], example: Sequence[Any]) -> Callable[[], Callable[..., Any]]:
        """Trace and lower now (Python, under the GIL: a few ms); XLA's compile, which releases the GIL,
        runs in the background and so does not slow the calls made meanwhile."""
        jitted = jax.jit(fn)
        lowered = jitted.trace(*(jax.ShapeDtypeStruct(a.shape, a.dtype) for a in example)).lower()

        def finish() -> Callable[..., Any]:
            compiled = lowered.compile()

            def call(*args: Any) -> Any:
                try:
                    return compiled(*args)
                except (TypeError, ValueError):  # weakly typed or differently placed arrays: jit retraces
                    return jitted(*args)

            return call

        return finish

    # JAX randomness is explicit: pass rng_key=jax.random.key(n) to a translated function that draws
    # random numbers. Outside jax transforms, calls without a key draw from lazyport's own key stream
    # (lazyport.seed(n) resets it); inside them a key is required, or every call would repeat its draws.
    def next_rng(self, traced: bool, key: Any = None) -> Any:
        if key is not None:
            return key
        if traced:
            from ..errors import LazyportError

            raise LazyportError(
                "this translated function draws random numbers; inside jax.jit/grad/vmap pass an explicit "
                "key: f(x, rng_key=jax.random.key(0)) (split it per call as usual in JAX)"
            )
        with self._key_lock:
            if self._key is None:
                import os

                self._key = jax.random.key(int.from_bytes(os.urandom(4), "little"))
            self._key, sub = jax.random.split(self._key)
        return sub

    def seed(self, n: int) -> None:
        with self._key_lock:
            self._key = jax.random.key(n)

    def rng_fold(self, rng: Any, i: int) -> Any:
        return jax.random.fold_in(rng, i)

    def rng_uniform(self, rng: Any, shape: Any, dtype: Any) -> Any:
        return jax.random.uniform(rng, tuple(shape), dtype=dtype)

    def rng_normal(self, rng: Any, shape: Any, dtype: Any) -> Any:
        return jax.random.normal(rng, tuple(shape), dtype=dtype)

    def rng_integers(self, rng: Any, low: Any, high: Any, shape: Any, dtype: Any) -> Any:
        return jax.random.randint(rng, tuple(shape), low, high, dtype=dtype)

    def first_call_backend(self, arrays: Sequence[Any] = ()) -> Backend | None:
        from . import get_backend

        return get_backend("numpy") if all(self.on_host(a) for a in arrays) else None

    def on_host(self, x: Any) -> bool:
        if self._host_only is None:  # (asked at the first call: by then JAX has made its devices)
            self._host_only = all(d.platform == "cpu" for d in jax.devices())
        if self._host_only:  # a process without accelerators: every array is in host memory
            return True
        devices = getattr(x, "devices", None)
        return devices is None or all(d.platform == "cpu" for d in devices())

    def from_host(self, dtype: Any) -> Callable[[Any], Any]:
        """The transfer of :func:`_host_transfer`, straight, for a native NumPy array of ``dtype``
        (a result of the NumPy program, which has torch's dtype already); the general path otherwise."""
        dtype = np.dtype(dtype)
        general = super().from_host(dtype)
        if _transfer is None or dtype.kind not in "biufc" or dtype in _WIDE or not dtype.isnative:
            return general
        transfer = _transfer

        def put(x: Any) -> Any:
            return transfer(x) if type(x) is np.ndarray and x.dtype == dtype else general(x)

        return put

    def from_numpy(self, x: Any, dtype: Any) -> Any:
        return jnp.asarray(np.asarray(x), dtype=dtype)


def make_backend() -> JaxBackend:
    return JaxBackend()
