"""Flattening arguments and results: optree's containers plus those only torch's pytree knows.

Hugging Face's ``ModelOutput`` and dataclasses registered with ``torch.utils._pytree`` are containers to
torch code but leaves to optree. The first time such a type is met it is registered, in lazyport's own
optree namespace (no global registration), with torch's flatten and unflatten functions, so results come
back as the same container type holding target arrays.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

import optree

NAMESPACE = "lazyport"
_registered: set[type] = set()
_lock = threading.Lock()


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


def register(t: type) -> None:
    """Register the torch pytree node type ``t`` in lazyport's optree namespace."""
    import torch.utils._pytree as pytree

    with _lock:
        if t in _registered:
            return
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

        optree.register_pytree_node(
            t,
            flatten,
            unflatten,  # type: ignore[arg-type]  # optree types the metadata as any Hashable; ours is flatten's _Context
            namespace=NAMESPACE,
        )
        _registered.add(t)


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
        if torch_node(type(leaf)):
            register(type(leaf))
            found = True
    if found:
        return flatten(tree)
    return leaves, treedef
