"""A persistent cache of translated graphs, shared by processes.

**What is stored.** Not the torch graph but what lowering made of it: the :class:`~lazyport.lower.Lowered`
record — straight-line instructions naming ATen ops (their lowerings are looked up in the registry again
on load), NumPy constants, the output tree and dtypes; the branches and loop bodies of ``torch.cond``,
``torch.while_loop``, ``scan`` and ``map`` are records of the same kind inside it. A hit therefore runs no capture at all, so a
second process skips torch's tracing machinery and its ~1 s warm-up; rendering and compiling the
program for the target is all that remains.

**Where.** ``LAZYPORT_CACHE_DIR`` when set (an empty value, ``0`` or ``off`` disables the cache);
otherwise ``$XDG_CACHE_HOME/lazyport`` (``~/.cache/lazyport``; ``~/Library/Caches/lazyport`` on macOS,
``%LOCALAPPDATA%\\lazyport\\Cache`` on Windows) — the platform's per-user cache location, like pip's,
so it survives reboots and is safe to delete at any time. The directory is created with mode
0700; an existing one that another user owns or that others may write is not used (a warning says so).

**Size.** At most :data:`MAX_PER_FUNCTION` entries per function (one per signature) and
``LAZYPORT_CACHE_LIMIT`` bytes in all (default 2 GB); past either, the least recently used entries are
deleted (a hit touches its file). Entries are named ``graphs/<2 hex>/<function>-<sha256 of key>.lpg``.

**Key.** SHA-256 over: the function's identity (:func:`function_fingerprint`: its bytecode, constants
and names recursively, default arguments, closure cell values, the globals it reads and the attributes
of modules and classes it names (``Cfg.scale``: set at run time, they are not in the source), the hash of its
source file, and for functions of installed packages that package's version), the versions of torch,
lazyport (plus a hash of the capture and lowering code, which decide the record), the target framework
and its configuration (JAX's x64 flag), torch's default dtype, whether source lines were recorded, and the input signature
(tree structure, shapes, dtypes, static Python values). Anything that cannot be fingerprinted stably —
an object in a closure without a stable identity, an ``nn.Module``, a static argument of an arbitrary
type — makes the call not persistable: it is still cached in memory, never on disk.

**Integrity.** Every entry carries an HMAC-SHA256 over its whole content, keyed by a random secret kept
in the cache directory (``key``, mode 0600). Nothing from an entry is decoded, let alone turned into code,
unless the HMAC matches; a corrupted, truncated or foreign entry (another key, another format) is
ignored and rebuilt. Entries are written to a temporary file and moved into place with ``os.replace``,
so readers never see half an entry. Constants are stored with ``np.save`` and loaded with
``allow_pickle=False``; nothing is pickled.

**Never cached on disk:** graphs of functions whose control flow reads input values (the engine
captures those on real values at every call), and captures that failed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import io
import json
import logging
import os
import re
import stat
import struct
import sys
import threading
import types
from pathlib import Path
from typing import Any

from . import config, log
from ._paths import library_dirs
from .errors import RecordError

ENV = "LAZYPORT_CACHE_DIR"
FORMAT = 4  # 2: instructions stored as typed records; 3: in-place writes to inputs; 4: subgraphs
MAGIC = b"LAZYPORT-GRAPH\x00" + bytes([FORMAT])
_MAX_ENTRY = 1 << 31
MAX_PER_FUNCTION = 256  # entries kept per function (signatures), least recently used evicted first
_OFF = ("", "0", "off", "none", "false", "no")

_lock = threading.Lock()
_caches: dict[str, DiskCache | None] = {}
_warned: set[str] = set()
_log = log.get("cache")


def default_dir() -> Path:
    """The per-user cache directory used when ``LAZYPORT_CACHE_DIR`` is not set."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return Path(base) / "lazyport" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "lazyport"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lazyport"


def cache_dir() -> Path | None:
    """The cache directory in effect, or None when the persistent cache is off."""
    value = os.environ.get(ENV)
    if value is None:
        return default_dir()
    if value.strip().lower() in _OFF:
        return None
    return Path(value).expanduser()


def get_cache() -> DiskCache | None:
    """The :class:`DiskCache` for the current ``LAZYPORT_CACHE_DIR`` (None when off or unusable)."""
    root = cache_dir()
    if root is None:
        return None
    key = str(root)
    cache = _caches.get(key, False)
    if cache is False:
        with _lock:
            cache = _caches.get(key, False)
            if cache is False:
                try:
                    cache = DiskCache(root)
                except OSError as exc:
                    _warn(key, f"persistent cache disabled, cannot use {root}: {exc}")
                    cache = None
                _caches[key] = cache
    return cache


