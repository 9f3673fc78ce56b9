"""The persistent graph cache: hits across translations and processes, keys, integrity, safety."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

import lazyport
from lazyport import diskcache
from lazyport.engine import ConcreteEntry, TranslatedFunction

from .util import Target, assert_close


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv(diskcache.ENV, str(d))
    return d


@pytest.fixture(autouse=True)
def translate_at_first_call(monkeypatch):
    """These tests are about what a translation reads and writes, so they translate in the foreground
    (a lazy first call otherwise runs op by op and translates in the background; the last test here
    covers that path)."""
    monkeypatch.setenv("LAZYPORT_FIRST_CALL", "compile")


def entries(d) -> list:
    return sorted((d / "graphs").glob("*/*.lpg")) if (d / "graphs").is_dir() else []


def normalize(x):
    mean = torch.mean(x)
    std = torch.std(x)
    return torch.div(torch.sub(x, mean), std)


def pair(x, k=2.0):
    y = torch.nn.functional.pad(x[None], (1, 1), mode="reflect")[0]
    return {"scaled": x * k, "stats": (y.amax(), torch.tensor([float("inf"), 1.0]) * x.sum())}


def branchy(x):
    if x.sum() > 0:
        return x * 2
    return x - 1


def translate(fn, target: str) -> TranslatedFunction:
    return TranslatedFunction(fn, target)  # a fresh object: nothing in memory


# ---------------------------------------------------------------- where
def test_cache_dir_setting(monkeypatch, tmp_path):
    monkeypatch.delenv(diskcache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert diskcache.cache_dir() == tmp_path / "xdg" / "lazyport"
    for off in ("", "0", "off", "OFF"):
        monkeypatch.setenv(diskcache.ENV, off)
        assert diskcache.cache_dir() is None and diskcache.get_cache() is None
    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "c"))
    assert diskcache.cache_dir() == tmp_path / "c"


def test_disabled_cache_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv(diskcache.ENV, "off")
    f = translate(normalize, "numpy")
    f(np.ones(4, np.float32))
    assert f.last_entry.origin != "disk"


def test_directory_and_files_are_private(cache_dir):
    translate(normalize, "numpy")(np.ones(4, np.float32))
    assert stat.S_IMODE(os.stat(cache_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cache_dir / "key").st_mode) == 0o600
    (entry,) = entries(cache_dir)
    assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600
    assert not list(cache_dir.rglob("*.tmp")), "temporary files left behind"


def test_directory_writable_by_others_is_not_used(tmp_path, monkeypatch, caplog):
    d = tmp_path / "shared"
    d.mkdir()
    os.chmod(d, 0o777)
    monkeypatch.setenv(diskcache.ENV, str(d))
    with caplog.at_level("WARNING", logger="lazyport.cache"):
        assert diskcache.get_cache() is None
    [record] = [r for r in caplog.records if r.name == "lazyport.cache"]
    assert record.levelname == "WARNING" and "writable by other users" in record.getMessage()
    np.testing.assert_allclose(translate(lambda x: x + 1, "numpy")(np.ones(2, np.float32)), 2)
    assert not (d / "key").exists()


# ---------------------------------------------------------------- hits
def test_hit_skips_capture(cache_dir, target):
    x = target.array(np.linspace(-1, 1, 6, dtype=np.float32))
    first = translate(pair, target.name)
    want = first(x)
    assert first.last_entry.origin != "disk" and len(entries(cache_dir)) == 1
    second = translate(pair, target.name)
    got = second(x)
    assert second.last_entry.origin == "disk", "the second translation should come from disk"
    for g, w in zip(_leaves(got), _leaves(want)):
        np.testing.assert_array_equal(Target.numpy(g), Target.numpy(w))
    assert list(got) == ["scaled", "stats"] and isinstance(got["stats"], tuple)
    e = pair(torch.from_numpy(Target.numpy(x)))
    assert_close(got["scaled"], e["scaled"])


def _leaves(x):
    if isinstance(x, dict):
        return [y for k in sorted(x) for y in _leaves(x[k])]
    if isinstance(x, tuple | list):
        return [y for v in x for y in _leaves(v)]
    return [x]


def test_graph_mode_and_signatures_have_their_own_entries(cache_dir):
    translate(normalize, "numpy")(np.ones(4, np.float32))
    translate(normalize, "numpy")(np.ones(5, np.float32))
    translate(normalize, "numpy")(np.ones(5, np.float64))
    lazyport.trace_graph(normalize, target="numpy")(np.ones(4, np.float32))
    assert len(entries(cache_dir)) == 4
    g = lazyport.trace_graph(normalize, target="numpy", args=(np.ones(4, np.float32),))
    assert g._translated.last_entry.origin == "disk"
    assert "mean = " in g.code  # source names survive the round trip


def test_second_process_hits_without_capturing(cache_dir, tmp_path):
    script = tmp_path / "user_code.py"
    script.write_text(
        textwrap.dedent("""
        import sys, json
        import numpy as np, torch, lazyport

        def normalize(x):
            return torch.div(torch.sub(x, torch.mean(x)), torch.std(x))

        target = sys.argv[1]
        from lazyport.backends import get_backend
        f = lazyport.transpile(normalize, source="torch", target=target)
        out = f(get_backend(target).asarray(np.arange(6, dtype=np.float32)))
        print(json.dumps({"from_disk": f.last_entry.origin == "disk",
                          "captured_anything": "lazyport.capture.trace" in sys.modules,
                          "out": np.asarray(out).tolist()}))
    """)
    )
    for target in ("jax",):  # (its first call runs the NumPy program: both are rebuilt from the entry)
        runs = []
        for _ in range(2):
            proc = subprocess.run(
                [sys.executable, str(script), target],
                capture_output=True,
                text=True,
                env={**os.environ, diskcache.ENV: str(cache_dir)},
            )
            assert proc.returncode == 0, proc.stderr[-2000:]
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        assert not runs[0]["from_disk"] and runs[0]["captured_anything"]
        assert runs[1]["from_disk"] and not runs[1]["captured_anything"], "a hit must not run torch's capture"
        assert runs[0]["out"] == runs[1]["out"]


# ---------------------------------------------------------------- integrity
@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_damaged_entry_is_ignored_and_rebuilt(cache_dir, damage):
    x = np.linspace(0, 1, 5, dtype=np.float32)
    want = translate(normalize, "numpy")(x)
    (path,) = entries(cache_dir)
    data = path.read_bytes()
    if damage == "flip":
        i = len(data) // 2
        data = data[:i] + bytes([data[i] ^ 0x40]) + data[i + 1 :]
    elif damage == "truncate":
        data = data[: len(data) * 2 // 3]
    elif damage == "empty":
        data = b""
    else:
        data = b"LAZYPORT-GRAPH\x00\x01" + os.urandom(200)
    path.write_bytes(data)
    f = translate(normalize, "numpy")
    np.testing.assert_array_equal(f(x), want)
    assert f.last_entry.origin != "disk", "a damaged entry must not be used"
    assert path.read_bytes() != data, "the damaged entry is rewritten"
    g = translate(normalize, "numpy")
    g(x)
    assert g.last_entry.origin == "disk"


def test_foreign_entry_is_ignored(cache_dir, tmp_path, monkeypatch):
    """An entry written under another cache's key (copied in, or planted) fails the HMAC check."""
    x = np.ones(3, np.float32)
    other = tmp_path / "other"
    monkeypatch.setenv(diskcache.ENV, str(other))
    translate(lambda v: v * 3, "numpy")(x)  # a different function: a valid entry of another cache
    (foreign,) = entries(other)
    monkeypatch.setenv(diskcache.ENV, str(cache_dir))
    f = translate(normalize, "numpy")
    f(x)
    (mine,) = entries(cache_dir)
    mine.write_bytes(foreign.read_bytes())
    g = translate(normalize, "numpy")
    out = g(np.arange(3, dtype=np.float32))
    assert g.last_entry.origin != "disk"
    np.testing.assert_allclose(out, [-1, 0, 1], rtol=1e-6)


