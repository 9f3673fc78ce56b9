"""Input signatures: what each argument leaf of a call is, the cache key the call is looked up by, and
what translating it needs of the arguments (torch specs of the arrays, their parameter names, a rebuild
of ``(args, kwargs)`` from tensors).

:class:`Arguments` belongs to one translated function and reads its calls; :class:`Signature` is one
call read so. :func:`leaf_paths` is the one routine that names parameters (the engine's array inputs,
a graph's signature, ``dynamic_shapes``' positional names).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import inspect
import keyword
from collections.abc import Callable, Sequence
from typing import Any

import optree

from . import trees
from .backends import Backend
from .backends.base import framework_of
from .diskcache import float_key
from .errors import MixedFrameworkError, TranslationError, UnsupportedDtypeError


class Kind(enum.IntEnum):
    """What an argument leaf is. The kinds up to ``CONVERT`` are the translation's array inputs."""

    TRACED = -1  # a target array being traced (a JAX tracer, a symbolic tf.Tensor)
    ARRAY = 0  # a concrete target array
    CONVERT = 1  # a NumPy array given to another target: converted, as every target accepts them
    STATIC = 2  # a hashable Python value: part of the key, baked into the translation
    FOREIGN = 3  # another framework's array: a mistake
    TORCH = 4  # a torch tensor: a mistake (call the torch function)


def positional_params(fn: Any) -> list[str]:
    """The names of ``fn``'s positional parameters, in order (empty where it has no signature).

    >>> positional_params(lambda x, y=1, *rest, mode="a": x)
    ['x', 'y']
    """
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def leaf_paths(fn: Any, treedef: Any, leaves: Sequence[Any]) -> list[tuple[str, tuple]]:
    """Per leaf of a flattened ``(args, kwargs)``: the parameter it is in (``x``, ``arg2`` past the named
    positional ones, a keyword's name) and its path inside that argument's containers."""
    positional = positional_params(fn)
    try:
        paths, _, _ = optree.tree_flatten_with_path(
            optree.tree_unflatten(treedef, list(leaves)), none_is_leaf=True, namespace=trees.NAMESPACE
        )
    except Exception:
        paths = [(0, i) for i in range(len(leaves))]
    named = []
    for path in paths:
        if len(path) < 2:
            named.append(("x", ()))
        elif path[0] == 0:
            i = path[1]
            named.append((positional[i] if isinstance(i, int) and i < len(positional) else f"arg{i}", path[2:]))
        else:
            named.append((str(path[1]), path[2:]))
    return named


