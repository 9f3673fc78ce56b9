"""Signatures (lazyport.signature): argument kinds, keys, and the one routine that names parameters."""

from __future__ import annotations

import numpy as np
import pytest

from lazyport import trees
from lazyport.backends import get_backend
from lazyport.errors import MixedFrameworkError, TranslationError
from lazyport.signature import Arguments, Kind, leaf_paths, positional_params


def fn(x, pair, scale=1.0, *rest, mode="a", **extra):
    return x


def test_positional_params_stop_at_var_positional():
    assert positional_params(fn) == ["x", "pair", "scale"]
    assert positional_params(len) == ["obj"]
    assert positional_params(object()) == []  # (no signature: no names, never an error)


def test_leaf_paths_name_every_leaf_by_its_parameter():
    args, kwargs = (np.ones(2), (np.ones(3), {"k": np.ones(1)}), 2.0, np.ones(4)), {"mode": "b"}
    leaves, treedef = trees.flatten((args, kwargs))
    assert leaf_paths(fn, treedef, leaves) == [
        ("x", ()),
        ("pair", (0,)),
        ("pair", (1, "k")),
        ("scale", ()),
        ("arg3", ()),
        ("mode", ()),
    ]


def test_kinds_and_key_on_numpy():
    args = Arguments(fn, get_backend("numpy"))
    x = np.ones((2, 3), np.float32)
    assert [args.kind(v) for v in (x, 2.0, "s", None)] == [Kind.ARRAY, Kind.STATIC, Kind.STATIC, Kind.STATIC]
    assert Kind.ARRAY <= Kind.CONVERT < Kind.STATIC  # (the kinds up to CONVERT are the array inputs)
    sig = args.read(*trees.flatten(((x, (x, {"k": x}), 0.5), {})))
    assert sig.arrays == [x, x, x]
    assert sig.input_names() == ["x", "pair_0", "pair_1_k"]
    assert sig.label().endswith("fn(float32[2,3], float32[2,3], float32[2,3], 0.5) -> numpy")
    other = args.read(*trees.flatten(((x, (x, {"k": x}), -0.5), {})))
    assert other.key != sig.key  # static values are part of the key
    neg_zero = args.read(*trees.flatten(((x, (x, {"k": x}), -0.0), {})))
    zero = args.read(*trees.flatten(((x, (x, {"k": x}), 0.0), {})))
    assert neg_zero.key != zero.key  # floats by bits: -0.0 is not 0.0
    assert sig.replace(key=("other",)).key == ("other",) and sig.key != ("other",)


def test_rebuild_puts_tensors_back_between_the_static_leaves():
    args = Arguments(fn, get_backend("numpy"))
    x = np.ones(2, np.float32)
    sig = args.read(*trees.flatten(((x, (x, 3)), {"mode": "b"})))
    assert sig.rebuild()(["t0", "t1"]) == (("t0", ("t1", 3)), {"mode": "b"})


def test_mistakes_raise_lazyport_errors():
    torch = pytest.importorskip("torch")
    args = Arguments(fn, get_backend("numpy"))
    with pytest.raises(MixedFrameworkError, match="torch.Tensor.*original torch function"):
        args.read(*trees.flatten(((torch.ones(2),), {})))
    with pytest.raises(TranslationError, match="neither a numpy array nor a hashable Python value"):
        args.read(*trees.flatten(((bytearray(b"x"),), {})))
