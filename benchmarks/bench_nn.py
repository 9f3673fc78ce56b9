"""nn.Module benchmark: forward (eval) and one SGD training step per model, translated to JAX (under
``nnx.jit``) and TensorFlow (under ``tf.function``) against torch eager, in one run. Not collected by
pytest.

    python benchmarks/bench_nn.py [--repeat 50] [--batch 32]

Prints a Markdown table of median times and ratios (translated / torch eager; below 1 is faster than
torch). JAX forwards are timed three ways: a plain call of the module (``model(x)``, outside any
transform), ``nnx.jit`` on the module (includes nnx's per-call Python graph traversal) and ``jax.jit`` on
``nnx.split`` state (the compiled computation alone). "first call" is the first call
of the jitted function: lazyport's capture plus the target's compile.
The models are tests/nn/models.py (an MLP, a CNN with BatchNorm and a grouped convolution, a transformer
encoder with a tied head, a GRUCell/LSTMCell loop).
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

LR = 0.01


def median_time(fn, repeat: int) -> float:
    return timing.median_time(fn, repeat, warmup=3)


def first_time(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_torch(name: str, x: np.ndarray, y: np.ndarray, repeat: int) -> dict[str, float]:
    import torch

    from tests.nn.models import make, torch_input

    model = make(name, dropout=0.0)
    xt, yt = torch_input(x), torch.from_numpy(y)
    opt = torch.optim.SGD(model.parameters(), lr=LR)

    def forward() -> None:
        with torch.no_grad():
            model(xt)

    def step() -> None:
        opt.zero_grad()
        ((model(xt) - yt) ** 2).mean().backward()
        opt.step()

    model.eval()
    fwd = median_time(forward, repeat)
    model.train()
    return {"forward": fwd, "step": median_time(step, repeat)}


def bench_jax(name: str, x: np.ndarray, y: np.ndarray, repeat: int) -> dict[str, float]:
    import jax
    import jax.numpy as jnp
    import optax
    from flax import nnx

    import lazyport
    from tests.nn.models import make

    xj, yj = jnp.asarray(x), jnp.asarray(y)
    model = lazyport.transpile(make(name, dropout=0.0), source="torch", target="jax")
    optimizer = nnx.Optimizer(model, optax.sgd(LR), wrt=nnx.Param)

    @nnx.jit
    def forward(model, x):
        return model(x)

    @nnx.jit
    def step(model, optimizer, x, y):
        loss, grads = nnx.value_and_grad(lambda m: jnp.mean((m(x) - y) ** 2))(model)
        optimizer.update(model, grads)
        return loss

    model.eval()
    first_fwd = first_time(lambda: jax.block_until_ready(forward(model, xj)))
    fwd = median_time(lambda: jax.block_until_ready(forward(model, xj)), repeat)
    model.train()
    first_step = first_time(lambda: jax.block_until_ready(step(model, optimizer, xj, yj)))
    st = median_time(lambda: jax.block_until_ready(step(model, optimizer, xj, yj)), repeat)

    # the same with plain jax.jit over nnx.split state: no per-call nnx graph traversal in Python
    model.eval()
    graphdef, params, rest = nnx.split(model, nnx.Param, ...)
    jforward = jax.jit(lambda p, r, x: nnx.merge(graphdef, p, r)(x))
    train_def, tparams, trest = nnx.split(model.train(), nnx.Param, ...)

    @jax.jit
    def jstep(p, r, x, y):
        def loss_fn(p, r):
            m = nnx.merge(train_def, p, r, copy=True)  # fresh variables at this trace level
            return jnp.mean((m(x) - y) ** 2), nnx.state(m, nnx.Not(nnx.Param))

        (loss, r), g = jax.value_and_grad(loss_fn, has_aux=True)(p, r)
        return jax.tree.map(lambda a, b: a - LR * b, p, g), r, loss

    jfwd = median_time(lambda: jax.block_until_ready(jforward(params, rest, xj)), repeat)
    model(xj)  # a plain call, outside any transform: recorded, then compiled (and the executor chosen)
    lazyport.wait()
    for _ in range(20):
        jax.block_until_ready(model(xj))
    pfwd = median_time(lambda: jax.block_until_ready(model(xj)), repeat)
    state = [tparams, trest]

    def run_step() -> None:
        p, r, loss = jstep(state[0], state[1], xj, yj)
        state[:] = [p, r]
        jax.block_until_ready(loss)

    jst = median_time(run_step, repeat)
    return {
        "forward": fwd,
        "step": st,
        "first_forward": first_fwd,
        "first_step": first_step,
        "jit_forward": jfwd,
        "jit_step": jst,
        "plain_forward": pfwd,
    }


def bench_tf(name: str, x: np.ndarray, y: np.ndarray, repeat: int) -> dict[str, float]:
    import keras
    import tensorflow as tf

    import lazyport
    from tests.nn.models import make

    xt, yt = tf.constant(x), tf.constant(y)
    layer = lazyport.transpile(make(name, dropout=0.0), source="torch", target="tensorflow")
    opt = keras.optimizers.SGD(LR)

    @tf.function
    def forward(x):
        return layer(x, training=False)

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((layer(x, training=True) - y) ** 2)
        grads = tape.gradient(loss, layer.trainable_weights)
        opt.apply_gradients(zip(grads, layer.trainable_weights))
        return loss

    first_fwd = first_time(lambda: forward(xt).numpy())
    fwd = median_time(lambda: forward(xt).numpy(), repeat)
    first_step = first_time(lambda: step(xt, yt).numpy())
    st = median_time(lambda: step(xt, yt).numpy(), repeat)
    return {"forward": fwd, "step": st, "first_forward": first_fwd, "first_step": first_step}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--models", default="mlp,cnn,transformer,recurrent")
    parser.add_argument(
        "--torch-threads",
        type=int,
        default=None,
        help="torch.set_num_threads (on a busy shared machine torch's thread pool spins)",
    )
    args = parser.parse_args()
    if args.torch_threads:
        import torch

        torch.set_num_threads(args.torch_threads)

    from tests.nn.models import example, loss_target

    rows = []
    for name in args.models.split(","):
        x, y = example(name, batch=args.batch), loss_target(name, batch=args.batch)
        t = bench_torch(name, x, y, args.repeat)
        j = bench_jax(name, x, y, args.repeat)
        f = bench_tf(name, x, y, args.repeat)
        rows.append((name, t, j, f))
        print(f"# {name}: done", file=sys.stderr)

    ms = lambda s: f"{s * 1e3:.2f}"
    r = lambda a, b: f"{ms(a)} ({a / b:.2f})"
    print(f"batch {args.batch}, median of {args.repeat}; ms (ratio = translated / torch eager, lower is faster)\n")
    print(
        "| model | torch fwd | plain JAX fwd | nnx.jit fwd | jax.jit fwd | tf.function fwd | torch step "
        "| nnx.jit step | jax.jit step | tf.function step | first call JAX fwd / step | first call TF fwd / step |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, t, j, f in rows:
        tf_, ts = t["forward"], t["step"]
        print(
            f"| {name} | {ms(tf_)} | {r(j['plain_forward'], tf_)} | {r(j['forward'], tf_)} "
            f"| {r(j['jit_forward'], tf_)} | {r(f['forward'], tf_)} "
            f"| {ms(ts)} | {r(j['step'], ts)} | {r(j['jit_step'], ts)} | {r(f['step'], ts)} "
            f"| {j['first_forward']:.2f} s / {j['first_step']:.2f} s "
            f"| {f['first_forward']:.2f} s / {f['first_step']:.2f} s |"
        )


if __name__ == "__main__":
    main()
