"""Steady calls of a translated module without the engine's per-call work.

A plain call of a translated module goes ``module(x)`` → a dict of its state → the engine: flatten
``(state, x)``, a signature of every leaf, an LRU lookup, the program, unflatten. For a small model that
Python work costs more than the compiled program (the hand-written way, ``jax.jit`` over ``nnx.split``
state, flattens in C++). Once a call has run through the engine, a :class:`Shortcut` keeps what it found
for that signature: the engine's :class:`~lazyport.engine.Entry`, the order in which the program takes
the state values and the user's arrays, and the shapes and dtypes it was made for. Later calls whose
arguments have the same key (:func:`call_key`) read the state values in that order and run the entry
directly.

What a shortcut call checks, so that it runs exactly what the engine would: the arguments are concrete
target arrays (or ``None``, ``bool``, ``int``, ``str`` values, keyed by value) of the key's shapes and
dtypes; each state value is the object last checked or has the recorded type, shape and dtype. Anything
else (tracers inside ``nnx.jit``/``nnx.grad``, NumPy inputs, containers, floats, a state value of a new
shape) takes the engine's path, which translates again where needed. Signatures that draw random numbers
or write into their inputs never get a shortcut.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

import optree

from .. import trees

_SCALARS = (bool, int, str, type(None))


def call_key(fn: Any, args: tuple, kwargs: dict) -> tuple | None:
    """The user's arguments' signature when every one is a concrete array of ``fn``'s target or a plain
    static scalar (else None): positional count, keyword names in call order, ``(shape, dtype)`` per
    array, ``(type, value)`` per scalar."""
    parts: list[Any] = [len(args), tuple(kwargs)]
    for v in (*args, *kwargs.values()) if kwargs else args:
        if fn.args.is_concrete(v):
            parts.append((v.shape, v.dtype))
        elif type(v) in _SCALARS:
            parts.append((type(v), v))
        else:
            return None
    return tuple(parts)


class _Slot:
    """A leaf standing for one input while finding the order in which the program takes its arrays."""

    __slots__ = ("source",)

    def __init__(self, source: tuple[str, Any]):
        self.source = source


class Shortcut:
    """One signature of a module's forward in one mode, run directly (see the module docstring).

    ``names``: the state's names in the order the program takes their values, first; ``perm``: then the
    user's arrays, as indices into ``(*args, *kwargs.values())``.
    """

    __slots__ = ("fn", "entry", "names", "perm", "specs", "last", "get")

    def __init__(self, fn: Any, entry: Any, names: tuple[str, ...], perm: tuple[int, ...], values: Sequence[Any]):
        self.fn = fn
        self.entry = entry
        self.names = names
        self.perm = perm
        self.specs = tuple((type(v), v.shape, v.dtype) for v in values)
        self.last: list[Any] = list(values)  # the state values checked last (kept alive: identity stays valid)
        self.get = _getter(names)

    def check(self, values: list[Any]) -> bool:
        """Are ``values`` (the state, in ``names`` order) what this signature was made for?"""
        if all(map(operator.is_, values, self.last)):
            return True
        for v, (t, shape, dtype) in zip(values, self.specs):
            if type(v) is not t or v.shape != shape or v.dtype != dtype:
                return False
        self.last = values
        return True

    def run(self, values: list[Any], args: tuple, kwargs: dict) -> Any:
        """The forward's result, ``(outputs, new buffer values)``, for checked state ``values``."""
        user = (*args, *kwargs.values()) if kwargs else args
        entry = self.entry
        self.fn.count_hit()
        outs = entry.run([*values, *[user[i] for i in self.perm]], False)
        return optree.tree_unflatten(entry.out_spec, outs)


def _getter(names: tuple[str, ...]) -> Callable[[dict[str, Any]], Sequence[Any]]:
    if len(names) >= 2:
        return operator.itemgetter(*names)
    return lambda d: [d[n] for n in names]


def make(fn: Any, state: dict[str, Any], args: tuple, kwargs: dict) -> Shortcut | None:
    """A shortcut for the signature the call ``fn(state, *args, **kwargs)`` just ran, or None when it has
    none (:meth:`~lazyport.engine.TranslatedFunction.shortcut_entry`)."""
    entry = fn.shortcut_entry((state, *args), kwargs)
    if entry is None:
        return None
    names = list(state)
    slots = (
        {n: _Slot(("state", n)) for n in names},
        *[_Slot(("user", i)) if fn.args.is_concrete(a) else a for i, a in enumerate(args)],
    )
    kw_slots = {
        k: _Slot(("user", len(args) + j)) if fn.args.is_concrete(v) else v for j, (k, v) in enumerate(kwargs.items())
    }
    leaves, _ = trees.flatten((slots, kw_slots))
    order = [leaf.source for leaf in leaves if type(leaf) is _Slot]
    n = len(names)
    if any(kind != "state" for kind, _ in order[:n]) or any(kind != "user" for kind, _ in order[n:]):
        return None  # (never met: the state dict comes first, so its leaves do)
    ordered = tuple(name for _, name in order[:n])
    return Shortcut(fn, entry, ordered, tuple(i for _, i in order[n:]), [state[name] for name in ordered])
