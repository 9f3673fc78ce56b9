"""The model zoo: real code from timm, transformers, torchvision and torchaudio, tiny and randomly initialised.

Every model is built from its library's own configuration or factory with ``pretrained=False`` (no
weights, no network), small enough that the whole zoo runs in minutes on two cores. A :class:`Case` is
either a *module* (``build()`` gives an ``nn.Module`` in eval mode, translated as a whole: weights become
the target's variables) or a *function* (``fn`` is the library function, reached through
``lazyport.<target>.<library>`` as its users write it). ``inputs(rng)`` gives NumPy arrays and static
Python arguments; integer arrays are token ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import libs

Inputs = Callable[[np.random.Generator], tuple[tuple, dict]]


@dataclass(frozen=True, eq=False)
class Case:
    name: str  # "<library>.<model or function>", e.g. "timm.resnet"
    inputs: Inputs
    build: Callable[[], Any] | None = None  # module cases: the torch module, eval mode
    fn: str = ""  # function cases: the attribute path, e.g. "torchvision.transforms.v2.functional.rotate"
    grad: bool = False  # also compare jax.grad / GradientTape with torch autograd
    rtol: float = 1e-4
    atol: float = 1e-4
    kwargs: dict = field(default_factory=dict)  # function cases: static keyword arguments

    @property
    def library(self) -> str:
        return self.name.partition(".")[0]

    @property
    def is_module(self) -> bool:
        return self.build is not None


def image(b: int = 1, c: int = 3, h: int = 32, w: int = 32) -> Inputs:
    return lambda rng: ((rng.standard_normal((b, c, h, w)).astype(np.float32),), {})


def unit_image(b: int = 1, c: int = 3, h: int = 16, w: int = 16, *extra: Any) -> Inputs:
    """Values in [0, 1] (what torchvision's colour functions expect), then ``extra`` arguments."""
    return lambda rng: ((rng.random((b, c, h, w), dtype=np.float32), *extra), {})


def tokens(b: int = 2, n: int = 6, vocab: int = 64, mask: bool = False, **extra: Callable) -> Inputs:
    def make(rng: np.random.Generator) -> tuple[tuple, dict]:
        kwargs: dict[str, Any] = {"input_ids": rng.integers(0, vocab, (b, n)).astype(np.int64)}
        if mask:
            m = np.ones((b, n), np.int64)
            m[0, -2:] = 0  # the first sequence is padded: the mask changes the result
            kwargs["attention_mask"] = m
        for k, v in extra.items():
            kwargs[k] = v(rng)
        return (), kwargs

    return make


def waveform(b: int = 1, n: int = 400, *extra: Any) -> Inputs:
    return lambda rng: ((rng.standard_normal((b, n)).astype(np.float32), *extra), {})


# --------------------------------------------------------------------------------------------- timm
def timm_model(name: str, **kw: Any) -> Callable[[], Any]:
    def build() -> Any:
        import torch

        torch.manual_seed(0)
        return libs.load("timm").create_model(name, pretrained=False, num_classes=4, **kw).eval()

    return build


TIMM = [
    Case("timm.resnet", image(), timm_model("resnet10t"), grad=True),
    Case("timm.mobilenetv3", image(), timm_model("mobilenetv3_small_050")),
    Case("timm.efficientnet", image(), timm_model("efficientnet_b0")),
    Case("timm.convnext", image(), timm_model("convnext_atto", depths=(1, 1, 1, 1), dims=(8, 16, 24, 32)), grad=True),
    Case(
        "timm.vit",
        image(),
        timm_model("vit_tiny_patch16_224", img_size=32, patch_size=8, depth=2, embed_dim=32, num_heads=2),
        grad=True,
    ),
    Case(
        "timm.swin",
        image(),
        timm_model(
            "swin_tiny_patch4_window7_224", img_size=32, window_size=4, embed_dim=16, depths=(1, 1), num_heads=(1, 2)
        ),
    ),
    Case("timm.mobilevit", image(h=64, w=64), timm_model("mobilevit_xxs")),
    Case("timm.regnet", image(), timm_model("regnetx_002")),
]


# ------------------------------------------------------------------------------------- transformers
def hf_model(cls: str, config: str, **cfg: Any) -> Callable[[], Any]:
    def build() -> Any:
        import torch

        tr = libs.load("transformers")
        torch.manual_seed(0)
        config_obj = getattr(tr, config)(**cfg)
        return getattr(tr, cls)._from_config(config_obj, attn_implementation="sdpa").eval()

    return build


_TEXT = dict(
    vocab_size=64,
    hidden_size=16,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=32,
    max_position_embeddings=32,
)


def _decoder_ids(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 64, (2, 4)).astype(np.int64)


TRANSFORMERS = [
    Case("transformers.bert", tokens(mask=True), hf_model("BertModel", "BertConfig", **_TEXT), grad=True),
    Case(
        "transformers.gpt2",
        tokens(),
        hf_model(
            "GPT2Model", "GPT2Config", vocab_size=64, n_embd=16, n_layer=1, n_head=2, n_positions=32, use_cache=False
        ),
        grad=True,
    ),
    Case(
        "transformers.t5",
        tokens(decoder_input_ids=_decoder_ids),
        hf_model(
            "T5Model",
            "T5Config",
            vocab_size=64,
            d_model=16,
            d_kv=8,
            d_ff=32,
            num_layers=1,
            num_decoder_layers=1,
            num_heads=2,
            use_cache=False,
        ),
    ),
    Case(
        "transformers.vit",
        lambda rng: ((), {"pixel_values": rng.standard_normal((1, 3, 16, 16)).astype(np.float32)}),
        hf_model(
            "ViTModel",
            "ViTConfig",
            image_size=16,
            patch_size=8,
            hidden_size=16,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
        ),
    ),
    Case(
        "transformers.whisper",
        lambda rng: (
            (),
            {
                "input_features": rng.standard_normal((1, 8, 16)).astype(np.float32),
                "decoder_input_ids": rng.integers(0, 64, (1, 3)).astype(np.int64),
            },
        ),
        hf_model(
            "WhisperModel",
            "WhisperConfig",
            vocab_size=64,
            num_mel_bins=8,
            d_model=16,
            encoder_layers=1,
            decoder_layers=1,
            encoder_attention_heads=2,
            decoder_attention_heads=2,
            encoder_ffn_dim=32,
            decoder_ffn_dim=32,
            max_source_positions=8,
            max_target_positions=16,
            use_cache=False,
            pad_token_id=0,
            bos_token_id=1,
            eos_token_id=2,
            decoder_start_token_id=1,
        ),
    ),
    Case(
        "transformers.wav2vec2",
        lambda rng: ((), {"input_values": rng.standard_normal((1, 400)).astype(np.float32)}),
        hf_model(
            "Wav2Vec2Model",
            "Wav2Vec2Config",
            hidden_size=16,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
            conv_dim=(16, 16),
            conv_stride=(5, 2),
            conv_kernel=(10, 3),
            num_conv_pos_embeddings=16,
            num_conv_pos_embedding_groups=2,
            do_stable_layer_norm=True,
            feat_extract_norm="layer",
        ),
        rtol=1e-3,
    ),
    Case(
        "transformers.llama",
        tokens(),
        hf_model(
            "LlamaModel",
            "LlamaConfig",
            vocab_size=64,
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=4,
            num_key_value_heads=2,
            max_position_embeddings=32,
            use_cache=False,
        ),
        grad=True,
    ),
]


# ----------------------------------------------------------------------------- torchvision, torchaudio
def tv_model(name: str, **kw: Any) -> Callable[[], Any]:
    def build() -> Any:
        import torch

        torch.manual_seed(0)
        return getattr(libs.load("torchvision.models"), name)(num_classes=4, **kw).eval()

    return build


def ta_transform(name: str, **kw: Any) -> Callable[[], Any]:
    return lambda: getattr(libs.load("torchaudio.transforms"), name)(**kw).eval()


_TVF = "torchvision.transforms.v2.functional."
_TAF = "torchaudio.functional."

TORCHVISION = [
    Case("torchvision.resnet18", image(), tv_model("resnet18"), grad=True),
    Case(
        "torchvision.resize",
        unit_image(1, 3, 16, 16, [9, 11]),
        fn=_TVF + "resize",
        kwargs={"antialias": True},
        grad=True,
    ),
    Case("torchvision.rotate", unit_image(1, 3, 16, 16, 30.0), fn=_TVF + "rotate"),
    Case(
        "torchvision.affine",
        unit_image(),
        fn=_TVF + "affine",
        kwargs={"angle": 15.0, "translate": [2, 1], "scale": 1.1, "shear": [5.0, 0.0]},
    ),
    Case(
        "torchvision.perspective",
        unit_image(),
        fn=_TVF + "perspective",
        kwargs={"startpoints": [[0, 0], [15, 0], [15, 15], [0, 15]], "endpoints": [[1, 2], [14, 0], [15, 13], [2, 15]]},
    ),
    Case(
        "torchvision.elastic",
        lambda rng: (
            (
                rng.random((1, 3, 16, 16), dtype=np.float32),
                (0.05 * rng.standard_normal((1, 16, 16, 2))).astype(np.float32),
            ),
            {},
        ),
        fn=_TVF + "elastic",
    ),
    Case(
        "torchvision.gaussian_blur", unit_image(1, 3, 16, 16, [5, 5], [1.5, 1.5]), fn=_TVF + "gaussian_blur", grad=True
    ),
    Case("torchvision.adjust_hue", unit_image(1, 3, 16, 16, 0.2), fn=_TVF + "adjust_hue"),
    Case(
        "torchvision.equalize",
        lambda rng: ((rng.integers(0, 256, (1, 3, 16, 16)).astype(np.uint8),), {}),
        fn=_TVF + "equalize",
    ),
    Case("torchvision.adjust_sharpness", unit_image(1, 3, 16, 16, 2.0), fn=_TVF + "adjust_sharpness"),
]

TORCHAUDIO = [
    Case("torchaudio.spectrogram", waveform(), ta_transform("Spectrogram", n_fft=64), grad=True),
    Case(
        "torchaudio.melspectrogram", waveform(), ta_transform("MelSpectrogram", sample_rate=8000, n_fft=64, n_mels=16)
    ),
    Case(
        "torchaudio.mfcc",
        waveform(),
        ta_transform("MFCC", sample_rate=8000, n_mfcc=8, melkwargs={"n_fft": 64, "n_mels": 16}),
        rtol=1e-3,
        atol=1e-3,
    ),
    Case("torchaudio.resample", waveform(1, 400, 8000, 6000), fn=_TAF + "resample"),
    Case(
        "torchaudio.lfilter",
        lambda rng: (
            (
                rng.standard_normal((1, 64)).astype(np.float32),
                np.array([1.0, -0.5], np.float32),
                np.array([0.4, 0.2], np.float32),
            ),
            {},
        ),
        fn=_TAF + "lfilter",
    ),  # no grad: torch's own backward fails on its Python fallback loop
    Case("torchaudio.lowpass_biquad", waveform(1, 64, 8000, 1000.0), fn=_TAF + "lowpass_biquad"),
]

CASES = TIMM + TRANSFORMERS + TORCHVISION + TORCHAUDIO
BY_NAME = {c.name: c for c in CASES}
