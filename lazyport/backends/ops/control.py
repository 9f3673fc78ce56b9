"""Structured control flow: ``torch.cond`` and ``torch.while_loop`` as the target's own.

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

    return list(lax.cond(_scalar(b, pred), lambda ops: tuple(true_fn(*ops)), lambda ops: tuple(false_fn(*ops)),
                         tuple(operands)))


@lower("cond", target="tensorflow")
def cond_tf(b, pred, true_fn, false_fn, operands):
    """cond(Tensor pred, GraphModule true_fn, GraphModule false_fn, Tensor[] operands) -> Tensor[]"""
    tf = b.fw
    return list(tf.cond(_scalar(b, pred), lambda: true_fn(*operands), lambda: false_fn(*operands)))


@lower("while_loop")
def while_loop(b, cond_fn, body_fn, carried_inputs, additional_inputs):
    """while_loop(GraphModule cond_fn, GraphModule body_fn, Tensor[] carried_inputs, Tensor[] additional_inputs) -> Tensor[]"""  # noqa: E501
    carried = list(carried_inputs)
    while bool(cond_fn(*carried, *additional_inputs)[0]):
        carried = list(body_fn(*carried, *additional_inputs))
    return carried


@lower("while_loop", target="jax")
def while_loop_jax(b, cond_fn, body_fn, carried_inputs, additional_inputs):
    """while_loop(GraphModule cond_fn, GraphModule body_fn, Tensor[] carried_inputs, Tensor[] additional_inputs) -> Tensor[]"""  # noqa: E501
    from jax import lax

    extra = tuple(additional_inputs)
    return list(lax.while_loop(lambda c: _scalar(b, cond_fn(*c, *extra)[0]),
                               lambda c: tuple(body_fn(*c, *extra)), tuple(carried_inputs)))


@lower("while_loop", target="tensorflow")
def while_loop_tf(b, cond_fn, body_fn, carried_inputs, additional_inputs):
    """while_loop(GraphModule cond_fn, GraphModule body_fn, Tensor[] carried_inputs, Tensor[] additional_inputs) -> Tensor[]"""  # noqa: E501
    tf = b.fw
    extra = list(additional_inputs)
    return list(tf.while_loop(lambda *c: _scalar(b, cond_fn(*c, *extra)[0]), lambda *c: list(body_fn(*c, *extra)),
                              list(carried_inputs)))
