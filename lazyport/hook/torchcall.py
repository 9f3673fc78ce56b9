"""Calls through the import hook that build things rather than compute on arrays.

Model libraries are used through factories: ``timm.create_model("resnet10t")``,
``torchvision.models.resnet18()``, ``AutoModel.from_config(cfg)``. Such a call takes no arrays, so there
is nothing to translate: it runs in torch, and what it returns is translated (:func:`to_target`):

* an ``nn.Module`` becomes a translated module, as ``lazyport.transpile`` of an instance gives (a
  ``flax.nnx.Module`` for JAX, a Keras layer for TensorFlow, a callable for NumPy; weights converted
  once, now);
* a tensor becomes a target array;
* tuples, lists, dicts, namedtuples and containers registered with torch's pytree keep their structure;
* anything else (configs, numbers, strings) comes back as it is.

The other direction, :func:`to_torch`: the arguments of a call that runs in torch (factories, and the
constructors of ``nn.Module`` classes) get target arrays as tensors and translated modules as their torch
modules, holding the translation's current weights, so
``K.augmentation.AugmentationSequential(K.augmentation.RandomHorizontalFlip(), ...)`` composes
translated modules as kornia composes torch ones.
"""

from __future__ import annotations

import sys
from typing import Any

from ..backends.base import framework_of


def is_array(x: Any) -> bool:
    """An array of a framework lazyport knows (torch tensors included): something to compute on."""
    return framework_of(x) is not None and hasattr(x, "shape") and hasattr(x, "dtype")


def takes_no_arrays(args: tuple, kwargs: dict) -> bool:
    """True when no argument (containers included) is an array and no ``rng_key`` is given."""
    if "rng_key" in kwargs:
        return False
    for a in args:  # the common case, a tensor function given an array first, decides here
        if is_array(a):
            return False
    from .. import trees

    leaves, _ = trees.flatten((args, kwargs))
    return not any(is_array(leaf) for leaf in leaves)


def torch_module_of(obj: Any) -> Any:
    """A torch module holding a translated module's current weights (copies), else None."""
    from ..nn.proxy import ModuleInstanceProxy

    if isinstance(obj, ModuleInstanceProxy):
        translated = obj._self_translated
    elif getattr(type(obj), "__module__", "").startswith("lazyport.nn.") and hasattr(obj, "lazyport_core"):
        translated = obj
    else:
        return None
    return translated.torch_module


def to_torch(tree: Any) -> Any:
    """``tree`` with target arrays as torch tensors and translated modules as their torch modules."""
    from .. import trees
    from ..nn import to_torch as arrays_to_torch

    leaves, treedef = trees.flatten(tree)
    changed = False
    for i, leaf in enumerate(leaves):
        module = torch_module_of(leaf)
        if module is not None:
            leaves[i] = module
            changed = True
    if changed:
        tree = treedef.unflatten(leaves)
    return arrays_to_torch(tree)


def to_target(value: Any, target: str) -> Any:
    """What a torch call's result becomes under ``target`` (see the module docstring)."""
    torch = sys.modules["torch"]
    if isinstance(value, torch.nn.Module):
        from ..nn import translate_module

        return translate_module(value, target)
    if isinstance(value, torch.Tensor):
        from ..backends.convert import tensor_to_target

        return tensor_to_target(value, target)
    from .. import trees

    leaves, treedef = trees.flatten(value)
    if len(leaves) == 1 and leaves[0] is value:
        return value
    return treedef.unflatten([to_target(leaf, target) for leaf in leaves])


def call(fn: Any, target: str, args: tuple, kwargs: dict) -> Any:
    """Run ``fn`` in torch on ``args``/``kwargs`` converted by :func:`to_torch`; the result by :func:`to_target`."""
    args, kwargs = to_torch((args, kwargs))
    return to_target(fn(*args, **kwargs), target)
