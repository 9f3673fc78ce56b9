"""The import hook: ``import lazyport.<target>.<library>``, lazy proxies, drop-in activation.

``finder`` decides which imports it answers (a pure predicate) and creates the target packages;
``proxy`` holds the wrapt proxies that translate on first use; ``activate`` makes a plain
``import <library>`` in user code return the translation (``LAZYPORT=...``, ``python -m lazyport run``,
``lazyport.install``). Importing this package imports nothing else.
"""
