"""A NumPy result belongs to the caller: writing into it never changes what later calls return (torch
returns a fresh tensor at every call), whether the result is a constant the function builds, a view of
one, or the first call's own result that the recording keeps as a constant."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport


def constant_out(x):
    return x + 1, torch.ones(3)


def view_of_constant(x):
    return x * 2, torch.arange(6.0).reshape(2, 3)[1]


@pytest.mark.parametrize("fn", [constant_out, view_of_constant])
def test_writing_into_a_result_leaves_later_calls_alone(fn):
    f = lazyport.transpile(fn, source="torch", target="numpy")
    x = np.zeros(3, np.float32)
    want = [t.numpy() for t in fn(torch.from_numpy(x))]
    for _ in range(4):  # the first call (recorded), the recorded program, and again after compiling
        got = f(x)
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g, w)
            assert g.flags.writeable
            g[...] = 7  # the caller's to change
        f.wait()


def test_a_written_constant_is_still_torchs_value():
    def fn(x):
        c = torch.ones(3)
        y = x + c
        c.add_(1)  # written after it was read
        return y, c

    f = lazyport.transpile(fn, source="torch", target="numpy")
    x = np.zeros(3, np.float32)
    for _ in range(3):
        y, c = f(x)
        np.testing.assert_array_equal(y, np.ones(3))
        np.testing.assert_array_equal(c, np.full(3, 2.0))