class Arguments:
    """How one translated function reads its calls' arguments for ``backend`` (with the function's
    ``dynamic_shapes``, if any, which key dynamic sizes by name)."""

    def __init__(self, fn: Callable[..., Any], backend: Backend, dynamic: Any = None):
        self.fn = fn
        self.backend = backend
        self.dynamic = dynamic
        self.kinds: dict[type, Kind] = {}  # by the leaf's type (read on the call path: a dict, not a method)

    def kind(self, leaf: Any) -> Kind:
        t = type(leaf)
        kind = self.kinds.get(t)
        if kind is None:
            fw = framework_of(leaf)
            if self.backend.is_array(leaf):
                kind = Kind.TRACED if isinstance(leaf, self.backend.tracer_types) else Kind.ARRAY
            elif fw == "torch" and hasattr(leaf, "shape"):
                kind = Kind.TORCH
            elif fw == "numpy" and hasattr(leaf, "shape") and type(leaf).__name__ == "ndarray":
                kind = Kind.CONVERT
            elif fw in ("jax", "tensorflow") and hasattr(leaf, "shape") and hasattr(leaf, "dtype"):
                kind = Kind.FOREIGN
            else:
                kind = Kind.STATIC
            self.kinds[t] = kind
        return kind

    def is_concrete(self, x: Any) -> bool:
        """Is ``x`` a concrete array of the target, of a type a call has met (no conversion, not traced)?"""
        return self.kinds.get(type(x)) == Kind.ARRAY

    @property
    def name(self) -> str:
        """The function's name where it is an identifier, else ``graph``: it names generated code."""
        name = getattr(self.fn, "__name__", None) or type(self.fn).__name__
        return name if name.isidentifier() and not keyword.iskeyword(name) else "graph"

    def read(self, leaves: Sequence[Any], treedef: Any) -> Signature:
        """The signature of a call flattened to ``leaves``/``treedef``: its key (the treedef, then per leaf
        the shape and dtype of an array or the type and value of a static one) and its arrays (NumPy ones
        converted). Raises :class:`MixedFrameworkError` for another framework's array, and
        :class:`TranslationError` for a static value that cannot be part of a key."""
        parts: list[Any] = [treedef]
        arrays: list[Any] = []
        for leaf in leaves:
            kind = self.kind(leaf)
            if kind <= Kind.CONVERT:
                if kind == Kind.CONVERT:
                    leaf = self.backend.asarray(leaf)
                arrays.append(leaf)
                parts.append((tuple(leaf.shape), leaf.dtype))
            elif kind == Kind.STATIC:
                parts.append(self._static_part(leaf))
            else:
                raise self._mixed(leaf)
        sig = Signature(self, tuple(parts), arrays, leaves, treedef)
        if self.dynamic is not None:  # dynamic sizes by their names, after checking the call's relations
            sig.key = tuple(self.dynamic.key(parts, treedef, sig.input_names))
        return sig

    def _static_part(self, leaf: Any) -> tuple[Any, Any]:
        bits = float_key(leaf)
        if bits is not None:  # by bits: -0.0 and 0.0 differ, nan equals nan
            return (type(leaf), bits)
        try:
            hash(leaf)
        except TypeError:
            if type(leaf) is slice:  # unhashable before Python 3.12
                return (slice, (leaf.start, leaf.stop, leaf.step))
            raise TranslationError(
                f"argument {leaf!r} of type {type(leaf).__name__} is neither a {self.backend.name} array nor "
                "a hashable Python value; pass arrays, scalars, strings, dtypes or containers of them"
            ) from None
        return (type(leaf), leaf)

    def __repr__(self) -> str:  # (the translated function's own repr, which errors name)
        return f"<lazyport {self.backend.name} translation of {getattr(self.fn, '__qualname__', repr(self.fn))}>"

    def _mixed(self, leaf: Any) -> MixedFrameworkError:
        fw, what = framework_of(leaf), repr(self)
        if fw == "torch":
            return MixedFrameworkError(
                f"{what} was called with a torch.Tensor; it takes {self.backend.name} arrays "
                f"(call the original torch function for torch tensors, or convert the tensor first)"
            )
        return MixedFrameworkError(
            f"{what} was called with a {fw} array ({type(leaf).__name__}); it takes {self.backend.name} "
            "arrays. Do not mix frameworks in one call: convert the array first."
        )

    def label(self, arrays: Sequence[Any], leaves: Sequence[Any] = ()) -> str:
        """``'kornia.color.rgb_to_hsv(float32[1,3,8,8]) -> jax'``: a signature, for log lines and status."""
        fn = self.fn
        name = (getattr(fn, "__qualname__", None) or type(fn).__name__).rpartition("<locals>.")[2]
        module = getattr(fn, "__module__", None)
        if module and module != "__main__":
            name = f"{module}.{name}"
        parts = []
        for a in arrays:
            dtype = getattr(a.dtype, "name", a.dtype)
            parts.append(f"{dtype}[{','.join(str(d) for d in a.shape)}]")
        for leaf in leaves:
            if self.kind(leaf) == Kind.STATIC:
                text = repr(leaf)
                parts.append(text if len(text) <= 24 else text[:21] + "...")
        return f"{name}({', '.join(parts)}) -> {self.backend.name}"

    def specs(
        self, arrays: Sequence[Any], exact: bool = False, hints: Sequence[Sequence[int]] | None = None
    ) -> list[tuple[tuple[int, ...], Any]]:
        """(shape, torch dtype) per input array; ``exact``: without the JAX int32 -> int64 widening;
        ``hints``: per array, the sizes to capture dims unknown while tracing at (automatic dynamic sizes)."""
        b = self.backend
        to_torch = functools.partial(Backend.torch_dtype, b) if exact else b.torch_dtype
        specs = []
        for j, a in enumerate(arrays):
            shape = tuple(a.shape)
            if self.dynamic is not None:  # dims unknown while tracing: the sizes of the first call
                shape = self.dynamic.hint(j, shape)
            elif hints is not None:
                shape = tuple(s if type(s) is int else h for s, h in zip(shape, hints[j]))
            if any(not isinstance(d, int) for d in shape):
                raise TranslationError(
                    f"{self!r} needs static shapes, got an input of shape {shape}; give tf.function an input "
                    "signature with known dimensions"
                )
            try:
                td = to_torch(a.dtype)
            except UnsupportedDtypeError:
                raise
            except Exception as exc:
                raise UnsupportedDtypeError(f"input dtype {a.dtype!r} is not supported by lazyport") from exc
            specs.append((shape, td))
        return specs


