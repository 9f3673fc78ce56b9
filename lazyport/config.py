"""Every setting lazyport reads from the environment, in one place, each read when it is used.

=========================  =========================================================================
``LAZYPORT``               drop-in activation: ``"kornia:jax,torch:numpy"`` (:mod:`lazyport.hook.activate`)
``LAZYPORT_CACHE_DIR``     persistent cache directory; ``off`` disables it (:mod:`lazyport.diskcache`)
``LAZYPORT_CACHE_SIZE``    signatures kept in memory per translated function (default 64)
``LAZYPORT_CACHE_LIMIT``   total size of the persistent cache, e.g. ``500MB`` (default ``2GB``); least recently
                           used entries go first
``LAZYPORT_FIRST_CALL``    ``interpret`` (default), ``program`` or ``compile`` (:mod:`lazyport.engine`)
``LAZYPORT_DYNAMIC``       ``auto`` (default: dims whose sizes change between calls become dynamic) or ``off``
                           (every size its own translation) (:mod:`lazyport.autodynamic`)
``LAZYPORT_GUARD_VARIANTS`` programs recorded per signature for values its guards tell apart (default 4;
                           then calls no program fits run op by op) (:mod:`lazyport.guarded`)
``LAZYPORT_LOG``           ``debug``, ``info`` or ``warning``: log to stderr at that level (:mod:`lazyport.log`)
``LAZYPORT_TRACEBACK``     ``filtered`` (default) or ``full``: show lazyport's and torch's frames in errors
``LAZYPORT_PROGRESS``      ``auto`` (default: a status line on a terminal for work over a second) or ``off``
=========================  =========================================================================

A bad value raises :class:`~lazyport.errors.ConfigError` naming the variable. Imports no framework.
"""

from __future__ import annotations

import os
import re

from .errors import ConfigError

FIRST_CALL_MODES = ("interpret", "program", "compile")
LOG_LEVELS = ("debug", "info", "warning", "error")
TRACEBACK_MODES = ("filtered", "full")
PROGRESS_MODES = ("auto", "off")
DYNAMIC_MODES = ("auto", "off")


def _choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = (os.environ.get(name) or default).strip().lower()
    if value not in choices:
        raise ConfigError(
            f"{name}={os.environ.get(name)!r} is not one of {', '.join(choices)}; unset it for the default ({default})"
        )
    return value


CACHE_OFF = ("0", "off", "none", "false", "no")


def cache_dir() -> str | None:
    """LAZYPORT_CACHE_DIR: the persistent cache's directory as given (``"off"`` for any of
    :data:`CACHE_OFF` or an empty value), or None when unset (the per-user cache directory)."""
    raw = os.environ.get("LAZYPORT_CACHE_DIR")
    if raw is None:
        return None
    return "off" if raw.strip().lower() in ("", *CACHE_OFF) else raw


def cache_size() -> int:
    """LAZYPORT_CACHE_SIZE: how many signatures a translated function keeps in memory."""
    raw = os.environ.get("LAZYPORT_CACHE_SIZE")
    if raw is None or not raw.strip():
        return 64
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1:
        raise ConfigError(
            f"LAZYPORT_CACHE_SIZE={raw!r} is not a positive whole number (signatures kept in "
            "memory per translated function; default 64)"
        )
    return size


def guard_variants() -> int:
    """LAZYPORT_GUARD_VARIANTS: how many programs a signature records for input values that its guards
    (the values a run read: ``if x.max() > 1:``) tell apart."""
    raw = os.environ.get("LAZYPORT_GUARD_VARIANTS")
    if raw is None or not raw.strip():
        return 4
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 1:
        raise ConfigError(
            f"LAZYPORT_GUARD_VARIANTS={raw!r} is not a positive whole number (programs recorded per signature "
            "for the values its guards tell apart; default 4)"
        )
    return n


_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}


def cache_limit() -> int:
    """LAZYPORT_CACHE_LIMIT: the persistent cache's size limit in bytes (default 2 GB)."""
    raw = os.environ.get("LAZYPORT_CACHE_LIMIT")
    if raw is None or not raw.strip():
        return 2 * 10**9
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?b)?\s*", raw.lower())
    if m is None or float(m.group(1)) * _UNITS[m.group(2) or ""] < 1:
        raise ConfigError(
            f"LAZYPORT_CACHE_LIMIT={raw!r} is not a size such as 500MB or 2GB (the persistent "
            "cache's total size; default 2GB)"
        )
    return int(float(m.group(1)) * _UNITS[m.group(2) or ""])


def first_call() -> str:
    """LAZYPORT_FIRST_CALL: what a concrete call of a signature not translated yet does.

    ``interpret``: run op by op and record the program (the translation), compile once called often;
    ``program``: capture now, run the uncompiled program, compile in the background; ``compile``: record
    (as ``interpret``) and compile now, the call's result the compiled form's (capture where recording
    declines)."""
    return _choice("LAZYPORT_FIRST_CALL", "interpret", FIRST_CALL_MODES)


def dynamic() -> str:
    """LAZYPORT_DYNAMIC: ``auto`` translates a lazy function once more with the dims symbolic whose sizes
    differ between its calls (one translation then serves every size), ``off`` translates each size."""
    return _choice("LAZYPORT_DYNAMIC", "auto", DYNAMIC_MODES)


def log_level() -> str | None:
    """LAZYPORT_LOG: the level of lazyport's stderr handler, or None (no handler)."""
    if not (os.environ.get("LAZYPORT_LOG") or "").strip():
        return None
    return _choice("LAZYPORT_LOG", "warning", LOG_LEVELS)


def traceback_mode() -> str:
    """LAZYPORT_TRACEBACK: ``filtered`` hides lazyport's and torch's frames from errors, ``full`` keeps them."""
    return _choice("LAZYPORT_TRACEBACK", "filtered", TRACEBACK_MODES)


def progress_mode() -> str:
    """LAZYPORT_PROGRESS: ``auto`` shows a status line on a terminal for slow work, ``off`` never."""
    return _choice("LAZYPORT_PROGRESS", "auto", PROGRESS_MODES)
