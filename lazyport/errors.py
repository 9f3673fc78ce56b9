"""Exceptions raised by lazyport. Every message says what went wrong and what to do about it."""

from __future__ import annotations

import pickle


class LazyportError(Exception):
    """Base class of every error lazyport raises on purpose."""

    # Keras re-raises every failure inside a layer's call() as a new exception carrying the call's
    # arguments (a RuntimeError where the type cannot be rebuilt from a message), except one marked as
    # already carrying them: a translated Keras layer's errors reach the user as themselves.
    _keras_call_info_injected = True


class ConfigError(LazyportError, ValueError):
    """An environment variable lazyport reads (``LAZYPORT_*``) has a value it cannot use."""


class UnknownTargetError(LazyportError, ValueError):
    """The requested source or target framework is not one lazyport translates to."""


class UnsupportedOpError(LazyportError, NotImplementedError):
    """An ATen op has no lowering for the target.

    Carries the op name, the target and, when it could be recovered, the user's source line that
    reached the op, so the message points at the code to change.
    """

    def __init__(self, op: str, target: str, source_line: str | None = None, reason: str | None = None):
        self.op, self.target, self.source_line, self.reason = op, target, source_line, reason
        kind = "ATen op" if op.startswith(("aten.", "prims.")) else "op"
        msg = f"{kind} {op} is not lowered for " + ("any target" if target == "any" else f"target {target!r}")
        if reason:
            msg += f" ({reason})"
        if source_line:
            msg += f"; reached from:\n{source_line}"
        msg += "\nAvoid this op in the translated code, or file an issue asking for its lowering."
        super().__init__(msg)


class UnsupportedDtypeError(LazyportError, TypeError):
    """An input array has a dtype that torch or the target cannot represent."""


class MixedFrameworkError(LazyportError, TypeError):
    """Arrays of different frameworks (or torch tensors) were passed to one translated call."""


class DataDependentError(LazyportError):
    """The function branches on input values and was called where values are not known (jit/tf.function)."""


class DynamicShapesError(LazyportError, ValueError):
    """Something about ``dynamic_shapes`` (see :mod:`lazyport.dynamic`): a malformed spec, a call whose sizes break
    it, or code that cannot be one program for the sizes it names."""


class ShapeRelationError(DynamicShapesError):
    """A call of a translation with dynamic dims has sizes that break its relations: two dims named alike with
    different sizes, a static dim of another size, or a condition the traced code assumed (``h < 16``)."""


class SpecializationError(DynamicShapesError):
    """The function's code pins a dim named dynamic to one size (``x.reshape(5, -1)``) or to another dim, so
    no one program serves the sizes ``dynamic_shapes`` asked for."""


class ExportError(LazyportError):
    """``Graph.export`` cannot write this graph in the requested format (and says why)."""


class TranslationError(LazyportError):
    """Capturing or lowering the torch function failed for a reason other than the ones above."""


class PicklingError(LazyportError, pickle.PicklingError):
    """A translated object cannot be pickled: it is pickled by reference to its torch original, and that
    original cannot be (a lambda, a function defined inside another function, ...)."""


class RecordError(TranslationError, ValueError):
    """A translation record (:class:`lazyport.lower.Lowered`, e.g. read from the persistent cache) holds a
    name or value that cannot be written into generated source; it is refused, never executed."""


class UnknownTargetImportError(ModuleNotFoundError, UnknownTargetError):
    """``import lazyport.<x>.<library>`` with an ``x`` that is not a target (also an ImportError)."""


class LibraryNotInstalledError(LazyportError, ModuleNotFoundError):
    """``import lazyport.<target>.<library>`` for a library that is not installed."""


class NotTorchLibraryError(LazyportError, ImportError):
    """``import lazyport.<target>.<library>`` for a library that does not use torch."""


class StateDictError(LazyportError, KeyError):
    """A torch state_dict does not fit a translated module (missing or unexpected names, wrong shapes)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""
