"""Guarded programs: what a call runs when a recorded program's guards do not hold for its values.

A recorded first call that read values computed from its inputs (``if x.max() > 1:``, a library's
``if (labels >= n).any(): raise``) keeps each value read as a guard instruction of its program
(:data:`lazyport.lower.GUARD`), and the program stays compiled: a later call whose guards hold runs it.
A call where one fails (:class:`~lazyport.backends.base.GuardFailed`) is the program's no longer: it runs
the signature's other recorded variants, else op by op, torch's eager semantics, which take the other
branch or raise the library's own error, and that run is recorded as one more variant behind its own
guards, up to ``LAZYPORT_GUARD_VARIANTS`` per signature. Past the bound, calls no variant fits run op by
op (a warning says so once). Traced calls (inside ``jax.jit`` / ``tf.function``) have no values: they get
a translation of their own, captured as under torch's tracers (:func:`traced_entry`).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from . import config, log
from .backends.base import GuardFailed
from .entry import Entry

_log = log.get("engine")


def traced_entry(fn: Any, sig: Any) -> Any:
    """The translation traced calls of ``sig`` run where its concrete one holds guards: captured once."""
    entry = fn.traced.get(sig.key)
    if entry is None:
        entry = fn._build(sig, store=fn.traced)
    return entry


def other_variant(fn: Any, entry: Entry, sig: Any, rng_key: Any) -> tuple[list[Any], Any]:
    """``(outs, out_spec)`` of a concrete call whose values ``entry``'s guards do not fit."""
    from .interpret import Fallback
    from .lower import Program

    for variant in entry.variants:
        try:
            return variant.run(sig.arrays, False, rng_key), variant.out_spec
        except GuardFailed:
            continue
    record = len(entry.variants) + 1 < config.guard_variants()
    start = time.perf_counter()
    try:
        run = fn._op_by_op(sig, record=record)
    except Fallback:  # what op by op declines, capture on these values does (or raises the function's error)
        from .entry import ConcreteEntry

        return fn._run_concrete(ConcreteEntry(fn, "guards failed", None), sig, False, rng_key)
    if record and run.lowered is not None and run.data_dependent is None:
        variant = Entry(
            fn, None, Program(run.lowered, fn.backend), sig.arrays, cost=time.perf_counter() - start, label=entry.label
        )
        if variant.compiled is None:
            variant.set_first_runner()
        entry.variants.append(variant)
        _log.info("%s: recorded variant %d for values its guards tell apart", entry.label, len(entry.variants) + 1)
    elif not record:
        log.once(
            _log,
            fn._warned,
            "guards",
            logging.WARNING,
            "%s: the values read by %d recorded programs (their guards) differ again; calls that none of them "
            "fits run op by op. Express the branch with torch.where to get one program for all values.",
            entry.label,
            len(entry.variants) + 1,
        )
    return run.outs, run.out_spec


def raise_as_torch(fn: Any, sig: Any, exc: BaseException) -> None:
    """A recorded first call failed with ``exc``, which is not the op-by-op path declining: raise what
    torch eager raises for this call, if it does (a library's check on these values: capture would run
    under torch's tracer semantics and skip it); return where torch computes it (capture then does)."""
    import torch

    from .interpret import Fallback, KernelError
    from .lower import tensor_from_numpy

    if isinstance(exc, Fallback) and not isinstance(exc, KernelError):
        return
    b = fn.backend
    values = [b.to_numpy(a) for a in sig.arrays]
    args, kwargs = sig.rebuild()([tensor_from_numpy(v, td) for v, (_, td) in zip(values, sig.specs())])
    try:
        with torch.no_grad():
            fn.fn(*args, **kwargs)
    except Exception:
        # JAX's int32 inputs are given to torch as int64; code insisting on int32 (LU pivots) takes them as
        # they are, as capture does: only an error torch raises both ways is the call's
        args, kwargs = sig.rebuild()([torch.from_numpy(v.copy()) for v in values])
        with torch.no_grad():
            fn.fn(*args, **kwargs)
