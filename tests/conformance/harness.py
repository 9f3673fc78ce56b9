"""Round-trip wrappers that run kornia's own tests through lazyport.

Every public kornia function (a Python function of a public ``kornia`` module or package, such as
``kornia.color`` or ``kornia.geometry.conversions``) is replaced, on those modules, by a wrapper that converts the
call's torch tensors to the target's arrays, calls ``lazyport.transpile(fn, source="torch", target=T)``
(one translation per function per target, cached) and converts the result back to torch tensors with the
dtype and device torch gives. Only calls from outside kornia (the tests, kornia's ``testing`` helpers)
round-trip: a call whose caller is kornia's own code (a class's ``forward``, one function calling another)
runs the original, so classes (``nn.Module`` and others) are left as they are.

Tests that cannot apply to a round trip raise :func:`exclude` from what they do (gradcheck, autograd,
TorchScript, ``torch.compile``, ONNX, a non-CPU device, float64 on JAX without x64, ...) and are
reported as skipped with ``conformance-excluded: <reason>``. Target ``torch`` installs the same
detection but calls the originals: the plain-kornia reference run.
"""

from __future__ import annotations

import contextvars
import enum
import functools
import importlib
import inspect
import pkgutil
import sys
import threading
from collections import Counter
from typing import Any

import numpy as np
import optree
import pytest
import torch

import lazyport

EXCLUDED = "conformance-excluded: "

# Per-test record, reset by the conftest before each test.
CURRENT: dict[str, Any] = {"roundtrips": Counter(), "errors": []}

_inside = contextvars.ContextVar("lazyport_conformance_inside", default=False)
_SCALARS = (bool, int, float, complex, str, type(None), torch.dtype, slice, type(Ellipsis), enum.Enum)


class Excluded(Exception):
    """A test does something a round trip cannot give (the reason is the message)."""


def exclude(reason: str) -> None:
    pytest.skip(EXCLUDED + reason)


def _jax_x64() -> bool:
    import jax

    return bool(jax.config.jax_enable_x64)


def _to_target(t: torch.Tensor, target: str) -> Any:
    a = t.detach().resolve_conj().resolve_neg().cpu().numpy().copy()
    if target == "numpy":
        return a
    if target == "jax":
        import jax.numpy as jnp

        if a.dtype == np.int64 and not _jax_x64():
            a = a.astype(np.int32)  # what a JAX user (x64 off) has
        return jnp.asarray(a)
    import tensorflow as tf

    return tf.convert_to_tensor(a)


def _to_torch(x: Any, like: torch.Tensor | None, target: str) -> Any:
    a = np.asarray(x)
    t = torch.from_numpy(a.copy()) if a.dtype != object else torch.tensor(a.tolist())
    if like is not None:
        if t.dtype != like.dtype:
            narrowed = {torch.int64: torch.int32, torch.float64: torch.float32, torch.complex128: torch.complex64}
            if not (target == "jax" and not _jax_x64() and narrowed.get(like.dtype) == t.dtype):
                raise AssertionError(
                    f"lazyport result dtype {t.dtype} where torch gives {like.dtype} (target {target})"
                )
            t = t.to(like.dtype)
        t = t.to(like.device)
    return t


def _leaves(tree: Any) -> list[Any]:
    return optree.tree_leaves(tree, none_is_leaf=True, namespace="lazyport-conformance")


def _check_applicable(leaves: list[Any], target: str) -> None:
    """Raise pytest's skip for inputs a round trip cannot give torch's behaviour for."""
    for x in leaves:
        if not isinstance(x, torch.Tensor):
            continue
        if x.requires_grad and torch.is_grad_enabled():
            exclude("autograd (a requires_grad tensor passed to a kornia function)")
        if torch._C._functorch.is_functorch_wrapped_tensor(x):
            exclude("torch.func transform (vmap/grad/jacrev) over a kornia function")
        if x.device.type != "cpu":
            exclude(f"device identity ({x.device.type} tensor)")
        if target == "jax" and not _jax_x64() and x.dtype in (torch.float64, torch.complex128):
            exclude("float64 on JAX without x64")
        if target == "numpy" and x.dtype == torch.bfloat16:
            exclude("bfloat16 has no NumPy dtype")
        if x.is_sparse or x.is_quantized or x.is_nested:
            exclude(f"{x.layout} tensor")


