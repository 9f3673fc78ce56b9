"""Translated functions: signature → cache → (record or capture → lower → compile) → run.

A :class:`TranslatedFunction` owns one torch function and one target. Per input signature it keeps an
:class:`Entry`: the lowered record, its straight-line target program and, once ready, the compiled
form. How a call runs:

* a concrete call of a signature not translated yet runs op by op (:mod:`lazyport.interpret`: the
  function itself on tensors that hold arrays, each ATen op answered by its lowering; JAX and
  TensorFlow run the NumPy lowerings for arrays in host memory, which are faster eagerly) and records
  the program it runs: that record is the signature's translation (one pass; nothing captures the
  function again). Later calls run the recorded program; once they have cost as much as the first call
  did, the signature is compiled (JAX traces and lowers in the caller's thread, XLA compiles on the
  background worker) and calls use the compiled form as soon as it is ready. Where recording declines
  (random ops, an op without a lowering or a meta kernel), the signature is captured in the foreground.
  ``LAZYPORT_FIRST_CALL=compile`` captures and compiles synchronously instead;
* inside the target's tracing (``jax.jit``/``grad``/``vmap``, ``tf.function``): captured on fake
  tensors, and the program is traced into the caller's computation;
* a function that reads input values (a branch, ``.item()``, ``.numpy()``) has no translation for all
  values. With concrete inputs it runs op by op at every call (never cached as if the branch were
  unconditional, neither in memory nor on disk); under tracing it raises :class:`DataDependentError`
  naming the line. In graph mode (``lazyport.trace_graph``) there is no such fallback: a graph is one
  program for every value of a signature, so it raises right away.

Before translating, a signature is looked up in the persistent cache (:mod:`lazyport.diskcache`); a
hit gives the lowered program without running torch at all, and a fresh translation is written there.

Reading a call into its signature (argument kinds, the key, parameter names, torch specs) is
:mod:`lazyport.signature`'s job; running what a signature translated to, and when to compile it,
:mod:`lazyport.entry`'s.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import optree

from . import config, diskcache, guarded, log, progress, trees, worker
from .backends import get_backend
from .backends.base import GuardFailed
from .cache import LRU
from .entry import ArraySpec, ConcreteEntry, Entry
from .errors import DataDependentError, DynamicShapesError, LazyportError, TranslationError, UnsupportedOpError
from .signature import Arguments, Kind, Signature
from .tracebacks import at_boundary

__all__ = ["ArraySpec", "CacheInfo", "ConcreteEntry", "Entry", "TranslatedFunction", "wait_all"]
_ARRAY = Kind.ARRAY  # (read on the fast path of every call)
_functions: weakref.WeakSet[TranslatedFunction] = weakref.WeakSet()  # for lazyport.wait()
_GONE = object()  # a guarded name that was deleted
_log = log.get("engine")


def wait_all(timeout: float | None = None) -> bool:
    """:func:`lazyport.wait`: start the compiles every translated function has left, then wait."""
    for f in list(_functions):
        f.compile_pending()
    with progress.status("waiting for background compiles"):
        return worker.join(timeout)


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    translations: int
    currsize: int
    maxsize: int


class TranslatedFunction:
    """A torch function translated to ``target``: call it with target arrays."""

    # TensorFlow's AutoGraph leaves callables carrying this marker alone: our call path is plain Python
    # over tf ops already, and converting it (and torch's tracer beneath it) only produces warnings.
    autograph_info__: dict[str, Any] = {}

    def __init__(
        self,
        fn: Callable[..., Any],
        target: str,
        cache_size: int | None = None,
        *,
        graph_mode: bool = False,
        persist: bool | None = None,
        dynamic_shapes: Any = None,
    ):
        self.fn = fn
        # explicit dynamic dims (lazyport.dynamic): one translation, captured with symbolic sizes, for every size
        self.dynamic: Any = None
        if dynamic_shapes is not None:
            from .dynamic import DynamicShapes

            self.dynamic = DynamicShapes.parse(dynamic_shapes, fn)
            persist = False  # (kept in memory: the persistent cache stores static signatures)
        self.backend = get_backend(target)
        self.target = self.backend.name
        self.args = Arguments(fn, self.backend, self.dynamic)  # reads calls into signatures
        # automatic dynamic sizes (lazyport.autodynamic): lazy translations without dynamic_shapes
        self.auto: Any = None
        if dynamic_shapes is None and not graph_mode and config.dynamic() == "auto":
            from .autodynamic import AutoDynamic

            self.auto = AutoDynamic(fn)
        self.cache = LRU(cache_size) if cache_size else LRU()
        self.traced = LRU(self.cache.maxsize)  # traced twins of signatures whose programs hold guards
        self.graph_mode = graph_mode  # trace_graph: source lines recorded; a data-dependent function raises
        self.persist = persist  # None: use the persistent cache when LAZYPORT_CACHE_DIR allows it
        self.last_entry: Entry | ConcreteEntry | None = None
        self.last_key: Any = None
        self._build_lock = threading.RLock()
        self._fast: dict[tuple, Entry] = {}  # positional-arrays signature -> compiled entry
        # callers' own keys -> what they prepared from shortcut_entry (lazyport.nn's modules); cleared with the cache
        self.shortcuts: dict[Any, Any] = {}
        self._pending: set[Any] = set()  # signatures whose first call is being recorded
        self._pending_lock = threading.Lock()
        self._hits = self._misses = self._translations = 0
        self._declined: dict[Any, str] = {}  # signatures the op-by-op first call does not take -> why
        # (namespace, name, value) of the globals and attributes the translations read (diskcache.reads_of),
        # checked by identity at every call; None until the first translation
        self._guards: tuple | None = None
        self._warned: set[str] = set()  # warnings given (once per function each)
        functools.update_wrapper(self, fn, updated=())
        _functions.add(self)

    def __repr__(self) -> str:
        return repr(self.args)

    def __get__(self, obj: Any, objtype: Any = None) -> Any:  # usable as a method
        return self if obj is None else functools.partial(self, obj)

    def __reduce__(self) -> Any:
        """Pickled by reference: the original function, the target and the options; unpickling translates
        afresh (see :mod:`lazyport.pickling`). A lambda or local function raises a PicklingError saying why."""
        from .pickling import original_reference

        name = original_reference(self.fn, self, repr(self))
        if name is not None:  # decorated with @lazyport.transpile: the module's global is this object
            return name
        options = {"cache_size": self.cache.maxsize, "graph_mode": self.graph_mode, "persist": self.persist}
        if self.dynamic is not None:
            options["dynamic_shapes"] = self.dynamic.spec
        return rebuild_translated, (self.fn, self.target, options)

    def __copy__(self) -> TranslatedFunction:  # as for Python functions: a copy is the function itself
        return self

    def __deepcopy__(self, memo: Any) -> TranslatedFunction:
        return self

    # ----- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        guards = self._guards
        if guards:  # a global or attribute the translations read was rebound: they are stale
            for namespace, name, value in guards:
                if namespace.get(name, _GONE) is not value:
                    self._invalidate(name)
                    break
        try:
            if not kwargs:  # fast path: positional target arrays of a signature already compiled
                kinds = self.args.kinds
                key: list[Any] = []
                for a in args:
                    if kinds.get(type(a)) != _ARRAY:
                        break
                    key.append(a.shape)
                    key.append(a.dtype)
                else:
                    entry = self._fast.get(tuple(key))
                    if entry is not None:
                        try:
                            out = entry.call(*args)  # type: ignore[misc]  # (_fast holds entries with a call)
                        except GuardFailed:  # values the program does not hold for: the general path
                            return self._call(args, kwargs)
                        self._hits += 1
                        return out[0] if entry.single else optree.tree_unflatten(entry.out_spec, out)
            return self._call(args, kwargs)
        except Exception as exc:  # the user's and the library's frames, not lazyport's and torch's
            raise at_boundary(exc, self.fn, self.target)  # noqa: B904 (the same exception: cause, context stay)

    def _call(self, args: tuple, kwargs: dict) -> Any:
        rng_key = kwargs.pop("rng_key", None) if kwargs else None
        sig = self.args.read(*trees.flatten((args, kwargs)))
        entry = self.cache.get(sig.key)
        b = self.backend
        arrays = sig.arrays
        traced = any(b.is_traced(a) for a in arrays) if arrays else False
        auto_key = None  # the symbolic key automatic dynamic sizes give this call (lazyport.autodynamic)
        if entry is None and self.auto is not None:
            sig, entry, auto_key = self._auto_lookup(sig)
        if entry is not None:
            self._hits += 1
        else:
            self._misses += 1
            if self._guards is None:  # what the translations about to be made depend on, as it is now
                self._guards = diskcache.reads_of(self.fn)
            if auto_key is not None:
                sig, entry = self._auto_build(sig, auto_key, traced)
            if (
                entry is None
                and not traced
                and not self.graph_mode
                and self.dynamic is None
                and sig.key not in self._declined
                and config.first_call() != "program"  # (compile: recorded too, then compiled at once)
            ):
                # the persistent cache first; else this call is the translation
                entry = self._disk_entry(sig, self._disk_key(sig.key))
                if entry is None:
                    run = self._first_call(sig)
                    if run is not None:
                        recorded = self.cache.get(sig.key)
                        if self._fast_ok(recorded, kwargs, traced):  # the next call goes straight to it
                            self._remember_fast(args, recorded)
                        return optree.tree_unflatten(run.out_spec, run.outs)
            if entry is None:
                entry = self._build(sig)
            self.last_entry, self.last_key = entry, sig.key  # the most recently translated signature
        if traced and type(entry) is Entry and entry.guards:  # (a trace has no values to guard)
            entry = guarded.traced_entry(self, sig)
        if type(entry) is ConcreteEntry:
            outs, spec = self._run_concrete(entry, sig, traced, rng_key)
            return optree.tree_unflatten(spec, outs)
        if self.dynamic is not None:  # the conditions on sizes the traced code assumed (h < 16)
            arrays = self.dynamic.check_conditions(entry.program.lowered.meta.get("conditions"), arrays)
        try:
            small = None
            if traced and self.auto is not None and "dims" in entry.program.lowered.meta:
                from .autodynamic import small_branch

                small = small_branch(entry.program.lowered, arrays)
            if small is not None:  # a tf.function's None dim: sizes of 1 get their own translation
                outs = self._run_with_size_one(entry, small, sig)
            else:
                outs = entry.run(arrays, traced, rng_key)
        except GuardFailed:
            outs, spec = guarded.other_variant(self, entry, sig, rng_key)
            return optree.tree_unflatten(spec, outs)
        except Exception as exc:
            if not traced or not entry.program.lowered.meta.get("dims"):  # (a lowering may need a size tf leaves None)
                raise
            from .dynamic import unknown_sizes_error

            raise unknown_sizes_error(entry.program.lowered, b, arrays, exc) from exc
        writes = entry.program.lowered.writes
        if writes:
            outs = self._write_back(entry.program.lowered, outs, sig)
        result = optree.tree_unflatten(entry.out_spec, outs)
        if self._fast_ok(entry, kwargs, traced):
            self._remember_fast(args, entry)
        return result

    def _run_with_size_one(self, entry: Entry, small: tuple[int, int], sig: Signature) -> list[Any]:
        """``entry`` (a symbolic translation) traced into a tf.function whose dim ``small`` is None, where a
        size of 1 there takes a static translation for that size (``tf.cond`` on the size): torch captured
        the symbolic one assuming sizes >= 2 (a size of 1 may broadcast or squeeze differently). Keras traces
        ``fit`` and ``predict`` so, with a last batch that may hold one sample."""
        import tensorflow as tf

        j, d = small
        key, arrays = sig.key, sig.arrays
        shape = [1 if k == d else s for k, s in enumerate(arrays[j].shape)]
        specs = [tf.TensorSpec(shape, a.dtype) if i == j else a for i, a in enumerate(arrays)]  # (what to build for)
        parts, i = list(key), 0
        for p, part in enumerate(key):
            if p and isinstance(part[0], tuple):
                parts[p] = (tuple(specs[i].shape), part[1])
                i += 1
        one_key = tuple(parts)
        one = self.cache.get(one_key)
        if one is None:
            one = self._build(sig.replace(key=one_key, arrays=specs))
        if type(one) is not Entry or one.out_spec != entry.out_spec or one.program.lowered.writes:
            raise DynamicShapesError(
                f"{sig.label()}: a size of 1 of dim {d} has no translation of "
                "its own that fits a tf.cond; trace with the size known"
            )
        from .autodynamic import at_least

        size = tf.shape(arrays[j])[d]
        with tf.control_dependencies([at_least(arrays[j], d, None, entry.program.lowered.meta["dims"][small], 1)]):
            size = tf.identity(size)  # (the size check runs before either branch, which may fail on a size 0)
        return tf.cond(
            size >= 2,
            lambda: entry.run(arrays, True),
            lambda: one.run(
                [
                    tf.ensure_shape(a[(slice(None),) * d + (slice(0, 1),)], shape) if i == j else a
                    for i, a in enumerate(arrays)
                ],
                True,
            ),
        )  # (a[:1] is a: XLA compiles both)

    def _auto_lookup(self, sig: Signature) -> tuple[Signature, Any, Any]:
        """For a static signature not in memory: ``(sig, entry, auto_key)``, the symbolic translation in
        memory that serves this call (then ``sig`` is under its key), or ``entry`` None and the symbolic
        key to translate (``auto_key``, None when this call is translated statically)."""
        auto_key = self.auto.key(sig.key, sig.input_names, sig.label)
        if auto_key is None:
            return sig, None, None
        entry = self.cache.get(auto_key)
        if entry is None:
            return sig, None, auto_key
        if type(entry) is Entry and not self.auto.holds(entry.program.lowered, sig.arrays):
            return sig, None, None  # sizes where the code's assumptions fail: a static translation
        return sig.replace(key=auto_key), entry, None

    def _auto_build(self, sig: Signature, auto_key: Any, traced: bool) -> tuple[Signature, Any]:
        """``(sig, entry)``: the static signature from the persistent cache, else a fresh symbolic
        translation under ``auto_key``; entry None when that fails (the family is static from now on)."""
        if not traced:
            disk = self._disk_entry(sig, self._disk_key(sig.key))
            if disk is not None:
                return sig, disk
        try:
            entry = self._build(sig.replace(key=auto_key))
        except Exception as exc:  # specialised code, a capture or lowering that fails with symbolic sizes
            label = sig.label()
            self.auto.give_up(auto_key, exc, label)
            if any(type(d) is not int for a in sig.arrays for d in a.shape):  # (no static translation to fall back to)
                raise DynamicShapesError(
                    f"{label}: this trace leaves sizes unknown, and the translation with those dims dynamic failed "
                    f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); give the trace "
                    "concrete sizes (an input signature without None)"
                ) from exc
            return sig, None
        if type(entry) is Entry and not self.auto.holds(entry.program.lowered, sig.arrays):
            return sig, None
        return sig.replace(key=auto_key), entry

    def _write_back(self, lowered: Any, outs: Sequence[Any], sig: Signature) -> list[Any]:
        """The result's leaves of ``outs``; the values after them, which the function wrote into its
        inputs in place, go to the caller's arrays where those can change (NumPy arrays, ``tf.Variable``).
        Where they cannot (JAX arrays, ``tf.Tensor``), a warning, once per function, says so."""
        import numpy as np

        k = len(lowered.writes)
        outs, values = list(outs[: len(outs) - k]), outs[len(outs) - k :]
        given = sig.given()  # the caller's arrays, before conversion
        for i, value in zip(lowered.writes, values):
            original = given[i]
            if type(original) is np.ndarray:  # a result may share the input's memory: keep its value
                outs = [o.copy() if type(o) is np.ndarray and np.may_share_memory(o, original) else o for o in outs]
            if not self.backend.write_back(original, value):
                kind = f"{type(original).__module__.partition('.')[0]}.{type(original).__name__}"
                log.once(
                    _log,
                    self._warned,
                    "write",
                    logging.WARNING,
                    "%s writes in place to its input %s (an in-place op such as add_, or out=), but a %s "
                    "cannot change, so the caller's array keeps its old value (the result is torch's). "
                    "Pass a NumPy array or a tf.Variable to have it updated, or return the new value "
                    "from the function.",
                    sig.label(),
                    lowered.params[i],
                    kind,
                )
        return outs

    def interpret(self, *args: Any, **kwargs: Any) -> Any:
        """Run this call op by op (as a lazy first call does) without translating or caching anything;
        :class:`TranslationError` where that path declines (random ops, an op without a lowering)."""
        sig = self.args.read(*trees.flatten((args, kwargs)))
        if any(self.backend.is_traced(a) for a in sig.arrays):
            raise TranslationError("interpret() runs on concrete arrays, not inside jit / tf.function")
        try:
            run = self._op_by_op(sig)
        except LazyportError:
            raise
        except Exception as exc:
            raise TranslationError(f"the op-by-op path declines this call: {str(exc).splitlines()[0]}") from exc
        return optree.tree_unflatten(run.out_spec, run.outs)

    def _op_by_op(self, sig: Signature, record: bool = False) -> Any:
        """Run the call op by op (:func:`lazyport.interpret.interpret`), recording it if ``record``."""
        from .interpret import interpret

        b = self.backend
        names = sig.input_names() if record else None
        return interpret(
            self.fn,
            sig.arrays,
            sig.specs(),
            sig.rebuild(),
            b,
            b.first_call_backend(sig.arrays),
            record=names,
            name=self.args.name,
        )

    def _first_call(self, sig: Signature) -> Any:
        """A lazy first call, in one pass: run op by op and record the program it runs, which becomes
        the signature's translation (only the target's compile is left to the background).

        A run that read values computed from the inputs makes the signature data-dependent (op by op at
        every call). Returns None when the op-by-op path or its recording declines (random ops, an op
        without a lowering or a meta kernel, anything unusual, including an error the function raises):
        the caller then translates now, which also gives the proper error."""
        key = sig.key
        with self._pending_lock:  # one of several threads making the same first call records it
            record = key not in self._pending and key not in self.cache
            if record:
                self._pending.add(key)
        try:
            return self._record(sig, record)
        finally:
            if record:
                with self._pending_lock:
                    self._pending.discard(key)

    def _record(self, sig: Signature, record: bool) -> Any:
        start = time.perf_counter()
        key, label = sig.key, sig.label()
        try:
            with progress.status(f"translating {label} (first call, op by op)"):
                run = self._op_by_op(sig, record=record)
        except LazyportError:
            raise
        except Exception as exc:  # the function's own error is the call's (torch eager says); else capture
            guarded.raise_as_torch(self, sig, exc)
            self._decline(key, str(exc).split("\n", 1)[0] or type(exc).__name__)
            return None
        if not record:
            return run
        if run.data_dependent is not None:
            entry = ConcreteEntry(self, "it reads the values of a tensor computed from its inputs", run.data_dependent)
            self.cache.put(key, entry)
            self._translations += 1
            entry.announce(label)
            return run
        if run.lowered is None:
            self._decline(key, run.declined or "recording declined")
            return None
        from .lower import Program

        recorded = Entry(
            self, None, Program(run.lowered, self.backend), sig.arrays, cost=time.perf_counter() - start, label=label
        )
        if config.first_call() == "compile":  # compiled at once, and this call's result is the compiled form's
            recorded.compile_now(sig.arrays)
            with contextlib.suppress(GuardFailed):  # (compiled numerics may read a value the run did not)
                run.outs = recorded.call(*sig.arrays)  # type: ignore[misc]  # (compile_now set it)
        elif recorded.compiled is None:
            recorded.set_first_runner()
        self._store(self._disk_key(key), run.lowered)
        self.cache.put(key, recorded)
        self._translations += 1
        self.last_entry, self.last_key = recorded, key
        _log.info(
            "%s: recorded on its first call, %d ops, %.1f ms; compiled once called often",
            label,
            recorded.program.lowered.op_count,
            1e3 * recorded.cost,
        )
        return run

    def _store(self, disk_key: str | None, lowered: Any) -> None:
        """Write a translation to the persistent cache (if it is on and the record can be stored)."""
        if disk_key is not None and (cache := diskcache.get_cache()) is not None:
            cache.store(disk_key, lowered)

    def _decline(self, key: Any, why: str) -> None:
        """This signature is translated in the foreground (now, and at its next call), not interpreted."""
        if len(self._declined) > 4 * self.cache.maxsize:
            self._declined.clear()
        self._declined[key] = why
        _log.debug("%s: the op-by-op first call declines (%s)", self.fn, why)

    def _invalidate(self, name: str) -> None:
        """``name``, which the translations read, was rebound since they were made: forget them all."""
        self._forget()
        _log.info("%s: %s changed since it was translated; translating again", self.fn, name)

    def cache_info(self) -> CacheInfo:
        """``(hits, misses, translations, currsize, maxsize)`` like ``functools.lru_cache``'s:
        ``translations`` counts recorded first calls and captures, not signatures read from disk."""
        return CacheInfo(self._hits, self._misses, self._translations, len(self.cache), self.cache.maxsize)

    def cache_clear(self) -> None:
        """Forget the translations in memory and reset :meth:`cache_info` (the disk: ``lazyport cache clear``)."""
        with self._build_lock:
            self._forget()
            self._hits = self._misses = self._translations = 0

    def _forget(self) -> None:
        """Drop every translation in memory and what was derived from them (counters stay)."""
        with self._build_lock:
            self.cache.clear()
            self.traced.clear()
            self._fast.clear()
            self.shortcuts.clear()
            self._declined.clear()
            self.last_entry = self.last_key = None
            self._guards = None
            if self.auto is not None:
                self.auto.clear()

    def wait(self, timeout: float | None = None) -> bool:
        """Compile every signature of this function that is not compiled yet, and block until that and
        the other background compiles submitted so far are done (or ``timeout`` seconds passed); True
        when they are.

        Lazily translated signatures are compiled once they are called often enough (see
        :meth:`Entry.set_first_runner`); benchmarks and tests that want the compiled form now call this.
        It waits for all of lazyport's background work, not only this function's: jobs run one at a
        time, in order."""
        self.compile_pending()
        return worker.join(timeout)

    def compile_pending(self) -> None:
        """Start compiling (in the background) every signature not compiled yet."""
        for entry in self.cache.values():
            if type(entry) is Entry and not entry.program.needs_rng:  # (those compile at their first call)
                entry.compile_in_background(entry.example)

    def shortcut_entry(self, args: tuple, kwargs: dict) -> Entry | None:
        """The translation a concrete call with these arguments runs, when a caller that keeps its own
        key for the signature may run it directly: ``entry.run(arrays, False)`` with the array leaves of
        ``(args, kwargs)`` in flattening order gives the output leaves (``entry.out_spec``).

        None unless the signature is cached as one program for all values that draws no random numbers,
        writes nothing into its inputs, and gets concrete target arrays only (no conversion, no tracers).
        The caller checks, at every call, that its key still means this signature (shapes, dtypes, static
        values) and counts a hit with :meth:`count_hit`."""
        leaves, treedef = trees.flatten((args, kwargs))
        if any(self.args.kind(leaf) in (Kind.TRACED, Kind.CONVERT) for leaf in leaves):
            return None
        sig = self.args.read(leaves, treedef)
        entry = self.cache.get(sig.key)
        if entry is None and self.auto is not None:  # a size served by the translation with dynamic dims
            _, entry, _ = self._auto_lookup(sig)
        if type(entry) is not Entry or entry.program.needs_rng or entry.program.lowered.writes or entry.guards:
            return None
        if entry.compiled is None and not self.backend.concrete_by_type:
            return None  # (as for _remember_fast: only a compiled form is safe where types do not say "concrete")
        return entry

    def count_hit(self) -> None:
        """A call that ran a signature through a shortcut (:meth:`shortcut_entry`), for :meth:`cache_info`."""
        self._hits += 1

    def _fast_ok(self, entry: Any, kwargs: dict, traced: bool) -> bool:
        """May later calls of ``entry``'s signature take the fast path of :meth:`__call__` (positional
        concrete arrays straight to ``entry.call``)? Not with keywords, random numbers or writes to the
        inputs; where an array's type does not say whether it is traced, only once compiled."""
        return (
            type(entry) is Entry
            and not entry.program.needs_rng
            and not kwargs
            and not traced
            and entry.call is not None
            and not entry.program.lowered.writes
            and (entry.compiled is not None or self.backend.concrete_by_type)
        )

    def _remember_fast(self, args: tuple, entry: Entry) -> None:
        key = []
        for a in args:
            if self.args.kinds.get(type(a)) != _ARRAY:
                return
            key += [a.shape, a.dtype]
        if len(self._fast) >= self.cache.maxsize:
            self._fast.clear()
        self._fast[tuple(key)] = entry

    def warm(self, *args: Any, **kwargs: Any) -> Entry | ConcreteEntry:
        """Translate (and compile) now for the signature of ``args``/``kwargs``: the eager form."""
        kwargs.pop("rng_key", None)
        sig = self.args.read(*trees.flatten((args, kwargs)))
        arrays = sig.arrays
        concrete = not any(self.backend.is_traced(a) for a in arrays)
        self._guards = diskcache.reads_of(self.fn) if self._guards is None else self._guards
        if concrete and sig.key not in self.cache and not self.graph_mode and self.dynamic is None:
            self._first_call(sig)  # recorded as a lazy first call is (eager semantics, guards); else captured below
        entry = self.cache.get(sig.key) or self._build(sig)
        self.last_entry, self.last_key = entry, sig.key
        if self.dynamic is not None and isinstance(entry, Entry):
            self.dynamic.check_conditions(entry.program.lowered.meta.get("conditions"), arrays)
        if isinstance(entry, Entry) and concrete:
            if entry.program.needs_rng:
                arrays = [*arrays, self.backend.next_rng(False)]
            entry.compile_now(arrays)
            entry.prime(arrays)  # (what the compiled form does at its first run, done now too)
            if not entry.program.needs_rng and not kwargs and not entry.program.lowered.writes:
                self._remember_fast(args, entry)  # so the first call already takes the fast path
        return entry

    def _capture(
        self,
        specs: list,
        sig: Signature,
        rebuild: Any,
        dims: dict[tuple[int, int], str] | None = None,
        labels: Sequence[str] = (),
        hints: Sequence[Sequence[int]] | None = None,
    ) -> tuple[Any, list]:
        """Capture at ``specs``; if that fails on JAX int32 inputs widened to int64, at their exact dtypes
        (torch code insisting on int64 labels gets int64, code insisting on int32 LU pivots int32).
        ``dims`` ((input, dim) -> name) are captured as symbolic sizes (:mod:`lazyport.capture.symbolic`)."""
        from .capture import capture, is_data_dependent

        if dims:
            from .capture.symbolic import capture_symbolic

            # (automatic names are lazyport's: dims tied by the code are conditions, not the user's mistake)
            capture = functools.partial(
                capture_symbolic,
                dims=dims,
                labels=labels,
                ties=self.dynamic is None,
            )
        try:
            return capture(self.fn, specs, rebuild, stack=self.graph_mode), specs
        except LazyportError:
            raise
        except Exception as exc:
            exact = sig.specs(exact=True, hints=hints)
            if is_data_dependent(exc) or exact == specs:
                raise
            try:
                return capture(self.fn, exact, rebuild, stack=self.graph_mode), exact
            except Exception:
                raise exc from None

    def _build(self, sig: Signature, store: LRU | None = None) -> Entry | ConcreteEntry:
        """The entry of ``sig`` from memory, the persistent cache or a capture, kept in ``store`` (the cache;
        :attr:`traced` for traced twins of guarded signatures, never on disk)."""
        from .lower import Program

        key, arrays = sig.key, sig.arrays
        traced_store = store is not None and store is not self.cache
        store = self.cache if store is None else store
        with self._build_lock:
            entry = store.get(key)
            if entry is not None:
                return entry
            if self._guards is None:
                self._guards = diskcache.reads_of(self.fn)
            start = time.perf_counter()
            dims = hints = None
            if self.dynamic is not None or self.auto is not None:
                from .dynamic import DynamicShapes

                dims = DynamicShapes.dims_of(key)
                if dims and self.auto is not None:
                    hints = self.auto.hints(key)
            # (symbolic translations and traced twins of guarded ones: memory only)
            disk_key = self._disk_key(key) if not dims and not traced_store else None
            entry = self._disk_entry(sig, disk_key)
            if entry is not None:
                return entry
            from .capture import is_data_dependent
            from .lower import lower_graph

            rebuild = sig.rebuild()
            specs = sig.specs(hints=hints)
            label = sig.label()
            try:
                with progress.status(f"translating {label} (capture)"):
                    captured, specs = self._capture(specs, sig, rebuild, dims, sig.input_names() if dims else (), hints)
            except LazyportError:
                raise
            except Exception as exc:
                if not is_data_dependent(exc):
                    raise
                entry = ConcreteEntry.from_capture(self, exc)
                if self.graph_mode:
                    raise entry.graph_error() from None
                store.put(key, entry)
                self._translations += 1  # in memory only: it holds no graph, just "capture per call"
                entry.announce(label)
                return entry
            try:
                lowered = lower_graph(captured, sig.input_names(), self.args.name)
                program = Program(lowered, self.backend)
            except UnsupportedOpError as exc:
                raise self._with_source(exc, specs, rebuild) from None
            if self.graph_mode and lowered.writes:
                raise TranslationError(
                    f"{self.args.name} writes in place to its input {lowered.params[lowered.writes[0]]} (an in-place "
                    "op such as add_, or out=); a graph maps inputs to outputs and has no such side effect. Return "
                    "the new value instead, or use lazyport.transpile, which writes it back to NumPy arrays and "
                    "tf.Variables."
                )
            entry = Entry(self, captured, program, arrays, cost=time.perf_counter() - start, label=label)
            if dims:  # one program for every size of these dims (and the conditions the code assumed of them)
                from .dynamic import polymorphic_stage, rename_sizes

                rename_sizes(lowered, captured.meta.get("symbol_names", {}))
                lowered.meta["dims"] = dims
                lowered.meta["conditions"] = captured.meta.get("conditions", [])
                entry.stage = polymorphic_stage(self.backend, dims)
            store.put(key, entry)
            self._translations += 1
            self._store(disk_key, lowered)
            _log.info("%s: captured, %d ops, %.1f ms", label, lowered.op_count, 1e3 * entry.cost)
            why = self._declined.get(key)
            if why is not None:
                log.once(
                    _log,
                    self._warned,
                    "foreground",
                    logging.WARNING,
                    "%s: the first call could not run op by op (%s), so it was translated in the "
                    "foreground (%.0f ms) before running",
                    label,
                    why,
                    1e3 * entry.cost,
                )
            return entry

    # ----- the persistent cache
    def _disk_key(self, key: Any) -> str | None:
        if self.persist is False or diskcache.get_cache() is None:
            return None
        # recomputed per build (builds are rare): a global the function reads may have changed
        return diskcache.entry_key(self.fn, self.backend, key, self.graph_mode)

    def _disk_entry(self, sig: Signature, disk_key: str | None) -> Entry | None:
        """``sig``'s entry from the persistent cache (then also in memory), or None."""
        from .lower import Program

        start = time.perf_counter()
        cache = diskcache.get_cache() if disk_key is not None else None
        lowered = cache.load(disk_key) if cache is not None and disk_key is not None else None
        if lowered is None:
            return None
        try:
            program = Program(lowered, self.backend)
        except Exception:  # e.g. a lowering that is gone: capture afresh (and overwrite the entry)
            return None
        entry = Entry(self, None, program, sig.arrays, cost=time.perf_counter() - start)
        self.cache.put(sig.key, entry)
        _log.info(
            "%s: read from the persistent cache, %d ops, %.1f ms", entry.label, lowered.op_count, 1e3 * entry.cost
        )
        return entry

    def _with_source(self, exc: UnsupportedOpError, specs: Any, rebuild: Any) -> UnsupportedOpError:
        """Re-capture with stack traces (only on this error path) to name the user's source line."""
        from .capture import capture, user_frame

        if exc.source_line:
            return exc
        try:
            captured = capture(self.fn, specs, rebuild, stack=True)
        except Exception:
            return exc
        for node in captured.gm.graph.nodes:
            if node.op == "call_function" and str(node.target) == exc.op and node.meta.get("stack_trace"):
                return UnsupportedOpError(exc.op, exc.target, user_frame(node.meta["stack_trace"]), exc.reason)
        return exc

    def _run_concrete(
        self, entry: ConcreteEntry, sig: Signature, traced: bool, key: Any = None
    ) -> tuple[list[Any], Any]:
        from .capture import capture_concrete
        from .lower import Program, tensor_from_numpy

        if traced:
            raise DataDependentError(
                f"{entry.read()}\nSuch code runs op by op on concrete {self.target} arrays, but not inside "
                "jax.jit / jax.grad / jax.vmap / tf.function. Call it outside the transform, or express the "
                "branch with torch.where."
            )
        if key is None and entry.op_by_op:  # random ops (which take a key) are declined there anyway
            try:
                run = self._op_by_op(sig)
                return run.outs, run.out_spec
            except LazyportError:
                raise
            except Exception:  # capturing on the real values below gives the error, if it is one
                entry.op_by_op = False
        b, arrays = self.backend, sig.arrays
        tensors = [tensor_from_numpy(b.to_numpy(a), td) for a, (_, td) in zip(arrays, sig.specs())]
        captured = capture_concrete(self.fn, tensors, sig.rebuild())
        try:
            program = Program(captured, b)
        except UnsupportedOpError as exc:
            raise exc from None
        inputs = list(arrays)
        if program.needs_rng:
            inputs.append(b.next_rng(False, key() if callable(key) else key))
        outs = program.fn(*inputs)
        if program.lowered.writes:
            outs = self._write_back(program.lowered, outs, sig)
        return outs, captured.out_spec


def rebuild_translated(fn: Any, target: str, options: dict[str, Any]) -> Any:
    """A fresh :class:`TranslatedFunction` of ``fn``: what an unpickled one becomes (pickles name this)."""
    return TranslatedFunction(fn, target, **options)
