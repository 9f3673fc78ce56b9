"""Issue #10 item 11 with the real libraries: model factories through ``lazyport.<target>.<library>``,
written as each library's users write them, give translated modules that match torch."""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np
import pytest

from ..util import TARGETS, Target, assert_close
from . import libs
from .harness import leaves

torch = pytest.importorskip("torch")


def hooked(library: str, target: str) -> Any:
    libs.require(library)
    return importlib.import_module(f"lazyport.{target}.{library}")


def evaluate(model: Any, target: str, *args: Any, **kwargs: Any) -> Any:
    if target == "tensorflow":
        return model(*args, training=False, **kwargs)
    return model.eval()(*args, **kwargs)


def image(target: str, shape: tuple = (2, 3, 32, 32)) -> tuple[Any, Any]:
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    return Target(target).array(x), torch.from_numpy(x)


@pytest.mark.parametrize("target", TARGETS)
def test_timm_create_model(target: str) -> None:
    timm = hooked("timm", target)
    torch.manual_seed(0)
    model = timm.create_model("resnet10t", pretrained=False, num_classes=4)
    assert isinstance(model, timm.models.resnet.ResNet)
    torch.manual_seed(0)
    expected = libs.load("timm").create_model("resnet10t", pretrained=False, num_classes=4).eval()
    x, xt = image(target)
    with torch.no_grad():
        assert_close(evaluate(model, target, x), expected(xt), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("target", TARGETS)
def test_torchvision_models_resnet18(target: str) -> None:
    tv = hooked("torchvision", target)
    torch.manual_seed(0)
    model = tv.models.resnet18(num_classes=3)
    torch.manual_seed(0)
    expected = libs.load("torchvision.models").resnet18(num_classes=3).eval()
    x, xt = image(target)
    with torch.no_grad():
        assert_close(evaluate(model, target, x), expected(xt), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("target", TARGETS)
def test_transformers_auto_model_from_config(target: str) -> None:
    tr = hooked("transformers", target)
    cfg = tr.BertConfig(
        vocab_size=64,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=32,
    )
    torch.manual_seed(0)
    model = tr.AutoModel.from_config(cfg)
    assert isinstance(model, tr.BertModel)
    torch.manual_seed(0)
    expected = libs.load("transformers").AutoModel.from_config(cfg).eval()
    ids = np.random.default_rng(0).integers(0, 64, (2, 5))
    out = evaluate(model, target, Target(target).array(ids, np.int32 if target == "jax" else np.int64))
    with torch.no_grad():
        ref = expected(torch.from_numpy(ids))
    assert type(out) is type(ref)  # the ModelOutput, holding target arrays
    for g, e in zip(leaves(out), leaves(ref)):
        assert_close(g, e, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("target", TARGETS)
def test_kornia_augmentation_sequential_of_translated_modules(target: str) -> None:
    K = hooked("kornia", target)
    kornia = libs.require("kornia")
    aug = K.augmentation.AugmentationSequential(
        K.augmentation.RandomHorizontalFlip(p=1.0), K.augmentation.CenterCrop((16, 16))
    )
    x, xt = image(target)
    expected = kornia.augmentation.AugmentationSequential(
        kornia.augmentation.RandomHorizontalFlip(p=1.0), kornia.augmentation.CenterCrop((16, 16))
    )(xt)
    assert_close(evaluate(aug, target, x), expected)
