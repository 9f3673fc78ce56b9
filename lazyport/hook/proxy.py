"""wrapt proxies that make a torch library look like a library of the target framework.

* :class:`ModuleProxy` stands for a module. Attributes are translated on first access and cached on the
  proxy (in its own instance dictionary, so later reads are plain attribute lookups): submodules become
  module proxies, functions :class:`FunctionProxy`, ``nn.Module`` classes :class:`ClassProxy`, tensor
  constants target arrays; everything else (numbers, strings, enums, exceptions, other classes) is
  returned as it is. The import system's writes (``__spec__``, ``__loader__``, ``__path__``, child
  modules) land on the proxy: the real module is never written to.
* :class:`FunctionProxy` translates the function at its first call, through the engine's
  :class:`~lazyport.engine.TranslatedFunction` (translation per input signature, cached there).
* :class:`ClassProxy` builds the real ``nn.Module`` (target arrays among the constructor arguments are
  converted to tensors) and returns a translated module (:mod:`lazyport.nn`; for NumPy a
  :class:`~lazyport.nn.proxy.ModuleInstanceProxy`), which converts the parameters,
  buffers and tensor attributes once and passes them as *inputs* of the translated forward
  (``torch.func.functional_call``), so they are neither re-converted per call nor baked into graphs.

Proxy state uses wrapt's ``_self_`` prefix. ``dir()``, ``help()``, docstrings and
``inspect.signature`` show the original object (wrapt forwards them, ``__wrapped__`` is the original);
``repr()`` shows the original inside a note saying which translation it is. Proxies compare by identity.
Proxies are shared: one per (target, original object), so ``lazyport.transpile(kornia, ...)``,
``import lazyport.jax.kornia`` and ``from lazyport.jax import kornia`` give the same object.

Function and module proxies have ``.wait()``, ``.cache_info()`` and ``.cache_clear()``; a module proxy's
act on the functions translated through it and its submodules, and give way to a library attribute of
the same name. Under the target ``auto`` (``lazyport.auto.<library>``) functions are
:class:`~lazyport.dispatch.AutoFunction` s, tensor constants NumPy arrays, and ``nn.Module`` classes and
instances raise when used: a module's weights need one framework.
"""

from __future__ import annotations

import functools
import importlib
import sys
import threading
import types
from typing import Any

from ..backends.convert import tensor_to_target
from ..errors import NotTorchLibraryError
from ..proxybase import Proxy
from .names import AUTO, PREFIX

_lock = threading.RLock()
_modules: dict[tuple[str, str], ModuleProxy] = {}  # (target, real module name) -> proxy
_objects: dict[tuple[str, int], tuple[Any, Any]] = {}  # (target, id(original)) -> (original, proxy)
_torch_based: dict[str, bool] = {}  # library root -> uses torch

# Module attributes the import system writes; they belong to the proxy, not to the real module.
_MODULE_OWN = frozenset({"__name__", "__spec__", "__loader__", "__package__", "__path__"})
# Cache controls a module proxy offers where the library has no attribute of that name (ModuleProxy._self_*).
_MODULE_CONTROLS = frozenset({"wait", "cache_info", "cache_clear"})
_FUNCTION_TYPES: tuple[type, ...] = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    functools.partial,
)


def _torch() -> Any:
    return sys.modules.get("torch")