def _warn(key: str, msg: str) -> None:
    """A warning on the ``lazyport.cache`` logger, once per directory."""
    log.once(_log, _warned, key, logging.WARNING, "%s", msg)


@dataclasses.dataclass(frozen=True)
class Usage:
    """A cache directory's entries (:func:`usage`), or the entries :func:`clear` removed from it."""

    directory: Path | None  # None: the persistent cache is off
    setting: str | None  # LAZYPORT_CACHE_DIR's value; None when unset (the per-user default directory)
    entries: int = 0
    bytes: int = 0
    problem: str | None = None  # why lazyport cannot use the directory (then it caches in memory only)


# <function fingerprint, 24 hex>-<sha256 of the key>.lpg (format 2 entries: <sha256>.lpg)
_ENTRY_NAME = re.compile(r"^(?:[0-9a-f]{24}-)?[0-9a-f]{64}\.lpg$")
_SHARD_NAME = re.compile(r"^[0-9a-f]{2}$")


def _entry_files(root: Path) -> list[tuple[Path, int]]:
    """The entries lazyport wrote under ``root/graphs`` (``<2 hex>/<sha256>.lpg``) and their sizes.

    Only names of that form count, and symbolic links are not followed: :func:`clear` deletes exactly
    these, never other files someone put in the directory.
    """
    def listing(d: Path) -> list[Path]:
        try:
            return sorted(d.iterdir())
        except OSError:  # unreadable, or removed meanwhile
            return []

    graphs = root / "graphs"
    if graphs.is_symlink() or not graphs.is_dir():
        return []
    out = []
    for shard in listing(graphs):
        if not _SHARD_NAME.match(shard.name) or shard.is_symlink() or not shard.is_dir():
            continue
        for f in listing(shard):
            try:
                st = f.lstat()
            except OSError:  # removed meanwhile by another process
                continue
            if _ENTRY_NAME.match(f.name) and stat.S_ISREG(st.st_mode):
                out.append((f, st.st_size))
    return out


def _resolve(root: str | os.PathLike | None) -> tuple[Path | None, str | None]:
    if root is not None:
        return Path(root), str(root)
    return cache_dir(), os.environ.get(ENV)


def usage(root: str | os.PathLike | None = None) -> Usage:
    """The entries and bytes of the cache at ``root`` (default: the one in effect). Creates nothing."""
    directory, setting = _resolve(root)
    if directory is None:
        return Usage(None, setting)
    problem = None
    if directory.exists():
        try:
            _check_private(directory)
        except OSError as exc:
            problem = str(exc)
    files = _entry_files(directory)
    return Usage(directory, setting, len(files), sum(size for _, size in files), problem)


def clear(root: str | os.PathLike | None = None) -> Usage:
    """Delete every entry of the cache at ``root`` (default: the one in effect); returns what went.

    Only entry files are removed (and shard directories they leave empty); the HMAC key and anything
    else in the directory stay, so the cache stays usable and a mistyped ``LAZYPORT_CACHE_DIR`` never
    costs the files of the directory it points to.
    """
    directory, setting = _resolve(root)
    if directory is None:
        return Usage(None, setting)
    n = size = 0
    shards = set()
    for path, nbytes in _entry_files(directory):
        try:
            path.unlink()
        except OSError:  # another process cleared it first, or it is not ours to delete
            continue
        n, size = n + 1, size + nbytes
        shards.add(path.parent)
    for shard in shards:
        try:
            shard.rmdir()  # only when empty
        except OSError:
            pass
    return Usage(directory, setting, n, size)


