"""Ops other libraries register through ``torch.library``, and lazyport's own.

An op with no lowering that has a Python implementation — a registered decomposition, the body of a
``torch.library.custom_op``, a ``CompositeImplicitAutograd`` kernel — is translated through that
implementation: capture and the op-by-op first call run it, so its own ops are what gets lowered. An
op whose kernels are opaque to lazyport (C++, or a Python function registered for one backend key,
which the dispatcher does not hand back) keeps an error that names it and the library that defined it.

lazyport's own op, ``lazyport::grouped_mm``, is ``aten._grouped_mm`` for any floating dtype: torch's meta
kernel accepts bfloat16 only (its CUDA kernel's restriction) while its CPU kernel, which transformers
and users call eagerly, also takes float32/float16, so capture would stop where torch runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

_OWN_NAMESPACES = ("aten", "prims", "higher_order", "lazyport")

# dispatch keys named in the error for an op with no implementation lazyport can run
_KERNEL_KEYS = ("CPU", "CUDA", "Meta", "CompositeExplicitAutograd", "CompositeImplicitAutograd")


def namespace(op: Any) -> str:
    return str(op).partition(".")[0]


def _lowered_somewhere(op: Any) -> bool:
    from ..backends import registry

    return any(registry.find(str(op), t) is not None for t in registry.TARGETS)


def python_impl(op: Any) -> Callable[..., Any] | None:
    """A Python implementation of the library op ``op`` that capture can trace, or None: ``op`` is lowered
    (a direct lowering wins), is torch's own, writes into its arguments, or has none."""
    if not isinstance(op, torch._ops.OpOverload) or namespace(op) in _OWN_NAMESPACES or op._schema.is_mutable:
        return None
    if _lowered_somewhere(op):
        return None
    decomp = torch._decomp.decomposition_table.get(op)
    if decomp is not None:
        return decomp
    opdef = torch._library.custom_ops.OPDEFS.get(op._schema.name)
    if opdef is not None:
        fns = opdef._backend_fns
        body = fns.get(None) or fns.get("cpu")
        if body is not None:
            return body
    if torch._C._dispatch_has_kernel_for_dispatch_key(op.name(), "CompositeImplicitAutograd"):
        return op.decompose
    return None


def opaque_reason(op: str) -> str | None:
    """For an op of another library with no Python implementation: why lazyport cannot translate it."""
    ns, _, rest = op.partition(".")
    if ns in _OWN_NAMESPACES or not rest:
        return None
    name = rest.rpartition(".")[0]
    schema = f"{ns}::{name}"
    try:
        keys = [k for k in _KERNEL_KEYS if torch._C._dispatch_has_kernel_for_dispatch_key(schema, k)]
    except RuntimeError:
        keys = []
    kernels = f"its kernels: {', '.join(keys)}" if keys else "no kernel"
    return (
        f"registered by the library {ns!r} through torch.library, with no Python implementation lazyport can "
        f"trace ({kernels}); register a decomposition or define it with torch.library.custom_op"
    )


def opaque_error(op: Any) -> Exception:
    """The error for ``op``, which capture cannot run on fake tensors (it has no fake kernel)."""
    from ..errors import UnsupportedOpError

    reason = opaque_reason(str(op))
    if reason is None or _lowered_somewhere(op):
        reason = "it has no fake (meta) kernel, which capture needs: register one with torch.library.register_fake"
    return UnsupportedOpError(str(op), "any", reason=reason)


def grouped_mm_op() -> Any:
    """``torch.ops.lazyport.grouped_mm.default``, defined at the first use."""
    if not hasattr(torch.ops.lazyport, "grouped_mm"):
        lib = torch.library.Library("lazyport", "FRAGMENT")  # kept alive in _LIBRARIES
        lib.define(
            "grouped_mm(Tensor self, Tensor mat2, Tensor? offs=None, Tensor? bias=None, ScalarType? out_dtype=None)"
            " -> Tensor"
        )
        lib.impl("grouped_mm", _grouped_mm_eager, "CompositeExplicitAutograd")
        lib.impl("grouped_mm", _grouped_mm_meta, "Meta")
        _LIBRARIES.append(lib)
    return torch.ops.lazyport.grouped_mm.default


_LIBRARIES: list[Any] = []


def _grouped_mm_eager(self, mat2, offs=None, bias=None, out_dtype=None):
    return torch._grouped_mm(self, mat2, offs=offs, bias=bias, out_dtype=out_dtype)


def _grouped_mm_meta(self: Any, mat2: Any, offs: Any = None, bias: Any = None, out_dtype: Any = None) -> Any:
    torch._check(self.dim() in (2, 3) and mat2.dim() in (2, 3), lambda: "_grouped_mm takes 2D or 3D operands")
    torch._check(
        (offs is None) == (self.dim() == 3 and mat2.dim() == 3),
        lambda: "Have to provide offsets if there is a 2d matrix, or no offset if both matrices are 3d",
    )
    if self.dim() == 2 and mat2.dim() == 2:
        shape: tuple[Any, ...] = (offs.shape[0], self.shape[0], mat2.shape[1])
    elif self.dim() == 2:
        shape = (self.shape[0], mat2.shape[-1])
    elif mat2.dim() == 2:
        shape = (self.shape[1], mat2.shape[1])
    else:
        shape = (self.shape[0], self.shape[1], mat2.shape[-1])
    return self.new_empty(shape, dtype=out_dtype or self.dtype)


def grouped_mm_any_float(self, mat2, offs=None, bias=None, out_dtype=None):
    """``aten._grouped_mm`` as lazyport's op for the dtypes torch's meta kernel refuses (else NotImplemented)."""
    if self.dtype == mat2.dtype == torch.bfloat16 or not (self.is_floating_point() and mat2.is_floating_point()):
        return NotImplemented
    return grouped_mm_op()(self, mat2, offs, bias, out_dtype)


# ATen ops that capture and the op-by-op path send to another op first (NotImplemented: keep the op)
REDIRECTS: dict[Any, Callable[..., Any]] = {torch.ops.aten._grouped_mm.default: grouped_mm_any_float}


_library_decomps: tuple[tuple[int, int, int], dict[Any, Callable[..., Any]]] | None = None


def library_decompositions() -> dict[Any, Callable[..., Any]]:
    """The Python implementations of the library ops (``torch.library.custom_op`` bodies, registered
    decompositions) that have no lowering: capture traces them as decompositions, so an op without a
    fake kernel is traced too. Memoised until either registry or the op tables grow."""
    global _library_decomps
    from ..backends import registry

    registry.load_all()
    opdefs, table = torch._library.custom_ops.OPDEFS, torch._decomp.decomposition_table
    key = (len(opdefs), len(table), len(registry._TABLE))
    if _library_decomps is not None and _library_decomps[0] == key:
        return _library_decomps[1]
    ops = [op for op in table if namespace(op) not in _OWN_NAMESPACES]
    for qualname in list(opdefs):
        try:
            ops.append(torch._library.utils.lookup_op(qualname))  # ("ns::name" or "ns::name.overload")
        except (AttributeError, RuntimeError):
            continue
    found = {op: impl for op in ops if (impl := python_impl(op)) is not None}
    _library_decomps = (key, found)
    return found
