"""Cached decoding and ``generate()`` of translated transformers language models, against torch.

Tiny random models of each family with its own attention, cache or expert code: GPT-2, LLaMA (grouped-
query attention), Mistral (a sliding window shorter than the prompt), Mixtral (mixture of experts) and T5
(encoder-decoder). Every step's logits are compared with torch's on the same cache kind (dynamic, static),
with the cache passed back as the translated model returned it and, as torch code does, as the same object
updated in place; ``generate()``'s greedy tokens must equal transformers' own ``generate()``.
"""

from __future__ import annotations

import numpy as np
import pytest

import lazyport
from lazyport.errors import TranslationError

from ..util import assert_close
from . import libs

torch = pytest.importorskip("torch")
TARGETS = ["jax", "tensorflow", "numpy"]
PROMPT = np.array([[5, 9, 2, 40, 7], [11, 3, 3, 8, 1]])
MASK = np.array([[1, 1, 1, 1, 1], [0, 0, 1, 1, 1]])  # the second row is left-padded
STEPS = [np.array([[7], [2]]), np.array([[3], [50]]), np.array([[11], [4]])]
_TEXT = dict(vocab_size=64, num_hidden_layers=2, num_attention_heads=2)


def _build(name: str):
    tr = libs.require("transformers")
    torch.manual_seed(0)
    if name == "gpt2":
        m = tr.GPT2LMHeadModel(tr.GPT2Config(vocab_size=64, n_embd=16, n_layer=2, n_head=2, n_positions=64))
    elif name == "llama":
        m = tr.LlamaForCausalLM(tr.LlamaConfig(hidden_size=16, intermediate_size=32, num_key_value_heads=1, **_TEXT))
    elif name == "mistral":
        cfg = tr.MistralConfig(hidden_size=16, intermediate_size=32, num_key_value_heads=1, sliding_window=3, **_TEXT)
        m = tr.MistralForCausalLM(cfg)
    elif name == "mixtral":
        cfg = tr.MixtralConfig(
            hidden_size=16,
            intermediate_size=32,
            num_key_value_heads=1,
            num_local_experts=4,
            num_experts_per_tok=2,
            **_TEXT,
        )
        m = tr.MixtralForCausalLM(cfg)
    else:
        cfg = tr.T5Config(
            vocab_size=64, d_model=16, d_kv=8, d_ff=32, num_layers=2, num_heads=2, decoder_start_token_id=0
        )
        m = tr.T5ForConditionalGeneration(cfg)
    return m.eval()


MODELS = ["gpt2", "llama", "mistral", "mixtral", "t5"]
_built: dict[str, object] = {}


def model(name: str):
    if name not in _built:
        _built[name] = _build(name)
    return _built[name]


def _call(m, ids, cache, seq2seq: bool, encoder_ids=None):
    """One forward on the decoder side: ``ids`` are the new tokens."""
    if seq2seq:
        return m(encoder_ids, decoder_input_ids=ids, past_key_values=cache, use_cache=True)
    return m(ids, past_key_values=cache, use_cache=True)


def _new_cache(m, kind: str):
    tr = libs.require("transformers")
    if kind == "dynamic":
        return None  # the forward makes its own DynamicCache (the default call)
    if m.config.is_encoder_decoder:
        return tr.EncoderDecoderCache(
            tr.StaticCache(config=m.config, max_cache_len=16), tr.StaticCache(config=m.config, max_cache_len=5)
        )
    return tr.StaticCache(config=m.config, max_cache_len=16)


def _torch_logits(m, kind: str) -> list[np.ndarray]:
    seq2seq = m.config.is_encoder_decoder
    first = np.zeros((2, 1), np.int64) if seq2seq else PROMPT
    with torch.no_grad():
        out = _call(m, torch.tensor(first), _new_cache(m, kind), seq2seq, torch.tensor(PROMPT))
        logits = [out.logits.numpy()]
        for ids in STEPS:
            out = _call(m, torch.tensor(ids), out.past_key_values, seq2seq, torch.tensor(PROMPT))
            logits.append(out.logits.numpy())
    return logits


@pytest.mark.parametrize("kind", ["dynamic", "static"])
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", MODELS)
def test_cached_decoding_gives_torchs_logits(name, target, kind):
    m = model(name)
    want = _torch_logits(m, kind)
    seq2seq = m.config.is_encoder_decoder
    jm = lazyport.transpile(m, source="torch", target=target)
    first = np.zeros((2, 1), np.int64) if seq2seq else PROMPT
    out = _call(jm, first, _new_cache(m, kind), seq2seq, PROMPT)
    assert_close(out.logits, want[0])
    cache = out.past_key_values
    assert type(cache).__module__.startswith("transformers.cache_utils")
    for ids, expected in zip(STEPS, want[1:]):
        out = _call(jm, ids, cache, seq2seq, PROMPT)
        assert_close(out.logits, expected)
        # torch updates the cache it was given in place; so does the translation
        assert out.past_key_values is not cache
        cache = out.past_key_values


