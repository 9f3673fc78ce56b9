"""Readable, standalone target code for a :class:`~lazyport.lower.Lowered` graph.

For a person, and for a file that must run without lazyport, the target calls themselves rather than one
lowering call per ATen op. The package's jobs, one module each:

- :mod:`.record`: the recording stand-ins that run a lowering and write down its target calls;
- :mod:`.render`: recording a whole program, folding temporaries, the readable code (:class:`CodeGen`);
- :mod:`.check`: the generated code against the engine's program, on synthetic inputs (:mod:`.inputs`);
- :mod:`.emit`: lowerings and a backend stand-in written out for the standalone module (``Graph.save()``).

Every generated module is checked before it is used; if the check fails, all nodes are written as
lowering calls, which are the engine's own code and cannot disagree with it.
"""

from __future__ import annotations

from typing import Any

from ..lower import Lowered
from .check import _check
from .emit import SaveError
from .inputs import synthetic_inputs
from .record import NotRecordable, Rec
from .render import CodeGen, _generate, aten_key, docstring, load

__all__ = [
    "CodeGen",
    "NotRecordable",
    "Rec",
    "SaveError",
    "aten_key",
    "docstring",
    "generate",
    "load",
    "synthetic_inputs",
]


def generate(lowered: Lowered, backend: Any, name: str = "graph", record: bool = True) -> CodeGen:
    """Generate (and check) the target code of ``lowered``."""
    note = ""
    if record:
        try:
            gen = _generate(lowered, backend, name, True)
            problem = _check(gen, lowered, backend)
            if problem is None:
                return gen
            note = f"every op written as a lowering call: the recorded code did not check out ({problem})"
        except Exception as exc:  # pragma: no cover - a recorder bug must not make .code unusable
            note = f"every op written as a lowering call: recording failed ({type(exc).__name__}: {exc})"
    gen = _generate(lowered, backend, name, False)
    gen.note = note
    return gen