class DiskCache:
    """One cache directory: ``key`` (the HMAC secret) and ``graphs/<2 hex>/<sha256>.lpg`` entries."""

    def __init__(self, root: Path):
        self.root = Path(root)
        _make_private_dir(self.root)
        self.secret = _load_secret(self.root / "key")
        self.graphs = self.root / "graphs"
        _make_private_dir(self.graphs)
        self._total: int | None = None  # bytes of all entries, counted at this process's first write

    def path(self, key: str) -> Path:
        """``graphs/<2 hex>/<function, 24 hex>-<sha256 of key>.lpg``: a function's entries share a
        directory and a prefix, which bounds them without reading any (:meth:`_bound`)."""
        digest = hashlib.sha256(key.encode()).hexdigest()
        function = str(json.loads(key).get("function", ""))[:24]
        if not re.fullmatch(r"[0-9a-f]{24}", function):
            function = digest[:24]
        return self.graphs / function[:2] / f"{function}-{digest}.lpg"

    def _bound(self, written: Path, size: int) -> None:
        """Keep at most :data:`MAX_PER_FUNCTION` entries of the function just written and the whole
        cache within ``LAZYPORT_CACHE_LIMIT``, deleting the least recently used (a hit touches its file)."""
        prefix = written.name.partition("-")[0] + "-"
        mine = [(p, st) for p in written.parent.glob(prefix + "*.lpg") if (st := _stat(p)) is not None]
        if len(mine) > MAX_PER_FUNCTION:
            mine.sort(key=lambda e: e[1].st_mtime_ns)
            for p, _ in mine[:len(mine) - MAX_PER_FUNCTION]:
                _unlink(p)
        limit = config.cache_limit()
        with _lock:
            if self._total is None:
                self._total = sum(n for _, n in _entry_files(self.root))
            else:
                self._total += size
            if self._total <= limit:
                return
            files = [(p, st) for p, _ in _entry_files(self.root) if (st := _stat(p)) is not None]
            files.sort(key=lambda e: e[1].st_mtime_ns)
            total = sum(st.st_size for _, st in files)
            for p, st in files:  # down to 80% of the limit, so this does not run at every write
                if total <= 0.8 * limit:
                    break
                if p != written:
                    _unlink(p)
                    total -= st.st_size
            self._total = total

    # ----- reading
    def load(self, key: str) -> Any:
        """The :class:`~lazyport.lower.Lowered` stored under ``key``, or None (missing, bad, foreign)."""
        path = self.path(key)
        try:
            with open(path, "rb") as f:
                data = f.read(_MAX_ENTRY + 1)
        except OSError:
            return None
        try:
            lowered = self._decode(data, key)
        except RecordError as exc:  # signed with this cache's key, yet not what lazyport writes
            _log.warning("cache entry %s refused, treated as a miss: %s", path, exc)
            return None
        except Exception:  # corrupted, truncated or foreign: ignore, it will be rebuilt and overwritten
            return None
        try:
            os.utime(path)  # recently used: evicted last
        except OSError:
            pass
        return lowered

    def _decode(self, data: bytes, key: str) -> Any:
        head = len(MAGIC) + 32
        if len(data) < head + 8 or len(data) > _MAX_ENTRY or not data.startswith(MAGIC):
            raise ValueError("not a lazyport graph entry of this format")
        mac, payload = data[len(MAGIC):head], data[head:]
        if not hmac.compare_digest(mac, hmac.new(self.secret, payload, hashlib.sha256).digest()):
            raise ValueError("HMAC mismatch")
        # verified: from here on the content is what this cache wrote
        (n,) = struct.unpack(">Q", payload[:8])
        header = json.loads(payload[8:8 + n].decode())
        if header.get("key") != key:
            raise ValueError("entry of another key")
        consts = _load_arrays(payload[8 + n:])
        try:
            lowered = lowered_from_json(header["lowered"], consts)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RecordError(f"malformed record ({type(exc).__name__}: {exc})") from exc
        check_records(lowered)  # a valid HMAC proves who wrote it, not that it is safe to turn into code
        return lowered

    # ----- writing
    def store(self, key: str, lowered: Any) -> bool:
        """Write ``lowered`` under ``key`` atomically; False if it is not persistable."""
        try:
            record, arrays = lowered_to_json(lowered)
        except _NotPersistable:
            return False
        header = json.dumps({"key": key, "lowered": record}, separators=(",", ":")).encode()
        payload = struct.pack(">Q", len(header)) + header + _save_arrays(arrays)
        mac = hmac.new(self.secret, payload, hashlib.sha256).digest()
        path = self.path(key)
        data = MAGIC + mac + payload
        try:
            _make_private_dir(path.parent)
            _atomic_write(path, data)
        except OSError:
            return False
        try:
            self._bound(path, len(data))
        except OSError:  # another process evicting at the same time
            pass
        return True


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:  # removed meanwhile
        return None


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# ----------------------------------------------------------------------------- files


def _make_private_dir(path: Path) -> None:
    """Create ``path`` with mode 0700; refuse an existing one others own or may write."""
    try:
        os.makedirs(path, mode=0o700)
    except FileExistsError:
        pass
    _check_private(path)


def _check_private(path: Path) -> None:
    """Raise OSError unless ``path`` is a directory of this user that others may not write."""
    st = os.stat(path)
    if not os.path.isdir(path):
        raise OSError(f"{path} is not a directory")
    if hasattr(os, "getuid"):
        if st.st_uid != os.getuid():
            raise OSError(f"{path} belongs to another user")
        if st.st_mode & 0o022:
            raise OSError(f"{path} is writable by other users (mode {st.st_mode & 0o777:o}); use a private directory")