# --------------------------------------------------------------------------------------- modules
class ModuleProxy(Proxy):
    """A module of a torch library, seen from ``target``."""

    def __init__(self, module: types.ModuleType, target: str):
        super().__init__(module)
        self._self_target = target
        self._self_name = f"{PREFIX}{target}.{module.__name__}"
        self._self_root = module.__name__.partition(".")[0]
        d = self.__self_dict__
        d["_self_spec"] = None
        d["_self_loader"] = None
        d["_self_package"] = self._self_name if hasattr(module, "__path__") else self._self_name.rpartition(".")[0]
        d["_self_path"] = [] if hasattr(module, "__path__") else None

    # The import system reads and writes these; they must describe the proxy.
    @property
    def __name__(self) -> str:
        return self._self_name

    @__name__.setter
    def __name__(self, value: str) -> None:  # importlib.reload() writes it back
        self._self_name = value

    @property
    def __spec__(self) -> Any:
        return self._self_spec

    @__spec__.setter
    def __spec__(self, value: Any) -> None:
        self._self_spec = value

    @property
    def __loader__(self) -> Any:
        return self._self_loader

    @__loader__.setter
    def __loader__(self, value: Any) -> None:
        self._self_loader = value

    @property
    def __package__(self) -> Any:
        return self._self_package

    @__package__.setter
    def __package__(self, value: Any) -> None:
        self._self_package = value

    @property
    def __path__(self) -> list[str]:
        # Empty (never the real module's directories): submodules are found by lazyport's finder,
        # not loaded a second time from the library's files under a lazyport name.
        if self._self_path is None:
            raise AttributeError(f"module {self._self_name!r} is not a package")
        return self._self_path

    @__path__.setter
    def __path__(self, value: list[str]) -> None:
        self._self_path = value

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_self_") or name in _MODULE_OWN:
            super().__setattr__(name, value)
        else:  # e.g. the import system binding a child module: an overlay on the proxy only
            self.__self_dict__[name] = value

    def __delattr__(self, name: str) -> None:
        if name.startswith("_self_"):
            super().__delattr__(name)
        else:
            try:
                del self.__self_dict__[name]
            except KeyError:
                raise AttributeError(name) from None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_self_") or name == "__wrapped__":
            return super().__getattr__(name)
        if name in _MODULE_OWN:
            raise AttributeError(f"module {self._self_name!r} has no attribute {name!r}")
        try:
            value = getattr(self.__wrapped__, name)
        except AttributeError:
            if name in _MODULE_CONTROLS:  # the library's own attribute of that name wins
                return getattr(self, f"_self_{name}")
            raise AttributeError(f"module {self._self_name!r} has no attribute {name!r}") from None
        result = translate(value, self._self_target, self._self_root)
        self.__self_dict__[name] = result  # later reads skip __getattr__ entirely
        return result

    def __repr__(self) -> str:
        return f"<module {self._self_name!r}: lazyport {self._self_target} translation of {self.__wrapped__!r}>"

    def __reduce_ex__(self, protocol: Any) -> Any:
        """By reference: the real module's name and the target (:func:`rebuild_module_proxy`)."""
        return rebuild_module_proxy, (self.__wrapped__.__name__, self._self_target)

    # ``.wait()``, ``.cache_info()``, ``.cache_clear()`` (reached through __getattr__, see _MODULE_CONTROLS)
    def _self_functions(self) -> list[Any]:
        """The translated functions made so far through this module proxy and its submodules' proxies."""
        prefix = self.__wrapped__.__name__ + "."
        modules = [self] + [
            p
            for (t, name), p in list(_modules.items())
            if t == self._self_target and name.startswith(prefix) and p is not self
        ]
        seen: set[int] = set()
        out: list[Any] = []
        for m in modules:
            for v in list(m.__self_dict__.values()):
                if isinstance(v, FunctionProxy) and v._self_translated is not None and id(v) not in seen:
                    seen.add(id(v))
                    out.append(v._self_translated)
        return out

    def _self_wait(self, timeout: float | None = None) -> bool:
        """Compile the pending signatures of this module's translated functions and wait for lazyport's
        background work (or ``timeout`` seconds); True when it is done."""
        from ..dispatch import wait_for

        return wait_for(self._self_functions(), timeout)

    def _self_cache_info(self) -> Any:
        """``(hits, misses, translations, currsize, maxsize)`` summed over the functions translated so far
        through this module and its submodules."""
        from ..dispatch import total_info

        return total_info(self._self_functions())

    def _self_cache_clear(self) -> None:
        """Forget the in-memory translations of this module's (and its submodules') functions."""
        for f in self._self_functions():
            f.cache_clear()


# ------------------------------------------------------------------------------------- functions
class FunctionProxy(Proxy):
    """A torch function seen from ``target``: translated at the first call, then the engine's cache."""

    def __init__(self, fn: Any, target: str):
        super().__init__(fn)
        self._self_target = target
        self._self_translated: Any = None  # the engine's TranslatedFunction or an AutoFunction, once called
        # A call without arrays builds something (timm.create_model, torchvision.models.resnet18): it runs
        # in torch and its result is translated (lazyport.hook.torchcall). torch's own functions (randn)
        # stay translated, drawing from the target's RNG; "auto" needs arrays to pick a framework.
        top = (getattr(fn, "__module__", None) or "torch").partition(".")[0]
        self._self_builds = target != "auto" and top != "torch"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._self_builds:
            from . import torchcall

            if torchcall.takes_no_arrays(args, kwargs):
                return torchcall.call(self.__wrapped__, self._self_target, args, kwargs)
        translated = self._self_translated
        if translated is None:
            translated = self._self_translate()
        return translated(*args, **kwargs)

    def wait(self, timeout: float | None = None) -> bool:
        """Compile this function's pending signatures and wait for background work (see
        :meth:`lazyport.engine.TranslatedFunction.wait`)."""
        return self._self_translate().wait(timeout)

    def cache_info(self) -> Any:
        """``(hits, misses, translations, currsize, maxsize)`` of this function's translations."""
        return self._self_translate().cache_info()

    def cache_clear(self) -> None:
        """Forget this function's in-memory translations and reset :meth:`cache_info`."""
        self._self_translate().cache_clear()

    def __reduce_ex__(self, protocol: Any) -> Any:
        """By reference: the original function and the target; the unpickled proxy translates afresh."""
        from ..pickling import original_reference

        original_reference(self.__wrapped__, self, repr(self))
        return rebuild_function_proxy, (self.__wrapped__, self._self_target)

    def _self_translate(self) -> Any:
        with _lock:
            if self._self_translated is None:
                if self._self_target == AUTO:  # lazyport.auto.<library>: per call, the arrays' framework
                    from ..dispatch import AutoFunction

                    self._self_translated = AutoFunction(self.__wrapped__)
                else:
                    from ..engine import TranslatedFunction

                    self._self_translated = TranslatedFunction(self.__wrapped__, self._self_target)
            return self._self_translated


