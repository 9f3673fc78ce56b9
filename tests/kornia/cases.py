"""The kornia calls the hook is tested with: public functions and classes across kornia's packages.

A case names a kornia attribute and builds its arguments from a seeded NumPy generator: NumPy arrays
become inputs (torch tensors for the reference, target arrays for the translation), everything else
is passed as it is. ``jit=False`` marks calls that cannot run inside ``jax.jit`` / ``tf.function``
(the README lists them with the reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Builder = Callable[[np.random.Generator], tuple[tuple, dict]]


@dataclass(frozen=True, eq=False)
class Case:
    path: str  # attribute path under kornia, e.g. "color.rgb_to_hsv"
    make: Builder
    jit: bool = True
    rtol: float = 1e-4
    atol: float = 1e-5
    ctor: tuple = ()  # classes: constructor arguments (NumPy arrays allowed)
    ctor_kwargs: dict = field(default_factory=dict)
    why_no_jit: str = ""

    @property
    def id(self) -> str:
        return self.path


def img(c: int = 3, b: int = 1, h: int = 8, w: int = 8) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: rng.random((b, c, h, w), dtype=np.float32)


def one(c: int = 3, b: int = 1, h: int = 8, w: int = 8, **kw: Any) -> Builder:
    """A single image argument plus static keyword arguments."""
    make = img(c, b, h, w)
    return lambda rng: ((make(rng),), dict(kw))


def with_args(*extra: Any, c: int = 3, b: int = 1, h: int = 8, w: int = 8, **kw: Any) -> Builder:
    """An image followed by ``extra`` positional arguments (callables of rng make arrays)."""
    make = img(c, b, h, w)

    def build(rng: np.random.Generator) -> tuple[tuple, dict]:
        args = [make(rng)] + [e(rng) if callable(e) else e for e in extra]
        return tuple(args), dict(kw)

    return build


def arr(*shape: int, lo: float = 0.0, hi: float = 1.0) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: (lo + (hi - lo) * rng.random(shape)).astype(np.float32)


def labels(*shape: int, n: int = 3) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: rng.integers(0, n, size=shape).astype(np.int64)


def const(value: Any) -> Callable[[np.random.Generator], Any]:
    return lambda rng: np.asarray(value, dtype=np.float32)


def pair(*shape: int, **kw: Any) -> Builder:
    """Two arrays of ``shape`` in [0, 1)."""
    return lambda rng: ((arr(*shape)(rng), arr(*shape)(rng)), dict(kw))


def hsv(rng: np.random.Generator) -> tuple[tuple, dict]:
    x = rng.random((1, 3, 8, 8), dtype=np.float32)
    x[:, 0] *= 2 * np.pi
    return (x,), {}


def lab(rng: np.random.Generator) -> tuple[tuple, dict]:
    x = rng.random((1, 3, 8, 8), dtype=np.float32)
    x[:, 0] *= 100
    x[:, 1:] = x[:, 1:] * 100 - 50
    return (x,), {}


def luv(rng: np.random.Generator) -> tuple[tuple, dict]:
    x = rng.random((1, 3, 8, 8), dtype=np.float32)
    x[:, 0] = x[:, 0] * 90 + 5
    x[:, 1:] = x[:, 1:] * 60 - 30
    return (x,), {}


def laf(rng: np.random.Generator) -> np.ndarray:
    a = rng.random((1, 5, 2, 3), dtype=np.float32)
    a[..., 0, 0] += 2.0
    a[..., 1, 1] += 2.0
    return a


def logits_and_labels(c: int = 3) -> Builder:
    return lambda rng: ((arr(2, c, 8, 8, lo=-2, hi=2)(rng), labels(2, 8, 8, n=c)(rng)), {})


def affine_matrix(rng: np.random.Generator) -> np.ndarray:
    return np.array([[[0.9, 0.1, 0.5], [-0.1, 1.1, -0.3]]], dtype=np.float32)


def homography(rng: np.random.Generator) -> np.ndarray:
    return np.array([[[1.0, 0.05, 0.3], [0.02, 0.95, -0.2], [0.001, 0.002, 1.0]]], dtype=np.float32)


FUNCTIONS: list[Case] = [
    # ----- color
    Case("color.rgb_to_grayscale", one()),
    Case("color.bgr_to_grayscale", one()),
    Case("color.rgb_to_bgr", one()),
    Case("color.bgr_to_rgb", one()),
    Case("color.rgb_to_rgba", with_args(1.0)),
    Case("color.rgba_to_rgb", one(c=4)),
    Case("color.rgb_to_hsv", one()),
    Case("color.hsv_to_rgb", hsv),
    Case("color.rgb_to_hls", one()),
    Case("color.hls_to_rgb", hsv),
    Case("color.rgb_to_ycbcr", one()),
    Case("color.ycbcr_to_rgb", one()),
    Case("color.rgb_to_yuv", one()),
    Case("color.yuv_to_rgb", one()),
    Case("color.rgb_to_xyz", one()),
    Case("color.xyz_to_rgb", one()),
    Case("color.rgb_to_lab", one(), atol=1e-4),
    Case("color.lab_to_rgb", lab, atol=1e-4),
    Case("color.rgb_to_luv", one(), atol=1e-4),
    Case("color.luv_to_rgb", luv, atol=1e-4),
    Case("color.rgb_to_linear_rgb", one()),
    Case("color.linear_rgb_to_rgb", one()),
    Case("color.grayscale_to_rgb", one(c=1)),
    Case("color.sepia", one()),
    # ----- enhance
    Case("enhance.adjust_brightness", with_args(0.2)),
    Case("enhance.adjust_contrast", with_args(0.5)),
    Case("enhance.adjust_gamma", with_args(2.2, 1.0)),
    Case("enhance.adjust_saturation", with_args(1.5), atol=1e-4),
    Case("enhance.adjust_hue", with_args(0.3), atol=1e-4),
    Case("enhance.adjust_sigmoid", with_args(0.5, 10.0)),
    Case("enhance.adjust_log", with_args(1.0)),
    Case("enhance.invert", one()),
    Case("enhance.posterize", with_args(3)),
    Case("enhance.solarize", with_args(0.5)),
    Case("enhance.sharpness", with_args(0.5)),
    Case("enhance.normalize", with_args(const([0.5, 0.4, 0.3]), const([0.2, 0.25, 0.3]))),
    Case("enhance.denormalize", with_args(const([0.5, 0.4, 0.3]), const([0.2, 0.25, 0.3]))),
    Case("enhance.normalize_min_max", one()),
    Case("enhance.add_weighted", lambda rng: ((arr(1, 3, 8, 8)(rng), 0.5, arr(1, 3, 8, 8)(rng), 0.3, 0.1), {})),
    Case("enhance.equalize", one(), atol=1e-4),
    # ----- filters
    Case("filters.gaussian_blur2d", with_args((5, 5), (1.5, 1.5))),
    Case("filters.box_blur", with_args((3, 3))),
    Case("filters.median_blur", with_args((3, 3))),
    Case("filters.sobel", one()),
    Case("filters.spatial_gradient", one()),
    Case("filters.laplacian", with_args(5)),
    Case("filters.unsharp_mask", with_args((5, 5), (1.5, 1.5))),
    # (its hysteresis loops until the edge map stops changing: a torch.while_loop when exporting, which
    # lazyport answers as torch.export does, so it compiles too)
    Case("filters.canny", one(c=1, h=16, w=16), atol=1e-4),
    Case("filters.filter2d", with_args(arr(1, 3, 3))),
    Case("filters.filter2d_separable", with_args(arr(1, 3), arr(1, 3))),
    Case("filters.motion_blur", with_args(5, 45.0, 1.0)),
    Case("filters.bilateral_blur", with_args((5, 5), 0.1, (1.5, 1.5)), atol=1e-4),
    Case("filters.blur_pool2d", with_args(3)),
    Case("filters.max_blur_pool2d", with_args(3)),
    Case(
        "filters.get_gaussian_kernel2d",
        lambda rng: (((5, 5), (1.5, 1.5)), {}),
        jit=False,
        why_no_jit="takes no array: nothing to trace",
    ),
    # ----- geometry
    Case("geometry.transform.resize", with_args((4, 6)), atol=1e-4),
    Case("geometry.transform.rescale", with_args(0.5), atol=1e-4),
    Case("geometry.transform.rotate", with_args(const([30.0])), atol=1e-4),
    Case("geometry.transform.translate", with_args(const([[1.5, -0.5]])), atol=1e-4),
    Case("geometry.transform.scale", with_args(const([[1.2, 0.8]])), atol=1e-4),
    Case("geometry.transform.shear", with_args(const([[0.1, 0.2]])), atol=1e-4),
    Case("geometry.transform.warp_affine", with_args(affine_matrix, (8, 8)), atol=1e-4),
    Case("geometry.transform.warp_perspective", with_args(homography, (8, 8)), atol=1e-4),
    Case(
        "geometry.transform.get_rotation_matrix2d",
        lambda rng: ((const([[4.0, 4.0]])(rng), const([30.0])(rng), const([[1.0, 1.0]])(rng)), {}),
    ),
    Case("geometry.transform.hflip", one()),
    Case("geometry.transform.vflip", one()),
    Case("geometry.transform.rot180", one()),
    Case("geometry.transform.pyrdown", one()),
    Case("geometry.transform.pyrup", one()),
    Case(
        "geometry.transform.get_perspective_transform",
        lambda rng: (
            (const([[[0, 0], [7, 0], [7, 7], [0, 7]]])(rng), const([[[1, 0], [6, 1], [7, 6], [0, 7]]])(rng)),
            {},
        ),
        atol=1e-4,
    ),
    Case("geometry.conversions.convert_points_to_homogeneous", lambda rng: ((arr(1, 5, 2)(rng),), {})),
    Case(
        "geometry.conversions.convert_points_from_homogeneous", lambda rng: ((arr(1, 5, 3, lo=0.5, hi=1.5)(rng),), {})
    ),
    Case("geometry.conversions.deg2rad", lambda rng: ((arr(4, 3, lo=-180, hi=180)(rng),), {})),
    Case("geometry.conversions.rad2deg", lambda rng: ((arr(4, 3, lo=-3, hi=3)(rng),), {})),
    Case("geometry.conversions.angle_axis_to_rotation_matrix", lambda rng: ((arr(4, 3, lo=-1, hi=1)(rng),), {})),
    Case("geometry.conversions.normalize_pixel_coordinates", lambda rng: ((arr(1, 5, 2, hi=8)(rng), 8, 8), {})),
    Case("geometry.linalg.transform_points", lambda rng: ((homography(rng), arr(1, 5, 2, hi=8)(rng)), {})),
    Case("geometry.subpix.spatial_soft_argmax2d", one(), atol=1e-4),
    # ----- feature
    Case("feature.harris_response", one(c=1, h=16, w=16)),
    Case("feature.gftt_response", one(c=1, h=16, w=16)),
    Case("feature.hessian_response", one(c=1, h=16, w=16)),
    Case("feature.dog_response", lambda rng: ((arr(1, 1, 3, 8, 8)(rng),), {})),
    Case("feature.get_laf_center", lambda rng: ((laf(rng),), {})),
    Case("feature.get_laf_scale", lambda rng: ((laf(rng),), {})),
    Case("feature.scale_laf", lambda rng: ((laf(rng), 2.0), {})),
    Case(
        "feature.laf_from_center_scale_ori",
        lambda rng: ((arr(1, 5, 2, hi=8)(rng), arr(1, 5, 1, 1, lo=1, hi=2)(rng), arr(1, 5, 1, hi=90)(rng)), {}),
    ),
    Case(
        "feature.ellipse_to_laf",
        lambda rng: (
            (
                np.concatenate(
                    [
                        arr(1, 5, 2, hi=8)(rng),
                        arr(1, 5, 1, lo=1, hi=2)(rng),
                        arr(1, 5, 1, lo=-0.1, hi=0.1)(rng),
                        arr(1, 5, 1, lo=1, hi=2)(rng),
                    ],
                    -1,
                ),
            ),
            {},
        ),
    ),
    # ----- morphology
    Case("morphology.dilation", with_args(const(np.ones((3, 3))))),
    Case("morphology.erosion", with_args(const(np.ones((3, 3))))),
    Case("morphology.opening", with_args(const(np.ones((3, 3))))),
    Case("morphology.closing", with_args(const(np.ones((3, 3))))),
    Case("morphology.gradient", with_args(const(np.ones((3, 3))))),
    Case("morphology.top_hat", with_args(const(np.ones((3, 3))))),
    Case("morphology.bottom_hat", with_args(const(np.ones((3, 3))))),
    # ----- losses
    Case("losses.ssim_loss", pair(1, 3, 16, 16, window_size=5), atol=1e-4),
    Case("losses.psnr_loss", pair(1, 3, 8, 8, max_val=1.0), atol=1e-4),
    Case("losses.total_variation", one(), atol=1e-4),
    Case("losses.dice_loss", logits_and_labels()),
    Case("losses.focal_loss", lambda rng: (logits_and_labels()(rng)[0] + (0.5, 2.0, "mean"), {})),
    Case("losses.tversky_loss", lambda rng: (logits_and_labels()(rng)[0] + (0.5, 0.5), {})),
    Case(
        "losses.binary_focal_loss_with_logits",
        lambda rng: (
            (arr(2, 1, 8, 8, lo=-2, hi=2)(rng), labels(2, 1, 8, 8, n=2)(rng).astype(np.float32)),
            {"reduction": "mean"},
        ),
    ),
    Case("losses.charbonnier_loss", pair(1, 3, 8, 8, reduction="mean")),
    Case("losses.welsch_loss", pair(1, 3, 8, 8, reduction="mean")),
    Case("losses.cauchy_loss", pair(1, 3, 8, 8, reduction="mean")),
    Case("losses.geman_mcclure_loss", pair(1, 3, 8, 8, reduction="mean")),
    Case(
        "losses.inverse_depth_smoothness_loss", lambda rng: ((arr(1, 1, 8, 8, lo=0.1)(rng), arr(1, 3, 8, 8)(rng)), {})
    ),
    Case("losses.js_div_loss_2d", pair(1, 1, 8, 8), atol=1e-4),
    Case("losses.kl_div_loss_2d", pair(1, 1, 8, 8), atol=1e-4),
    # ----- metrics
    Case("metrics.psnr", pair(1, 3, 8, 8, max_val=1.0), atol=1e-4),
    Case("metrics.ssim", pair(1, 3, 16, 16, window_size=5), atol=1e-4),
    # (their label-range check reads values; kornia skips it under tracers, as it does for torch.compile)
    Case("metrics.mean_iou", lambda rng: ((labels(2, 16)(rng), labels(2, 16)(rng), 3), {})),
    Case("metrics.confusion_matrix", lambda rng: ((labels(2, 16)(rng), labels(2, 16)(rng), 3), {})),
    Case("metrics.aepe", pair(1, 8, 8, 2)),
]

CLASSES: list[Case] = [
    Case("filters.GaussianBlur2d", one(), ctor=((3, 3), (1.5, 1.5))),
    Case("filters.BoxBlur", one(), ctor=((3, 3),)),
    Case("filters.Sobel", one()),
    Case("color.RgbToHsv", one()),
    Case("color.RgbToGrayscale", one()),
    Case(
        "enhance.Normalize",
        one(),
        ctor_kwargs={"mean": np.array([0.5, 0.4, 0.3], np.float32), "std": np.array([0.2, 0.25, 0.3], np.float32)},
    ),
    Case("enhance.AdjustBrightness", one(), ctor=(0.2,)),
    Case("losses.SSIMLoss", pair(1, 3, 16, 16), ctor=(5,), atol=1e-4),
    Case("geometry.transform.Resize", one(), ctor=((4, 6),), atol=1e-4),
]