def _load_secret(path: Path) -> bytes:
    """The HMAC secret: 32 random bytes, created once (O_EXCL, mode 0600), checked on every load."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        secret = os.urandom(32)
        try:
            tmp = path.with_name(f".key.{os.getpid()}.{os.urandom(4).hex()}")
            os.close(fd)
            _atomic_write(tmp, secret)  # written completely before it is visible under its name
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(path)
            finally:
                raise
        return secret
    for _ in range(50):  # another process may be writing it right now
        st = os.stat(path)
        if st.st_size == 32:
            break
        import time

        time.sleep(0.01)
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
        raise OSError(f"{path} must belong to you and have mode 0600")
    with open(path, "rb") as f:
        secret = f.read()
    if len(secret) != 32:
        raise OSError(f"{path} is not a lazyport cache key")
    return secret


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _save_arrays(arrays: dict[str, Any]) -> bytes:
    import numpy as np

    buf = io.BytesIO()
    if arrays:
        np.savez(buf, **arrays)
    return buf.getvalue()


def _load_arrays(data: bytes) -> dict[str, Any]:
    if not data:
        return {}
    import numpy as np

    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


# ----------------------------------------------------------------------------- the record as JSON


class _NotPersistable(Exception):
    pass


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_OPNAME = re.compile(r"^[A-Za-z0-9_.]+$")


def lowered_to_json(lowered: Any, prefix: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """``lowered`` as (JSON-able dict, arrays); raises _NotPersistable for runtime-only content.

    The branches and loop bodies of ``torch.cond`` / ``torch.while_loop`` / ``scan`` / ``map``
    (``lowered.subgraphs``) are records of their own, stored inside ``"subgraphs"``; their constants
    go into the same arrays under ``<subgraph>__<constant>`` (``prefix``), so names never collide."""
    if lowered.objects:
        raise _NotPersistable("the graph holds objects that cannot be stored")
    if prefix and lowered.out_spec is None:  # a subgraph returns its flat list of arrays
        tree = None
    else:
        tree = encode_tree(lowered.out_spec)
        if tree is None:
            raise _NotPersistable("the output structure is not made of tuples, lists and dicts")
    arrays: dict[str, Any] = {}
    stored: dict[str, str] = {}
    for name, a in lowered.consts.items():
        if not a.dtype.isbuiltin:  # bfloat16 (ml_dtypes): stored as its bits, viewed back on load
            stored[name] = a.dtype.name
            a = a.view(f"u{a.dtype.itemsize}")
        arrays[prefix + name] = a
    subgraphs = {}
    for key, sub in lowered.subgraphs.items():
        subgraphs[key], sub_arrays = lowered_to_json(sub, f"{prefix}{key}__")
        arrays.update(sub_arrays)
    record = {
        "name": lowered.name,
        "params": lowered.params,
        "param_dtypes": lowered.param_dtypes,
        "param_shapes": lowered.param_shapes,
        "instrs": [instr_to_json(i) for i in lowered.instrs],
        "outputs": lowered.outputs,
        "const_dtypes": lowered.const_dtypes,
        "const_views": stored,
        "needs_rng": lowered.needs_rng,
        "out_tree": tree,
        "writes": lowered.writes,
        "subgraphs": subgraphs,
    }
    return record, arrays


_SUBGRAPH_KEY = re.compile(r"^G\d+$")


def lowered_from_json(record: dict[str, Any], arrays: dict[str, Any], prefix: str = "") -> Any:
    """The record :func:`lowered_to_json` wrote, subgraphs included; ValueError (or KeyError, TypeError)
    for anything else. Every array must belong to exactly one record."""
    from .lower import Lowered

    instrs = [instr_from_json(i) for i in record["instrs"]]
    if not all(isinstance(n, str) and _IDENT.match(n) for n in [*record["params"], *(i.var for i in instrs)]):
        raise ValueError("bad variable name")
    if not isinstance(record["const_dtypes"], dict) or not all(
            isinstance(k, str) and _IDENT.match(k) and "__" not in k for k in record["const_dtypes"]):
        raise ValueError("bad constant names")
    consts = {}
    for name in record["const_dtypes"]:
        a = arrays[prefix + name]
        view = record["const_views"].get(name)
        if view is not None:
            import ml_dtypes  # noqa: F401  (registers bfloat16 & co. with NumPy)
            import numpy as np

            a = a.view(np.dtype(view))
        consts[name] = a
    subs = record["subgraphs"]
    if not isinstance(subs, dict) or not all(isinstance(k, str) and _SUBGRAPH_KEY.match(k) for k in subs):
        raise ValueError("bad subgraphs")
    subgraphs = {k: lowered_from_json(v, arrays, f"{prefix}{k}__") for k, v in subs.items()}
    if not prefix and set(arrays) != set(consts) | {k for key, sub in subgraphs.items()
                                                      for k in _array_names(sub, f"{key}__")}:
        raise ValueError("constants do not match")  # an array that belongs to no record
    writes = record["writes"]
    if not (isinstance(writes, list) and all(type(i) is int and 0 <= i < len(record["params"]) for i in writes)
            and len(set(writes)) == len(writes) and len(writes) <= len(record["outputs"])):
        raise ValueError("bad in-place writes")
    return Lowered(
        params=record["params"],
        param_dtypes=record["param_dtypes"],
        param_shapes=record["param_shapes"],
        instrs=instrs,
        outputs=record["outputs"],
        consts=consts,
        const_dtypes=record["const_dtypes"],
        needs_rng=bool(record["needs_rng"]),
        out_spec=decode_tree(record["out_tree"]) if record["out_tree"] is not None or not prefix else None,
        name=record["name"],
        meta={"from_disk": True},
        writes=writes,
        subgraphs=subgraphs,
    )


def _array_names(lowered: Any, prefix: str) -> set[str]:
    """The stored names of the constants of ``lowered`` and of its subgraphs (see :func:`lowered_to_json`)."""
    names = {prefix + k for k in lowered.consts}
    for key, sub in lowered.subgraphs.items():
        names |= _array_names(sub, f"{prefix}{key}__")
    return names


def check_records(lowered: Any) -> None:
    """:func:`lazyport.lower.check_record` on ``lowered`` and on each of its subgraphs, nested ones too."""
    from .lower import check_record

    check_record(lowered)
    for sub in lowered.subgraphs.values():
        check_records(sub)


def instr_to_json(ins: Any) -> dict[str, Any]:
    """An :class:`~lazyport.lower.Op` / :class:`~lazyport.lower.Item` as JSON: its kind and its fields."""
    return {"kind": type(ins).__name__.lower(), **{f.name: getattr(ins, f.name) for f in dataclasses.fields(ins)}}


def instr_from_json(d: Any) -> Any:
    """The instruction stored as ``d``; ValueError for anything but a well-formed one."""
    from .lower import Item, Op

    cls = {"op": Op, "item": Item}.get(d.get("kind")) if isinstance(d, dict) else None
    if cls is None:
        raise ValueError("bad instruction")
    names = {f.name for f in dataclasses.fields(cls)}
    body = {k: v for k, v in d.items() if k != "kind"}
    if set(body) != names:
        raise ValueError("bad instruction fields")
    if cls is Op and not (isinstance(body["op"], str) and _OPNAME.match(body["op"])):
        raise ValueError("bad op name")
    if cls is Item and not (isinstance(body["base"], str) and _IDENT.match(body["base"]) and type(body["index"]) is int):
        raise ValueError("bad item")
    return cls(**body)


def encode_tree(spec: Any) -> Any:
    """An optree treedef of tuples, lists, dicts and leaves as JSON, or None if it has other nodes."""
    import optree

    if spec is None:
        return None
    structure = optree.tree_unflatten(spec, list(range(spec.num_leaves)))

    def enc(x: Any) -> Any:
        if type(x) is int:
            return x
        if type(x) is tuple:
            return {"t": [enc(v) for v in x]}
        if type(x) is list:
            return {"l": [enc(v) for v in x]}
        if type(x) is dict and all(type(k) is str for k in x):
            return {"d": [[k, enc(v)] for k, v in x.items()]}
        raise _NotPersistable(type(x).__name__)

    try:
        out = enc(structure)
    except _NotPersistable:
        return None
    if optree.tree_structure(decode_structure(out), none_is_leaf=True) != spec:
        return None
    return out


def decode_structure(tree: Any) -> Any:
    if type(tree) is int:
        return tree
    if "t" in tree:
        return tuple(decode_structure(v) for v in tree["t"])
    if "l" in tree:
        return [decode_structure(v) for v in tree["l"]]
    return {k: decode_structure(v) for k, v in tree["d"]}


def decode_tree(tree: Any) -> Any:
    import optree

    return optree.tree_structure(decode_structure(tree), none_is_leaf=True)


# ----------------------------------------------------------------------------- keys


class Unstable(Exception):
    """A value without an identity that is stable across processes."""


_file_hashes: dict[tuple[str, int, int], str] = {}
_versions: dict[str, str] = {}
_lazyport_hash: str | None = None


def _file_hash(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "nofile"
    k = (path, st.st_mtime_ns, st.st_size)
    h = _file_hashes.get(k)
    if h is None:
        with open(path, "rb") as f:
            h = hashlib.sha256(f.read()).hexdigest()
        _file_hashes[k] = h
    return h


def distribution_version(top: str) -> str | None:
    """The installed version of the top-level package ``top`` (import name), or None."""
    v = _versions.get(top)
    if v is None:
        import importlib.metadata as md

        try:
            v = md.version(top)
        except Exception:
            v = str(getattr(sys.modules.get(top), "__version__", "") or "")
            if not v:  # the distribution is named differently (tensorflow-cpu, opencv-python...)
                try:
                    dists = md.packages_distributions().get(top) or []
                    v = "+".join(f"{d}={md.version(d)}" for d in dists)
                except Exception:
                    v = ""
        _versions[top] = v
    return v or None


def _module_identity(name: str) -> str:
    """An installed or standard-library module: its package version; a local one: its files' hashes."""
    mod = sys.modules.get(name)
    path = getattr(mod, "__file__", None) if mod is not None else None
    top = name.partition(".")[0]
    if path is None:  # built-in or namespace package
        return f"{name}@py{sys.version_info[0]}.{sys.version_info[1]}"
    real = os.path.realpath(path)
    if real.startswith(library_dirs()):
        return f"{name}@{distribution_version(top) or _file_hash(real)}"
    # a local module (the user's project, an editable install): its package's files
    if os.path.basename(real) == "__init__.py":
        files = sorted(str(p) for p in Path(real).parent.rglob("*.py"))[:2000]
        return f"{name}:" + hashlib.sha256("".join(_file_hash(f) for f in files).encode()).hexdigest()
    return f"{name}:{_file_hash(real)}"