def test_entry_of_another_key_is_ignored(cache_dir):
    """A correctly signed entry moved to another key's file name is rejected (the key is inside)."""
    x = np.ones(3, np.float32)
    translate(normalize, "numpy")(x)
    translate(lambda v: v * 3, "numpy")(x)
    a, b = entries(cache_dir)
    data_a = a.read_bytes()
    a.write_bytes(b.read_bytes())
    b.write_bytes(data_a)
    f = translate(normalize, "numpy")
    f(np.arange(3, dtype=np.float32))
    assert f.last_entry.origin != "disk"


def test_identity_hashes_files_that_exist():
    """lazyport's identity hashes the code deciding a record; a path gone stale would hash as "nofile"."""
    files = diskcache.identity_files()
    assert len(files) == 5 and all(p.is_file() for p in files)


def test_version_change_misses(cache_dir, monkeypatch):
    x = np.ones(4, np.float32)
    translate(normalize, "numpy")(x)
    real = diskcache.fingerprint.distribution_version
    monkeypatch.setattr(
        diskcache.fingerprint, "distribution_version", lambda top: "99.0" if top == "torch" else real(top)
    )
    f = translate(normalize, "numpy")
    f(x)
    assert f.last_entry.origin != "disk" and len(entries(cache_dir)) == 2
    monkeypatch.setattr(diskcache.fingerprint, "lazyport_identity", lambda: "0.0.0:other")
    f = translate(normalize, "numpy")
    f(x)
    assert f.last_entry.origin != "disk" and len(entries(cache_dir)) == 3


