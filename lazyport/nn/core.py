"""The translated forward of a module: ``(state, *args) -> (outputs, new buffers)``, one per mode.

Every target wrapper (:mod:`.jax`, :mod:`.keras`, :mod:`.numpy`) keeps the module's tensors as its own
variables and calls :meth:`ModuleCore.call` with their current values. The torch side is
``torch.func.functional_call(module, state, args)``: the state is an *input* of the captured graph, so
one translation serves every value of the weights (nothing is baked in as a constant), and the target's
autodiff differentiates with respect to it.

In-place buffer updates (BatchNorm's ``running_mean.mul_(...)``) happen on the swapped-in state tensors;
the forward returns those tensors, so functionalization hands back their new values, and the wrapper
writes them into its variables. The core keeps a :func:`~lazyport.nn.state.skeleton` of the module, not
the module: the weights live once, in the wrapper's variables. The module's ``training`` flags change
the graph (dropout, batch statistics), so there is one :class:`~lazyport.engine.TranslatedFunction`
per mode. A mode is a pair ``(train, train_norm)``: ``train`` for every submodule except normalisation
layers with running statistics, which follow ``train_norm`` (flax.nnx's ``deterministic`` / ``use_running_average``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import optree
import torch

from .state import ModuleSpec, module_state, rebuild, skeleton, target_arrays, to_torch_tensor

Mode = tuple[bool, bool]


def mode_of(training: bool) -> Mode:
    """The mode in which every submodule is in ``training`` mode (torch's ``module.train(training)``)."""
    return (bool(training), bool(training))


def _is_norm(sub: torch.nn.Module) -> bool:
    from torch.nn.modules.batchnorm import _NormBase

    return isinstance(sub, _NormBase)


@contextlib.contextmanager
def _in_mode(module: torch.nn.Module, mode: Mode) -> Iterator[None]:
    """Set every submodule's ``training`` flag for ``mode``; restore the user's flags afterwards."""
    saved = [(sub, sub.training) for sub in module.modules()]
    train, train_norm = mode
    try:
        for sub, _ in saved:
            sub.training = train_norm if _is_norm(sub) else train
        yield
    finally:
        for sub, flag in saved:
            sub.training = flag


@contextlib.contextmanager
def _slow_attention() -> Iterator[None]:
    """Keep MultiheadAttention / TransformerEncoderLayer on their composite path.

    Their eval-mode fast paths call fused kernels (``_native_multi_head_attention``,
    ``_transformer_encoder_layer_fwd``) that have no decomposition to lower.
    """
    mha = getattr(torch.backends, "mha", None)
    if mha is None:
        yield
        return
    saved = mha.get_fastpath_enabled()
    mha.set_fastpath_enabled(False)
    try:
        yield
    finally:
        mha.set_fastpath_enabled(saved)


class ModuleCore:
    """What ``module``'s state is, a skeleton of it (``.module``: structure, configuration, training flags;
    its tensors are ``meta`` placeholders) and its translated forward per mode for ``target``.

    The core holds no reference to ``module`` or its tensors: the wrapper converts them
    (:meth:`arrays_of`) while it is being made, and they are freed with the caller's module.
    """

    def __init__(self, module: torch.nn.Module, target: str):
        from ..backends import get_backend

        self.target = get_backend(target).name
        self.spec = ModuleSpec(module)
        self.module = skeleton(module)
        self._kept = self.module is module  # (a module that cannot be copied: see skeleton())
        self._fns: dict[Mode, Any] = {}
        self._lock = threading.RLock()  # captures of different modes share the module's flags
        self._generator: Any = None

    def __repr__(self) -> str:
        return f"<lazyport {self.target} core of {type(self.module).__qualname__}>"

    def arrays_of(self, module: torch.nn.Module) -> Iterator[tuple[str, Any]]:
        """``module``'s current tensors as target arrays of their own (copies, converted once, one at a time),
        by canonical name: ``module`` is the one this core was made from."""
        return target_arrays(module, self.spec, self.target)

    def torch_module(self, values: dict[str, Any]) -> torch.nn.Module:
        """A new torch module holding copies of the target arrays ``values`` (by canonical name): the way
        back to torch (``.torch_module``, translated modules passed to torch code)."""
        infos = self.spec.infos
        tensors = {n: to_torch_tensor(values[n], self.target, infos[n].dtype) for n in infos}
        if not self._kept:
            return rebuild(self.module, tensors)
        own = module_state(self.module)  # the module itself was kept: it gets the values, in place
        with torch.no_grad():
            for name, t in tensors.items():
                own[name].copy_(t)
        return self.module

    def forward_fn(self, mode: Mode) -> Callable[..., Any]:
        """``f(state, *args, **kwargs) -> (outputs, new_buffers)``: the torch function that is translated."""
        module, lock = self.module, self._lock
        buffers = self.spec.buffers if any(mode) else ()

        def forward(state: dict[str, torch.Tensor], *args: Any, **kwargs: Any) -> Any:
            # buffers the forward updates in place (BatchNorm's statistics) are copies: their new values
            # are outputs, not in-place writes to the caller's state
            state = {**state, **{name: state[name].clone() for name in buffers}}
            # so are cache objects (a StaticCache's index_copy_): their state after the forward is a third
            # result, which call() puts back into the caller's cache objects
            args = tuple(_cache_copy(a) for a in args)
            kwargs = {k: _cache_copy(v) for k, v in kwargs.items()}
            with lock, _in_mode(module, mode), _slow_attention():
                out = torch.func.functional_call(module, state, args, kwargs)
            new = {name: state[name] for name in buffers}
            caches = _caches(args, kwargs)
            return (out, new, caches) if caches else (out, new)

        cls = type(module)
        forward.__name__ = "forward"
        forward.__qualname__ = f"{cls.__qualname__}.forward"
        forward.__module__ = cls.__module__
        forward.__doc__ = cls.forward.__doc__
        return forward

    def function(self, mode: Mode) -> Any:
        """The :class:`~lazyport.engine.TranslatedFunction` of the forward in ``mode``."""
        fn = self._fns.get(mode)
        if fn is None:
            from ..engine import TranslatedFunction

            with self._lock:
                fn = self._fns.get(mode)
                if fn is None:
                    # persist=False: a module's forward has no stable fingerprint for the disk cache
                    fn = self._fns[mode] = TranslatedFunction(self.forward_fn(mode), self.target, persist=False)
        return fn

    def call(
        self, state: dict[str, Any], mode: Mode, args: tuple, kwargs: dict, rng: Callable[[], Any] | None = None
    ) -> tuple[Any, dict[str, Any]]:
        """Run the forward in ``mode`` on target arrays; returns ``(outputs, new buffer values)``.

        ``rng()`` gives a key (JAX) or seed (TensorFlow) for random ops. The engine calls it only when the
        translated forward draws random numbers, so a deterministic module never touches the generator
        (which, for nnx, would be a state update that plain ``jax.jit`` does not allow).
        """
        if rng is not None:
            kwargs = {**kwargs, "rng_key": rng}
        given = _caches(args, kwargs)
        if not given:
            return self.function(mode)(state, *args, **kwargs)
        args, kwargs = self._target_caches(args, kwargs)
        out, new, after = self.function(mode)(state, *args, **kwargs)
        for cache, now in zip(given, after):
            # torch's forward updates the caller's cache in place (DynamicCache.update rebinds its layers'
            # tensors, StaticCache writes into them): so does the translation, with the new target arrays
            vars(cache).clear()
            vars(cache).update(vars(now))
        return out, new

    def _target_caches(self, args: tuple, kwargs: dict) -> tuple[tuple, dict]:
        """Arguments with each cache object made in torch (``StaticCache(config=..., max_cache_len=...)``
        holds a torch tensor from birth) replaced by a copy holding target arrays. The caller's cache is
        not changed: a translated model returns its new cache, as a functional call must."""
        from .. import trees
        from .state import to_target

        def convert(value: Any) -> Any:
            if not trees.is_cache(type(value)):
                return value
            leaves, treedef = trees.flatten(value)
            if not any(isinstance(leaf, torch.Tensor) for leaf in leaves):
                return value
            new = [to_target(x, self.target) if isinstance(x, torch.Tensor) else x for x in leaves]
            return optree.tree_unflatten(treedef, new)

        return tuple(convert(a) for a in args), {k: convert(v) for k, v in kwargs.items()}

    def generate(self, state: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        """transformers-style ``generate()`` on target arrays (:mod:`.generate`), evaluation mode."""
        with self._lock:
            if self._generator is None:
                from .generate import Generator

                self._generator = Generator(self)
        return self._generator.generate(state, *args, **kwargs)

    def warm(self, state: dict[str, Any], mode: Mode, args: tuple, kwargs: dict) -> None:
        """Translate and compile the forward in ``mode`` for the signature of ``args`` now (eager form)."""
        self.function(mode).warm(state, *args, **kwargs)


def _caches(args: tuple, kwargs: dict) -> tuple[Any, ...]:
    """The transformers cache objects among a call's arguments (``past_key_values=``, in order)."""
    from .. import trees

    return tuple(v for v in (*args, *kwargs.values()) if trees.is_cache(type(v)))


def _cache_copy(value: Any) -> Any:
    """A cache object's copy holding copies of its tensors; any other value as it is."""
    from .. import trees

    if not trees.is_cache(type(value)):
        return value
    leaves, treedef = trees.flatten(value)
    return optree.tree_unflatten(treedef, [x.clone() if isinstance(x, torch.Tensor) else x for x in leaves])


def forward_config(obj: Any, name: str) -> Any:
    """Read a plain (non-tensor, non-module) attribute of the torch module, e.g. ``num_heads``."""
    core = vars(obj).get("lazyport_core") or vars(obj).get("_lazyport_core")
    if core is None or name.startswith("_"):
        raise AttributeError(name)
    try:
        value = getattr(core.module, name)
    except AttributeError:
        raise AttributeError(
            f"{type(obj).__name__} (a translation of {type(core.module).__name__}) has no attribute {name!r}"
        ) from None
    if isinstance(value, torch.Tensor | torch.nn.Module) or callable(value):
        raise AttributeError(
            f"{name!r} of the torch module is a {type(value).__name__}; a translated module exposes the torch "
            "module's configuration only. Its tensors are variables in torch_state / lazyport.state_dict(...)"
            "; the torch module itself is .torch_module"
        )
    return value
