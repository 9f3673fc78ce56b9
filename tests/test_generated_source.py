"""Generated source built from stored or user strings never runs them.

* A persistent-cache entry is signed (HMAC), but a signed entry is not a trusted program: a cache
  directory shared as a CI artifact carries its key. The program builder validates every name it writes
  into the source it executes (variables, constants, dtypes, kwargs keys, op names, random-stream
  indices) and writes values with ``repr`` only; an entry that fails is refused with a lazyport error,
  logged, and treated as a miss. Each hostile entry here would create a sentinel file if executed.
* ``Graph.save()`` writes static string arguments (in its docstring) escaped: a module saved for a mode
  string that tries to close the docstring imports cleanly, runs nothing, and gives torch's result.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
import sys

import numpy as np
import pytest
import torch

import lazyport
from lazyport import diskcache
from lazyport.engine import TranslatedFunction
from lazyport.errors import LazyportError, RecordError
from lazyport.lower import Item, Op, Program, check_record

from .util import Target, assert_close


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv(diskcache.ENV, str(d))
    monkeypatch.setenv("LAZYPORT_FIRST_CALL", "compile")  # translate (and write the entry) in the foreground
    return d


def scaled_sum(x, y):
    z = torch.add(x, y, alpha=2)
    parts = torch.split(z, 2)
    return torch.softmax(parts[0], dim=0) + parts[1].sum()


def _payload(sentinel) -> str:
    return f"__import__('pathlib').Path({str(sentinel)!r}).touch()"


def _tamper(lowered, how: str, code: str):
    """``lowered`` with ``code`` planted where the program builder writes a name or a value."""
    ops = [i for i in lowered.instrs if type(i) is Op]
    op = next(i for i in ops if i.kwargs) if how == "kwarg key" else ops[0]
    x = lowered.params[0]
    if how == "kwarg key":
        new = dataclasses.replace(op, kwargs={f"alpha=({code}) or 2, other": 1, **op.kwargs})
    elif how == "arg reference":
        new = dataclasses.replace(op, args=[{"v": f"({code}) or {x}"}, *op.args[1:]])
    elif how == "constant reference":
        new = dataclasses.replace(op, args=[{"c": f"({code}) or {x}"}, *op.args[1:]])
    elif how == "nested reference":
        new = dataclasses.replace(op, args=[*op.args[:1], {"l": [{"t": [{"v": f"[{code}]"}]}]}, *op.args[2:]])
    elif how == "dtype name":
        new = dataclasses.replace(op, args=[*op.args, {"d": f"float32 if ({code}) else 0"}])
    elif how == "result dtype":
        new = dataclasses.replace(op, dtype=f"float32 if ({code}) else float32")
    elif how == "rng index":
        new = dataclasses.replace(op, rng=f"0) if ({code}) else (0")
    elif how == "variable":
        new = dataclasses.replace(op, var=f"{op.var}; {code}; {op.var}")
    elif how == "op name":
        new = dataclasses.replace(op, op=f"aten.add.Tensor(B), {code}")
    elif how == "item base":
        item = next(i for i in lowered.instrs if type(i) is Item)
        swapped = dataclasses.replace(item, base=f"({code}) or {item.base}")
        return dataclasses.replace(lowered, instrs=[swapped if i is item else i for i in lowered.instrs], meta={})
    elif how == "output":
        return dataclasses.replace(lowered, outputs=[{"v": f"({code}) or {x}"}, *lowered.outputs[1:]], meta={})
    elif how == "keyword variable":
        new = dataclasses.replace(op, var="lambda")
    else:
        raise AssertionError(how)
    return dataclasses.replace(lowered, instrs=[new if i is op else i for i in lowered.instrs], meta={})


HOSTILE = [
    "kwarg key",
    "arg reference",
    "constant reference",
    "nested reference",
    "dtype name",
    "result dtype",
    "rng index",
    "variable",
    "op name",
    "item base",
    "output",
    "keyword variable",
]


@pytest.mark.parametrize("how", HOSTILE)
def test_signed_hostile_cache_entry_is_refused_not_run(cache_dir, tmp_path, caplog, how):
    x = np.linspace(-1, 1, 4, dtype=np.float32)
    y = np.arange(4, dtype=np.float32) / 3
    expected = scaled_sum(torch.from_numpy(x), torch.from_numpy(y))
    f = TranslatedFunction(scaled_sum, "numpy")
    assert_close(f(x, y), expected)
    lowered = f.last_entry.program.lowered
    key = diskcache.entry_key(scaled_sum, f.backend, f.last_key, False)
    cache = diskcache.get_cache()
    sentinel = tmp_path / "EXECUTED"
    bad = _tamper(lowered, how, _payload(sentinel))

    with pytest.raises(RecordError) as info:  # the program builder refuses the record itself
        Program(bad, f.backend).fn  # noqa: B018
    assert isinstance(info.value, LazyportError)
    assert cache.store(key, bad), "the tampered record is written, signed, through the cache's own path"

    caplog.set_level(logging.WARNING, logger="lazyport")
    assert cache.load(key) is None  # refused when read: a miss
    assert any("refused" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records), [
        r.getMessage() for r in caplog.records
    ]
    g = TranslatedFunction(scaled_sum, "numpy")
    assert_close(g(x, y), expected)  # translated afresh
    assert g.last_entry.origin != "disk"
    assert not sentinel.exists(), "the hostile entry was executed"


def test_check_record_accepts_what_lowering_makes(cache_dir):
    f = TranslatedFunction(scaled_sum, "numpy")
    f(np.ones(4, np.float32), np.ones(4, np.float32))
    check_record(f.last_entry.program.lowered)
    key = diskcache.entry_key(scaled_sum, f.backend, f.last_key, False)
    assert diskcache.get_cache().load(key) is not None


class Sneaky(str):
    """A str whose repr is code: a value is written into source only by the repr of a plain type."""

    def __repr__(self) -> str:
        return "__import__('pathlib').Path(SENTINEL).touch() or 'x'"


def test_value_of_a_str_subclass_is_not_rendered_by_its_repr(tmp_path):
    x = np.linspace(0, 1, 6, dtype=np.float32).reshape(2, 3)
    f = TranslatedFunction(lambda t: torch.sum(t, dim=1), "numpy")
    f(x)
    lowered = f.last_entry.program.lowered
    op = next(i for i in lowered.instrs if type(i) is Op)
    planted = dataclasses.replace(op, args=[*op.args, Sneaky("x")], kwargs={**op.kwargs, "hint": Sneaky("y")})
    bad = dataclasses.replace(lowered, instrs=[planted if i is op else i for i in lowered.instrs], meta={})
    assert "SENTINEL" not in Program(bad, f.backend).source


# ---------------------------------------------------------------- Graph.save with hostile static strings
def by_mode(x, mode):
    if mode.startswith("a"):
        return torch.tanh(x) * len(mode)
    return torch.sin(x) + len(mode)


def _modes(sentinel) -> list[str]:
    return [
        f'a"""+__import__("os").system("touch {sentinel}")+"""',
        f'b"""\nimport os; os.system("touch {sentinel}")\n"""',
        "a\\",  # a trailing backslash would escape the closing quotes
        'a\x00\r\u2028"',  # characters that are no valid (or no stable) source text
        "a'''\"\"\"'",
    ]


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("index", range(5))
def test_saved_graph_with_hostile_static_string(tmp_path, target, index):
    sentinel = tmp_path / "EXECUTED"
    mode = _modes(sentinel)[index]
    x = np.linspace(-1, 1, 6, dtype=np.float32)
    g = lazyport.trace_graph(by_mode, source="torch", target=target.name, args=(target.array(x), mode))
    path = g.save(tmp_path / f"saved_{index}.py")
    compile(path.read_text(), str(path), "exec")  # no SyntaxError
    name = f"lazyport_saved_{target.name}_{index}"
    try:
        module = _load(path, name)
    finally:
        sys.modules.pop(name, None)
    assert not sentinel.exists(), "importing the saved module ran code from the static string"
    assert module.__doc__.startswith(f"{g.signature}\n") and repr(mode) in module.__doc__  # shown as it was
    assert_close(module.by_mode(target.array(x)), by_mode(torch.from_numpy(x), mode))
    assert_close(g(target.array(x), mode), by_mode(torch.from_numpy(x), mode))
    assert Target.numpy(module.by_mode(target.array(x))).dtype == np.float32


def test_saved_graph_of_a_function_named_by_a_keyword(tmp_path):
    def plus(x):
        return torch.sin(x) + 1

    plus.__name__ = plus.__qualname__ = "class"
    x = np.linspace(-1, 1, 5, dtype=np.float32)
    g = lazyport.trace_graph(plus, source="torch", target="numpy", args=(x,))
    path = g.save(tmp_path / "keyword.py")
    try:
        module = _load(path, "lazyport_saved_keyword")
    finally:
        sys.modules.pop("lazyport_saved_keyword", None)
    assert_close(getattr(module, g.name)(x), torch.sin(torch.from_numpy(x)) + 1)
