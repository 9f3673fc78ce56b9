"""A sweep built from transformers' own model mappings: every text and vision ``AutoModel`` architecture, tiny.

**Which architectures.** Every model type of ``MODEL_MAPPING_NAMES`` (the ``AutoModel`` classes; its
config class from ``CONFIG_MAPPING_NAMES``), classified by :func:`classify`: *multimodal* if a
multimodal mapping (image-text-to-text, multimodal LM, visual/document QA, zero-shot image
classification or detection, retrieval, text-to-speech, speech-to-text) lists it or its config has a
``text_config`` beside a vision/audio/video one; *video* if the video-classification mapping lists it;
otherwise by the model class's ``main_input_name``: ``input_ids`` is *text*, ``pixel_values`` *vision*,
``input_features``/``input_values`` *audio*, ``past_values`` *time series*. Text and vision are swept;
the rest is out of scope. transformers 5.23.0 (``python -m tests.zoo.sweep`` prints these counts): 605
AutoModel architectures: 257 text, 112 vision, 162 multimodal, 53 audio, 7 time series, 6 video,
8 other inputs (latents, states, ...), 1 not importable; of the 369 text and vision ones, 250
build from a tiny config and run in torch, 119 do not (``sweep_xfail.NOT_BUILDABLE``).

**Tiny configs** (:func:`shrink`): the config class's declared defaults (its dataclass fields; fields
declared ``None`` stay derived, e.g. ``head_dim``) shrunk by name: widths 32, 2 layers (one of each
``layer_types`` kind, in order, when there are more), 2 heads (1 key/value head where the default has
fewer than the heads, else 2), head dims 16, feed-forward 64, vocabulary 99 (token ids folded into it),
64 positions, 4 experts with 2 per token, 64×64 images with patches of at most 8, sliding windows of 4
(shorter than the 8-token inputs, so the window matters), per-layer lists cut to the layer count,
stage lists (``depths``, ``hidden_sizes``) per stage; sub-configs (``text_config``, ``backbone_config``)
the same way from the parent's default. A config the rules leave above 2M parameters is not built
(sized on the meta device first). Weights are random (``torch.manual_seed(0)``), eval mode, CPU, no
downloads; router/gate parameters that initialise to all zeros get seeded random values
(:func:`fix_routers`), so expert choice is not decided by ties.

**Runs.** Text models get ``input_ids`` (2×8; encoder-decoders also ``decoder_input_ids`` 2×4), vision
models ``pixel_values`` (1×C×64×64). Each is called with its default arguments (``eager``, ``jit``):
a model whose forward takes ``use_cache``/``past_key_values`` returns its cache, and the cache's
tensors are compared too (:func:`cache_leaves`); those models also run with ``use_cache=False``
(``eager-nocache``, ``jit-nocache``). ``eager`` is the translated model's first call (op by op, recorded)
and, after ``lazyport.wait()``, its compiled program; ``jit`` is the call inside ``nnx.jit`` /
``tf.function`` (as :mod:`tests.zoo.harness`, whose conversions and call conventions this reuses; it has
its own ``leaves`` only to open cache objects). Every tensor output is compared with torch at
``rtol = atol = 1e-4`` (float32, two layers: the zoo's tolerance).

``python -m tests.zoo.sweep`` prints the counts per target from the tables; ``python -m tests.zoo.sweep
run TARGET OUT.jsonl [TYPES]`` runs the sweep outside pytest (resumable, one JSON line per run) and
``python -m tests.zoo.sweep table OUT.jsonl...`` turns such runs into the tables of
:mod:`tests.zoo.sweep_xfail`.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..util import assert_close
from . import harness, libs

SEQ = 8  # text: a batch of 2 sequences of 8 tokens (the sliding windows below are shorter)
DECODER_SEQ = 4
VOCAB = 99
IMAGE = 64
MAX_PARAMS = 2_000_000

# The default (CI) sample: a model per family with its own attention, cache or expert code. Chosen by
# hand: a cover of every distinct attention/MoE ``forward`` source (class prefixes normalised, so the
# modular copies collapse) needs 165 of the 250 buildable models, far beyond the sample's few minutes.
# Not in it for its time alone: qwen3_next (gated delta-net; over 5 minutes on TensorFlow); jamba and
# mamba stand for the state-space caches.
SAMPLE = {
    "gpt2": "Conv1D projections, learned positions, the dynamic cache",
    "llama": "RoPE, grouped-query SDPA: the base of the modular decoder family",
    "mistral": "sliding-window attention",
    "mixtral": "MoE: top-2 of local experts",
    "qwen3_moe": "MoE with q/k norms (the Qwen3 family's expert block)",
    "gemma3_text": "sliding and full layer types with their own RoPE, q/k norms",
    "phi": "partial rotary, parallel attention and MLP",
    "falcon": "multi-query fused QKV, parallel attention",
    "gpt_neox": "rotary_pct, parallel residual",
    "bloom": "ALiBi",
    "deepseek_v3": "multi-head latent attention, group-limited routing with a correction bias",
    "gpt_oss": "attention sinks, MoE with biased experts",
    "jamba": "Mamba and attention layers, MoE, the hybrid cache",
    "mamba": "selective state space, its own cache",
    "bert": "encoder: absolute positions, token types",
    "deberta-v2": "disentangled relative attention",
    "t5": "encoder-decoder: relative position buckets, the encoder-decoder cache",
    "bart": "encoder-decoder: learned positions, cross-attention",
    "vit": "patch embedding, CLS token",
    "swin": "shifted windows, relative position bias, patch merging",
    "convnext": "convolutional stages, layer norm over channels",
    "beit": "relative position bias, layer scale",
}

# ------------------------------------------------------------------------------------ discovery
# Mappings whose models take text together with images, audio or video: out of scope (multimodal).
MULTIMODAL_MAPPINGS = (
    "MODEL_FOR_IMAGE_TEXT_TO_TEXT_MAPPING_NAMES",
    "MODEL_FOR_MULTIMODAL_LM_MAPPING_NAMES",
    "MODEL_FOR_VISUAL_QUESTION_ANSWERING_MAPPING_NAMES",
    "MODEL_FOR_DOCUMENT_QUESTION_ANSWERING_MAPPING_NAMES",
    "MODEL_FOR_ZERO_SHOT_IMAGE_CLASSIFICATION_MAPPING_NAMES",
    "MODEL_FOR_ZERO_SHOT_OBJECT_DETECTION_MAPPING_NAMES",
    "MODEL_FOR_RETRIEVAL_MAPPING_NAMES",
    "MODEL_FOR_TEXT_TO_SPECTROGRAM_MAPPING_NAMES",
    "MODEL_FOR_TEXT_TO_WAVEFORM_MAPPING_NAMES",
    "MODEL_FOR_SPEECH_SEQ_2_SEQ_MAPPING_NAMES",
)
VIDEO_MAPPINGS = ("MODEL_FOR_VIDEO_CLASSIFICATION_MAPPING_NAMES",)


@dataclass(frozen=True)
class Arch:
    model_type: str
    model_class: str  # the AutoModel class, e.g. "LlamaModel"
    config_class: str
    modality: str  # "text" or "vision"
    takes_cache: bool  # forward() has past_key_values / use_cache: the default call may return a cache


def _auto() -> Any:
    return libs.load("transformers.models.auto.modeling_auto")


def _first(name: Any) -> str:
    return name[0] if isinstance(name, (tuple, list)) else name


def classify(model_type: str) -> str:
    """``text``, ``vision`` or the reason the architecture is out of scope (``multimodal``, ``audio``, ...)."""
    auto = _auto()
    tr = libs.load("transformers")
    if any(model_type in getattr(auto, m) for m in MULTIMODAL_MAPPINGS):
        return "multimodal"
    if any(model_type in getattr(auto, m) for m in VIDEO_MAPPINGS):
        return "video"
    try:
        cls = getattr(tr, _first(auto.MODEL_MAPPING_NAMES[model_type]))
    except (AttributeError, ImportError):
        return "not importable"
    main = getattr(cls, "main_input_name", None)
    subs = set(getattr(getattr(tr, _config_names()[model_type]), "sub_configs", None) or ())
    if "text_config" in subs and subs & {"vision_config", "audio_config", "video_config", "audio_video_config"}:
        return "multimodal"  # a text tower and another modality's (CLIP-like, audio LMs)
    if main == "input_ids":
        return "text"
    if main == "pixel_values":
        return "vision"
    if main in ("input_features", "input_values", "audio_mel"):
        return "audio"
    if main == "pixel_values_videos":
        return "video"
    if main in ("past_values",):
        return "time series"
    return f"other ({main})"


def _config_names() -> dict[str, str]:
    return libs.load("transformers.models.auto.configuration_auto").CONFIG_MAPPING_NAMES


@functools.cache
def census() -> dict[str, str]:
    """Every ``MODEL_MAPPING_NAMES`` model type (those with an ``AutoModel`` class) and its :func:`classify`."""
    return {mt: classify(mt) for mt in sorted(_auto().MODEL_MAPPING_NAMES)}


@functools.cache
def arch(model_type: str) -> Arch:
    """The in-scope architecture ``model_type`` (its AutoModel class, modality, whether it takes a cache)."""
    kind = classify(model_type)
    assert kind in ("text", "vision"), f"{model_type} is out of scope: {kind}"
    name = _first(_auto().MODEL_MAPPING_NAMES[model_type])
    params = inspect.signature(getattr(libs.load("transformers"), name).forward).parameters
    takes = "past_key_values" in params or "use_cache" in params
    return Arch(model_type, name, _config_names()[model_type], kind, takes)


@functools.cache
def architectures() -> list[Arch]:
    """Every text and vision architecture, in model-type order."""
    return [arch(mt) for mt, kind in census().items() if kind in ("text", "vision")]


# ---------------------------------------------------------------------------------- tiny configs
HIDDEN = 32
HEAD_DIM = 16
RULES: dict[str, int] = {}
for _names, _value in (
    (
        "hidden_size d_model n_embd n_embed embed_dim dim model_dim hidden_dim word_embed_proj_dim embedding_size "
        "d_embed emb_dim projection_dim",
        HIDDEN,
    ),
    (
        "num_hidden_layers n_layer n_layers num_layers encoder_layers decoder_layers num_decoder_layers "
        "num_encoder_layers",
        2,
    ),
    ("num_attention_heads n_head n_heads num_heads encoder_attention_heads decoder_attention_heads", 2),
    (
        "intermediate_size ffn_dim d_ff n_inner encoder_ffn_dim decoder_ffn_dim ffn_hidden_size inner_hidden_size "
        "dim_feedforward ff_dim mlp_dim",
        64,
    ),
    ("moe_intermediate_size shared_expert_intermediate_size expert_intermediate_size moe_ffn_hidden_size", 32),
    ("vocab_size", VOCAB),
    ("max_position_embeddings n_positions n_ctx max_seq_len max_sequence_length", 64),
    ("num_local_experts num_experts n_routed_experts moe_num_experts num_routed_experts n_experts", 4),
    ("num_experts_per_tok num_experts_per_token moe_topk top_k moe_k num_selected_experts", 2),
    ("head_dim d_kv attention_head_dim kv_channels head_size v_head_dim", HEAD_DIM),
    ("qk_rope_head_dim qk_nope_head_dim", 8),
    ("kv_lora_rank q_lora_rank", 16),
    ("d_inner dim_ff encoder_feedforward_dim dim_feedforward", 64),
    ("moe_hidden_size expert_ffn_hidden_size", 32),
    ("dim_head linear_head_dim index_head_dim hidden_size_per_layer_input", 16),
    ("out_hidden_size encoder_hidden_dim fpn_hidden_size feature_size mask_feature_size fpn_feature_size", HIDDEN),
    ("entity_vocab_size vocab_size_per_layer_input src_vocab_size tgt_vocab_size", VOCAB),
    ("num_queries two_stage_num_proposals", 8),
    ("n_group", 2),
    ("topk_group first_k_dense_replace", 1),
    ("sliding_window", 4),
    ("window_size", 2),
    ("rotary_dim", 8),
    ("attn_layer_period expert_layer_period full_attention_interval", 2),
    ("attn_layer_offset expert_layer_offset", 1),
    ("image_size img_size", IMAGE),
    ("patch_size", 8),
):
    for _n in _names.split():
        RULES[_n] = _value
KV_HEADS = ("num_key_value_heads", "num_kv_heads", "n_kv_heads", "multi_query_group_num")
LAYER_COUNTS = ("num_hidden_layers", "n_layer", "n_layers", "num_layers")
STAGE_WIDTHS = ("hidden_sizes", "embed_dims", "embed_dim", "dims", "neck_hidden_sizes")


def _declared(cls: Any) -> dict[str, Any]:
    """The config class's declared field defaults (derived fields, declared None, stay derived)."""
    out = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return out


