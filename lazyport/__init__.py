"""lazyport: use PyTorch code from JAX, TensorFlow and NumPy.

``import lazyport`` imports no framework; torch and the target are imported at the first translation.
"""

from __future__ import annotations

from typing import Any

from . import log as _log
from ._version import __version__ as __version__
from .api import compare, trace_graph, transpile
from .errors import (
    ConfigError,
    DataDependentError,
    LazyportError,
    MixedFrameworkError,
    StateDictError,
    TranslationError,
    UnknownTargetError,
    UnsupportedDtypeError,
    UnsupportedOpError,
)
from .hook.finder import IMPORT_TARGETS as _TARGETS
from .hook.finder import install_finder as _install_finder

__all__ = [
    "wait",
    "Comparison",
    "ConfigError",
    "DataDependentError",
    "Graph",
    "LazyportError",
    "MixedFrameworkError",
    "StateDictError",
    "TranslationError",
    "UnknownTargetError",
    "UnsupportedDtypeError",
    "UnsupportedOpError",
    "compare",
    "export_module",
    "install",
    "load_state_dict",
    "seed",
    "state_dict",
    "trace_graph",
    "transpile",
    "uninstall",
]

# `import lazyport.<target>.<library>` (the finder imports nothing until such an import happens).
_install_finder()
_log.configure()  # LAZYPORT_LOG


def wait(timeout: float | None = None) -> bool:
    """Compile every translated signature not compiled yet and block until all of lazyport's background
    work is done (or ``timeout`` seconds passed); True when it is. Calls never need this: a signature
    is compiled once it is called often; benchmarks and tests that want compiled forms now call it."""
    import sys

    engine = sys.modules.get(f"{__name__}.engine")
    return True if engine is None else engine.wait_all(timeout)


def seed(n: int) -> None:
    """Reset lazyport's JAX key stream (used by random ops called without ``rng_key=``).

    NumPy and TensorFlow translations draw from those frameworks' own global RNGs: seed them with
    ``np.random.seed`` and ``tf.random.set_global_generator`` / ``tf.random.set_seed``.
    """
    from .backends import get_backend

    backend = get_backend("jax")
    from .backends.jax import JaxBackend  # imported by get_backend

    assert isinstance(backend, JaxBackend)
    backend.seed(n)


def state_dict(translated: Any) -> Any:
    """The weights of a module translated by :func:`transpile` as a torch ``state_dict`` (torch's names).

    See :func:`lazyport.nn.state_dict`.
    """
    from .nn import state_dict as _state_dict

    return _state_dict(translated)


def load_state_dict(translated: Any, torch_state_dict: Any, strict: bool = True) -> Any:
    """Load a torch ``state_dict`` into a module translated by :func:`transpile` (converted once).

    See :func:`lazyport.nn.load_state_dict`.
    """
    from .nn import load_state_dict as _load_state_dict

    return _load_state_dict(translated, torch_state_dict, strict)


def export_module(
    translated: Any, path: Any, format: str | None = None, *, args: Any, kwargs: Any = None, dynamic_shapes: Any = None
) -> Any:
    """Export a module translated by :func:`transpile` (a flax.nnx module, a Keras layer) with its current
    weights as constants of the artifact, in inference mode: ``format`` as for ``Graph.export`` (``"jax"``,
    ``"savedmodel"``, ``"tflite"``), traced at ``args`` with ``dynamic_shapes``. See :mod:`lazyport.export`."""
    from .api import export_module as _export_module

    return _export_module(translated, path, format, tuple(args), kwargs, dynamic_shapes)


def install(libraries: Any = None, target: str | None = None) -> Any:
    """Make a plain ``import <library>`` in user code return the library translated to ``target``.

    ``lazyport.install("kornia", target="jax")``, ``install("kornia:jax,torch:numpy")`` or
    ``install({"kornia": "jax"})``. Returns a handle whose ``uninstall()`` is safe to call twice; the
    real modules in ``sys.modules`` are never changed. See :mod:`lazyport.hook.activate`.
    """
    from .hook.activate import install as _install

    return _install(libraries, target)


def uninstall(libraries: Any = None) -> None:
    """Undo :func:`install` for ``libraries`` (all when None); safe to call when nothing is installed."""
    from .hook.activate import uninstall as _uninstall

    _uninstall(libraries)


def __getattr__(name: str) -> Any:
    if name in ("Graph", "Comparison"):  # trace_graph's and compare's result types, imported on demand
        from . import graph

        return getattr(graph, name)
    # `lazyport.jax.kornia` (or `lazyport.auto.kornia`) after a bare `import lazyport`
    if name in _TARGETS:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