# --------------------------------------------------------------------------------------- classes
class ClassProxy(Proxy):
    """An ``nn.Module`` class seen from ``target``: instances are translated modules (:mod:`lazyport.nn`).

    Also a factory class (one with a ``from_...`` classmethod, transformers' ``AutoModel``): its
    classmethods and constructor run in torch and their results are translated (:mod:`.torchcall`).
    """

    def __init__(self, cls: type, target: str):
        super().__init__(cls)
        self._self_target = target

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ..nn import translate_module
        from .torchcall import to_target, to_torch

        torch = _torch()
        if not (torch is not None and issubclass(self.__wrapped__, torch.nn.Module)):  # a factory class
            return to_target(self.__wrapped__(*to_torch(args), **to_torch(kwargs)), self._self_target)
        # nnx's rngs= (where random ops draw from) is no torch constructor argument
        options = {"rngs": kwargs.pop("rngs")} if self._self_target == "jax" and "rngs" in kwargs else {}
        args, kwargs = to_torch((args, kwargs))  # translated modules among them: their torch modules
        return translate_module(self.__wrapped__(*args, **kwargs), self._self_target, **options)

    def __getattr__(self, name: str) -> Any:
        value = super().__getattr__(name)
        if not name.startswith("_") and isinstance(value, types.MethodType) and value.__self__ is self.__wrapped__:
            return _classmethod_call(value, self._self_target)  # from_config / from_pretrained
        return value

    def __mro_entries__(self, bases: tuple) -> tuple:
        """``class Mine(lazyport.jax.lib.Base)`` subclasses the real class."""
        return (self.__wrapped__,)

    def __reduce_ex__(self, protocol: Any) -> Any:
        """By reference: the original class and the target."""
        return rebuild_class_proxy, (self.__wrapped__, self._self_target)

    def __instancecheck__(self, instance: Any) -> bool:
        core = getattr(instance, "lazyport_core", None)  # an nnx module / Keras layer lazyport made
        return isinstance(getattr(core, "module", instance), self.__wrapped__)

    def __subclasscheck__(self, subclass: Any) -> bool:
        return issubclass(subclass, self.__wrapped__)