def _is_installed(module: str | None) -> bool:
    if not module:
        return False
    mod = sys.modules.get(module)
    path = getattr(mod, "__file__", None)
    if path is None:
        return mod is not None
    return os.path.realpath(path).startswith(library_dirs())


class _Fingerprinter:
    def __init__(self) -> None:
        self.seen: dict[int, str] = {}
        self.depth = 0
        # (namespace dict, name, value) of every global and user-owned attribute read: what a translation
        # in memory depends on beyond its inputs (:func:`reads_of`)
        self.reads: list[tuple[dict, str, Any]] = []

    def value(self, v: Any) -> str:
        t = type(v)
        if v is None or t in (bool, int, float, complex, str, bytes, range, slice) or v is Ellipsis:
            return f"{t.__name__}:{v!r}"
        if t in (tuple, list):
            return f"{t.__name__}(" + ",".join(self.value(x) for x in v) + ")"
        if t in (set, frozenset):
            return f"{t.__name__}(" + ",".join(sorted(self.value(x) for x in v)) + ")"
        if t is dict:
            return "dict(" + ",".join(f"{self.value(k)}:{self.value(x)}" for k, x in v.items()) + ")"
        if isinstance(v, types.ModuleType):
            return "module:" + _module_identity(v.__name__)
        if isinstance(v, types.FunctionType):
            return self.function(v)
        if isinstance(v, types.MethodType):
            return f"method({self.value(v.__self__)},{self.function(v.__func__)})"
        if isinstance(v, types.BuiltinFunctionType | types.BuiltinMethodType):
            owner = getattr(v, "__self__", None)
            if owner is not None and not isinstance(owner, types.ModuleType | type):
                raise Unstable(f"bound builtin {v!r}")
            return f"builtin:{getattr(v, '__module__', '')}.{v.__qualname__}"
        import functools

        if isinstance(v, functools.partial):
            return f"partial({self.value(v.func)},{self.value(v.args)},{self.value(v.keywords)})"
        if isinstance(v, type):
            mod = v.__module__
            return f"class:{mod}.{v.__qualname__}@{_module_identity(mod)}"
        import enum

        if isinstance(v, enum.Enum):
            return f"enum:{self.value(type(v))}.{v.name}"
        root = t.__module__.partition(".")[0]
        if root == "numpy":
            import numpy as np

            if isinstance(v, np.ndarray):
                return self.array(v)
            if isinstance(v, np.generic | np.dtype):
                return f"np:{v!r}"
        if root == "torch":
            import torch

            if isinstance(v, torch.Tensor) and not isinstance(v, torch.nn.Parameter):
                from .lower import tensor_to_numpy

                return "tensor:" + self.array(tensor_to_numpy(v))
            if isinstance(v, torch.dtype | torch.device | torch.Size):
                return f"torch:{v!r}"
        if root in ("jax", "jaxlib", "tensorflow", "ml_dtypes") and "dtype" in t.__name__.lower():
            return f"{root}:{v!r}"
        if isinstance(v, types.CellType):
            return self.value(v.cell_contents)
        raise Unstable(f"{t.__module__}.{t.__qualname__}")

    @staticmethod
    def array(a: Any) -> str:
        import numpy as np

        a = np.asarray(a).copy(order="C")
        return f"{a.dtype.str}{a.shape}:{hashlib.sha256(a.tobytes()).hexdigest()}"

    def code(self, co: types.CodeType) -> str:
        consts = []
        for c in co.co_consts:
            consts.append(self.code(c) if isinstance(c, types.CodeType) else f"{type(c).__name__}:{c!r}")
        return "code(" + "|".join([
            co.co_name, co.co_code.hex(), ",".join(consts), ",".join(co.co_names), ",".join(co.co_varnames),
            ",".join(co.co_freevars), ",".join(co.co_cellvars),
            f"{co.co_argcount},{co.co_posonlyargcount},{co.co_kwonlyargcount},{co.co_flags}",
        ]) + ")"

    @staticmethod
    def _names(co: types.CodeType) -> set[str]:
        names = set(co.co_names)
        for c in co.co_consts:
            if isinstance(c, types.CodeType):
                names |= _Fingerprinter._names(c)
        return names

    def function(self, f: types.FunctionType) -> str:
        key = id(f)
        if key in self.seen:
            return self.seen[key]
        mod = getattr(f, "__module__", None)
        if _is_installed(mod) and "<" not in f.__qualname__:
            # a named function of an installed library: its name and the library's version say it all
            # (lambdas and nested functions are not unique by name: they get the full fingerprint)
            out = f"fn:{mod}.{f.__qualname__}@{_module_identity(mod)}"
            self.seen[key] = out
            return out
        self.depth += 1
        if self.depth > 40:
            raise Unstable("call graph too deep")
        self.seen[key] = f"rec:{mod}.{f.__qualname__}"  # recursion stops here
        g = f.__globals__
        names = self._names(f.__code__)
        self.reads.extend((g, n, g[n]) for n in sorted(names) if n in g)
        parts = [
            f"{mod}.{f.__qualname__}",
            self.code(f.__code__),
            _file_hash(f.__code__.co_filename),
            self.value(f.__defaults__),
            self.value(f.__kwdefaults__),
            self.value(tuple(_cell(c) for c in (f.__closure__ or ()))),
            ",".join(f"{n}={self.value(g[n])}{self.attributes(g[n], names)}" for n in sorted(names) if n in g),
        ]
        self.depth -= 1
        out = "fn(" + "|".join(parts) + ")"
        self.seen[key] = out
        return out


    def attributes(self, owner: Any, names: set[str], depth: int = 0) -> str:
        """The attributes of a module or class ``owner`` that the code names (``Cfg.scale``,
        ``mod.SCALE``, ``torch.nn.functional``): their values may have been set at run time, so the
        source says nothing of them. Names the code uses on other objects (``x.shape``) are looked up
        too, which only adds what the module or class holds under that name.

        An attribute of the user's own modules and classes without a stable fingerprint (a property,
        an arbitrary object) makes the function not persistable. An installed library's class stands
        for itself by its version; an installed module's attributes are taken by value where they have
        one and by type otherwise (``mylib.SCALE = 3`` is seen, the inside of its objects is not)."""
        if not isinstance(owner, types.ModuleType | type) or depth > 3:
            return ""
        if isinstance(owner, type):
            if _is_installed(owner.__module__):
                return ""
            installed, homes = False, [vars(k) for k in owner.__mro__ if not _is_installed(k.__module__)]
        else:
            installed, homes = _is_installed(owner.__name__), [owner.__dict__]
        found = []
        for name in sorted(names):
            home = next((h for h in homes if name in h), None)
            if home is None:
                continue
            value = home[name]
            if not installed:
                self.reads.append((home, name, value))
            if isinstance(value, staticmethod | classmethod):
                value = value.__func__
            try:
                text = self.value(value)
            except Unstable:
                if not installed:
                    raise
                text = f"<{type(value).__module__}.{type(value).__qualname__}>"
            found.append(f"{name}={text}{self.attributes(value, names, depth + 1)}")
        return "{" + ",".join(found) + "}" if found else ""


