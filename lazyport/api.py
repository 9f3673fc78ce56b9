"""Public entry points: what ``lazyport.transpile`` returns for each kind of object."""

from __future__ import annotations

import inspect
from typing import Any

from .errors import TranslationError, UnknownTargetError

_SOURCES = ("torch", "pytorch")


def _check_source(source: str) -> None:
    if not isinstance(source, str) or source.lower() not in _SOURCES:
        raise UnknownTargetError(f"unknown source {source!r}: lazyport translates from 'torch'")


def transpile(
    obj: Any = None,
    source: str = "torch",
    target: str | None = None,
    args: tuple | list | None = None,
    kwargs: dict | None = None,
    *,
    cache_size: int | None = None,
) -> Any:
    """Translate torch code ``obj`` so that it takes and returns ``target`` arrays.

    ``target`` is ``"jax"``, ``"tensorflow"`` or ``"numpy"`` (``"torch"`` returns ``obj`` unchanged).
    Without ``args``/``kwargs`` the translation is lazy: it happens at the first call for each input
    signature (shapes, dtypes, static Python arguments) and is cached. With them it is eager: the
    translation for that signature (and its compilation) happens now, so every call is fast.

    Used without ``obj`` it is a decorator: ``@lazyport.transpile(source="torch", target="jax")``.
    """
    _check_source(source)
    if target is None:
        raise UnknownTargetError("transpile needs target='jax', 'tensorflow' or 'numpy'")
    if obj is None:
        return lambda o: transpile(o, source=source, target=target, args=args, kwargs=kwargs, cache_size=cache_size)

    from .backends import canonical_target

    if isinstance(target, str) and target.lower() in _SOURCES:
        return obj
    target = canonical_target(target)
    special = _translate_object(obj, target, args, kwargs)
    if special is not None:
        return special
    if not callable(obj):
        raise TranslationError(f"cannot translate {obj!r}: expected a torch function")
    from .engine import TranslatedFunction

    translated = TranslatedFunction(obj, target, cache_size=cache_size)
    if args is not None or kwargs is not None:
        translated.warm(*(args or ()), **(kwargs or {}))
    return translated


def _translate_object(obj: Any, target: str, args: Any, kwargs: Any) -> Any:
    """Modules, ``nn.Module`` classes and instances (and lazyport proxies of them); None for anything else.

    A module gives the same lazy proxy as ``import lazyport.<target>.<module>``; a class a proxy whose
    instances are translated modules; an instance a translated module (weights converted now, once).
    """
    import sys

    if type(obj).__module__ == "lazyport.hook.proxy":  # a proxy already: translate its original
        obj = obj.__wrapped__
    torch = sys.modules.get("torch")
    if inspect.ismodule(obj):
        from .hook.proxy import module_proxy

        if args is not None or kwargs is not None:
            raise TranslationError("a module is always translated lazily: leave out args/kwargs")
        return module_proxy(obj, target)
    if torch is None:
        return None
    if isinstance(obj, type) and issubclass(obj, torch.nn.Module):
        from .hook.proxy import class_proxy

        if args is not None or kwargs is not None:
            raise TranslationError("args/kwargs apply to a module instance: transpile(MyModule(...), args=...)")
        return class_proxy(obj, target)
    if isinstance(obj, torch.nn.Module):
        from .hook.proxy import ModuleInstanceProxy

        proxy = ModuleInstanceProxy(obj, target)
        if args is not None or kwargs is not None:
            translated = proxy._self_translated
            translated._translated.warm(translated.state, *(args or ()), **(kwargs or {}))
        return proxy
    return None
