"""Zoo cases that fail today, by (case, target, mode), each with the issue #10 item that fixes it.

The xfails are strict: a fixed case passes, fails its xfail, and must leave this table.
"""

from __future__ import annotations

_ITEM1 = ("item 1: old-style torch.autograd.Function (torchaudio's DifferentiableIIR/FIR, no setup_context) "
          "refuses to run inside torch.func.functionalize")
_ITEM2 = ("item 2: transformers' mask code reads values (masking_utils: padding_mask.all(), "
          "find_packed_sequence_indices) unless torch.compiler.is_compiling() says a tracer runs: "
          "DataDependentError under jax.jit / tf.function / jax.grad")

XFAIL: dict[tuple[str, str, str], str] = {}

for _case in ("torchaudio.lfilter", "torchaudio.lowpass_biquad"):
    for _target, _modes in (("jax", ("eager", "jit")), ("tensorflow", ("eager", "jit")), ("numpy", ("eager",))):
        for _mode in _modes:
            XFAIL[(_case, _target, _mode)] = _ITEM1

for _case, _modes in (("transformers.bert", ("jit", "grad")), ("transformers.gpt2", ("jit", "grad")),
                      ("transformers.whisper", ("jit",)), ("transformers.llama", ("jit", "grad"))):
    for _target in ("jax", "tensorflow"):
        for _mode in _modes:
            XFAIL[(_case, _target, _mode)] = _ITEM2
