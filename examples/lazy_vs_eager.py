"""Lazy vs eager, as in Ivy's two "Lazy vs Eager" notebooks, redone with lazyport.

    python examples/lazy_vs_eager.py            # a fresh, empty graph cache: the seeds' behaviour
    python examples/lazy_vs_eager.py --persistent   # your persistent cache: run it twice

The notebooks' point: without example arguments the work (tracing, translating, compiling) happens at
the first call, which is slow, and the later calls are fast; with ``args=`` it happens when the graph or
translation is made, and every call is fast. lazyport's lazy ``transpile`` softens the first: its first
call runs op by op on the op tables and records what it runs, which is the translation; later calls run
the recorded program at once and compile it once the signature is hot (``trace_graph`` still traces at
its first call: the graph is its result). Both notebooks are followed here:

1. ``normalize`` traced to a graph lazily and eagerly (``lazyport.trace_graph``);
2. ``normalize`` transpiled torch -> TensorFlow lazily and eagerly (``lazyport.transpile``);
3. kornia transpiled to JAX lazily: a whole library, translated per function at its first call;
4. ``ivy.unify``: one function for every framework, ``target="auto"``.

Ivy's calls, each followed by lazyport's:

``ivy.trace_graph(fn, to="tensorflow")`` (lazy)
    ``lazyport.trace_graph(fn, source="torch", target="tensorflow")``
``ivy.trace_graph(fn, to="tensorflow", args=(x,))`` (eager)
    ``lazyport.trace_graph(fn, source="torch", target="tensorflow", args=(x,))``
``ivy.transpile(fn, source="torch", target="jax")`` (lazy)
    ``lazyport.transpile(fn, source="torch", target="jax")``
``ivy.transpile(fn, source="torch", target="jax", args=(x,))`` (eager)
    ``lazyport.transpile(fn, source="torch", target="jax", args=(x,))``
``ivy.transpile(kornia, source="torch", target="jax")``
    the same call, or ``import lazyport.jax.kornia``
``ivy.unify(fn, source="torch")``
    ``lazyport.transpile(fn, source="torch", target="auto")``
``ivy.unify(fn, source="torch", args=(x,))``
    ``lazyport.transpile(fn, source="torch", target="auto", args=(x,))``

``unify`` gives one function that works with the arrays of whichever framework it is used from.
lazyport's ``target="auto"`` reads the framework off each call's arrays (jax, tensorflow or numpy; tracers
under ``jax.jit`` / ``tf.function`` too) and runs that framework's translation, each translated lazily
and cached on its own; a whole library works the same way (``lazyport.transpile(kornia,
target="auto")`` or ``import lazyport.auto.kornia``). With ``args=`` the framework of those arguments is
translated now (eager).

The printed timings show the slow first lazy graph call and the fast eager calls. The very first translation in
a process also pays torch's one-time tracing warm-up (~1 s); it is reported on its own line. With
``--persistent`` a second run finds the graphs on disk, so even lazy first calls are fast there.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    sync(out)
    return out, (time.perf_counter() - t) * 1000


def sync(out):
    if hasattr(out, "block_until_ready"):
        out.block_until_ready()
    elif hasattr(out, "numpy"):
        out.numpy()


def row(label: str, ms: float, note: str = "") -> None:
    print(f"  {label:<52s}{ms:9.1f} ms  {note}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--persistent", action="store_true", help="use LAZYPORT_CACHE_DIR / the default cache")
    a = p.parse_args()
    if not a.persistent:  # the seeds have no persistent cache: start from an empty one
        os.environ["LAZYPORT_CACHE_DIR"] = tempfile.mkdtemp(prefix="lazyport-example-")

    import numpy as np
    import torch

    import lazyport

    def normalize(x):
        mean = torch.mean(x)
        std = torch.std(x)
        return torch.div(torch.sub(x, mean), std)

    np.random.seed(0)
    x_np = np.random.uniform(size=10)

    import tensorflow as tf

    x = tf.constant(x_np)  # float64, as in the notebook
    print(f"lazyport {lazyport.__version__}, torch {torch.__version__}, tensorflow {tf.__version__}")
    print(f"persistent graph cache: {os.environ.get('LAZYPORT_CACHE_DIR') or 'default location'}\n")

    # torch's tracing machinery warms up once per process; shown apart so the rows below compare like with like
    _, ms = timed(lazyport.transpile(lambda t: t + 1, source="torch", target="numpy"), np.ones(2))
    print("one-time warm-up (first translation in this process)")
    row("lazyport.transpile(lambda t: t + 1)(x)", ms)

    # ---------------------------------------------------------------- 1. trace_graph
    print("\n1. trace_graph: normalize -> tensorflow graph")
    graph, ms = timed(lazyport.trace_graph, normalize, source="torch", target="tensorflow")
    row("lazy:  graph = trace_graph(normalize)", ms, "nothing traced yet")
    _, ms = timed(graph, x)
    row("       graph(x)   first call", ms, "<- slow: traced, lowered, run (compiling in the background)")
    time.sleep(0.5)  # let the background compile finish, as a notebook's next cell would
    _, ms = timed(graph, x)
    row("       graph(x)   second call", ms, "fast")

    graph, ms = timed(lazyport.trace_graph, normalize, source="torch", target="tensorflow", args=(x,))
    row("eager: graph = trace_graph(normalize, args=(x,))", ms, "<- traced, lowered and compiled here")
    _, ms = timed(graph, x)
    row("       graph(x)   first call", ms, "fast")
    _, ms = timed(graph, x)
    row("       graph(x)   second call", ms, "fast")
    print("\n  graph.code:\n" + "\n".join("    " + line for line in graph.code.splitlines()))

    # ---------------------------------------------------------------- 2. transpile
    print("\n2. transpile: normalize, torch -> tensorflow")
    norm, ms = timed(lazyport.transpile, normalize, source="torch", target="tensorflow")
    row("lazy:  f = transpile(normalize)", ms)
    _, ms = timed(norm, x)
    row("       f(x)   first call", ms, "runs op by op, recording the translation")
    _, ms = timed(norm, x)
    row("       f(x)   second call", ms, "fast: the recorded program")
    norm.wait()  # compile now rather than once the signature is hot
    _, ms = timed(norm, x)
    row("       f(x)   compiled", ms, "fast")

    norm, ms = timed(lazyport.transpile, normalize, source="torch", target="tensorflow", args=(x,))
    row("eager: f = transpile(normalize, args=(x,))", ms, "<- translated and compiled here")
    _, ms = timed(norm, x)
    row("       f(x)   first call", ms, "fast")
    _, ms = timed(norm, x)
    row("       f(x)   second call", ms, "fast")

    # ---------------------------------------------------------------- 3. a library, lazily
    print("\n3. kornia -> jax, lazily (a module is always translated per function, at its first call)")
    import jax
    import jax.numpy as jnp
    import kornia

    jax_kornia, ms = timed(lazyport.transpile, kornia, source="torch", target="jax")
    row("jax_kornia = transpile(kornia, target='jax')", ms, "a lazy module: nothing translated")
    img = jnp.asarray(np.random.rand(1, 3, 64, 64).astype(np.float32))
    for name in ("color.rgb_to_grayscale", "filters.gaussian_blur2d", "enhance.adjust_gamma"):
        fn = jax_kornia
        for part in name.split("."):
            fn = getattr(fn, part)
        extra = {"filters.gaussian_blur2d": ((5, 5), (1.5, 1.5)), "enhance.adjust_gamma": (2.2,)}.get(name, ())
        _, ms1 = timed(fn, img, *extra)
        _, ms2 = timed(fn, img, *extra)
        row(f"jax_kornia.{name}(img)  first call", ms1, "runs op by op, recording the translation")
        row(f"jax_kornia.{name}(img)  second call", ms2, "fast: the recorded program (jitted once hot)")
    jit_fn = jax.jit(lambda i: jax_kornia.color.rgb_to_grayscale(i))
    _, ms = timed(jit_fn, img)
    row("inside jax.jit: first call", ms, "the user's jit compiles it")
    _, ms = timed(jit_fn, img)
    row("inside jax.jit: second call", ms, "fast")

    # ---------------------------------------------------------------- 4. unify: target="auto"
    print("\n4. ivy.unify(normalize, source='torch')  ==  transpile(normalize, source='torch', target='auto')")
    unified, ms = timed(lazyport.transpile, normalize, source="torch", target="auto")
    row("lazy:  u = transpile(normalize, target='auto')", ms, "nothing translated yet")
    inputs = {"jax": jnp.asarray(x_np), "tensorflow": x, "numpy": x_np}
    for name, arr in inputs.items():
        _, ms1 = timed(unified, arr)
        out, ms2 = timed(unified, arr)
        root = type(out).__module__.partition(".")[0]
        kind = {"jaxlib": "jax"}.get(root, root)
        row(f"       u({name} x)   first call", ms1, f"{name}'s translation made (or read from disk)")
        row(f"       u({name} x)   second call", ms2, f"fast, returns a {kind} array")
    print(f"  {unified!r}\n  u.cache_info() = {unified.cache_info()}")
    _, ms = timed(jax.jit(unified), jnp.asarray(x_np))
    row("       jax.jit(u)(x)", ms, "sees jax tracers: the jax translation, inside the user's jit")

    unified, ms = timed(lazyport.transpile, normalize, source="torch", target="auto", args=(x,))
    row("eager: u = transpile(normalize, 'auto', args=(x,))", ms, "<- tensorflow translated and compiled here")
    _, ms = timed(unified, x)
    row("       u(tensorflow x)   first call", ms, "fast")
    auto_kornia = lazyport.transpile(kornia, source="torch", target="auto")  # == import lazyport.auto.kornia
    for arr in (img, tf.constant(np.asarray(img)), np.asarray(img)):
        out = auto_kornia.color.rgb_to_grayscale(arr)
        print(f"  auto_kornia.color.rgb_to_grayscale({type(arr).__name__}) -> {type(out).__name__} {tuple(out.shape)}")


if __name__ == "__main__":
    sys.exit(main())
