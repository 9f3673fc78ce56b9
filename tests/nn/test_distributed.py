"""Data-parallel runs on the target's own engine give what a single device gives.

Both run in a subprocess: XLA's virtual CPU devices (``XLA_FLAGS``) must be set before JAX is imported,
and TensorFlow's logical CPU devices before TensorFlow initialises.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("torch")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

JAX_SCRIPT = """
import os
os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=8"
import json, sys
import numpy as np
import jax, jax.numpy as jnp, optax
from flax import nnx
from jax.sharding import Mesh, NamedSharding, PartitionSpec as P
import lazyport
from tests.nn.models import make, example, loss_target

mesh = Mesh(np.array(jax.devices()), ("data",))
batch, replicated = NamedSharding(mesh, P("data")), NamedSharding(mesh, P())
x, y = example("cnn", batch=16), loss_target("cnn", batch=16)
build = lambda: lazyport.transpile(make("cnn", dropout=0.0), source="torch", target="jax")

# eval-mode forward: weights replicated, batch split over the 8 devices, under jax.jit
reference = build().eval()(jnp.asarray(x))
graphdef, state = nnx.split(build().eval())
out = jax.jit(lambda s, v: nnx.merge(graphdef, s)(v))(jax.device_put(state, replicated),
                                                      jax.device_put(jnp.asarray(x), batch))

# one training step (BatchNorm statistics over the global batch) under nnx.jit
def train(shard):
    model = build()
    opt = nnx.Optimizer(model, optax.sgd(0.1), wrt=nnx.Param)
    xs, ys = jnp.asarray(x), jnp.asarray(y)
    if shard:
        nnx.update(model, jax.device_put(nnx.state(model), replicated))
        xs, ys = jax.device_put(xs, batch), jax.device_put(ys, batch)

    @nnx.jit
    def step(model, opt, xs, ys):
        loss, grads = nnx.value_and_grad(lambda m: jnp.mean((m(xs) - ys) ** 2))(model)
        opt.update(model, grads)
        return loss

    step(model, opt, xs, ys)
    return {k: v.numpy() for k, v in lazyport.state_dict(model).items()}

one, many = train(False), train(True)
print(json.dumps({
    "devices": len(jax.devices()),
    "out_devices": len(out.sharding.device_set),
    "forward": float(np.abs(np.asarray(out) - np.asarray(reference)).max()),
    "step": max(float(np.abs(one[k].astype(np.float64) - many[k]).max()) for k in one),
}))
"""

TF_SCRIPT = """
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import json
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras
import lazyport
from tests.nn.models import make, example, loss_target

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
x, y = example("cnn", batch=16), loss_target("cnn", batch=16)

def split(a):  # each replica gets its half of the global batch (static shapes)
    return strategy.experimental_distribute_values_from_function(
        lambda ctx: tf.constant(a[ctx.replica_id_in_sync_group * 8:(ctx.replica_id_in_sync_group + 1) * 8]))

def gather(per_replica):
    return np.concatenate([t.numpy() for t in strategy.experimental_local_results(per_replica)])

# eval-mode forward, and a training-mode forward whose BatchNorm updates are averaged over replicas
single = lazyport.transpile(make("cnn"), source="torch", target="tensorflow")
reference = single(tf.constant(x), training=False).numpy()
single(tf.constant(x), training=True)
with strategy.scope():
    layer = lazyport.transpile(make("cnn"), source="torch", target="tensorflow")
forward = tf.function(lambda v, training: strategy.run(lambda u: layer(u, training=training), args=(v,)))
out = gather(forward(split(x), False))
forward(split(x), True)
mean = lambda l: lazyport.state_dict(l)["features.1.running_mean"].numpy()

# one SGD step, gradients all-reduced (the loss is the mean over the global batch)
yd = loss_target("mlp", batch=16)
xm = example("mlp", batch=16)
def train(strategy_or_none):
    scope = strategy_or_none.scope() if strategy_or_none else tf.init_scope()
    with scope:
        net = lazyport.transpile(make("mlp", dropout=0.0), source="torch", target="tensorflow")
        opt = keras.optimizers.SGD(0.1)
    def step(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum((net(xb, training=True) - yb) ** 2) / (16 * 3)
        grads = tape.gradient(loss, net.trainable_weights)
        opt.apply_gradients(zip(grads, net.trainable_weights))
        return loss
    if strategy_or_none is None:
        tf.function(step)(tf.constant(xm), tf.constant(yd))
    else:
        xs, ys = split(xm), split(yd)
        tf.function(lambda a, b: strategy.run(step, args=(a, b)))(xs, ys)
    return {k: v.numpy() for k, v in lazyport.state_dict(net).items()}

one, many = train(None), train(strategy)
print(json.dumps({
    "replicas": strategy.num_replicas_in_sync,
    "forward": float(np.abs(out - reference).max()),
    "running_mean": float(np.abs(mean(layer) - mean(single)).max()),
    "step": max(float(np.abs(one[k] - many[k]).max()) for k in one),
}))
"""


def run(script: str) -> dict:
    env = {**os.environ, "PYTHONPATH": ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_jax_data_parallel_on_8_devices() -> None:
    pytest.importorskip("flax")
    result = run(JAX_SCRIPT)
    assert result["devices"] == 8 and result["out_devices"] == 8
    assert result["forward"] < 1e-5
    assert result["step"] < 1e-5


def test_tensorflow_mirrored_strategy() -> None:
    pytest.importorskip("tensorflow")
    result = run(TF_SCRIPT)
    assert result["replicas"] == 2
    assert result["forward"] < 1e-5
    assert result["running_mean"] < 1e-6
    assert result["step"] < 1e-6
