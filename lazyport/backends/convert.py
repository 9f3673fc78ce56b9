"""torch tensors to target arrays and back, through NumPy (every target reads and gives NumPy arrays).

torch is imported by the functions, which are only called once tensors exist.
"""

from __future__ import annotations

from typing import Any

from . import AUTO, get_backend
from .base import FLOAT8_NAMES


def tensor_to_numpy(t: Any) -> Any:
    """A NumPy copy of ``t``, including dtypes NumPy lacks natively (bfloat16 through ml_dtypes)."""
    import torch

    t = t.detach().cpu().resolve_conj().resolve_neg()
    if t.dtype == torch.bfloat16:
        import ml_dtypes

        return t.float().numpy().astype(ml_dtypes.bfloat16)
    name = str(t.dtype).rpartition(".")[2]
    if name in FLOAT8_NAMES:  # the same bits, as ml_dtypes' type of that name
        import ml_dtypes

        return t.contiguous().view(torch.uint8).numpy().view(getattr(ml_dtypes, name))
    return t.numpy()


def tensor_from_numpy(a: Any, dtype: Any) -> Any:
    """A torch tensor of ``dtype`` holding the NumPy array ``a`` (a copy)."""
    import numpy as np
    import torch

    a = np.asarray(a)
    if a.dtype.name == "bfloat16":
        return torch.from_numpy(a.astype(np.float32)).to(dtype)
    if a.dtype.name in FLOAT8_NAMES:
        bits = torch.from_numpy(np.ascontiguousarray(a).view(np.uint8).copy())
        return bits.view(getattr(torch, a.dtype.name)).to(dtype)
    return torch.from_numpy(np.array(a, copy=True)).to(dtype)


def tensor_to_target(tensor: Any, target: str) -> Any:
    """A target array with the values of ``tensor`` (under ``auto`` a NumPy array, which every target takes)."""
    b = get_backend("numpy" if target == AUTO else target)
    return b.asarray(tensor_to_numpy(tensor), dtype=b.dtype(tensor.dtype))


def array_to_tensor(array: Any, target: str, dtype: Any) -> Any:
    """A torch tensor of ``dtype`` with the values of the ``target`` array (a copy)."""
    return tensor_from_numpy(get_backend(target).to_numpy(array), dtype)