# ---------------------------------------------------------------- keys
def test_fingerprint_follows_code_closures_and_defaults():
    def make(k, bias=0.5):
        def f(x, scale=2.0):
            return x * k * scale + bias

        return f

    fp = diskcache.function_fingerprint
    assert fp(make(1.0)) == fp(make(1.0))
    assert fp(make(1.0)) != fp(make(3.0))  # closure cell
    assert fp(make(torch.ones(2))) != fp(make(torch.zeros(2)))  # tensor constants by value
    f1, f2 = make(1.0), make(1.0)
    f2.__defaults__ = (3.0,)
    assert fp(f1) != fp(f2)  # default argument
    assert fp(lambda x: x + 1) != fp(lambda x: x + 2)  # code
    assert fp(lambda x: x + 1) is not None


GLOBAL_SCALE = 2.0


def uses_global(x):
    return x * GLOBAL_SCALE


def test_fingerprint_follows_globals_read(monkeypatch):
    before = diskcache.function_fingerprint(uses_global)
    monkeypatch.setattr(sys.modules[__name__], "GLOBAL_SCALE", 3.0)
    assert diskcache.function_fingerprint(uses_global) != before


def test_unstable_functions_and_arguments_are_not_persisted(cache_dir):
    class Opaque:
        pass

    thing = Opaque()
    f = translate(lambda x: x + (1 if thing else 0), "numpy")
    f(np.ones(2, np.float32))
    assert entries(cache_dir) == []
    g = translate(lambda x, o: x + 1, "numpy")
    g(np.ones(2, np.float32), Opaque)  # a class is fingerprintable ...
    assert len(entries(cache_dir)) == 0  # ... but not a stable static argument of the signature


def test_data_dependent_branch_is_written_only_with_its_guard(cache_dir, target):
    """A branch on input values reaches the disk only with the guard it read: a process that reads the
    entry back takes the other branch where the guard fails, never the stored branch's result."""
    for v in (1.0, -1.0, 1.0, -1.0):
        f = translate(branchy, target.name)
        x = np.full(3, v, np.float32)
        assert_close(f(target.array(x)), branchy(torch.from_numpy(x)))
        assert not isinstance(f.last_entry, ConcreteEntry) and f.last_entry.guards == 1
    assert len(entries(cache_dir)) == 1