class Wrapper:
    """``fn`` round-tripped through ``lazyport.transpile(fn, source="torch", target=target)``."""

    def __init__(self, fn: Any, name: str, target: str) -> None:
        self.fn, self.name, self.target = fn, name, target
        self._translated: Any = None
        functools.update_wrapper(self, fn)
        self.__signature__ = inspect.signature(fn) if _has_signature(fn) else None

    def __get__(self, obj: Any, objtype: Any = None) -> Any:  # stays a plain function as a class attribute
        return self if obj is None else functools.partial(self, obj)

    def translated(self) -> Any:
        if self._translated is None:
            self._translated = lazyport.transpile(self.fn, source="torch", target=self.target)
        return self._translated

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if _inside.get() or caller == "kornia" or caller.startswith("kornia."):
            return self.fn(*args, **kwargs)  # kornia's own calls (a class's forward, a helper) stay torch
        leaves = _leaves((args, kwargs))
        tensors = [x for x in leaves if isinstance(x, torch.Tensor)]
        if not tensors:
            CURRENT["roundtrips"]["passthrough: no tensor argument"] += 1
            return self.fn(*args, **kwargs)
        _check_applicable(leaves, self.target)
        others = {type(x).__name__ for x in leaves if not isinstance(x, (torch.Tensor, *_SCALARS))}
        if others:
            CURRENT["roundtrips"][f"passthrough: argument of type {sorted(others)[0]}"] += 1
            return self.fn(*args, **kwargs)
        # torch's result, for the structure, dtypes and devices only (on clones: in-place writes stay out)
        clones = optree.tree_map(
            lambda x: x.detach().clone() if isinstance(x, torch.Tensor) else x,
            (args, kwargs),
            none_is_leaf=True,
            namespace="lazyport-conformance",
        )
        token = _inside.set(True)
        try:
            try:
                with torch.no_grad():
                    expected = self.fn(*clones[0], **clones[1])
                expected_error: BaseException | None = None
            except Exception as e:  # the library's own check: lazyport must raise it too
                expected, expected_error = None, e
            CURRENT["roundtrips"][self.name] += 1
            if self.target == "torch":
                if expected_error is not None:
                    raise expected_error
                return self.fn(*args, **kwargs)
            targs, tkwargs = optree.tree_map(
                lambda x: _to_target(x, self.target) if isinstance(x, torch.Tensor) else x,
                (args, kwargs),
                none_is_leaf=True,
                namespace="lazyport-conformance",
            )
            try:
                result = self.translated()(*targs, **tkwargs)
            except Exception as e:
                if expected_error is None or type(e) is not type(expected_error):
                    CURRENT["errors"].append((self.name, _first_line(e)))
                raise
            if expected_error is not None:
                CURRENT["errors"].append((self.name, f"lazyport returned where torch raised {expected_error!r}"))
                raise AssertionError(f"{self.name}: torch raised {expected_error!r}, lazyport returned")
        finally:
            _inside.reset(token)
        try:
            return _back(expected, result, self.target)
        except AssertionError as e:
            CURRENT["errors"].append((self.name, _first_line(e)))
            raise


