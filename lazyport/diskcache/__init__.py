"""A persistent cache of translated graphs, shared by processes.

A hit runs no capture at all, so a second process skips torch's tracing machinery and its ~1 s warm-up;
rendering and compiling the program for the target is all that remains. Three modules:

- :mod:`.store`: the cache directory, its signed entries, their bounds (least recently used evicted);
- :mod:`.codec`: the :class:`~lazyport.lower.Lowered` record an entry holds, as JSON and arrays;
- :mod:`.fingerprint`: the key: what a translation depends on (function, libraries, signature).

**Never cached on disk:** graphs of functions whose control flow reads input values (the engine
captures those on real values at every call), and captures that failed.
"""

from __future__ import annotations

from .codec import (
    FORMAT,
    check_records,
    decode_structure,
    decode_tree,
    encode_tree,
    instr_from_json,
    instr_to_json,
    lowered_from_json,
    lowered_to_json,
)
from .fingerprint import (
    FloatBits,
    Unstable,
    entry_key,
    float_key,
    function_fingerprint,
    identity_files,
    reads_of,
    signature_text,
    stable_static,
)
from .store import ENV, MAGIC, DiskCache, Usage, cache_dir, clear, default_dir, get_cache, usage

# MAX_PER_FUNCTION (store), distribution_version and lazyport_identity (fingerprint) are read where they
# are defined: set them on those modules (a test's monkeypatch on this package would change nothing, so
# the names are not here to be patched by mistake).
__all__ = [
    "ENV",
    "FORMAT",
    "MAGIC",
    "DiskCache",
    "FloatBits",
    "Unstable",
    "Usage",
    "cache_dir",
    "check_records",
    "clear",
    "decode_structure",
    "decode_tree",
    "default_dir",
    "encode_tree",
    "entry_key",
    "float_key",
    "function_fingerprint",
    "get_cache",
    "identity_files",
    "instr_from_json",
    "instr_to_json",
    "lowered_from_json",
    "lowered_to_json",
    "reads_of",
    "signature_text",
    "stable_static",
    "usage",
]
