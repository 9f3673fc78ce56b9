"""Mixture-of-experts: torch's grouped matrix product (``aten._grouped_mm``, every 2D/3D form), transformers'
custom op ``transformers::grouped_mm_fallback`` (and its backward), and whole MoE language models of
transformers compared with torch on every target, under jax.jit / tf.function, and differentiated."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport
from tests.util import TARGETS, Target, assert_close

MODES = [(t, False) for t in TARGETS] + [("jax", True), ("tensorflow", True)]
IDS = [f"{t}-{'jit' if j else 'eager'}" for t, j in MODES]

G, M, K, N = 3, 4, 4, 8
OFFS = np.array([4, 4, 8], np.int32)  # group 1 empty; positions 8..11 beyond offs[-1]


def call(fn, target, arrays, jit):
    f = lazyport.transpile(fn, source="torch", target=target)
    args = [Target(target).array(a) for a in arrays]
    if jit and target == "jax":
        import jax

        return jax.jit(f)(*args)
    if jit and target == "tensorflow":
        import tensorflow as tf

        return tf.function(f)(*args)
    return f(*args)


def rand(*shape, seed=0):
    return np.random.default_rng(seed + len(shape)).standard_normal(shape).astype(np.float32)


def gmm(a, b, offs):
    return torch._grouped_mm(a, b, offs=offs)


def gmm_no_offs(a, b):
    return torch.nn.functional.grouped_mm(a, b)


def column_major(x):
    """torch's CPU kernel wants a 2D right operand column-major."""
    return torch.from_numpy(np.ascontiguousarray(x.T)).T if x.ndim == 2 else torch.from_numpy(x)


# (name, a, b): b stored as given; torch's reference uses it column-major where its kernel insists
FORMS = {
    "2d-3d": (rand(12, K), rand(G, K, N)),
    "3d-2d": (rand(G, M, K), rand(K, 12)),
    "2d-2d": (rand(M, 12), rand(12, N)),
}


def expected_rows(name, a, b, out):
    """The part of torch's result that is defined: positions beyond offs[-1] are left uninitialised."""
    if name == "2d-3d":
        return out[:8]
    if name == "3d-2d":
        return out[:, :8]
    return out


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_grouped_mm_forms(form, target, jit):
    a, b = FORMS[form]
    ref = torch._grouped_mm(torch.from_numpy(a), column_major(b), offs=torch.from_numpy(OFFS))
    got = Target.numpy(call(gmm, target, [a, b, OFFS], jit))
    assert_close(expected_rows(form, a, b, got), expected_rows(form, a, b, ref), rtol=1e-4, atol=1e-4)
    if form == "2d-3d":
        assert not got[8:].any()  # beyond offs[-1]: zeros, not garbage
    if form == "3d-2d":
        assert not got[:, 8:].any()


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_grouped_mm_batched(target, jit):
    a, b = rand(G, M, K), rand(G, K, N)
    ref = gmm_no_offs(torch.from_numpy(a), torch.from_numpy(b))
    assert_close(call(gmm_no_offs, target, [a, b], jit), ref, rtol=1e-4, atol=1e-4)


def fallback(x, w, offs):
    return torch.ops.transformers.grouped_mm_fallback(x, w, offs)


def fallback_backward(x, w, offs, g):
    return torch.ops.transformers.grouped_mm_fallback_backward(x, w, offs, g)


@pytest.fixture(scope="module")
def transformers():
    from tests.zoo import libs

    tr = libs.load("transformers")
    import transformers.integrations.moe  # noqa: F401 (registers transformers::grouped_mm_fallback)

    return tr


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_transformers_fallback_and_backward(transformers, target, jit):
    x, w, offs = rand(12, K), rand(G, K, N), OFFS.astype(np.int64)
    t = [torch.from_numpy(v) for v in (x, w, offs)]
    assert_close(call(fallback, target, [x, w, offs], jit), fallback(*t), rtol=1e-4, atol=1e-4)
    g = rand(12, N, seed=3)
    ref = fallback_backward(*t, torch.from_numpy(g))
    got = call(fallback_backward, target, [x, w, offs, g], jit)
    for r, o in zip(ref, got):
        assert_close(o, r, rtol=1e-4, atol=1e-4)


def test_grouped_mm_grad_jax_matches_torch_autograd(transformers):
    import jax
    import jax.numpy as jnp

    x, w, offs = rand(12, K), rand(G, K, N), OFFS
    xt, wt = torch.from_numpy(x).requires_grad_(), torch.from_numpy(w).requires_grad_()
    (fallback(xt, wt, torch.from_numpy(offs)) ** 2).sum().backward()

    f = lazyport.transpile(fallback, source="torch", target="jax")
    gx, gw = jax.jit(jax.grad(lambda x, w: (f(x, w, jnp.asarray(offs)) ** 2).sum(), argnums=(0, 1)))(
        jnp.asarray(x), jnp.asarray(w)
    )
    assert_close(gx, xt.grad, rtol=1e-4, atol=1e-4)
    assert_close(gw, wt.grad, rtol=1e-4, atol=1e-4)


