"""A library whose only torch import is in a subpackage it imports when a function is called."""


def scale(x, by: float = 3.0):
    from .impl.core import scale as _scale

    return _scale(x, by)
