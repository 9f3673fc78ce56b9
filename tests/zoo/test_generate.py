"""A few-token greedy decoding loop of a translated GPT-2 against transformers' own ``generate()``.

Eager: the translated flax.nnx model called on the growing sequence (one translation per length).
Under ``nnx.jit``: a ``lax.fori_loop`` over a fixed-length, right-padded sequence (causal attention: the
padding never reaches the positions read), so the whole loop is one XLA program. No KV cache: the
translated forward is called with ``use_cache=False``, as the zoo's other transformer cases are.
"""

from __future__ import annotations

import numpy as np
import pytest

import lazyport

from ..util import assert_close
from . import libs

torch = pytest.importorskip("torch")
NEW = 4


@pytest.fixture(scope="module")
def gpt2():
    transformers = libs.require("transformers")
    torch.manual_seed(3)
    cfg = transformers.GPT2Config(vocab_size=64, n_embd=16, n_layer=1, n_head=2, n_positions=32, use_cache=False)
    model = transformers.GPT2LMHeadModel(cfg).eval()
    prompt = torch.tensor([[5, 9, 2, 40]])
    with torch.no_grad():
        want = model.generate(
            prompt,
            attention_mask=torch.ones_like(prompt),
            max_new_tokens=NEW,
            do_sample=False,
            pad_token_id=0,
            use_cache=False,
        )
        logits = model(input_ids=want).logits
    return model, prompt, want, logits


def test_greedy_loop_eager(gpt2):
    jnp = pytest.importorskip("jax.numpy")
    model, prompt, want, logits = gpt2
    jm = lazyport.transpile(model, source="torch", target="jax")
    ids = jnp.asarray(prompt.numpy())
    for _ in range(NEW):
        step = jm(input_ids=ids).logits
        ids = jnp.concatenate([ids, jnp.argmax(step[:, -1], -1)[:, None].astype(ids.dtype)], 1)
    np.testing.assert_array_equal(np.asarray(ids), want.numpy())
    assert_close(jm(input_ids=ids).logits, logits, rtol=1e-4, atol=1e-5)


def test_greedy_loop_under_nnx_jit(gpt2):
    jax = pytest.importorskip("jax")
    nnx = pytest.importorskip("flax.nnx")
    jnp = jax.numpy
    model, prompt, want, _ = gpt2
    jm = lazyport.transpile(model, source="torch", target="jax")
    start, total = prompt.shape[1], want.shape[1]

    @nnx.jit
    def generate(m, ids):
        def body(pos, ids):
            logits = m(input_ids=ids).logits
            nxt = jnp.argmax(jax.lax.dynamic_index_in_dim(logits, pos - 1, 1, keepdims=False), -1)
            return jax.lax.dynamic_update_index_in_dim(ids, nxt.astype(ids.dtype)[:, None], pos, 1)

        return jax.lax.fori_loop(start, total, body, ids)

    padded = jnp.zeros((1, total), jnp.int32).at[:, :start].set(jnp.asarray(prompt.numpy()))
    np.testing.assert_array_equal(np.asarray(generate(jm, padded)), want.numpy())