class AutoClassProxy(ClassProxy):
    """An ``nn.Module`` class under ``lazyport.auto``: visible (``dir``, ``isinstance``, docs), but making an
    instance raises, since its weights would be converted once, to one framework
    (:func:`~lazyport.dispatch.refuse_module`)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ..dispatch import refuse_module

        raise refuse_module(self.__wrapped__.__qualname__)


class AutoModuleRefusal(Proxy):
    """An ``nn.Module`` instance found in a library under ``lazyport.auto``: calling it raises (see
    :class:`AutoClassProxy`)."""

    def __init__(self, module: Any, target: str):
        super().__init__(module)
        self._self_target = target

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ..dispatch import refuse_module

        raise refuse_module(f"{type(self.__wrapped__).__qualname__} instance")


# ------------------------------------------------------------------------------------ translation
def _shared(original: Any, target: str, make: Any) -> Any:
    key = (target, id(original))
    hit = _objects.get(key)
    if hit is None:
        with _lock:
            hit = _objects.get(key)
            if hit is None:
                hit = _objects[key] = (original, make(original, target))
    return hit[1]


def _is_torch_callable(value: Any) -> bool:
    if isinstance(value, _FUNCTION_TYPES):
        return True
    torch = _torch()
    if torch is None:
        return False
    return isinstance(value, (torch._ops.OpOverloadPacket, torch._ops.OpOverload))


def translate(value: Any, target: str, root: str) -> Any:
    """What an attribute ``value`` of a module of the library ``root`` becomes under ``target``."""
    if isinstance(value, Proxy):
        return value
    if isinstance(value, types.ModuleType):
        vroot = value.__name__.partition(".")[0]
        if vroot == root or vroot == "torch" or _torch_based.get(vroot):
            return module_proxy(value, target)
        return value  # another library (numpy, math, ...): not ours to translate
    torch = _torch()
    if isinstance(value, type):
        if torch is not None and issubclass(value, torch.nn.Module):
            return _shared(value, target, AutoClassProxy if target == AUTO else ClassProxy)
        if target != "auto" and _is_factory_class(value):  # transformers' AutoModel: from_config(...) builds modules
            return _shared(value, target, ClassProxy)
        return value
    if torch is not None:
        if isinstance(value, torch.Tensor):
            return tensor_to_target(value, target)
        if isinstance(value, torch.nn.Module):
            if target == AUTO:
                return _shared(value, target, AutoModuleRefusal)
            from ..nn import translate_module

            return translate_module(value, target)
    if _is_torch_callable(value):
        return _shared(value, target, FunctionProxy)
    return value


def _is_factory_class(cls: type) -> bool:
    """A class with a public ``from_...`` classmethod (``AutoModel.from_config``), not an exception or enum."""
    import enum

    if issubclass(cls, (BaseException, enum.Enum)):
        return False
    return any(
        name.startswith("from_") and isinstance(attr, classmethod)
        for klass in cls.__mro__[:-1]
        for name, attr in vars(klass).items()
    )


def _classmethod_call(method: Any, target: str) -> Any:
    """A classmethod of a proxied class: runs in torch, its result translated (lazyport.hook.torchcall)."""
    from . import torchcall

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        return torchcall.call(method, target, args, kwargs)

    return call


def module_proxy(module: types.ModuleType, target: str) -> ModuleProxy:
    """The (shared) proxy of ``module`` under ``target``; checks once that its library uses torch."""
    if isinstance(module, ModuleProxy):
        if module._self_target == target:
            return module
        module = module.__wrapped__
    key = (target, module.__name__)
    proxy = _modules.get(key)
    if proxy is None:
        check_torch_based(module.__name__.partition(".")[0])
        with _lock:
            proxy = _modules.get(key)
            if proxy is None:
                proxy = _modules[key] = ModuleProxy(module, target)
    return proxy


def import_translated(name: str, target: str) -> ModuleProxy:
    """Import the real module ``name`` and return its proxy (the finder's loader calls this)."""
    return module_proxy(importlib.import_module(name), target)


def class_proxy(cls: type, target: str) -> ClassProxy:
    return _shared(cls, target, ClassProxy)


def check_torch_based(root: str) -> None:
    """Raise :class:`NotTorchLibraryError` unless the (imported) library ``root`` uses torch."""
    if _torch_based.get(root):
        return
    ok = _uses_torch(root)
    _torch_based[root] = ok
    if not ok:
        raise NotTorchLibraryError(
            f"{root!r} does not use torch, so lazyport has nothing to translate: lazyport.<target>.<library> "
            f"is for torch-based libraries (kornia, torch itself, ...). Use {root} directly.",
            name=root,
        )


def _uses_torch(root: str) -> bool:
    if root == "torch":
        return True
    torch = _torch()
    if torch is not None:
        # A module of the library holds torch (or a torch submodule) as a global.
        prefix = root + "."
        for name, mod in list(sys.modules.items()):
            if mod is None or not (name == root or name.startswith(prefix)):
                continue
            for v in list(getattr(mod, "__dict__", {}).values()):
                if v is torch or (isinstance(v, types.ModuleType) and v.__name__.startswith("torch.")):
                    return True
    try:  # a library that imports torch lazily: its distribution says so
        from importlib.metadata import PackageNotFoundError, requires

        reqs = requires(root) or []
    except (ImportError, PackageNotFoundError):
        reqs = []
    import re

    if any(re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0].lower() == "torch" for r in reqs):
        return True
    from .torchuse import library_imports_torch  # or its code does (inside a function, a later submodule)

    module = sys.modules.get(root)
    return module is not None and library_imports_torch(module)


# ------------------------------------------------------------------------------------ unpickling
# What the proxies' pickles name (``__reduce_ex__`` above): keep these names and arguments stable.
def rebuild_function_proxy(fn: Any, target: str) -> Any:
    """The shared import-hook proxy of the function ``fn`` under ``target``."""
    return translate(fn, target, (getattr(fn, "__module__", None) or "").partition(".")[0])


def rebuild_class_proxy(cls: type, target: str) -> Any:
    """The shared import-hook proxy of the ``nn.Module`` class ``cls`` under ``target``."""
    return translate(cls, target, cls.__module__.partition(".")[0])


def rebuild_module_proxy(name: str, target: str) -> Any:
    """The proxy of the module ``name`` under ``target``, as ``import lazyport.<target>.<name>`` gives."""
    return import_translated(name, target)
