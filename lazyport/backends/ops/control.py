"""Structured control flow: ``torch.cond``, ``torch.while_loop``, ``scan`` and ``map`` as the target's own.

Capture gives these higher-order ops their branches and loop bodies as subgraphs; lowering makes each a
program of its own, which the lowering here receives as a callable from arrays to a list of arrays.
JAX gets ``lax.cond`` / ``lax.while_loop``, TensorFlow ``tf.cond`` / ``tf.while_loop``, NumPy runs the
branch or the loop in Python. The predicate is a value of the inputs, so a program with them is one
program for every input value: under ``jax.jit`` and ``tf.function`` too.
"""

from __future__ import annotations

from ..registry import lower


def _scalar(b, pred):
    return b.xp.reshape(pred, ())


@lower("cond")
def cond(b, pred, true_fn, false_fn, operands):
    """cond(Tensor pred, GraphModule true_fn, GraphModule false_fn, Tensor[] operands) -> Tensor[]"""
    if isinstance(pred, bool | int):  # a branch decided by a Python value
        return (true_fn if pred else false_fn)(*operands)
    return true_fn(*operands) if bool(pred) else false_fn(*operands)


@lower("cond", target="jax")
def cond_jax(b, pred, true_fn, false_fn, operands):
    """cond(Tensor pred, GraphModule true_fn, GraphModule false_fn, Tensor[] operands) -> Tensor[]"""
    from jax import lax

    return list(
        lax.cond(_scalar(b, pred), lambda ops: tuple(true_fn(*ops)), lambda ops: tuple(false_fn(*ops)), tuple(operands))
    )


@lower("cond", target="tensorflow")
def cond_tf(b, pred, true_fn, false_fn, operands):
    """cond(Tensor pred, GraphModule true_fn, GraphModule false_fn, Tensor[] operands) -> Tensor[]"""
    tf = b.fw
    return list(tf.cond(_scalar(b, pred), lambda: true_fn(*operands), lambda: false_fn(*operands)))


@lower("while_loop")
def while_loop(b, cond_fn, body_fn, carried_inputs, additional_inputs):
    """while_loop(GraphModule cond_fn, GraphModule body_fn, Tensor[] carried_inputs, Tensor[] additional_inputs) -> Tensor[]"""
    carried = list(carried_inputs)
    while bool(cond_fn(*carried, *additional_inputs)[0]):
        carried = list(body_fn(*carried, *additional_inputs))
    return carried


@lower("while_loop", target="jax")
def while_loop_jax(b, cond_fn, body_fn, carried_inputs, additional_inputs):
    """while_loop(GraphModule cond_fn, GraphModule body_fn, Tensor[] carried_inputs, Tensor[] additional_inputs) -> Tensor[]"""
    from jax import lax

    extra = tuple(additional_inputs)
    return list(
        lax.while_loop(
            lambda c: _scalar(b, cond_fn(*c, *extra)[0]), lambda c: tuple(body_fn(*c, *extra)), tuple(carried_inputs)
        )
    )


@lower("while_loop", target="tensorflow")
def while_loop_tf(b, cond_fn, body_fn, carried_inputs, additional_inputs):
    """while_loop(GraphModule cond_fn, GraphModule body_fn, Tensor[] carried_inputs, Tensor[] additional_inputs) -> Tensor[]"""
    tf = b.fw
    extra = list(additional_inputs)
    return list(
        tf.while_loop(
            lambda *c: _scalar(b, cond_fn(*c, *extra)[0]), lambda *c: list(body_fn(*c, *extra)), list(carried_inputs)
        )
    )


# ``scan`` and ``map_impl`` (torch._higher_order_ops.scan / .map): torch has moved the scanned dimension to
# the front and flipped a reversed scan before the op, so both run over the first dimension of ``xs``.
# ``combine_fn`` maps (*carry, *x_t, *additional) to (*next_carry, *y_t); ``f`` maps (*x_t, *additional) to
# the outputs stacked along a new first dimension.


@lower("scan")
def scan(b, combine_fn, init, xs, additional_inputs):
    """scan(GraphModule combine_fn, Tensor[] init, Tensor[] xs, Tensor[] additional_inputs) -> Tensor[]"""
    n = len(init)
    carry, ys = list(init), []
    for t in range(xs[0].shape[0]):
        out = combine_fn(*carry, *[x[t] for x in xs], *additional_inputs)
        carry = out[:n]
        ys.append(out[n:])
    return [*carry, *[b.xp.stack(y) for y in zip(*ys)]]


@lower("scan", target="jax")
def scan_jax(b, combine_fn, init, xs, additional_inputs):
    """scan(GraphModule combine_fn, Tensor[] init, Tensor[] xs, Tensor[] additional_inputs) -> Tensor[]"""
    from jax import lax

    n, extra = len(init), list(additional_inputs)

    def step(c, x):
        out = combine_fn(*c, *x, *extra)
        return out[:n], out[n:]

    carry, ys = lax.scan(step, list(init), list(xs))
    return [*carry, *ys]


@lower("scan", target="tensorflow")
def scan_tf(b, combine_fn, init, xs, additional_inputs):
    """scan(GraphModule combine_fn, Tensor[] init, Tensor[] xs, Tensor[] additional_inputs) -> Tensor[]"""
    tf = b.fw
    n, extra = len(init), list(additional_inputs)

    def step(acc, x):
        out = combine_fn(*acc[0], *x, *extra)
        return out[:n], out[n:]

    # tf.scan accumulates what its function returns, from an initializer of that structure: the outputs'
    # shapes and dtypes come from a first step (only its zeros are used)
    first = combine_fn(*init, *[x[0] for x in xs], *extra)
    carries, ys = tf.scan(
        tf.autograph.experimental.do_not_convert(step),
        list(xs),  # (plain code: no AutoGraph)
        initializer=(list(init), [tf.zeros_like(y) for y in first[n:]]),
    )
    return [*[c[-1] for c in carries], *ys]


@lower("map_impl")
def map_impl(b, f, xs, pos_args):
    """map_impl(GraphModule f, Tensor[] xs, Tensor[] pos_args) -> Tensor[]"""
    outs = [f(*[x[t] for x in xs], *pos_args) for t in range(xs[0].shape[0])]
    return [b.xp.stack(y) for y in zip(*outs)]


@lower("map_impl", target="jax")
def map_impl_jax(b, f, xs, pos_args):
    """map_impl(GraphModule f, Tensor[] xs, Tensor[] pos_args) -> Tensor[]"""
    from jax import lax

    extra = list(pos_args)
    return lax.map(lambda x: f(*x, *extra), list(xs))


@lower("map_impl", target="tensorflow")
def map_impl_tf(b, f, xs, pos_args):
    """map_impl(GraphModule f, Tensor[] xs, Tensor[] pos_args) -> Tensor[]"""
    tf = b.fw
    extra = list(pos_args)
    first = f(*[x[0] for x in xs], *extra)  # the outputs' shapes and dtypes, which tf.map_fn must be told
    return tf.map_fn(
        tf.autograph.experimental.do_not_convert(lambda x: f(*x, *extra)),
        list(xs),
        fn_output_signature=[tf.TensorSpec(y.shape, y.dtype) for y in first],
    )
