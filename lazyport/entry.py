"""What one input signature translated to: an :class:`Entry` (the lowered program, run uncompiled
until compiling pays, then compiled) or a :class:`ConcreteEntry` (a function that reads input values,
run op by op at every call). The :class:`~lazyport.engine.TranslatedFunction` owning them makes them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from . import config, log, progress, worker
from .backends import Backend
from .backends.base import GuardFailed
from .errors import DataDependentError, UnsupportedOpError

_log = log.get("engine")


class ArraySpec(NamedTuple):
    """The shape and dtype of an input array: what compiling a signature needs of it."""

    shape: tuple[int, ...]
    dtype: Any


class Entry:
    """What one input signature translated to."""

    def __init__(
        self, owner: Any, captured: Any, program: Any, arrays: Sequence[Any], cost: float = 0.0, label: str = ""
    ):
        self.owner = owner
        self.label = label or owner.args.label(arrays)  # 'module.fn(float32[2,3]) -> jax', for log lines
        self.cost = cost  # seconds it took to make this translation: the budget of uncompiled calls
        self.captured = captured  # None when the program came from the persistent cache
        self.program = program
        self.out_spec = program.out_spec
        self.single = self.out_spec.num_nodes == 1 and self.out_spec.num_leaves == 1
        backend = owner.backend
        self.compiled: Callable[..., Any] | None = None
        self.first: Callable[[Sequence[Any]], list[Any]] | None = None
        self.compile_error: BaseException | None = None  # what the background compile raised
        self.compiled_at: float | None = None  # time.perf_counter() when the compiled form was ready
        self.uncompiled: Callable[..., Any] | None = None  # the calls before compiling (and the fastest time)
        self.best_uncompiled = float("inf")
        self.executor = "program"  # what calls run: "program" (uncompiled, and NumPy's) or "compiled"
        self.example = [ArraySpec(tuple(a.shape), a.dtype) for a in arrays]  # what to compile for
        self._compile_started = False
        self.primed = False  # has the compiled form run once (prime)?
        self._lock = threading.Lock()
        self.stage = backend.stage  # (for dynamic dims: one that compiles for every size, lazyport.dynamic)
        self.guards = program.lowered.guards  # the program holds for calls whose guards hold only
        self.variants: list[Entry] = []  # programs recorded where this one's guards failed (lazyport.engine)
        if type(backend).compile is Backend.compile:
            self.compiled = program.fn  # nothing to compile (NumPy)
        # what a concrete call runs, on positional arrays: the compiled form, else the uncompiled program
        self.call = self.compiled

    @property
    def call(self) -> Callable[..., Any] | None:
        """What a concrete call runs, on positional arrays (the result's leaves): with guards, the program
        checked (:class:`GuardFailed` where one fails, or where the program, run past a failing guard,
        fails: only the op-by-op run says what this call gives)."""
        return self._call

    @call.setter
    def call(self, fn: Callable[..., Any] | None) -> None:
        k = self.guards
        if fn is None or not k:
            self._call = fn
            return

        def checked(*arrays: Any) -> list[Any]:
            try:
                outs = fn(*arrays)
                ok = all(bool(g) for g in outs[-k:])
            except Exception:  # GuardFailed (NumPy stops at the guard), or an op past a failing guard
                ok = False
            if ok:
                return outs[:-k]
            for variant in self.variants:  # recorded for other values, with this result structure
                if variant.out_spec == self.out_spec and variant.call is not None:
                    try:
                        return variant.call(*arrays)
                    except GuardFailed:
                        continue
            raise GuardFailed("a guard")

        self._call = checked

    @property
    def origin(self) -> str:
        """How this translation was made: "recorded" (a first call), "captured" or "disk"."""
        meta = self.program.lowered.meta
        return "disk" if meta.get("from_disk") else "recorded" if meta.get("recorded") else "captured"

    # ----- compiling
    def compile_now(self, arrays: Sequence[Any]) -> None:
        if self.compiled is None:
            start = time.perf_counter()
            with progress.status(f"compiling {self.label}"):
                self.compiled = self.call = self.stage(self.program.fn, arrays)()
            self.executor = "compiled"
            self.compiled_at = time.perf_counter()
            _log.info("%s: compiled in the foreground in %.0f ms", self.label, 1e3 * (self.compiled_at - start))

    def prime(self, arrays: Sequence[Any]) -> None:
        """Run the compiled form once on ``arrays`` and drop the result, so that the work a compiled
        form leaves to its first execution is done now, not in the caller's first call: TensorFlow
        instantiates and optimises (grappler) a ConcreteFunction's graph when it first runs it, XLA's
        executable builds its C++ call path, NumPy touches its buffers. Nothing is written back and no
        random number is drawn (``arrays`` already holds the key a random program takes). An error is
        left to the call that meets it, with the arrays it is given."""
        if self.compiled is None or self.primed:
            return
        try:
            self.owner.backend.block(self.compiled(*arrays))
        except Exception as exc:  # (the same error, if it is one for these arrays, comes at the first call)
            _log.debug("%s: running the compiled form once failed: %s", self.label, str(exc).split("\n", 1)[0])
            return
        self.primed = True

    def compile_in_background(self, arrays: Sequence[Any]) -> None:
        """Compile for ``arrays``' signature: the part that needs the GIL (JAX's trace and lowering) now,
        the rest (XLA's compile, TensorFlow's graph) on the background worker."""
        with self._lock:
            if self._compile_started:
                return
            self._compile_started = True
        start = time.perf_counter()
        backend = self.owner.backend
        finish = self.stage(self.program.fn, arrays) if self.compiled is None else None
        backend.staged(time.perf_counter() - start)

        def job() -> None:
            try:
                if finish is not None:
                    compiled = self.compiled = finish()
                    self.call = self._choose(compiled)
                    self.compiled_at = time.perf_counter()
                    _log.info("%s: compiled in the background in %.0f ms", self.label, 1e3 * (self.compiled_at - start))
            except Exception as exc:  # calls keep running the uncompiled program
                self.compile_error = exc
                _log.warning(
                    "%s: compiling failed, calls keep running the uncompiled program: %s",
                    self.label,
                    str(exc).split("\n", 1)[0],
                )

        worker.submit(job, self.label)
        # Let the worker take the GIL now, for the Python part of the compile before XLA's own (which
        # releases it), rather than in the middle of the next call, which would wait for it.
        time.sleep(0.0002)

    def set_first_runner(self) -> None:
        """What calls run until the compiled form is ready: the uncompiled program, which starts the
        compile once these calls have taken as long as making the translation did (``cost``).

        That cost (a recorded first call, a capture, a read from disk), or what staging a compile has
        recently cost the caller in this process where that is more (JAX traces and lowers in the
        caller's thread: 5-35 ms for the kornia set), stands for the price of compiling: a signature
        called a few times is never compiled, a hot one is compiled after its uncompiled calls have cost
        about as much as compiling would (the ski-rental rule: never more than twice the better choice),
        and the calls right after a first call are not held up by a compile they have not paid for."""
        first = self.first = self._first_runner()
        if self.call is not None:
            return
        spent, budget = 0.0, max(self.cost, self.owner.backend.staging_cost)

        def call(*arrays: Any) -> list[Any]:
            nonlocal spent
            start = time.perf_counter()
            out = first(arrays)
            took = time.perf_counter() - start
            spent += took
            self.best_uncompiled = min(self.best_uncompiled, took)
            if spent >= budget:
                self.compile_in_background(arrays)
            return out

        self.call = self.uncompiled = call

    def _choose(self, compiled: Callable[..., Any]) -> Callable[..., Any]:
        """The compiled form, timed on its first calls against the fastest uncompiled call: whichever is
        faster runs this signature from then on (``executor``). On a CPU, XLA's convolutions are often
        slower than NumPy's program for the same record."""
        if self.uncompiled is None or self.best_uncompiled == float("inf"):
            self.executor = "compiled"
            return compiled
        block, times = self.owner.backend.block, []

        def timed(*arrays: Any) -> list[Any]:
            start = time.perf_counter()
            out = block(compiled(*arrays))
            times.append(time.perf_counter() - start)
            if len(times) >= 8:
                del times[:3]  # (the first runs of an executable warm its buffers up)
                faster = min(times) <= self.best_uncompiled
                self.executor = "compiled" if faster else "program"
                self.call = compiled if faster else self.uncompiled
                _log.debug(
                    "%s: calls run the %s form (compiled %.3f ms, uncompiled %.3f ms)",
                    self.label,
                    self.executor,
                    1e3 * min(times),
                    1e3 * self.best_uncompiled,
                )
            return out

        return timed

    def _first_runner(self) -> Callable[[Sequence[Any]], list[Any]]:
        """The uncompiled program on positional arrays, its results computed when it returns (timed to
        completion, as the compiled form is): the NumPy program for arrays in host memory where the
        target runs first calls so, else the target's own eager program."""
        from .lower import Program

        backend = self.owner.backend
        alt = backend.first_call_backend()
        target_fn, block = self.program.fn, backend.block

        def eager(arrays: Sequence[Any]) -> list[Any]:
            return block(target_fn(*arrays))

        if alt is None:
            return eager
        try:
            prog = Program(self.program.lowered, alt, own_results=False)  # (converted into target arrays)
        except UnsupportedOpError:  # no NumPy lowering: run the target program instead
            return eager
        # per output, made once: its conversion from NumPy to a target array of torch's dtype
        converters = [None if d is None else backend.from_host(backend.dtype_by_name(d)) for d in prog.out_dtypes]
        if self.guards:  # a guard's result is read here, as the NumPy bool it is
            converters[-self.guards :] = [None] * self.guards
        fn = prog.fn  # made now, not at the next call
        on_host = backend.on_host

        def run(arrays: Sequence[Any]) -> list[Any]:
            if not all(on_host(a) for a in arrays):  # never copied off an accelerator: eager target ops
                return eager(arrays)
            outs = fn(*(alt.from_backend(a, backend) for a in arrays))
            return [o if c is None else c(o) for o, c in zip(outs, converters)]

        return run

    # ----- running
    def run(self, arrays: Sequence[Any], traced: bool, key: Any = None) -> list[Any]:
        if self.program.needs_rng:
            # a callable rng_key is a key source, asked only here (lazyport.nn's modules pass nnx.Rngs this way)
            arrays = [*arrays, self.owner.backend.next_rng(traced, key() if callable(key) else key)]
        if traced:  # into the caller's computation
            if self.guards:  # (the engine never sends a trace here: its values are not known)
                raise DataDependentError(f"{self.label}: a program with guards cannot run in a trace")
            return self.program.fn(*arrays)
        if self.call is None:
            if config.first_call() == "compile" or self.program.needs_rng:
                self.compile_now(arrays)
            else:
                self.set_first_runner()
        call = self.call
        assert call is not None  # (either branch above set it)
        return call(*arrays)


class ConcreteEntry:
    """A signature whose control flow depends on input values: run op by op at every call (or, where
    that path declines, captured on the real values at every call)."""

    def __init__(self, owner: Any, reason: str, where: str | None):
        self.owner = owner
        self.where = where
        self.reason = reason.split("\n", 1)[0]
        self.op_by_op = True  # False once the op-by-op path declined this function

    @classmethod
    def from_capture(cls, owner: Any, exc: BaseException) -> ConcreteEntry:
        from .capture import describe_read, user_frame

        return cls(owner, describe_read(exc), getattr(exc, "where", None) or user_frame(exc.__traceback__))

    def announce(self, label: str) -> None:
        """Log that this signature runs op by op at every call; warn once per function, naming the line."""
        warned = self.owner._warned
        if "data-dependent" in warned:
            _log.info("%s: runs op by op at every call (%s)", label, self.reason)
            return
        where = f", at\n{self.where}" if self.where else ""
        log.once(
            _log,
            warned,
            "data-dependent",
            logging.WARNING,
            "%s runs op by op at every call, never compiled: %s%s\nExpress the branch with torch.where "
            "(or compute the value outside the function and pass it in) to get one compiled program.",
            label,
            self.reason,
            where,
        )

    def read(self) -> str:
        """'f is not one program for every input value: <what>, at <the user's line>'."""
        fn = self.owner.fn
        where = f", at\n{self.where}" if self.where else ""
        return f"{getattr(fn, '__qualname__', fn)} is not one program for every input value: {self.reason}{where}"

    def graph_error(self) -> DataDependentError:
        """Why trace_graph cannot make a graph of this function."""
        return DataDependentError(
            f"{self.read()}\ntrace_graph makes one graph for every value of a signature and lazyport does "
            "not turn Python branches into the target's control flow, so this function has no graph. Express "
            "the branch with torch.where, or use lazyport.transpile, which runs such code op by op on "
            "concrete arrays at every call (never caching a branch)."
        )
