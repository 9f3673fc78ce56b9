"""Zoo cases that fail today, by (case, target, mode), each with the issue #10 item that fixes it.

The xfails are strict: a fixed case passes, fails its xfail, and must leave this table. It is empty:
items 1 (old-style autograd.Function) and 2 (trace-aware libraries) are fixed by
lazyport/capture/tracer.py. A case that breaks goes here with its reason, never silently skipped.
"""

from __future__ import annotations

XFAIL: dict[tuple[str, str, str], str] = {}