@dataclasses.dataclass
class Signature:
    """One call's signature, as :meth:`Arguments.read` made it."""

    args: Arguments
    key: tuple  # what the translation is cached by, in memory and (hashed) on disk
    arrays: list[Any]  # the array inputs, in flattening order (NumPy arrays converted to the target's)
    leaves: Sequence[Any]  # the call's (args, kwargs) flattened
    treedef: Any

    def replace(self, **changes: Any) -> Signature:
        """This signature under another key (automatic dynamic sizes) or for other arrays (specs of a size)."""
        return dataclasses.replace(self, **changes)

    def label(self) -> str:
        return self.args.label(self.arrays, self.leaves)

    def input_names(self) -> list[str]:
        """A name per array input, from the function's parameters (``x``, ``d_a``, ``pair_0``)."""
        kind = self.args.kind
        return [
            f"{base}_{'_'.join(str(p) for p in rest)}" if rest else base
            for (base, rest), leaf in zip(leaf_paths(self.args.fn, self.treedef, self.leaves), self.leaves)
            if kind(leaf) <= Kind.CONVERT
        ]

    def given(self) -> list[Any]:
        """The caller's array leaves, before any conversion (where in-place writes go back to)."""
        return [leaf for leaf in self.leaves if self.args.kind(leaf) <= Kind.CONVERT]

    def specs(self, exact: bool = False, hints: Sequence[Sequence[int]] | None = None) -> list[tuple[tuple, Any]]:
        return self.args.specs(self.arrays, exact, hints)

    def rebuild(self) -> Callable[[Sequence[Any]], tuple[tuple, dict]]:
        """``(args, kwargs)`` of the call from a tensor per array input (its static leaves kept, dtypes
        given as target dtypes turned into torch's)."""
        statics, mask = [], []
        as_torch = self.args.backend.as_torch_dtype
        for leaf in self.leaves:
            is_input = self.args.kind(leaf) <= Kind.CONVERT  # NumPy arrays given to another target are inputs too
            mask.append(is_input)
            if not is_input:
                td = as_torch(leaf) if not isinstance(leaf, bool | int | float | str) else None
                statics.append(td if td is not None else leaf)
        treedef = self.treedef

        def rebuild(tensors: Sequence[Any]) -> tuple[tuple, dict]:
            ti, si = iter(tensors), iter(statics)
            flat = [next(ti) if m else next(si) for m in mask]
            return optree.tree_unflatten(treedef, flat)  # type: ignore[return-value]  # (an (args, kwargs) treedef)

        return rebuild
