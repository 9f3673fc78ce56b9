"""A library that does not use torch."""


def double(x):
    return 2 * x