def _cell(c: types.CellType) -> Any:
    try:
        return c.cell_contents
    except ValueError:  # empty cell
        return "<empty cell>"


def function_fingerprint(fn: Any) -> str | None:
    """A hash of what ``fn`` computes (see the module docstring), or None when it has no stable one."""
    try:
        return hashlib.sha256(_Fingerprinter().value(fn).encode()).hexdigest()
    except (Unstable, RecursionError):
        return None
    except Exception:  # anything unexpected: just do not persist
        return None


def reads_of(fn: Any) -> tuple[tuple[Any, str, Any], ...]:
    """The globals and user-owned class or module attributes ``fn`` reads, as (namespace, name, value)
    at this moment: the engine compares them by identity at every call, so a translation made before one
    of them was rebound (``SCALE = 3``, ``Cfg.scale = 3``) is not used after. (An object changed in place
    keeps its identity: that is not seen.) Installed libraries' functions read nothing here: their
    version stands for them."""
    fp = _Fingerprinter()
    try:
        fp.value(fn)
    except Exception:  # (what was read before the unstable part still counts)
        pass
    # mappingproxy (a class's __dict__) is read through, a module's dict directly
    return tuple(fp.reads)


def lazyport_identity() -> str:
    """lazyport's version plus a hash of the code that decides what a record contains."""
    global _lazyport_hash
    if _lazyport_hash is None:
        here = Path(__file__).resolve().parent
        files = [here / "lower.py", here / "capture" / "trace.py", here / "diskcache.py"]
        from ._version import __version__

        _lazyport_hash = __version__ + ":" + hashlib.sha256(
            "".join(_file_hash(str(p)) for p in files).encode()).hexdigest()[:16]
    return _lazyport_hash


