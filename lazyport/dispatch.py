"""``target="auto"``: one callable that follows the framework of the arrays it is called with.

This is lazyport's counterpart of Ivy's ``ivy.unify``. An :class:`AutoFunction` holds one ordinary lazy
:class:`~lazyport.engine.TranslatedFunction` per target, each with its own cache, created at the first
call that needs it. At every call it looks at the array leaves of the arguments (containers included,
``rng_key=`` and Python values left out) and sends the call to the translation for their framework:

* jax arrays (tracers inside ``jax.jit`` too) -> the JAX translation, TensorFlow tensors and variables
  (symbolic ones inside ``tf.function`` too) -> TensorFlow, only NumPy arrays -> NumPy;
* NumPy arrays next to the arrays of one other framework go with it, as every translation accepts
  NumPy arrays (a JAX image and a NumPy kernel run on JAX);
* jax and TensorFlow arrays in one call, or any torch tensor, raise :class:`~lazyport.MixedFrameworkError`
  naming the frameworks and the arguments; a call without any array raises
  :class:`~lazyport.UnknownTargetError` (nothing says which framework to answer in, and silently
  running the torch function would return torch tensors).

A leaf's framework is read from ``type(leaf).__module__`` (:func:`lazyport.backends.base.framework_of`):
nothing here imports a framework. ``nn.Module`` classes and instances have no ``auto`` form: their
weights are converted once, to one framework's arrays (:func:`refuse_module`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .backends import AUTO, CONCRETE_TARGETS
from .backends.base import framework_of
from .errors import MixedFrameworkError, UnknownTargetError

_SCALARS = (int, float, complex, bool, str, bytes, type(None))
_leaf_frameworks: dict[type, str | None] = {}  # leaf type -> framework of its arrays (None: not an array)


def leaf_framework(leaf: Any) -> str | None:
    """``'jax'``, ``'tensorflow'``, ``'numpy'`` or ``'torch'`` for an array of that framework, else None.

    Arrays are objects with ``shape`` and ``dtype`` whose type comes from the framework's package, so
    dtypes (``jnp.float32``, ``tf.int32``) are not arrays; NumPy scalars are not either (the engine takes
    them as static values)."""
    t = type(leaf)
    try:
        return _leaf_frameworks[t]
    except KeyError:
        pass
    fw = framework_of(leaf)
    if fw is not None and not (hasattr(leaf, "shape") and hasattr(leaf, "dtype")):
        fw = None
    if fw == "numpy" and t.__name__ != "ndarray":
        fw = None
    _leaf_frameworks[t] = fw
    return fw


def _positions(args: tuple, kwargs: dict) -> Iterable[tuple[str, Any]]:
    for i, a in enumerate(args):
        yield f"argument {i}", a
    for k, v in kwargs.items():
        if k != "rng_key":  # a JAX key: it says nothing about the arrays' framework
            yield f"keyword argument {k!r}", v


def frameworks_of(args: tuple, kwargs: dict) -> dict[str, list[str]]:
    """The frameworks of the array leaves of a call, each with the arguments (positions, keywords) holding them."""
    found: dict[str, list[str]] = {}
    flatten: Callable[[Any], tuple[list[Any], Any]] | None = None
    for where, value in _positions(args, kwargs):
        if type(value) in _SCALARS:
            continue
        fw = leaf_framework(value)
        if fw is not None:
            found.setdefault(fw, []).append(where)
            continue
        if flatten is None:
            from .trees import flatten as flatten_tree

            flatten = flatten_tree
        for leaf in flatten(value)[0]:
            fw = leaf_framework(leaf)
            if fw is not None and where not in found.setdefault(fw, []):
                found[fw].append(where)
    return found


def choose_target(name: str, args: tuple, kwargs: dict) -> str:
    """The target a call of the auto translation ``name`` runs on (see the module docstring)."""
    found = frameworks_of(args, kwargs)
    if "torch" in found:
        raise MixedFrameworkError(
            f"{name} (target='auto') was called with a torch.Tensor ({', '.join(found['torch'])}); it takes jax, "
            "tensorflow or numpy arrays and answers in their framework. Call the original torch function for "
            "torch tensors, or convert the tensor first."
        )
    others = [fw for fw in found if fw != "numpy"]
    if len(others) > 1:
        listed = " and ".join(f"{fw} arrays ({', '.join(found[fw])})" for fw in others)
        raise MixedFrameworkError(
            f"{name} (target='auto') was called with {listed}: one call runs in one framework. Convert the "
            "arrays to one framework first (NumPy arrays may join the arrays of any one framework)."
        )
    if others:
        return others[0]
    if found:
        return "numpy"
    raise UnknownTargetError(
        f"{name} (target='auto') was called without any jax, tensorflow or numpy array, so nothing says which "
        "framework to translate it for (Python numbers and strings do not). Pass at least one array, or "
        "translate it for one target: transpile(fn, source='torch', target='jax') (or 'tensorflow', 'numpy')."
    )


def total_info(functions: Iterable[Any]) -> Any:
    """The sum of the ``cache_info()`` of ``functions``, as the engine's ``CacheInfo`` named tuple."""
    from .engine import CacheInfo

    totals = [0, 0, 0, 0, 0]
    for f in functions:
        for i, v in enumerate(f.cache_info()):
            totals[i] += v
    return CacheInfo(*totals)


