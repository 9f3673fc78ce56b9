"""One cold process (run by test_cold_start.py): first-call five kornia functions back to back with an
empty persistent cache, then call them again; exit 0 only if every result equals kornia on torch."""

import sys

import kornia
import numpy as np
import torch

import lazyport

target = sys.argv[1]
K = __import__(f"lazyport.{target}.kornia", fromlist=["kornia"])
rng = np.random.default_rng(0)
x = rng.random((1, 3, 32, 32), dtype=np.float32)
gray = rng.random((1, 1, 32, 32), dtype=np.float32)


def angle(k):
    return torch.tensor([30.0]) if k is kornia else np.asarray([30.0], np.float32)


cases = [
    ("rgb_to_hsv", lambda k, a: k.color.rgb_to_hsv(a), x),
    ("gaussian_blur2d", lambda k, a: k.filters.gaussian_blur2d(a, (5, 5), (1.5, 1.5)), x),
    ("rotate", lambda k, a: k.geometry.transform.rotate(a, angle(k)), x),
    ("sobel", lambda k, a: k.filters.sobel(a), x),
    ("harris_response", lambda k, a: k.feature.harris_response(a), gray),
    ("adjust_gamma", lambda k, a: k.enhance.adjust_gamma(a, 2.2), x),
]
for _ in range(2):
    for name, call, a in cases:
        expected = call(kornia, torch.from_numpy(a)).numpy()
        got = np.asarray(call(K, a))
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4, err_msg=name)
print("ok", lazyport.__name__)
