"""The names the import hook answers to: ``lazyport.<target>.<library>`` with these targets.

A leaf (it imports only the targets' names), so the finder, the proxies and activation share these without importing
each other.
"""

from ..targets import AUTO, TARGETS

PACKAGE = "lazyport"
PREFIX = PACKAGE + "."
# ``lazyport.auto.<library>``: functions that run on the framework of each call's arrays (lazyport.dispatch)
IMPORT_TARGETS = (*TARGETS, AUTO)
