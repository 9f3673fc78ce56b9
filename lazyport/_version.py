"""lazyport's version: a leaf module, so that modules needing the version (the cache key, generated code,
the CLI) do not import the package root and, through it, everything else."""

__version__ = "0.1.0"
