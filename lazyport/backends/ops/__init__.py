"""The op tables. One small function per ATen op, its schema as docstring, written against ``b.xp``.

``b`` is the target's :class:`~lazyport.backends.base.Backend`. Lowerings need not get the result dtype
exactly right: the generated code casts every result to the dtype torch computed during capture.
They must get values, shapes and NaN/inf behaviour right.
"""