def wait_for(functions: Sequence[Any], timeout: float | None) -> bool:
    """Compile what ``functions`` have pending and wait for lazyport's background work (``.wait`` semantics)."""
    if not functions:
        return True
    for f in functions[:-1]:
        f.compile_pending()
    return functions[-1].wait(timeout)  # compiles the last one's and waits for everything submitted


def _name(fn: Any) -> str:
    name = (getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)).rpartition("<locals>.")[2]
    module = getattr(fn, "__module__", None)
    return f"{module}.{name}" if module and module not in ("__main__", "builtins") else name


class AutoFunction:
    """A torch function translated for whichever framework's arrays each call brings (``target="auto"``).

    Per target it keeps an ordinary lazy :class:`~lazyport.engine.TranslatedFunction`, created (thread-safely)
    at the first call with that framework's arrays; :meth:`for_target` gives it. ``wait``, ``cache_info``
    and ``cache_clear`` act on all of them (``cache_info`` sums theirs).
    """

    # TensorFlow's AutoGraph leaves callables carrying this marker alone (as TranslatedFunction's).
    autograph_info__: dict[str, Any] = {}

    def __init__(self, fn: Callable[..., Any], cache_size: int | None = None):
        self.fn = fn
        self.cache_size = cache_size
        self._by_target: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._label = _name(fn)
        functools.update_wrapper(self, fn, updated=())

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        target = choose_target(self._label, args, kwargs)
        translated = self._by_target.get(target)
        if translated is None:
            translated = self.for_target(target)
        return translated(*args, **kwargs)

    def __get__(self, obj: Any, objtype: Any = None) -> Any:  # usable as a method
        return self if obj is None else functools.partial(self, obj)

    def for_target(self, target: str) -> Any:
        """The :class:`~lazyport.engine.TranslatedFunction` this function uses for ``target`` (made now if new)."""
        from .backends import canonical_target

        target = canonical_target(target)
        translated = self._by_target.get(target)
        if translated is None:
            with self._lock:
                translated = self._by_target.get(target)
                if translated is None:
                    from .engine import TranslatedFunction

                    translated = TranslatedFunction(self.fn, target, cache_size=self.cache_size)
                    self._by_target[target] = translated
        return translated

    @property
    def targets(self) -> tuple[str, ...]:
        """The targets this function has been called for so far, in lazyport's order."""
        return tuple(t for t in CONCRETE_TARGETS if t in self._by_target)

    def warm(self, *args: Any, **kwargs: Any) -> Any:
        """Translate (and compile) now for the framework and signature of ``args``/``kwargs`` (the eager form)."""
        target = choose_target(self._label, args, kwargs)
        return self.for_target(target).warm(*args, **kwargs)

    def _translations(self) -> list[Any]:
        return [self._by_target[t] for t in self.targets]

    def wait(self, timeout: float | None = None) -> bool:
        """Compile every pending signature of every target and block until lazyport's background work is
        done (or ``timeout`` seconds passed); True when it is."""
        return wait_for(self._translations(), timeout)

    def compile_pending(self) -> None:
        """Start compiling (in the background) every signature of every target not compiled yet."""
        for f in self._translations():
            f.compile_pending()

    def cache_info(self) -> Any:
        """``(hits, misses, translations, currsize, maxsize)`` summed over the targets called so far;
        ``for_target(t).cache_info()`` gives one target's."""
        return total_info(self._translations())

    def cache_clear(self) -> None:
        """Forget every target's in-memory translations and reset :meth:`cache_info` (the targets stay)."""
        for f in self._translations():
            f.cache_clear()

    def __repr__(self) -> str:
        so_far = ", ".join(self.targets) or "none yet"
        return (
            f"<lazyport auto translation of {self._label} "
            f"(jax, tensorflow or numpy per call; targets so far: {so_far})>"
        )


def refuse_module(what: str) -> UnknownTargetError:
    """The error for an ``nn.Module`` class or instance asked for under ``target="auto"``."""
    return UnknownTargetError(
        f"{what} is an nn.Module: target='auto' is for functions and modules of functions. A translated "
        "nn.Module's weights are converted once, to one framework's arrays (flax.nnx for jax, Keras for "
        "tensorflow, NumPy), so it needs one concrete target: use target='jax', 'tensorflow' or 'numpy' "
        "(lazyport.<target>.<library> for a library's classes)."
    )


__all__ = ["AUTO", "AutoFunction", "choose_target", "frameworks_of", "leaf_framework", "refuse_module"]
