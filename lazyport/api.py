"""Public entry points: what ``lazyport.transpile`` returns for each kind of object, and
``lazyport.trace_graph`` / ``lazyport.compare`` (graphs of functions), ``lazyport.export_module``."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from .backends import AUTO
from .errors import TranslationError, UnknownTargetError

_SOURCES = ("torch", "pytorch")


def _check_source(source: str) -> None:
    if isinstance(source, str) and source.lower() in _SOURCES:
        return
    from .backends import canonical_target

    try:
        target = canonical_target(source)
    except UnknownTargetError:
        raise UnknownTargetError(f"unknown source {source!r}: lazyport translates from 'torch'") from None
    raise UnknownTargetError(
        f"source={source!r}: lazyport translates from 'torch'. The second positional argument is the source; "
        f"did you mean target={target!r}? Write transpile(fn, target={target!r}) "
        f"(or transpile(fn, source='torch', target={target!r}))"
    )


def transpile(
    obj: Any = None,
    source: str = "torch",
    target: str | None = None,
    args: tuple | list | None = None,
    kwargs: dict | None = None,
    *,
    cache_size: int | None = None,
    dynamic_shapes: Any = None,
) -> Any:
    """Translate torch code ``obj`` so that it takes and returns ``target`` arrays.

    ``target`` is ``"jax"``, ``"tensorflow"`` or ``"numpy"`` (``"torch"`` returns ``obj`` unchanged), or
    ``"auto"`` (Ivy's ``unify``): a function or module that, at each call, runs on the framework of the
    arrays it is given, each framework translated and cached separately (:mod:`lazyport.dispatch`).
    Without ``args``/``kwargs`` the translation is lazy: the first call for each input signature
    (shapes, dtypes, static Python arguments) runs the function op by op on the op tables and records
    the program it runs, which is the translation; later calls run that program, compiled once the
    signature is called often (``.wait()`` compiles now and blocks until done). With them it is eager:
    the translation for that signature (and its compilation) happens now, so every call is fast.

    ``dynamic_shapes`` (torch.export's convention: one entry per positional argument, ``None`` or
    ``{dim_index: "name"}``) makes the named dims symbolic: one translation serves every size of them
    (:mod:`lazyport.dynamic`).

    Used without ``obj`` it is a decorator: ``@lazyport.transpile(source="torch", target="jax")``.
    """
    _check_source(source)
    if target is None:
        raise UnknownTargetError("transpile needs target='jax', 'tensorflow' or 'numpy'")
    if obj is None:
        return lambda o: transpile(
            o,
            source=source,
            target=target,
            args=args,
            kwargs=kwargs,
            cache_size=cache_size,
            dynamic_shapes=dynamic_shapes,
        )

    from .backends import canonical_target

    if isinstance(target, str) and target.lower() in _SOURCES:
        return obj
    target = canonical_target(target, auto=True)
    if dynamic_shapes is not None and (
        target == AUTO or not callable(obj) or isinstance(obj, type) or inspect.ismodule(obj) or _is_module(obj)
    ):
        raise TranslationError(
            "dynamic_shapes applies to a function translated to one target (transpile(fn, target='jax', "
            "dynamic_shapes=...)); an nn.Module's graph with dynamic dims, its weights as constants, is "
            "lazyport.trace_graph(model, target=..., args=..., dynamic_shapes=...)"
        )
    special = _translate_object(obj, target, args, kwargs)
    if special is not None:
        return special
    if not callable(obj):
        raise TranslationError(f"cannot translate {obj!r}: expected a torch function")
    if target == AUTO:  # one callable, translated per call for the framework of its arrays (lazyport.dispatch)
        from .dispatch import AutoFunction

        translated: Any = AutoFunction(obj, cache_size=cache_size)
    else:
        from .engine import TranslatedFunction

        translated = TranslatedFunction(obj, target, cache_size=cache_size, dynamic_shapes=dynamic_shapes)
    if args is not None or kwargs is not None:
        translated.warm(*(args or ()), **(kwargs or {}))
    return translated


def _is_module(obj: Any) -> bool:
    import sys

    torch = sys.modules.get("torch")
    return torch is not None and isinstance(obj, torch.nn.Module)


def _translate_object(obj: Any, target: str, args: Any, kwargs: Any) -> Any:
    """Modules, ``nn.Module`` classes and instances (and lazyport proxies of them); None for anything else.

    A module gives the same lazy proxy as ``import lazyport.<target>.<module>``; a class a proxy whose
    instances are translated modules; an instance a translated module (weights converted now, once):
    a ``flax.nnx.Module`` for JAX, a ``keras.layers.Layer`` for TensorFlow, a callable for NumPy.
    """
    import sys

    if type(obj).__module__ == "lazyport.nn.proxy":  # a translated module: its weights as they are now
        obj = obj.torch_module
    elif type(obj).__module__ == "lazyport.hook.proxy":  # a proxy: translate its original
        obj = obj.__wrapped__
    torch = sys.modules.get("torch")
    if (
        target == AUTO
        and torch is not None
        and (isinstance(obj, torch.nn.Module) or (isinstance(obj, type) and issubclass(obj, torch.nn.Module)))
    ):
        from .dispatch import refuse_module

        raise refuse_module(getattr(obj, "__qualname__", None) or type(obj).__qualname__)
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
    if isinstance(obj, torch.nn.Module):  # JAX: a flax.nnx.Module; TensorFlow: a Keras layer (lazyport.nn)
        from .nn import translate_module

        translated = translate_module(obj, target)
        if args is not None or kwargs is not None:
            getattr(translated, "_self_translated", translated).warm(*(args or ()), **(kwargs or {}))
        return translated
    return None


def trace_graph(
    fn: Any = None,
    source: str = "torch",
    target: str | None = None,
    args: tuple | list | None = None,
    kwargs: dict | None = None,
    *,
    cache_size: int | None = None,
    dynamic_shapes: Any = None,
) -> Any:
    """Trace the torch function ``fn`` to a :class:`~lazyport.graph.Graph` of ``target`` ops.

    Without ``args``/``kwargs`` the graph is captured lazily, at the first call of each input signature
    (with the same cache rules as :func:`transpile`); with them it is captured, lowered and compiled now
    (eager), so the first call is as fast as any other. The graph is callable on target arrays and has
    ``.code``, ``.ops``, ``.signature``, ``.show()``, ``.save(path)`` and ``.check(*args)``.

    A function whose control flow reads input values has no single graph: tracing it raises
    :class:`~lazyport.DataDependentError` naming the line (``transpile`` runs such code op by op).

    ``dynamic_shapes`` (as for :func:`transpile`) gives one graph for every size of the named dims;
    ``g.export(path, format=...)`` writes it as a JAX ``Exported`` or a TensorFlow SavedModel.

    Used without ``fn`` it is a decorator: ``@lazyport.trace_graph(source="torch", target="jax")``.
    """
    _check_source(source)
    if target is None:
        raise UnknownTargetError("trace_graph needs target='jax', 'tensorflow' or 'numpy'")
    if fn is None:
        return lambda f: trace_graph(
            f,
            source=source,
            target=target,
            args=args,
            kwargs=kwargs,
            cache_size=cache_size,
            dynamic_shapes=dynamic_shapes,
        )
    from .backends import canonical_target

    if isinstance(target, str) and target.lower() in _SOURCES:
        raise UnknownTargetError("trace_graph translates torch code: target must be 'jax', 'tensorflow' or 'numpy'")
    if isinstance(target, str) and target.lower() == AUTO:
        raise UnknownTargetError(
            "trace_graph(target='auto'): a graph is one program in one framework, so it needs one target: "
            "'jax', 'tensorflow' or 'numpy' (transpile(fn, target='auto') follows the arrays' framework per call)"
        )
    target = canonical_target(target)
    if inspect.ismodule(fn) or isinstance(fn, type) or not callable(fn):
        raise TranslationError(
            f"trace_graph takes a torch function, not {fn!r}; use lazyport.transpile for modules and nn.Module classes"
        )
    from .graph import Graph

    graph = Graph(fn, target, cache_size=cache_size, dynamic_shapes=dynamic_shapes)
    if args is not None or kwargs is not None:
        graph.trace(*(args or ()), **(kwargs or {}))
    return graph


def compare(fn: Any, *args: Any, target: str, rtol: float = 1e-4, atol: float = 1e-5, **kwargs: Any) -> Any:
    """Run ``fn`` node by node in torch and on ``target``; report the first node that differs.

    Returns a :class:`~lazyport.graph.Comparison` (true when all nodes agree; ``str()`` gives the report,
    with the torch source line of the first differing node). See :func:`lazyport.graph.compare`.
    """
    from .backends import canonical_target
    from .graph import compare as _compare

    return _compare(fn, *args, target=canonical_target(target), rtol=rtol, atol=atol, **kwargs)


def export_module(
    translated: Any, path: Any, format: str | None, args: tuple, kwargs: dict | None, dynamic_shapes: Any
) -> Path:
    """A module translated by ``lazyport.transpile`` exported with its *current* weights (as trained on the
    target) as constants, in inference mode: the torch module's forward with those weights, traced to a
    graph for the module's target at ``args`` (``dynamic_shapes`` as for ``trace_graph``), then exported."""
    from .export import export
    from .nn.core import mode_of
    from .nn.export import _resolve, state_dict

    _, core = _resolve(translated)
    weights = state_dict(translated)
    forward = core.forward_fn(mode_of(False))

    def module_forward(*xs: Any, **kw: Any) -> Any:
        return forward(weights, *xs, **kw)[0]

    module_forward.__name__ = module_forward.__qualname__ = type(core.module).__name__
    try:  # the module's parameter names become the artifact's input names
        module_forward.__signature__ = inspect.signature(core.module.forward)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        pass
    graph = trace_graph(
        module_forward, source="torch", target=core.target, args=args, kwargs=kwargs, dynamic_shapes=dynamic_shapes
    )
    return export(graph, Path(path), format)
