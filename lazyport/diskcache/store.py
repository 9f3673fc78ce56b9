"""The cache directory and its entries: where they live, how they are written, signed, read and bounded.

**Where.** ``LAZYPORT_CACHE_DIR`` when set (an empty value, ``0`` or ``off`` disables the cache);
otherwise ``$XDG_CACHE_HOME/lazyport`` (``~/.cache/lazyport``; ``~/Library/Caches/lazyport`` on macOS,
``%LOCALAPPDATA%\\lazyport\\Cache`` on Windows) — the platform's per-user cache location, like pip's,
so it survives reboots and is safe to delete at any time. The directory is created with mode
0700; an existing one that another user owns or that others may write is not used (a warning says so).

**Size.** At most :data:`MAX_PER_FUNCTION` entries per function (one per signature) and
``LAZYPORT_CACHE_LIMIT`` bytes in all (default 2 GB); past either, the least recently used entries are
deleted (a hit touches its file). Entries are named ``graphs/<2 hex>/<function>-<sha256 of key>.lpg``.

**Integrity.** Every entry carries an HMAC-SHA256 over its whole content, keyed by a random secret kept
in the cache directory (``key``, mode 0600). Nothing from an entry is decoded, let alone turned into code,
unless the HMAC matches; a corrupted, truncated or foreign entry (another key, another format) is
ignored and rebuilt. Entries are written to a temporary file and moved into place with ``os.replace``,
so readers never see half an entry. Constants are stored with ``np.save`` and loaded with
``allow_pickle=False``; nothing is pickled. What an entry holds is :mod:`.codec`'s record; what it is
keyed by is :mod:`.fingerprint`'s.
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
import threading
from pathlib import Path
from typing import Any

from .. import config, log
from ..errors import RecordError
from .codec import FORMAT, _NotPersistable, check_records, lowered_from_json, lowered_to_json

ENV = "LAZYPORT_CACHE_DIR"

MAGIC = b"LAZYPORT-GRAPH\x00" + bytes([FORMAT])
_MAX_ENTRY = 1 << 31
MAX_PER_FUNCTION = 256  # entries kept per function (signatures), least recently used evicted first

_lock = threading.Lock()
_caches: dict[str, DiskCache | None] = {}
_warned: set[str] = set()
_log = log.get("cache")


def default_dir() -> Path:
    """The per-user cache directory used when ``LAZYPORT_CACHE_DIR`` is not set: platformdirs' user
    cache directory (``$XDG_CACHE_HOME/lazyport`` or ``~/.cache/lazyport`` on Linux,
    ``~/Library/Caches/lazyport`` on macOS, ``%LOCALAPPDATA%\\lazyport\\Cache`` on Windows)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("lazyport", appauthor=False))


def cache_dir() -> Path | None:
    """The cache directory in effect, or None when the persistent cache is off."""
    value = config.cache_dir()
    if value is None:
        return default_dir()
    if value == "off":
        return None
    return Path(value).expanduser()


def get_cache() -> DiskCache | None:
    """The :class:`DiskCache` for the current ``LAZYPORT_CACHE_DIR`` (None when off or unusable)."""
    root = cache_dir()
    if root is None:
        return None
    key = str(root)
    if key in _caches:  # entries are only ever added
        return _caches[key]
    with _lock:
        if key not in _caches:
            cache: DiskCache | None
            try:
                cache = DiskCache(root)
            except OSError as exc:
                _warn(key, f"persistent cache disabled, cannot use {root}: {exc}")
                cache = None
            _caches[key] = cache
        return _caches[key]


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
            for p, _ in mine[: len(mine) - MAX_PER_FUNCTION]:
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
        mac, payload = data[len(MAGIC) : head], data[head:]
        if not hmac.compare_digest(mac, hmac.new(self.secret, payload, hashlib.sha256).digest()):
            raise ValueError("HMAC mismatch")
        # verified: from here on the content is what this cache wrote
        (n,) = struct.unpack(">Q", payload[:8])
        header = json.loads(payload[8 : 8 + n].decode())
        if header.get("key") != key:
            raise ValueError("entry of another key")
        consts = _load_arrays(payload[8 + n :])
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