@pytest.mark.parametrize("target", TARGETS)
def test_cache_reused_in_place_as_torch_code_does(target):
    """``for tok in ...: model(tok, past_key_values=cache)`` with the one cache object, never rebound."""
    tr = libs.require("transformers")
    m = model("llama")
    want = _torch_logits(m, "static")
    jm = lazyport.transpile(m, source="torch", target=target)
    cache = tr.StaticCache(config=m.config, max_cache_len=16)  # made in torch, holding a torch tensor
    assert_close(jm(PROMPT, past_key_values=cache).logits, want[0])
    for ids, expected in zip(STEPS, want[1:]):
        assert_close(jm(ids, past_key_values=cache).logits, expected)
    assert not any(isinstance(x, torch.Tensor) for x in vars(cache.layers[0]).values())


def test_static_cache_decode_step_traces_once_under_nnx_jit():
    nnx = pytest.importorskip("flax.nnx")
    tr = libs.require("transformers")
    m = model("llama")
    want = _torch_logits(m, "static")
    jm = lazyport.transpile(m, source="torch", target="jax")
    out = jm(PROMPT, past_key_values=tr.StaticCache(config=m.config, max_cache_len=16))
    traces = []

    @nnx.jit
    def step(model, ids, cache):
        traces.append(1)
        out = model(ids, past_key_values=cache)
        return out.logits, out.past_key_values  # a ModelOutput's fields and a cache: JAX pytrees

    cache = out.past_key_values
    for ids, expected in zip(STEPS, want[1:]):
        logits, cache = step(jm, ids, cache)
        assert_close(logits, expected)
    assert len(traces) == 1


def test_model_output_is_a_jax_pytree():
    """A translated model's ModelOutput passes through nnx.jit as itself."""
    nnx = pytest.importorskip("flax.nnx")
    tr = libs.require("transformers")
    torch.manual_seed(0)
    bert = tr.BertModel(
        tr.BertConfig(vocab_size=64, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32)
    ).eval()
    with torch.no_grad():
        want = bert(torch.tensor(PROMPT))
    jm = lazyport.transpile(bert, source="torch", target="jax")
    got = nnx.jit(lambda model, ids: model(ids))(jm, PROMPT)
    assert type(got) is type(want)
    assert_close(got.last_hidden_state, want.last_hidden_state.numpy())
    assert_close(got.pooler_output, want.pooler_output.numpy())


def _hf_generate(m, **kw):
    with torch.no_grad():
        return m.generate(torch.tensor(PROMPT), attention_mask=torch.tensor(MASK), pad_token_id=0, **kw).numpy()


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", MODELS)
def test_greedy_generate_equals_transformers(name, target):
    m = model(name)
    want = _hf_generate(m, max_new_tokens=8, do_sample=False)
    jm = lazyport.transpile(m, source="torch", target=target)
    got = jm.generate(PROMPT, attention_mask=MASK, max_new_tokens=8, pad_token_id=0)
    np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.parametrize("target", ["jax", "tensorflow"])
def test_generate_stops_each_row_at_eos(target):
    m = model("gpt2")
    free = _hf_generate(m, max_new_tokens=8, do_sample=False)
    eos = int(free[0, PROMPT.shape[1] + 1])  # the first row's second new token ends it
    want = _hf_generate(m, max_new_tokens=8, do_sample=False, eos_token_id=eos)
    jm = lazyport.transpile(m, source="torch", target=target)
    got = np.asarray(jm.generate(PROMPT, attention_mask=MASK, max_new_tokens=8, eos_token_id=eos, pad_token_id=0))
    np.testing.assert_array_equal(got, want)
    assert (got[0, PROMPT.shape[1] + 2 :] == 0).all()  # padded after its EOS


def test_sampling_warpers_match_transformers():
    """Temperature, top-k and top-p leave the same tokens with the same probabilities as transformers'."""
    tr = libs.require("transformers")
    from lazyport.nn.generate import Settings, _warp

    g = torch.Generator().manual_seed(0)
    logits = torch.randn(4, 64, generator=g) * 3
    s = Settings(max_new_tokens=1, do_sample=True, temperature=0.7, top_k=12, top_p=0.8)
    processors = tr.LogitsProcessorList(
        [tr.TemperatureLogitsWarper(0.7), tr.TopKLogitsWarper(12), tr.TopPLogitsWarper(0.8)]
    )
    want = processors(torch.zeros(4, 1, dtype=torch.long), logits.clone()).softmax(-1)
    torch.testing.assert_close(_warp(logits, s).softmax(-1), want)