def _back(expected: Any, result: Any, target: str) -> Any:
    """``result`` (target arrays) in the structure and dtypes of torch's ``expected``."""
    if isinstance(expected, torch.Tensor):
        return _to_torch(result, expected, target)
    if isinstance(expected, torch.Size):
        return torch.Size(int(v) for v in result)
    if isinstance(expected, (tuple, list)):
        if not isinstance(result, (tuple, list)) or len(result) != len(expected):
            raise AssertionError(f"lazyport result {type(result).__name__} where torch gives {type(expected).__name__}")
        items = [_back(e, r, target) for e, r in zip(expected, result)]
        if hasattr(expected, "_fields"):
            return type(expected)(*items)
        return type(expected)(items)
    if isinstance(expected, dict):
        return type(expected)((k, _back(v, result[k], target)) for k, v in expected.items())
    if isinstance(expected, (bool, int, float, complex)) and not isinstance(result, (bool, int, float, complex)):
        return type(expected)(np.asarray(result).item())
    return result


def _first_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0] if text else ''}"[:200]


def _has_signature(fn: Any) -> bool:
    try:
        inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    return True


def public_namespaces() -> list[Any]:
    """``kornia`` and its public modules and subpackages (the namespaces tests import functions from)."""
    import kornia

    mods = [kornia]
    for info in pkgutil.walk_packages(kornia.__path__, "kornia.", onerror=lambda name: None):
        if any(p.startswith("_") for p in info.name.split(".")):
            continue
        try:
            mods.append(importlib.import_module(info.name))
        except Exception:  # optional dependencies (kornia.onnx, kornia.models needing extras)
            continue
    return mods


def install(target: str) -> dict[str, int]:
    """Replace kornia's public functions on its package namespaces; returns counts for the report."""
    wrappers: dict[Any, Wrapper] = {}
    patched = 0
    for mod in public_namespaces():
        for name, obj in list(vars(mod).items()):
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if not getattr(obj, "__module__", "").startswith("kornia"):
                continue
            if obj.__module__.startswith("kornia.core.check") or name.startswith("KORNIA_"):
                continue  # checks that take anything and return None/bool
            w = wrappers.get(obj)
            if w is None:
                w = wrappers[obj] = Wrapper(obj, f"{obj.__module__}.{obj.__qualname__}", target)
            setattr(mod, name, w)
            patched += 1
    return {"functions": len(wrappers), "attributes": patched}


def _excluding(original: Any, reason: str) -> Any:
    @functools.wraps(original)
    def raiser(*args: Any, **kwargs: Any) -> Any:
        if CURRENT.get("running") and not _inside.get() and threading.current_thread() is threading.main_thread():
            exclude(reason)
        # outside tests (kornia's conftest warms torch.compile up), or in a round trip's own work (torch's
        # while_loop, which kornia's canny uses under lazyport's tracing, calls torch.compile)
        return original(*args, **kwargs)

    return raiser


def install_detectors() -> int:
    """The torch APIs whose use in a test makes a round trip inapplicable raise the exclusion.

    Installed before collection (kornia's test modules do ``from torch.autograd import gradcheck``), and
    active only while a test runs.
    """
    import torch.autograd.gradcheck as gc_module
    import torch.onnx

    patches: list[tuple[Any, str, str]] = [
        (torch.autograd, "gradcheck", "gradcheck"),
        (torch.autograd, "gradgradcheck", "gradcheck"),
        (gc_module, "gradcheck", "gradcheck"),
        (gc_module, "gradgradcheck", "gradcheck"),
        (torch.autograd, "grad", "autograd (torch.autograd.grad)"),
        (torch.Tensor, "backward", "autograd (.backward)"),
        (torch.jit, "script", "TorchScript (torch.jit.script)"),
        (torch.jit, "trace", "TorchScript (torch.jit.trace)"),
        (torch, "compile", "torch.compile / dynamo"),
        (torch.onnx, "export", "ONNX export"),
        (torch.onnx, "dynamo_export", "ONNX export"),
    ]
    n = 0
    for obj, name, reason in patches:
        if hasattr(obj, name):
            setattr(obj, name, _excluding(getattr(obj, name), reason))
            n += 1
    return n
