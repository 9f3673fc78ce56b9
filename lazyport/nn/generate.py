"""``generate()`` for translated transformers language models: the whole decode as one target program.

A decode step is a torch function, translated like any other: the model's forward on a ``StaticCache``
(fixed shapes, so one translation serves every step), then the choice of the next token (greedy
``argmax``, or sampling after transformers' temperature, top-k and top-p warpers) and the end-of-sequence
bookkeeping. :func:`generate` runs that step first on the prompt (prefill), then in a loop: inside one
``jax.jit`` with ``lax.while_loop`` on JAX, inside one ``tf.function`` with ``tf.while_loop`` on
TensorFlow (compiled by XLA, ``jit_compile=True``: TensorFlow's graph executor ran a token at half the
speed), in Python on NumPy. The loop carries the cache as its flat arrays; a step whose cache comes
back with another structure (a cache layer keeping a Python counter) is refused by name.

What it reproduces of ``transformers``' ``generate()`` for a left-padded batch: position ids from the
attention mask, ``pad_token_id`` after a row has produced an end-of-sequence token, the output trimmed
to the step at which every row had finished, the prompt in front (decoder-only models) or the decoder
start token in front (encoder-decoders). Sampling draws from the same distribution (Gumbel-max over the
warped logits), not the same numbers: the random stream is the target's.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import optree
import torch

from .. import trees
from ..errors import TranslationError

Mode = tuple[bool, bool]
EVAL: Mode = (False, False)


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a ``generate()`` call asks for; static in the translated step (keyed by value)."""

    max_new_tokens: int
    do_sample: bool = False
    temperature: float = 1.0
    top_k: int | None = None
    top_p: float | None = None
    eos: tuple[int, ...] = ()
    pad: int = 0


def settings(module: torch.nn.Module, **given: Any) -> Settings:
    """The call's settings: the keyword arguments given, else the model's ``generation_config``, else
    transformers' defaults (``top_k`` 50 when sampling)."""
    known = {f.name for f in dataclasses.fields(Settings)} | {"eos_token_id", "pad_token_id"}
    unknown = set(given) - known
    if unknown:
        raise TypeError(f"generate() got unexpected keyword arguments {sorted(unknown)}")
    config = getattr(module, "generation_config", None)

    def pick(name: str, default: Any) -> Any:
        if given.get(name) is not None:
            return given[name]
        value = getattr(config, name, None)
        return default if value is None else value

    eos = pick("eos_token_id", ())
    eos = tuple(int(e) for e in (eos if isinstance(eos, (list, tuple)) else [eos]))
    pad = pick("pad_token_id", eos[0] if eos else 0)
    if "max_new_tokens" not in given:
        raise TypeError("generate() needs max_new_tokens=")
    do_sample = bool(pick("do_sample", False))
    return Settings(
        max_new_tokens=int(given["max_new_tokens"]),
        do_sample=do_sample,
        temperature=float(pick("temperature", 1.0)),
        top_k=int(pick("top_k", 50)) if do_sample else None,
        top_p=float(pick("top_p", 1.0)) if do_sample else None,
        eos=eos,
        pad=int(pad),
    )


def _warp(logits: torch.Tensor, s: Settings) -> torch.Tensor:
    """transformers' sampling warpers in its order: temperature, top-k, top-p (keeping one token at least)."""
    if s.temperature != 1.0:
        logits = logits / s.temperature
    if s.top_k is not None and 0 < s.top_k < logits.shape[-1]:
        kth = torch.topk(logits, s.top_k, dim=-1).values[..., -1:]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if s.top_p is not None and s.top_p < 1.0:
        ascending, order = torch.sort(logits, dim=-1)
        cumulative = ascending.softmax(-1).cumsum(-1)
        drop = cumulative <= 1 - s.top_p
        drop[..., -1:] = False
        logits = logits.masked_fill(drop.scatter(-1, order, drop), float("-inf"))
    return logits


def _step_fn(forward: Callable[..., Any], seq2seq: bool) -> Callable[..., Any]:
    """The torch decode step: ``(state, model_kwargs, done, settings) -> (tokens, done, cache, encoder)``."""

    def step(state: dict[str, torch.Tensor], kw: dict[str, Any], done: torch.Tensor, s: Settings) -> Any:
        out, _, caches = forward(state, **kw, use_cache=True)
        logits = out.logits[:, -1, :].float()
        if s.do_sample:
            warped = _warp(logits, s)
            gumbel = -torch.log(-torch.log(torch.rand_like(warped).clamp_min(1e-20)))
            tokens = torch.argmax(warped + gumbel, dim=-1)
        else:
            tokens = torch.argmax(logits, dim=-1)
        if s.eos:
            tokens = torch.where(done, torch.full_like(tokens, s.pad), tokens)
            done = done | torch.isin(tokens, torch.tensor(s.eos, dtype=tokens.dtype))
        encoder = out.encoder_last_hidden_state if seq2seq and "encoder_outputs" not in kw else None
        return tokens, done, caches[0], encoder

    return step


