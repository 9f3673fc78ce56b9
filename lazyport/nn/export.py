"""``lazyport.state_dict`` / ``lazyport.load_state_dict``: a translated module's weights as torch's."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, NamedTuple

import torch

from ..errors import StateDictError, TranslationError
from .core import ModuleCore
from .state import to_target, to_torch_tensor


class LoadResult(NamedTuple):
    """What :func:`load_state_dict` did not match (like torch's ``_IncompatibleKeys``)."""

    missing_keys: list[str]
    unexpected_keys: list[str]


def _resolve(translated: Any) -> tuple[Any, ModuleCore]:
    inner = getattr(translated, "_self_translated", translated)  # the NumPy proxy's TranslatedModule
    core = getattr(inner, "lazyport_core", None)
    if not isinstance(core, ModuleCore) or not hasattr(inner, "_lazyport_values"):
        raise TranslationError(
            f"{translated!r} is not a translated nn.Module; pass what lazyport.transpile(module, "
            "source='torch', target=...) returned"
        )
    return inner, core


def state_dict(translated: Any) -> OrderedDict[str, torch.Tensor]:
    """The weights of a translated module as a torch ``state_dict`` (same names, dtypes and order).

    Tied weights appear under each of their torch names, as one tensor, as in ``module.state_dict()``.
    The tensors are copies: load them with ``torch_module.load_state_dict(...)``.
    """
    inner, core = _resolve(translated)
    values = inner._lazyport_values()
    tensors: dict[str, torch.Tensor] = {}
    out: OrderedDict[str, torch.Tensor] = OrderedDict()
    for key, canon in core.spec.aliases.items():
        t = tensors.get(canon)
        if t is None:
            t = tensors[canon] = to_torch_tensor(values[canon], core.target, core.spec.infos[canon].dtype)
        out[key] = t
    return out


def load_state_dict(translated: Any, torch_state_dict: dict[str, Any], strict: bool = True) -> LoadResult:
    """Load a torch ``state_dict`` into a translated module's variables (converted once, here).

    With ``strict`` (the default, as in torch) every name must match; otherwise unmatched names are
    reported in the result. Tied weights may be given under any of their names.
    """
    inner, core = _resolve(translated)
    aliases, infos = core.spec.aliases, core.spec.infos
    missing = [k for k in aliases if k not in torch_state_dict]
    unexpected = [k for k in torch_state_dict if k not in aliases]
    given = {aliases[k] for k in torch_state_dict if k in aliases}
    missing = [k for k in missing if aliases[k] not in given]  # a tied weight given under its other name
    if strict and (missing or unexpected):
        raise StateDictError(
            f"state_dict does not fit {type(core.module).__qualname__}: missing {missing}, unexpected "
            f"{unexpected}; pass strict=False to load the names that match"
        )
    values: dict[str, Any] = {}
    for key, value in torch_state_dict.items():
        canon = aliases.get(key)
        if canon is None:
            continue
        info = infos[canon]
        t = torch.as_tensor(value).detach()
        if tuple(t.shape) != info.shape:
            raise StateDictError(f"{key!r} has shape {tuple(t.shape)}, the module expects {info.shape}")
        values[canon] = to_target(t.to(info.dtype), core.target)
    inner._lazyport_assign(values)
    return LoadResult(missing, unexpected)
