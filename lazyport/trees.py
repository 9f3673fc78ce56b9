"""Flattening arguments and results: optree's containers plus those only torch's pytree knows.

Hugging Face's ``ModelOutput`` and dataclasses registered with ``torch.utils._pytree`` are containers to
torch code but leaves to optree. The first time such a type is met it is registered, in lazyport's own
optree namespace (no global registration), with torch's flatten and unflatten functions, so results come
back as the same container type holding target arrays.

transformers' cache objects (``DynamicCache``, ``StaticCache``, ``EncoderDecoderCache``, their layers and the
model-specific ``*Cache`` classes) are plain Python objects holding tensors in attributes. They are
containers here too (:func:`object_node`): their array-holding attributes are children, every other
attribute (flags, sizes, dtype, device) is metadata, so a translated model takes and returns caches of
target arrays. transformers registers the same classes with torch's pytree only while exporting; lazyport
does not depend on that.

Targets whose compilers need to know these containers (``jax.tree_util``) ask :func:`on_register` to hear
of every type registered here.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import optree

NAMESPACE = "lazyport"
_registered: set[type] = set()  # (read without the lock: a set's membership test is atomic)
_objects: set[type] = set()  # the cache classes among them
_functions: dict[type, tuple[Callable, Callable]] = {}  # each registered type's (flatten, unflatten)
_listeners: list[Callable[[type, Callable, Callable], None]] = []
_lock = threading.RLock()


class _Context:
    """torch's unflatten context (often a list) as hashable optree metadata."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Context) and self.value == other.value

    def __hash__(self) -> int:
        try:
            return hash(self.value)
        except TypeError:
            return hash(repr(self.value))


def torch_node(t: type) -> bool:
    """Is ``t`` a container type torch's pytree knows and lazyport's optree namespace does not (yet)?"""
    pytree = sys.modules.get("torch.utils._pytree")
    if pytree is None or t in _registered or t not in pytree.SUPPORTED_NODES:
        return False
    return t.__name__ != "Size" or t.__module__ != "torch"  # torch.Size is a shape: a tuple, not a tree


def object_node(t: type) -> bool:
    """Is ``t`` a transformers cache class (a ``Cache``, a cache layer or a model's own ``*Cache``) not yet
    registered here? A pure test of the class: nothing is imported."""
    if t in _registered or not t.__module__.startswith("transformers."):
        return False
    if t.__module__ == "transformers.cache_utils" and t.__name__.endswith("Layer"):  # (DummyLayer: no mixin)
        return True
    return t.__name__.endswith("Cache") or any(
        c.__module__ == "transformers.cache_utils" and (c.__name__ == "Cache" or c.__name__.endswith("LayerMixin"))
        for c in t.__mro__
    )  # (the layer mixins: CacheLayerMixin, LinearAttentionCacheLayerMixin for linear-attention / SSM layers)


def is_cache(t: type) -> bool:
    """Is ``t`` a transformers cache class, registered here or not yet?"""
    return t in _objects or object_node(t)


def _holds_arrays(value: Any) -> bool:
    """Is an attribute of a cache object a child (arrays, or containers that may hold them)?"""
    t = type(value)
    return (
        (hasattr(value, "shape") and hasattr(value, "dtype") and not isinstance(value, type))
        or t in (list, tuple, dict)
        or t in _registered
        or object_node(t)
    )


_META = (bool, int, float, complex, str, bytes, type(None), type)


def _plain(value: Any) -> bool:
    """Can a cache attribute be metadata (a value the translation bakes in, compared by ``==``)?"""
    if isinstance(value, _META):
        return True
    if isinstance(value, (tuple, frozenset)):
        return all(_plain(v) for v in value)
    t = type(value)
    return t.__module__ == "torch" and t.__name__ in ("dtype", "device", "layout")


