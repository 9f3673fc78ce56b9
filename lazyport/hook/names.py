"""The names the import hook answers to: ``lazyport.<target>.<library>`` with these targets.

A leaf (it imports nothing), so the finder, the proxies and activation share these without importing
each other.
"""

PACKAGE = "lazyport"
PREFIX = PACKAGE + "."
TARGETS = ("jax", "tensorflow", "numpy")
# ``lazyport.auto.<library>``: functions that run on the framework of each call's arrays (lazyport.dispatch)
AUTO = "auto"
IMPORT_TARGETS = (*TARGETS, AUTO)