@pytest.mark.parametrize("target", ["jax", "tensorflow", "numpy"])
def test_sampled_tokens_follow_the_warped_distribution(target):
    """Many rows of one prompt, one sampled token each: frequencies within 5 sigma of torch's warped
    softmax, and never a token that top-k removed."""
    from lazyport.nn.generate import Settings, _warp

    m = model("llama")
    rows = 2000
    prompt = np.repeat(PROMPT[:1], rows, 0)
    with torch.no_grad():
        logits = m(torch.tensor(PROMPT[:1])).logits[0, -1]
    s = Settings(max_new_tokens=1, do_sample=True, temperature=0.5, top_k=6, top_p=0.95)
    p = _warp(logits[None], s).softmax(-1)[0].numpy()
    jm = lazyport.transpile(m, source="torch", target=target)
    kw = {"rng_key": __import__("jax").random.key(1)} if target == "jax" else {}
    got = np.asarray(jm.generate(prompt, max_new_tokens=1, do_sample=True, temperature=0.5, top_k=6, top_p=0.95, **kw))
    counts = np.bincount(got[:, -1], minlength=p.size) / rows
    assert (counts[p == 0] == 0).all()
    sigma = np.sqrt(p * (1 - p) / rows)
    assert (np.abs(counts - p) <= 5 * sigma + 1e-9).all(), (counts, p)


def test_generate_needs_a_generation_model():
    m = torch.nn.Linear(3, 3)
    jm = lazyport.transpile(m, source="torch", target="numpy")
    with pytest.raises(TranslationError, match="generation model"):
        jm.generate(np.zeros((1, 3)), max_new_tokens=2)


def test_keras_passes_lazyport_errors_through_as_themselves():
    """Keras rewraps a layer's failures; a translated layer's lazyport error reaches the user unchanged."""
    tf = pytest.importorskip("tensorflow")
    from lazyport.errors import DataDependentError

    class Branchy(torch.nn.Module):
        def forward(self, x):
            return x + 1 if x.sum() > 0 else x - 1

    jm = lazyport.transpile(Branchy(), source="torch", target="tensorflow")
    with pytest.raises(DataDependentError) as info:
        tf.function(lambda x: jm(x))(tf.zeros((2, 3)))
    assert "Exception encountered when calling" not in str(info.value)


@pytest.mark.parametrize("target", TARGETS)
def test_a_cache_lazyport_cannot_carry_is_refused_by_name(target):
    """A cache attribute that is neither arrays nor a plain value (here a bound method, as recurrent_gemma
    binds onto its DynamicCache) would be baked into the translation: refused, naming it."""
    import types

    tr = libs.require("transformers")
    m = model("llama")
    jm = lazyport.transpile(m, source="torch", target=target)
    cache = tr.DynamicCache()
    cache.get_len = types.MethodType(lambda self: 0, cache)
    with pytest.raises(TranslationError, match="DynamicCache whose attribute 'get_len' is a method"):
        jm(PROMPT, past_key_values=cache)


@pytest.mark.parametrize("name", ["bert", "gpt2", "llama"])
def test_attention_masks_are_one_program_per_mask_kind(name):
    """Concrete calls run transformers' eager mask code, whose value reads (is any position padded?) are
    guards: four masks, two kinds (padded, all ones), two recorded programs, each with torch's result."""
    tr = libs.require("transformers")
    torch.manual_seed(0)
    small = dict(vocab_size=64, num_hidden_layers=1, num_attention_heads=2)
    m = {
        "bert": lambda: tr.BertModel(tr.BertConfig(hidden_size=16, intermediate_size=32, **small)),
        "gpt2": lambda: tr.GPT2Model(tr.GPT2Config(vocab_size=64, n_embd=16, n_layer=1, n_head=2)),
        "llama": lambda: tr.LlamaModel(
            tr.LlamaConfig(hidden_size=16, intermediate_size=32, num_key_value_heads=1, **small)
        ),
    }[name]().eval()
    jm = lazyport.transpile(m, source="torch", target="numpy")
    masks = [
        [[1, 1, 1, 1, 1], [0, 0, 1, 1, 1]],
        [[0, 1, 1, 1, 1], [1, 1, 1, 1, 1]],
        [[1] * 5] * 2,
        [[0, 0, 0, 1, 1]] * 2,
    ]
    for mask in (np.array(k) for k in masks):
        with torch.no_grad():
            want = m(torch.tensor(PROMPT), attention_mask=torch.tensor(mask)).last_hidden_state.numpy()
        assert_close(jm(PROMPT, attention_mask=mask).last_hidden_state, want)
    (entry,) = jm._self_translated.core.function((False, False)).cache.values()
    assert entry.guards >= 1 and len(entry.variants) == 1
