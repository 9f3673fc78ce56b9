"""Model factories as model libraries write them (timm's create_model, transformers' AutoModel)."""

from __future__ import annotations

import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, width: int = 3):
        super().__init__()
        self.scale = nn.Parameter(torch.arange(1.0, width + 1.0))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.scale


class Stack(nn.Module):
    """Composes other modules, which must be torch modules (kornia's AugmentationSequential checks this)."""

    def __init__(self, *layers: nn.Module):
        super().__init__()
        for layer in layers:
            if not isinstance(layer, nn.Module) or type(layer).__module__.startswith("lazyport"):
                raise NotImplementedError(f"Only nn.Module are supported. Got {type(layer).__name__}")
        self.layers = nn.ModuleList(layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x


def create_model(name: str, width: int = 3) -> nn.Module:
    """A factory: no arrays in, a module out."""
    if name != "net":
        raise ValueError(f"unknown model {name!r}")
    torch.manual_seed(0)
    return Net(width)


def model_and_table(width: int = 3) -> dict:
    """A container holding a module, a tensor and plain values."""
    return {"model": Net(width), "table": torch.ones(width), "name": "net", "sizes": (width, [width])}


class Config:
    def __init__(self, width: int = 3):
        self.width = width


class AutoNet:
    """Not a module: a class whose classmethod builds one (transformers' AutoModel.from_config)."""

    @classmethod
    def from_config(cls, config: Config) -> nn.Module:
        return Net(config.width)
