"""The op-by-op first call at scale: naming a program's variables in constant time per op, and matrix
products computed by torch's own CPU kernel in the run (the lowering is still what is recorded)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport
from lazyport.lower import Names, _unique_name

from .util import Target, assert_close

RNG = np.random.default_rng(0)


def test_names_are_unique_and_numbered_in_order():
    used = Names()
    got = [_unique_name(w, used) for w in ["sin", "sin", "sin_2", "sin", "sin", "mul", "sum", "1x", "sin"]]
    # (a name given explicitly, sin_2, is skipped by the numbering; builtins and leading digits are renamed)
    assert got == ["sin", "sin_1", "sin_2", "sin_3", "sin_4", "mul", "sum_", "v_1x", "sin_5"]
    assert len(set(got)) == len(got) == len(used)


def test_long_chain_names_and_result():
    def chain(x):
        for _ in range(400):
            x = torch.sin(x) * 1.01 + 0.1
        return x

    f = lazyport.transpile(chain, source="torch", target="numpy")
    x = RNG.random((3, 3), dtype=np.float32)
    assert_close(f(x), chain(torch.from_numpy(x)))
    lowered = f.last_entry.program.lowered
    names = [ins.var for ins in lowered.instrs]
    assert len(names) == len(set(names)) == 1200 and names[-1] == "add_399"


def products(a, b, c, bias):
    t = torch.mm(a, b.t())  # a transposed operand
    u = torch.addmm(bias, a, b.t(), beta=0.5, alpha=2.0)
    v = torch.bmm(c, c.transpose(1, 2))
    w = torch.baddbmm(v, c, c.transpose(1, 2), alpha=0.25)
    return t, u, v, w, (a.double() @ b.double().t())


def test_first_call_products_are_torchs(target):
    a, b = RNG.standard_normal((5, 7)).astype(np.float32), RNG.standard_normal((6, 7)).astype(np.float32)
    c, bias = RNG.standard_normal((2, 4, 3)).astype(np.float32), RNG.standard_normal(6).astype(np.float32)
    want = products(*(torch.from_numpy(v) for v in (a, b, c, bias)))
    f = lazyport.transpile(products, source="torch", target=target.name)
    for _ in range(3):  # the op-by-op first call, then the recorded program
        got = f(*(target.array(v) for v in (a, b, c, bias)))
        for g, w in zip(got, want):
            assert_close(g, w, rtol=1e-5, atol=1e-5)
            if target.name != "jax":  # (JAX without x64 computes float64 as float32)
                assert Target.numpy(g).dtype == w.numpy().dtype


@pytest.mark.filterwarnings("error")  # (no warning about read-only or reversed arrays)
def test_first_call_products_on_reversed_and_read_only_arrays():
    a = RNG.standard_normal((4, 4)).astype(np.float32)
    reversed_ = a[::-1]  # negative strides: torch cannot share them, the lowering computes the product
    read_only = a.copy()
    read_only.flags.writeable = False
    f = lazyport.transpile(lambda x, y: torch.mm(x, y), source="torch", target="numpy")
    assert_close(f(reversed_, read_only), torch.mm(torch.from_numpy(reversed_.copy()), torch.from_numpy(a)))