def _uses_mrope(cls: Any) -> bool:
    """Whether the config's modeling module reads ``mrope_section`` (Qwen2-VL-style RoPE)."""
    import sys

    module = sys.modules.get(cls.__module__.replace("configuration_", "modeling_"))
    if module is None:
        try:
            module = libs.load(cls.__module__.replace("configuration_", "modeling_"))
        except ImportError:
            return False
    try:
        return "mrope_section" in inspect.getsource(module)
    except OSError:
        return False


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def shrink(cls: Any, instance: Any = None) -> dict[str, Any]:
    """Keyword arguments making ``cls`` (a config class) tiny: its declared defaults, shrunk by name.

    A sub-configuration (``text_config``, ``backbone_config``) is shrunk from the value the parent's
    default gives it (``instance``): its declared defaults, overridden by that instance's values.
    """
    d = _declared(cls)
    if instance is not None:
        d = {k: (getattr(instance, k, v) if v is not None else v) for k, v in d.items()}
    over: dict[str, Any] = {}
    layers = next((d[k] for k in LAYER_COUNTS if _is_int(d.get(k))), None)
    for k, v in d.items():
        if k in RULES and _is_int(v) and v > RULES[k]:
            over[k] = RULES[k]
        elif (
            k in RULES
            and isinstance(v, (list, tuple))
            and v
            and all(_is_int(x) for x in v)
            and k in ("image_size", "patch_size", "img_size")
        ):
            over[k] = type(v)(min(x, RULES[k]) for x in v)
        elif k in KV_HEADS and _is_int(v):
            heads = next((d[h] for h in ("num_attention_heads", "n_head", "num_heads") if _is_int(d.get(h))), v)
            over[k] = 1 if v < heads else 2
        elif k.endswith("_token_id") and _is_int(v) and v >= VOCAB:
            over[k] = v % VOCAB
        elif k.endswith("_token_id") and isinstance(v, (list, tuple)) and all(_is_int(x) for x in v):
            over[k] = type(v)(x % VOCAB for x in v)
        elif k == "depths" and isinstance(v, (list, tuple)):
            over[k] = type(v)(1 for _ in v)
        elif k in STAGE_WIDTHS and isinstance(v, (list, tuple)) and v and all(_is_int(x) for x in v):
            over[k] = type(v)(16 * 2**i for i in range(len(v)))
        elif k in ("num_heads", "num_attention_heads") and isinstance(v, (list, tuple)) and all(_is_int(x) for x in v):
            over[k] = type(v)(min(x, 2) for x in v)
    default = cls() if instance is None and ("layer_types" in d or "rope_parameters" in d) else instance
    types = d.get("layer_types") or getattr(default, "layer_types", None)  # declared, or derived by default
    if (
        "layer_types" in d
        and isinstance(types, (list, tuple))
        and types
        and any(k in over for k in LAYER_COUNTS if k != "num_layers")
    ):
        kinds = list(dict.fromkeys(types))  # one layer of each kind, in order
        n = max(2, len(kinds))
        over["layer_types"] = [kinds[i % len(kinds)] for i in range(n)]
        for k in LAYER_COUNTS:
            if _is_int(d.get(k)):
                over[k] = n
    elif layers is not None:
        n = over.get(next(k for k in LAYER_COUNTS if _is_int(d.get(k))), layers)
        for k, v in d.items():  # per-layer lists follow the layer count
            if k not in over and isinstance(v, (list, tuple)) and len(v) == layers and layers > n:
                over[k] = type(v)(v[:n])
    rope = getattr(default, "rope_parameters", None)
    if isinstance(rope, dict) and "rope_type" in rope and _uses_mrope(cls):
        # multimodal RoPE: sections of head_dim / 2 frequencies (the modeling code's default is for 128)
        half = HEAD_DIM // 2
        sec = rope.get("mrope_section") or [16, 24, 24]
        sec = [max(1, x * half // sum(sec)) for x in sec]
        sec[-1] += half - sum(sec)
        over["rope_parameters"] = {**rope, "mrope_section": sec}
    subs = getattr(cls, "sub_configs", None) or {}
    if subs:
        default = default if default is not None else cls()
        for name in subs:
            sub = getattr(default, name, None)
            if sub is not None and dataclasses.is_dataclass(sub):
                over[name] = {"model_type": sub.model_type, **shrink(type(sub), sub)}
    return over


def tiny_config(a: Arch) -> Any:
    tr = libs.load("transformers")
    cls = getattr(tr, a.config_class)
    return cls(**shrink(cls))


# ----------------------------------------------------------------------------------- the models
class NotBuildable(Exception):
    """The architecture's own code fails on its tiny config (construction or torch forward)."""


ROUTER = re.compile(r"(^|[._])(gate|router|gating)([._]|$)")


def fix_routers(model: Any) -> list[str]:
    """Seeded random values for router/gate parameters that are all zeros (top-k ties otherwise)."""
    import torch

    g = torch.Generator().manual_seed(1)
    fixed = []
    with torch.no_grad():
        for name, p in model.named_parameters():
            if ROUTER.search(name) and p.is_floating_point() and not p.any():
                p.copy_(0.02 * torch.randn(p.shape, generator=g, dtype=p.dtype))
                fixed.append(name)
    return fixed


@functools.cache
def build(model_type: str) -> Any:
    import torch

    a = arch(model_type)
    tr = libs.load("transformers")
    try:
        config = tiny_config(a)
        cls = getattr(tr, a.model_class)
        with torch.device("meta"):  # size it first: a config the rules did not shrink is not built
            size = sum(p.numel() for p in cls(config).parameters())
    except Exception as e:  # the model's own code, any error: recorded as not buildable
        raise NotBuildable(f"{type(e).__name__}: {e}") from e
    if size > MAX_PARAMS:
        raise NotBuildable(f"tiny config still has {size} parameters: {shrink(getattr(tr, a.config_class))}")
    try:
        torch.manual_seed(0)
        model = cls(config).eval()
    except Exception as e:
        raise NotBuildable(f"{type(e).__name__}: {e}") from e
    fix_routers(model)
    return model


def inputs(model_type: str) -> dict[str, np.ndarray]:
    a = arch(model_type)
    config = build(model_type).config
    rng = np.random.default_rng(0)
    if a.modality == "vision":
        size = getattr(config, "image_size", IMAGE)
        h, w = (size, size) if _is_int(size) else tuple(size)[-2:]
        c = getattr(config, "num_channels", 3)
        return {"pixel_values": rng.standard_normal((1, c, h, w)).astype(np.float32)}
    out = {"input_ids": rng.integers(3, VOCAB, (2, SEQ)).astype(np.int64)}
    if getattr(config, "is_encoder_decoder", False):
        out["decoder_input_ids"] = rng.integers(3, VOCAB, (2, DECODER_SEQ)).astype(np.int64)
    return out


# ------------------------------------------------------------------------------------- running
MODES = ("eager", "jit", "eager-nocache", "jit-nocache")
RTOL = ATOL = 1e-4


def modes_for(a: Arch, target: str) -> list[str]:
    """``eager``/``jit``: the default call; ``-nocache``: with ``use_cache=False`` (models that take a cache)."""
    base = ["eager"] if target == "numpy" else ["eager", "jit"]
    return base + ([m + "-nocache" for m in base] if a.takes_cache else [])


def call_kwargs(model_type: str, mode: str) -> dict[str, Any]:
    kwargs: dict[str, Any] = dict(inputs(model_type))
    if mode.endswith("-nocache"):
        kwargs["use_cache"] = False
    return kwargs


def _is_cache(x: Any) -> bool:
    return type(x).__name__.endswith("Cache") and (hasattr(x, "layers") or hasattr(x, "self_attention_cache"))


def _arrays_of(obj: Any) -> list[Any]:
    return [v for _, v in sorted(vars(obj).items()) if hasattr(v, "shape") and hasattr(v, "dtype")]


def cache_leaves(cache: Any) -> list[Any]:
    """A transformers cache's tensors: per layer, its array attributes by name (keys, values, states)."""
    if hasattr(cache, "self_attention_cache"):
        return cache_leaves(cache.self_attention_cache) + cache_leaves(cache.cross_attention_cache)
    return [a for layer in cache.layers for a in _arrays_of(layer)]


def leaves(tree: Any) -> list[Any]:
    """:func:`harness.leaves`, with transformers cache objects opened into their tensors."""
    out = []
    for leaf in harness.leaves(tree):
        out.extend(cache_leaves(leaf) if _is_cache(leaf) else [leaf])
    return out


@functools.cache
def reference(model_type: str, mode: str) -> list[Any]:
    import torch

    kwargs = harness.to_torch(call_kwargs(model_type, mode))
    with torch.no_grad():
        return leaves(build(model_type)(**kwargs))


def compare(got: list[Any], expected: list[Any], rtol: float = RTOL, atol: float = ATOL) -> None:
    import torch

    assert len(got) == len(expected), f"{len(got)} outputs, torch gives {len(expected)}"
    for i, (g, e) in enumerate(zip(got, expected)):
        if isinstance(e, torch.Tensor):
            try:
                assert_close(g, e, rtol=rtol, atol=atol)
            except AssertionError as err:
                raise AssertionError(f"output {i}: {err}") from None
        else:
            assert g == e, f"output {i}: {g!r} != {e!r}"


def jitted(fn: Any, target: str, kwargs: dict[str, Any]) -> list[Any]:
    """The translated model's call inside ``nnx.jit`` (JAX) or ``tf.function`` (TF), as harness.jitted."""
    arrays, rebuild = harness.split_arrays((), kwargs)
    if target == "jax":
        from flax import nnx

        return list(nnx.jit(lambda m, *xs: tuple(leaves(m(**rebuild(xs)[1]))))(fn, *arrays))
    import tensorflow as tf

    return list(tf.function(lambda *xs: tuple(leaves(harness.call(fn, (), rebuild(xs)[1], target))))(*arrays))


def run(model_type: str, target: str, mode: str) -> None:
    import lazyport

    expected = reference(model_type, mode)
    fn = lazyport.transpile(build(model_type), source="torch", target=target)
    kwargs = harness.to_target(call_kwargs(model_type, mode), target)
    if mode.startswith("eager"):
        compare(leaves(harness.call(fn, (), kwargs, target)), expected)  # the recorded first call
        assert lazyport.wait(timeout=600)
        compare(leaves(harness.call(fn, (), kwargs, target)), expected)  # the compiled program
    else:
        compare(jitted(fn, target, kwargs), expected)


# ------------------------------------------------------------------------------ the whole sweep
def torch_check(model_type: str) -> str | None:
    """None when the model builds and torch runs it on the sweep's inputs, else why not."""
    try:
        build(model_type)
    except NotBuildable as e:
        return f"build: {e}"
    try:
        reference(model_type, "eager")
    except Exception as e:  # the model's own code on the generic inputs
        return f"torch forward: {type(e).__name__}: {e}"
    return None


def one_line(e: BaseException) -> str:
    """The error in one line: its type and message, whitespace collapsed, at most 300 characters."""
    return " ".join(f"{type(e).__name__}: {e}".split())[:300]


def sweep(target: str, out: str, types: list[str] | None = None) -> None:
    """Run every architecture (or ``types``) on ``target``, appending one JSON line per run to ``out``.

    Resumable: runs already in ``out`` are not repeated (a crash loses only the run that crashed).
    """
    import json
    import os
    import time

    done = set()
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            done = {(r["model_type"], r["target"], r["mode"]) for r in map(json.loads, f)}
    for a in architectures():
        if types and a.model_type not in types:
            continue
        mt = a.model_type
        why = torch_check(mt)
        rows = []
        if why is not None:
            rows.append(
                {"model_type": mt, "target": target, "mode": "build", "status": "not buildable", "error": why[:300]}
            )
        else:
            for mode in modes_for(a, target):
                if (mt, target, mode) in done:
                    continue
                t0 = time.perf_counter()
                try:
                    run(mt, target, mode)
                    status, err = "pass", ""
                except Exception as e:  # recorded, the table is made from these
                    status, err = "fail", one_line(e)
                rows.append(
                    {
                        "model_type": mt,
                        "target": target,
                        "mode": mode,
                        "status": status,
                        "error": err,
                        "seconds": round(time.perf_counter() - t0, 2),
                    }
                )
        rows = [r for r in rows if (r["model_type"], r["target"], r["mode"]) not in done]
        with open(out, "a", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")
        build.cache_clear()
        reference.cache_clear()
        _release()


def _release() -> None:
    """Free what one model's runs kept (a long sweep in one process otherwise runs out of memory)."""
    import gc
    import sys

    gc.collect()
    if "jax" in sys.modules:
        sys.modules["jax"].clear_caches()


WHY_MISMATCH = {  # mismatches whose cause is known and not lazyport's
    "cpmant": "float32 rounding: 1 of 2560 cache values off by 1.1e-4, over atol 1e-4; use_cache=False passes",
    "vit_mae": "random masking: ViTMAEModel draws its patch mask with torch.rand, the translation from the target RNG",
}


def categorize(row: dict[str, Any], rows: dict[tuple[str, str, str], dict[str, Any]]) -> str:
    """The xfail reason of a failed run: its error, prefixed with its category (see sweep_xfail)."""
    err = row["error"]
    plain = rows.get((row["model_type"], row["target"], row["mode"] + "-nocache"))
    if "grouped_mm" in err:
        return f"MoE grouped_mm: {err}"
    if err.startswith("AssertionError"):
        why = WHY_MISMATCH.get(row["model_type"])
        return f"mismatch ({why}): {err}" if why else f"mismatch: {err}"
    if "cache_utils." in err or (plain is not None and plain["status"] == "pass"):
        return f"cache objects: {err}"
    if err.startswith("DataDependentError"):
        return f"data-dependent: {err}"
    return f"lazyport error: {err}"


def table(paths: list[str]) -> str:
    """The tables of sweep_xfail.py, as Python source, from the JSON lines of :func:`sweep` runs."""
    import json

    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for r in map(json.loads, f):
                rows[(r["model_type"], r["target"], r["mode"])] = r
    xfail = {k: categorize(r, rows) for k, r in sorted(rows.items()) if r["status"] == "fail"}
    broken = {k[0]: r["error"] for k, r in sorted(rows.items()) if r["status"] == "not buildable"}
    lines = ["XFAIL: dict[tuple[str, str, str], str] = {"]
    lines += [f"    {k!r}: {v!r}," for k, v in xfail.items()]
    lines += ["}", "", "NOT_BUILDABLE: dict[str, str] = {"]
    lines += [f"    {k!r}: {v!r}," for k, v in broken.items()]
    lines.append("}")
    return "\n".join(lines)


def counts() -> str:
    """Architectures by scope, and per target the runs that pass, are xfails, and cannot be built."""
    import collections

    from lazyport.targets import TARGETS

    from .sweep_xfail import NOT_BUILDABLE, SWEPT_FROM, XFAIL

    kinds = collections.Counter(census().values())
    archs = [a for a in architectures() if a.model_type not in NOT_BUILDABLE]
    out = [
        f"transformers {libs.load('transformers').__version__}: {len(census())} AutoModel architectures, "
        + ", ".join(f"{n} {k}" for k, n in kinds.most_common()),
        f"in scope (text, vision): {len(architectures())}; not buildable from a tiny config: {len(NOT_BUILDABLE)}; "
        f"swept: {len(archs)}",
        "",
        "| target | runs | passed | xfailed | models with every run passing |",
        "|---|---:|---:|---:|---:|",
    ]
    for t in TARGETS:
        runs = [(a.model_type, t, m) for a in archs for m in modes_for(a, t)]
        xf = sum(r in XFAIL for r in runs)
        clean = sum(not any((a.model_type, t, m) in XFAIL for m in modes_for(a, t)) for a in archs)
        if SWEPT_FROM.get(t) != "every architecture":  # the table holds only the sample's failures
            out.append(f"| {t} | {len(runs)} | not measured ({SWEPT_FROM.get(t)}) | {xf} in the sample | |")
            continue
        out.append(f"| {t} | {len(runs)} | {len(runs) - xf} | {xf} | {clean} of {len(archs)} |")
    out += ["", "tables made from: " + ", ".join(f"{t} {SWEPT_FROM.get(t, '?')}" for t in TARGETS)]
    cats = collections.Counter(reason.partition(":")[0].partition(" (")[0] for reason in XFAIL.values())
    out += ["", "xfail reasons: " + ", ".join(f"{n} {c}" for c, n in cats.most_common())]
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["run"]:  # python -m tests.zoo.sweep run TARGET OUT.jsonl [TYPE,TYPE...]
        sweep(sys.argv[2], sys.argv[3], sys.argv[4].split(",") if len(sys.argv) > 4 else None)
    elif sys.argv[1:2] == ["table"]:  # python -m tests.zoo.sweep table OUT.jsonl...
        print(table(sys.argv[2:]))
    else:
        print(counts())