def stable_static(value: Any) -> str | None:
    """A process-independent text for a static (non-array) argument, or None if it has none."""
    t = type(value)
    if value is None or t in (bool, int, float, complex, str, bytes) or value is Ellipsis:
        return f"{t.__name__}:{value!r}"
    if t is slice:
        return f"slice:{value.start!r}:{value.stop!r}:{value.step!r}"
    root = t.__module__.partition(".")[0]
    if root == "torch" and t.__name__ == "dtype":
        return f"torch.dtype:{value}"
    if root in ("numpy", "jax", "jaxlib", "tensorflow", "ml_dtypes"):
        name = getattr(value, "name", None) or getattr(getattr(value, "dtype", None), "name", None)
        if isinstance(name, str) and ("dtype" in t.__name__.lower() or isinstance(value, type)):
            return f"{root}.dtype:{name}"
    if isinstance(value, type) and hasattr(value, "dtype"):  # jnp.float32, np.float32
        import numpy as np

        try:
            return f"dtype:{np.dtype(value).name}"
        except TypeError:
            return None
    return None


class FloatBits(str):
    """A float's key in a signature: its exact bits as ``float.hex`` text, so ``-0.0`` is not ``0.0``
    (``x / -0.0`` is ``-inf``) and ``nan`` is ``nan`` (equal to itself: one translation, not one per call).
    ``value`` is the argument itself, for display."""

    value: Any