@dataclasses.dataclass
class Plan:
    """One ``generate()`` call's fixed inputs, as torch-free values and target arrays."""

    seq2seq: bool
    prompt_len: int
    first: dict[str, Any]  # the first step's model kwargs (cache included)
    ones: Any  # (batch,) int: a row's number of prompt tokens (decoder-only position ids)
    start: Any  # (batch, 1) the decoder start tokens (encoder-decoders), else None


class Generator:
    """``generate()`` of one translated module (:class:`~lazyport.nn.core.ModuleCore`) on its target."""

    def __init__(self, core: Any):
        from ..engine import TranslatedFunction

        self.core = core
        module = core.module
        config = getattr(module, "config", None)
        if config is None or not hasattr(module, "generation_config"):
            raise TranslationError(
                f"generate() needs a transformers generation model; {type(module).__qualname__} is not one"
            )
        self.seq2seq = bool(getattr(config, "is_encoder_decoder", False))
        params = inspect.signature(module.forward).parameters
        self.takes_positions = "position_ids" in params and not self.seq2seq
        step = _step_fn(core.forward_fn(EVAL), self.seq2seq)
        step.__qualname__ = f"{type(module).__qualname__}.generate_step"
        self.step = TranslatedFunction(step, core.target, persist=False)
        self._compiled: dict[tuple, Any] = {}  # a jitted or tf.function loop per (settings, prompt shape)
        from ..backends import get_backend

        self.backend = get_backend(core.target)

    # ------------------------------------------------------------------------------------------ inputs
    def _cache(self, length: int, encoder_len: int) -> Any:
        """A static cache for ``length`` positions, of target arrays, initialised as the forward would."""
        import transformers

        module = self.core.module

        def static(max_len: int) -> Any:
            cache = transformers.StaticCache(config=module.config, max_cache_len=max_len)
            # a sliding-window static layer counts tokens in a Python int, which a compiled loop cannot
            # carry; a full layer of the same length gives the same attention, as the model's mask applies
            # the window
            for i, layer in enumerate(cache.layers):
                if hasattr(layer, "cumulative_length_int"):
                    cache.layers[i] = transformers.cache_utils.StaticLayer(max_cache_len=max_len)
            return cache

        if self.seq2seq:
            return transformers.EncoderDecoderCache(static(length), static(encoder_len))
        return static(length)

    def plan(self, input_ids: Any, attention_mask: Any, s: Settings) -> Plan:
        ids = np.asarray(self.backend.to_numpy(input_ids) if not isinstance(input_ids, np.ndarray) else input_ids)
        batch, prompt = ids.shape
        mask = np.ones_like(ids) if attention_mask is None else np.asarray(self.backend.to_numpy(attention_mask))
        mask = mask.astype(ids.dtype)
        to = self.backend.asarray
        if self.seq2seq:
            config = self.core.module.generation_config
            start_id = config.decoder_start_token_id
            if start_id is None:
                start_id = self.core.module.config.decoder_start_token_id
            start = np.full((batch, 1), start_id, ids.dtype)
            cache = self._cache(s.max_new_tokens + 1, prompt)
            first = {
                "input_ids": to(ids),
                "attention_mask": to(mask),
                "decoder_input_ids": to(start),
                "past_key_values": cache,
                "cache_position": to(np.zeros(1, ids.dtype)),
            }
            return Plan(True, prompt, first, None, to(start))
        length = prompt + s.max_new_tokens
        full = np.concatenate([mask, np.ones((batch, s.max_new_tokens), mask.dtype)], 1)
        first = {
            "input_ids": to(ids),
            "attention_mask": to(full),
            "past_key_values": self._cache(length, 0),
            "cache_position": to(np.arange(prompt, dtype=ids.dtype)),
        }
        if self.takes_positions:
            positions = np.where(mask == 0, 0, np.cumsum(mask, -1) - 1).astype(ids.dtype)
            first["position_ids"] = to(positions)
        return Plan(False, prompt, first, to(mask.sum(-1).astype(ids.dtype)), None)

    def next_kwargs(
        self, plan: Plan, first: dict[str, Any], i: Any, tokens: Any, encoder: Any, ones: Any, xp: Any
    ) -> dict:
        """The model kwargs of decode step ``i`` (1-based: the step after the first) for ``tokens``."""
        kw = {k: v for k, v in first.items() if k not in ("input_ids", "position_ids", "cache_position")}
        column = tokens[:, None]
        if plan.seq2seq:
            kw["decoder_input_ids"] = column
            kw["encoder_outputs"] = (encoder,)
            kw["cache_position"] = xp.reshape(i, (1,))
            return kw
        kw["input_ids"] = column
        kw["cache_position"] = xp.reshape(i + plan.prompt_len - 1, (1,))
        if "position_ids" in first:
            kw["position_ids"] = (ones - 1 + i)[:, None]
        return kw

    # ------------------------------------------------------------------------------------------- runs
    def generate(self, state: dict[str, Any], input_ids: Any, attention_mask: Any = None, **given: Any) -> Any:
        """Token ids ``(batch, length)``: the prompt (or the decoder start) and the new tokens, as transformers'
        ``generate()`` returns them. ``rng_key=`` keys the sampling draws: a JAX key, a TensorFlow stateless
        seed (two int32s; else one from TensorFlow's global generator); NumPy draws from ``np.random``."""
        key = given.pop("rng_key", None)
        s = settings(self.core.module, **given)
        plan = self.plan(input_ids, attention_mask, s)
        run = {"jax": self._run_jax, "tensorflow": self._run_tensorflow}.get(self.core.target, self._run_python)
        tokens, steps = run(state, plan, s, key)
        tokens = self.backend.to_numpy(tokens)[:, : int(steps)]
        prefix = self.backend.to_numpy(plan.start if plan.seq2seq else input_ids).astype(tokens.dtype)
        return self.backend.asarray(np.concatenate([prefix, tokens], 1))

    def _flat_first(self, plan: Plan) -> tuple[list[Any], Callable[[list[Any]], dict[str, Any]]]:
        """The first step's kwargs as target arrays (torch-made cache tensors converted) and a function
        rebuilding the kwargs from them."""
        _, first = self.core._target_caches((), plan.first)
        arrays, structure = _split(*trees.flatten(first))
        return arrays, lambda arrays: _join(arrays, structure)

    def _carry(self, cache: Any, before: Any = None) -> tuple[list[Any], Any]:
        """The cache's arrays (what a loop carries) and the rest of it, checked against the rest before the
        step: Python values in a loop's carry would become arrays."""
        arrays, structure = _split(*trees.flatten(cache))
        if before is not None and structure != before:
            raise TranslationError(
                f"generate(): {type(cache).__qualname__} changes its structure from one decode step to the next "
                "(a cache layer keeping Python state), so the decode cannot run as one compiled loop"
            )
        return arrays, structure

    def _run_python(self, state: dict[str, Any], plan: Plan, s: Settings, key: Any) -> tuple[Any, int]:
        arrays, rebuild = self._flat_first(plan)
        first = rebuild(arrays)
        batch = plan.first["input_ids"].shape[0]
        done = np.zeros(batch, bool)
        tokens, done, cache, encoder = self.step(state, first, done, s)
        out = [np.asarray(tokens)]
        for i in range(1, s.max_new_tokens):
            if s.eos and bool(np.all(done)):
                break
            i_ = np.asarray(i, plan.first["cache_position"].dtype)
            kw = self.next_kwargs(plan, first, i_, out[-1], encoder, plan.ones, np)
            kw["past_key_values"] = cache
            tokens, done, cache, _ = self.step(state, kw, done, s)
            out.append(np.asarray(tokens))
        return np.stack(out, 1), len(out)

    def _run_jax(self, state: dict[str, Any], plan: Plan, s: Settings, key: Any) -> tuple[Any, Any]:
        import jax
        import jax.numpy as jnp

        arrays, rebuild = self._flat_first(plan)
        if s.do_sample and key is None:
            key = self.backend.next_rng(False)
        which = (s, tuple(plan.first["input_ids"].shape), "jax")  # one jitted loop per prompt shape
        fn = self._compiled.get(which)
        if fn is None:
            step, index_dtype = self.step, plan.first["cache_position"].dtype

            def run(state: Any, arrays: list[Any], ones: Any, key: Any) -> Any:
                first = rebuild(arrays)
                batch = first["input_ids"].shape[0]
                extra = {"rng_key": jax.random.fold_in(key, 0)} if s.do_sample else {}
                tokens, done, cache, encoder = step(state, first, jnp.zeros(batch, bool), s, **extra)
                leaves, structure = self._carry(cache)
                out = jnp.full((batch, s.max_new_tokens), s.pad, tokens.dtype).at[:, 0].set(tokens)

                def cond(c: Any) -> Any:
                    i, _, _, done, _ = c
                    return (i < s.max_new_tokens) & ~jnp.all(done) if s.eos else i < s.max_new_tokens

                def body(c: Any) -> Any:
                    i, out, leaves, done, previous = c
                    kw = self.next_kwargs(plan, first, i.astype(index_dtype), previous, encoder, ones, jnp)
                    kw["past_key_values"] = _join(leaves, structure)
                    extra = {"rng_key": jax.random.fold_in(key, i)} if s.do_sample else {}
                    tokens, done, cache, _ = step(state, kw, done, s, **extra)
                    new, _ = self._carry(cache, structure)
                    return i + 1, out.at[:, i].set(tokens), new, done, tokens

                i, out, _, _, _ = jax.lax.while_loop(cond, body, (jnp.asarray(1), out, leaves, done, tokens))
                return out, i

            fn = self._compiled[which] = jax.jit(run)
        return fn(state, arrays, plan.ones, key if key is not None else jax.random.key(0))

    def _run_tensorflow(self, state: dict[str, Any], plan: Plan, s: Settings, key: Any) -> tuple[Any, Any]:
        import tensorflow as tf

        arrays, rebuild = self._flat_first(plan)
        seed = key if key is not None else tf.random.get_global_generator().make_seeds(1)[:, 0]
        which = (s, tuple(plan.first["input_ids"].shape), "tensorflow")
        fn = self._compiled.get(which)
        if fn is None:
            step, index_dtype = self.step, plan.first["cache_position"].dtype

            def run(state: Any, arrays: list[Any], ones: Any, seed: Any) -> Any:
                first = rebuild(list(arrays))
                batch = tf.shape(first["input_ids"])[0]
                fold = tf.random.experimental.stateless_fold_in
                extra = {"rng_key": fold(seed, 0)} if s.do_sample else {}
                tokens, done, cache, encoder = step(state, first, tf.zeros([batch], tf.bool), s, **extra)
                leaves, structure = self._carry(cache)
                out = tf.tensor_scatter_nd_update(
                    tf.fill([s.max_new_tokens, batch], tf.cast(s.pad, tokens.dtype)), [[0]], tokens[None]
                )

                def cond(i: Any, out: Any, leaves: Any, done: Any, previous: Any) -> Any:
                    more = i < s.max_new_tokens
                    return tf.logical_and(more, tf.logical_not(tf.reduce_all(done))) if s.eos else more

                def body(i: Any, out: Any, leaves: Any, done: Any, previous: Any) -> Any:
                    kw = self.next_kwargs(plan, first, tf.cast(i, index_dtype), previous, encoder, ones, tf)
                    kw["past_key_values"] = _join(list(leaves), structure)
                    extra = {"rng_key": fold(seed, i)} if s.do_sample else {}
                    tokens, done, cache, _ = step(state, kw, done, s, **extra)
                    new, _ = self._carry(cache, structure)
                    return i + 1, tf.tensor_scatter_nd_update(out, [[i]], tokens[None]), new, done, tokens

                i, out, _, _, _ = tf.while_loop(cond, body, (tf.constant(1), out, leaves, done, tokens))
                return tf.transpose(out), i

            fn = self._compiled[which] = tf.function(run, autograph=False, jit_compile=True)
        return fn(state, arrays, plan.ones, seed)


def _split(leaves: list[Any], treedef: Any) -> tuple[list[Any], Any]:
    """A tree's array leaves, and the rest of it (its structure and Python leaves, by position)."""
    where = tuple(i for i, x in enumerate(leaves) if hasattr(x, "shape") and hasattr(x, "dtype"))
    rest = tuple((i, x) for i, x in enumerate(leaves) if i not in where)
    return [leaves[i] for i in where], (treedef, where, rest)


def _join(arrays: list[Any], structure: Any) -> Any:
    treedef, where, rest = structure
    full: list[Any] = [None] * (len(where) + len(rest))
    for i, a in zip(where, arrays):
        full[i] = a
    for i, x in rest:
        full[i] = x
    return optree.tree_unflatten(treedef, full)