def test_record_round_trip_keeps_everything(cache_dir):
    x = np.linspace(-1, 1, 6, dtype=np.float32)
    f = translate(pair, "numpy")
    f(x, k=3.0)
    lowered = f.last_entry.program.lowered
    cache = diskcache.get_cache()
    key = diskcache.entry_key(pair, f.backend, f.last_key, False)
    back = cache.load(key)
    assert back.instrs == lowered.instrs and all(type(a) is type(b) for a, b in zip(back.instrs, lowered.instrs))
    assert back.out_spec == lowered.out_spec and back.params == lowered.params
    for k, a in lowered.consts.items():
        np.testing.assert_array_equal(back.consts[k], a)
        assert back.consts[k].dtype == a.dtype


def test_stored_instructions_are_checked() -> None:
    from lazyport.lower import Item, Op

    op = Op("y", "aten.sin.default", [{"v": "x"}], {}, "float32", [3])
    assert diskcache.instr_from_json(json.loads(json.dumps(diskcache.instr_to_json(op)))) == op
    item = Item("y0", "y", 0, "float32", [3])
    assert diskcache.instr_from_json(diskcache.instr_to_json(item)) == item
    bad = [
        ["op", "y", "aten.sin.default"],  # the old positional form
        {**diskcache.instr_to_json(op), "kind": "exec"},
        {**diskcache.instr_to_json(op), "op": "os.system('x')"},
        {**diskcache.instr_to_json(op), "extra": 1},
        {**diskcache.instr_to_json(item), "index": "0"},
    ]
    for d in bad:
        with pytest.raises(ValueError):
            diskcache.instr_from_json(d)


def test_background_translation_is_written(cache_dir, monkeypatch, target):
    monkeypatch.delenv("LAZYPORT_FIRST_CALL")
    x = target.array(np.linspace(-1, 1, 6, dtype=np.float32))
    f = translate(pair, target.name)
    got = f(x)  # op by op; capture, lowering and the disk write happen on the background worker
    f.wait()
    assert f.last_entry.origin != "disk" and len(entries(cache_dir)) == 1
    second = translate(pair, target.name)
    again = second(x)
    assert second.last_entry.origin == "disk", "the second translation should come from disk"
    for g, w in zip(_leaves(again), _leaves(got)):
        np.testing.assert_allclose(Target.numpy(g), Target.numpy(w), rtol=1e-6)


def test_exit_drops_background_compiles_not_started(cache_dir, tmp_path, monkeypatch):
    """A process that ends does not wait for compiles it will never use: the one running finishes, the
    queued ones are dropped. The translations themselves were written at their first calls."""
    monkeypatch.delenv("LAZYPORT_FIRST_CALL")
    defs = "\n".join(f"def f{i}(x):\n    return x * {i} + 1\n" for i in range(6))
    log = tmp_path / "compiles.txt"
    script = tmp_path / "short_script.py"
    script.write_text(
        textwrap.dedent(f"""
        import time
        import numpy as np, lazyport
        from lazyport.backends import get_backend

        jax_backend = get_backend("jax")
        real = jax_backend.stage

        def slow_stage(*args, **kwargs):  # every background compile takes a while
            finish = real(*args, **kwargs)
            def slow():
                time.sleep(0.5)
                with open({str(log)!r}, "a") as f:
                    f.write("compiled\\n")
                return finish()
            return slow

        jax_backend.stage = slow_stage
    """)
        + defs
        + textwrap.dedent("""
        for f in (f0, f1, f2, f3, f4, f5):
            t = lazyport.transpile(f, source="torch", target="jax")
            out = t(np.ones(3, np.float32))
            t.wait(timeout=0)  # compile now, in the background
        print(np.asarray(out).tolist())
    """)
    )
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env={**os.environ, diskcache.ENV: str(cache_dir)}
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["[6.0,", "6.0,", "6.0]"]
    assert len(entries(cache_dir)) == 6, "every first call writes its translation"
    assert len(log.read_text().split()) <= 2, "queued background compiles ran at exit"