def float_key(value: Any) -> FloatBits | None:
    """The key of a float or complex static argument (Python's or a NumPy scalar), None for others."""
    if isinstance(value, float):
        bits = float.hex(value)
    elif isinstance(value, complex):
        bits = f"{value.real.hex()},{value.imag.hex()}"
    elif type(value).__module__ == "numpy" and getattr(getattr(value, "dtype", None), "kind", None) in ("f", "c") \
            and value.ndim == 0:
        c = complex(value)
        bits = f"{c.real.hex()},{c.imag.hex()}" if value.dtype.kind == "c" else c.real.hex()
    else:
        return None
    key = FloatBits(bits)
    key.value = value
    return key


def signature_text(key: tuple) -> str | None:
    """The engine's in-memory signature key as stable text, or None if a static value has none."""
    parts = [str(key[0])]
    for part in key[1:]:
        kind, value = part
        if isinstance(kind, tuple):  # (shape, dtype) of an array
            parts.append(f"array{kind}:{getattr(value, 'name', None) or value}")
            continue
        if isinstance(value, FloatBits):
            parts.append(f"{kind.__module__}.{kind.__qualname__}:{value}")
            continue
        text = stable_static(value)
        if text is None:
            return None
        parts.append(text)
    return "\n".join(parts)


def entry_key(fn: Any, backend: Any, signature: tuple, stack: bool, fingerprint: str | None = None) -> str | None:
    """The cache key of ``fn`` translated for ``backend`` at ``signature``; None when not persistable."""
    fp = fingerprint if fingerprint is not None else function_fingerprint(fn)
    if fp is None:
        return None
    sig = signature_text(signature)
    if sig is None:
        return None
    config = ""
    if backend.name == "jax":
        config = f"x64={backend.x64}"
    torch = sys.modules.get("torch")  # (not imported yet: nobody changed its default dtype)
    default_dtype = str(torch.get_default_dtype()) if torch is not None else "torch.float32"
    material = {
        "format": FORMAT,
        "python": sys.implementation.cache_tag,
        "function": fp,
        "torch": distribution_version("torch"),
        "lazyport": lazyport_identity(),
        "target": backend.name,
        "target_version": distribution_version({"tensorflow": "tensorflow"}.get(backend.name, backend.name)),
        "config": config,
        "default_dtype": default_dtype,  # torch.set_default_dtype changes what torch.zeros(3) makes
        "stack": bool(stack),
        "signature": sig,
    }
    return json.dumps(material, sort_keys=True)