def _register_object(t: type) -> None:
    def flatten(x: Any) -> tuple[list[Any], _Context]:
        state = vars(x)
        names = tuple(k for k, v in state.items() if _holds_arrays(v))
        meta = tuple((k, v) for k, v in state.items() if k not in names)
        for k, v in meta:
            if not _plain(v):
                from .errors import TranslationError

                raise TranslationError(
                    f"lazyport cannot carry a {t.__qualname__} whose attribute {k!r} is a {type(v).__qualname__}: "
                    "a cache object's attributes must be arrays, containers of them, or plain values (flags, "
                    "sizes, dtypes)"
                )
        return [state[k] for k in names], _Context((names, meta))

    def unflatten(meta: _Context, children: Any) -> Any:
        names, rest = meta.value
        obj: Any = object.__new__(t)
        vars(obj).update(rest)
        vars(obj).update(zip(names, children))
        return obj

    _objects.add(t)
    _add(t, flatten, unflatten)


def _add(t: type, flatten: Callable, unflatten: Callable) -> None:
    optree.register_pytree_node(
        t,
        flatten,
        unflatten,  # optree types the metadata as any Hashable; ours is flatten's _Context
        namespace=NAMESPACE,
    )
    _registered.add(t)
    _functions[t] = (flatten, unflatten)
    for listener in _listeners:
        listener(t, flatten, unflatten)


def on_register(listener: Callable[[type, Callable, Callable], None]) -> None:
    """Call ``listener(type, flatten, unflatten)`` for every container type registered here, now and later."""
    with _lock:
        if listener in _listeners:
            return
        _listeners.append(listener)
        for t in list(_registered):
            flatten, unflatten = _functions[t]
            listener(t, flatten, unflatten)


def register(t: type) -> None:
    """Register ``t``, a torch pytree node type or a cache class (:func:`object_node`), in lazyport's optree
    namespace."""
    with _lock:
        if t in _registered:
            return
        if object_node(t):
            _register_object(t)
            return
        import torch.utils._pytree as pytree

        node = pytree.SUPPORTED_NODES[t]
        build = _model_output_builder(t)

        def flatten(x: Any) -> tuple[list[Any], _Context]:
            children, ctx = node.flatten_fn(x)
            return children, _Context(ctx)

        def unflatten(meta: _Context, children: Any) -> Any:
            if build is not None:
                made = build(meta.value, children)
                if made is not None:
                    return made
            return node.unflatten_fn(list(children), meta.value)

        _add(t, flatten, unflatten)


def _model_output_builder(t: type) -> Any:
    """For a Hugging Face ``ModelOutput`` dataclass, a faster equivalent of torch's unflatten (``t(**values)``).

    ``ModelOutput.__post_init__`` tests whether a lone first field is a (key, value) iterator by iterating
    it: on a JAX array that runs one ``unstack`` op per call (tens of µs). The result of ``t(**values)``
    for arrays is known: every field an attribute (``None`` when absent), the non-None ones also dict
    items in field order. ``build(keys, values)`` makes that directly, or returns None for keys that are
    not fields (torch's unflatten then decides). Classes with their own ``__post_init__`` keep torch's."""
    import collections
    import dataclasses

    base = next(
        (c for c in t.__mro__ if c.__name__ == "ModelOutput" and c.__module__.startswith("transformers.")), None
    )
    if (
        base is None
        or not dataclasses.is_dataclass(t)
        or not issubclass(t, collections.OrderedDict)
        or getattr(t, "__post_init__", None) is not getattr(base, "__post_init__", None)
    ):
        return None
    names = tuple(f.name for f in dataclasses.fields(t))
    known = frozenset(names)
    setitem = collections.OrderedDict.__setitem__

    def build(keys: Any, values: Any) -> Any:
        given = dict(zip(keys, values))
        if not given.keys() <= known:
            return None
        obj = t.__new__(t)
        collections.OrderedDict.__init__(obj)
        attrs = vars(obj)
        for name in names:
            v = attrs[name] = given.get(name)
            if v is not None:
                setitem(obj, name, v)
        return obj

    return build


def flatten(tree: Any) -> tuple[list[Any], Any]:
    """``tree``'s leaves and treedef, registering torch-only container types met among the leaves."""
    leaves, treedef = optree.tree_flatten(tree, none_is_leaf=True, namespace=NAMESPACE)
    found = False
    for leaf in leaves:
        if torch_node(type(leaf)) or object_node(type(leaf)):
            register(type(leaf))
            found = True
    if found:
        return flatten(tree)
    return leaves, treedef
