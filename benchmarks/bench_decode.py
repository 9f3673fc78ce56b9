"""Decoding benchmark: tokens per second of a translated model's ``generate()`` against torch eager
``generate()`` (with its dynamic KV cache), in one run. Not collected by pytest.

    python benchmarks/bench_decode.py [--targets jax,tensorflow] [--repeat 3] [--layers 6] [--hidden 512]

Models: a GPT-2 and a LLaMA-style decoder (grouped-query attention) built from configs with random
weights, ``--layers`` layers of width ``--hidden``, vocabulary 8192; batch 1, a 16-token prompt, greedy,
no end-of-sequence token (every run makes all its tokens). For each model and number of new tokens
(32, 256): the median time of ``--repeat`` runs after one warm-up run, as tokens per second, and the
ratio to torch's. "first" is the warm-up run of the translation: translating the decode step and
compiling the whole loop. "token cost 256/32" is the time of one more token, averaged over 256 new tokens
against over 32 (each from the run's time less a one-token run's, which holds the prefill): 1.0 means
a token costs the same at position 270 as at position 48. Every translated run's tokens are checked
against torch's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402
import timing  # noqa: E402  (benchmarks/timing.py, beside this script)

PROMPT = 16
NEW = (32, 256)


def build(kind: str, layers: int, hidden: int):
    import torch

    from tests.zoo import libs

    tr = libs.load("transformers")
    torch.manual_seed(0)
    common = dict(vocab_size=8192, eos_token_id=None, bos_token_id=None, pad_token_id=0)
    if kind == "gpt2":
        cfg = tr.GPT2Config(n_embd=hidden, n_layer=layers, n_head=hidden // 64, n_positions=512, **common)
        model = tr.GPT2LMHeadModel(cfg)
    else:
        heads = hidden // 64
        cfg = tr.LlamaConfig(
            hidden_size=hidden,
            intermediate_size=hidden * 8 // 3,
            num_hidden_layers=layers,
            num_attention_heads=heads,
            num_key_value_heads=max(1, heads // 4),
            max_position_embeddings=512,
            **common,
        )
        model = tr.LlamaForCausalLM(cfg)
    model.generation_config.eos_token_id = None
    return model.eval()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", default="jax,tensorflow")
    parser.add_argument("--models", default="gpt2,llama")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--hidden", type=int, default=512)
    opts = parser.parse_args()

    import torch

    import lazyport

    rng = np.random.default_rng(0)
    ids = rng.integers(1, 8192, (1, PROMPT)).astype(np.int64)
    rows = []
    for kind in opts.models.split(","):
        model = build(kind, opts.layers, opts.hidden)

        def torch_run(n: int, model=model) -> np.ndarray:
            with torch.no_grad():
                return model.generate(torch.tensor(ids), max_new_tokens=n, do_sample=False, pad_token_id=0).numpy()

        results: dict[str, dict[int, float]] = {"torch": {}}
        firsts: dict[str, float] = {}
        want = {n: torch_run(n) for n in (1, *NEW)}
        for n in (1, *NEW):
            results["torch"][n] = timing.median_time(lambda n=n: torch_run(n), opts.repeat, warmup=1)
        for target in opts.targets.split(","):
            jm = lazyport.transpile(model, source="torch", target=target)
            results[target] = {}
            for n in (1, *NEW):

                def run(n: int = n, jm=jm) -> np.ndarray:
                    return np.asarray(jm.generate(ids, max_new_tokens=n, pad_token_id=0))

                t = time.perf_counter()
                got = run()
                if n == NEW[-1]:
                    firsts[target] = time.perf_counter() - t
                if not np.array_equal(got, want[n]):
                    raise SystemExit(f"{kind} {target}: {n} tokens differ from torch's")
                results[target][n] = timing.median_time(run, opts.repeat)
        for who, times in results.items():
            per = {n: (times[n] - times[1]) / (n - 1) for n in NEW}
            row = [kind, who]
            for n in NEW:
                tps = n / times[n]
                ratio = results["torch"][n] / times[n]
                row.append(f"{tps:.0f}" + ("" if who == "torch" else f" ({ratio:.2f}×)"))
            row.append(f"{per[NEW[1]] / per[NEW[0]]:.2f}")
            row.append("" if who == "torch" else f"{firsts[who]:.1f} s")
            rows.append(row)
        print(f"done {kind}", file=sys.stderr)
    print(f"\n{opts.layers} layers, hidden {opts.hidden}, batch 1, prompt {PROMPT}, greedy; tokens/s (× torch eager)\n")
    print("| model | run | 32 new tokens | 256 new tokens | token cost 256/32 | first (256) |")
    print("|---|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