def test_grouped_mm_grad_tensorflow_matches_torch_autograd(transformers):
    import tensorflow as tf

    x, w, offs = rand(12, K), rand(G, K, N), OFFS
    xt, wt = torch.from_numpy(x).requires_grad_(), torch.from_numpy(w).requires_grad_()
    (fallback(xt, wt, torch.from_numpy(offs)) ** 2).sum().backward()

    f = lazyport.transpile(fallback, source="torch", target="tensorflow")
    xv, wv = tf.Variable(x), tf.Variable(w)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(f(xv, wv, tf.constant(offs)) ** 2)
    gx, gw = tape.gradient(loss, [xv, wv])
    assert_close(gx, xt.grad, rtol=1e-4, atol=1e-4)
    assert_close(gw, wt.grad, rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------------------------------- models
def tiny(tr, name):
    common = dict(vocab_size=64, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2)
    if name == "mixtral":
        cfg = tr.MixtralConfig(**common, intermediate_size=48, num_local_experts=4, num_experts_per_tok=2)
        cls = tr.MixtralForCausalLM
    elif name == "qwen3_moe":
        cfg = tr.Qwen3MoeConfig(
            **common, intermediate_size=48, moe_intermediate_size=24, num_experts=4, num_experts_per_tok=2, head_dim=8
        )
        cls = tr.Qwen3MoeForCausalLM
    else:
        cfg = tr.DeepseekV3Config(
            **{**common, "num_key_value_heads": 4},  # (multi-head latent attention: one kv head per head)
            intermediate_size=48,
            moe_intermediate_size=24,
            n_routed_experts=4,
            n_shared_experts=1,
            num_experts_per_tok=2,
            n_group=2,
            topk_group=1,
            first_k_dense_replace=1,
            kv_lora_rank=16,
            q_lora_rank=16,
            qk_rope_head_dim=8,
            qk_nope_head_dim=8,
            v_head_dim=8,
        )
        cls = tr.DeepseekV3ForCausalLM
    torch.manual_seed(0)
    model = cls(cfg).eval()
    g = torch.Generator().manual_seed(1)
    with torch.no_grad():  # distinct router scores: all-zero routers tie in top-k, whose order torch leaves open
        for pname, p in model.named_parameters():
            if ".gate." in pname or pname.endswith((".gate.weight", "e_score_correction_bias")):
                p.copy_(0.5 * torch.randn(p.shape, generator=g))
    return model


IDS_IN = np.random.default_rng(0).integers(0, 64, (2, 7)).astype(np.int64)


def logits_of(jm, target, jit):
    ids = Target(target).array(IDS_IN)
    if target == "jax" and jit:
        from flax import nnx

        return nnx.jit(lambda m, x: m(input_ids=x, use_cache=False).logits)(jm, ids)
    if target == "tensorflow":  # a Keras layer: its first argument is `inputs`
        import tensorflow as tf

        def run(x):
            return jm(x, use_cache=False).logits

        return (tf.function(run) if jit else run)(ids)
    return jm(input_ids=ids, use_cache=False).logits


@pytest.mark.parametrize("experts", ["grouped_mm", "batched_mm"])
@pytest.mark.parametrize("name", ["mixtral", "qwen3_moe", "deepseek_v3"])
@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_moe_model_matches_torch(transformers, name, target, jit, experts):
    if experts == "batched_mm" and jit:
        pytest.skip("batched_mm is plain ATen: its eager runs cover it")
    model = tiny(transformers, name)
    model.config._experts_implementation = experts
    with torch.no_grad():
        ref = model(input_ids=torch.from_numpy(IDS_IN), use_cache=False).logits
    jm = lazyport.transpile(model, source="torch", target=target)
    assert_close(logits_of(jm, target, jit), ref, rtol=1e-4, atol=1e-4)


def torch_grads(model):
    model.zero_grad()
    out = model(input_ids=torch.from_numpy(IDS_IN), use_cache=False).logits
    (out**2).mean().backward()
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


def test_mixtral_grad_jax_matches_torch(transformers):
    import jax.numpy as jnp
    from flax import nnx

    model = tiny(transformers, "mixtral")
    expected = torch_grads(model)
    jm = lazyport.transpile(model, source="torch", target="jax")
    ids = jnp.asarray(IDS_IN)
    grads = nnx.grad(lambda m: (m(input_ids=ids, use_cache=False).logits ** 2).mean())(jm)["torch_state"]
    assert any("experts" in n for n in expected)
    for n, g in expected.items():
        assert_close(grads[n].get_value(), g, rtol=1e-3, atol=1e-5)


def test_mixtral_grad_tensorflow_matches_torch(transformers):
    import tensorflow as tf

    model = tiny(transformers, "mixtral")
    expected = torch_grads(model)
    jm = lazyport.transpile(model, source="torch", target="tensorflow")
    ids = tf.constant(IDS_IN)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(jm(ids, use_cache=False).logits ** 2)
    weights = list(jm.trainable_weights)
    got = {w.name: g for w, g in zip(weights, tape.gradient(loss, weights))}
    for n, g in expected.items():
        grad = got[n]
        grad = tf.convert_to_tensor(grad) if isinstance(grad, tf.IndexedSlices) else grad
        assert_close(grad, g, rtol=1e-3, atol=1e-5)
