"""``target="auto"`` (Ivy's ``unify``): one callable or module proxy that follows its inputs' framework."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import Any

import numpy as np
import pytest

from .util import TARGETS, Target, assert_close

torch = pytest.importorskip("torch")
jax = pytest.importorskip("jax")
tf = pytest.importorskip("tensorflow")

import jax.numpy as jnp  # noqa: E402

import lazyport  # noqa: E402
from lazyport import MixedFrameworkError, UnknownTargetError  # noqa: E402
from lazyport.dispatch import AutoFunction  # noqa: E402
from lazyport.engine import CacheInfo, TranslatedFunction  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the framework a result must belong to, by the root package of its type
RESULT_ROOTS = {"jax": ("jax", "jaxlib"), "tensorflow": ("tensorflow",), "numpy": ("numpy",)}


def standardize(x: Any, scale: float = 1.0, *, shift: Any = None) -> Any:
    y = (x - x.mean(dim=-1, keepdim=True)) / x.std(dim=-1, keepdim=True) * scale
    return y if shift is None else y + shift["b"]


def assert_framework(result: Any, target: str) -> None:
    assert type(result).__module__.partition(".")[0] in RESULT_ROOTS[target], (type(result), target)


def data(*shape: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random(shape, dtype=np.float32)


# ------------------------------------------------------------------------------------- functions
def test_one_callable_for_every_framework() -> None:
    f = lazyport.transpile(standardize, source="torch", target="auto")
    assert isinstance(f, AutoFunction) and f.targets == ()
    x, b = data(2, 5), data(5, seed=1)
    expected = standardize(torch.from_numpy(x), 2.0, shift={"b": torch.from_numpy(b)})
    for name in TARGETS:
        t = Target(name)
        out = f(t.array(x), 2.0, shift={"b": t.array(b)})  # an array in a container, a keyword, a Python scalar
        assert_framework(out, name)
        assert_close(out, expected)
    assert f.targets == ("jax", "tensorflow", "numpy")
    assert all(isinstance(f.for_target(t), TranslatedFunction) and f.for_target(t).target == t for t in TARGETS)
    assert f.for_target("tf") is f.for_target("tensorflow")
    r = repr(f)
    assert "auto translation of" in r and "standardize" in r and "jax, tensorflow, numpy" in r


def test_decorator_and_eager_args() -> None:
    @lazyport.transpile(source="torch", target="auto")
    def double(x):
        return x * 2

    assert isinstance(double, AutoFunction)
    assert_close(double(jnp.ones(3)), np.full(3, 2.0, np.float32))

    x = tf.constant(data(4))
    eager = lazyport.transpile(standardize, source="torch", target="auto", args=(x,))
    assert eager.targets == ("tensorflow",)  # translated (and compiled) now, for the arguments' framework
    assert eager.cache_info().currsize == 1
    assert_close(eager(x), standardize(torch.from_numpy(x.numpy())))
    assert eager.cache_info().hits == 1


def test_numpy_arrays_join_the_other_framework() -> None:
    f = lazyport.transpile(lambda a, b: a * b + 1, source="torch", target="auto")
    a, b = data(3), data(3, seed=1)
    out = f(jnp.asarray(a), b)  # every translation accepts NumPy arrays: this runs on jax
    assert_framework(out, "jax")
    assert_close(out, a * b + 1)
    assert_framework(f(a, tf.constant(b)), "tensorflow")
    assert f.targets == ("jax", "tensorflow")


def test_mixing_frameworks_is_an_error() -> None:
    f = lazyport.transpile(lambda a, b: a + b, source="torch", target="auto")
    with pytest.raises(MixedFrameworkError) as info:
        f(jnp.ones(2), b=[tf.ones(2)])
    msg = str(info.value)
    assert "jax arrays (argument 0)" in msg and "tensorflow arrays (keyword argument 'b')" in msg
    with pytest.raises(MixedFrameworkError, match=r"torch.Tensor \(argument 1\).*original torch function"):
        f(np.ones(2), torch.ones(2))
    assert f.targets == ()  # nothing was translated for a call that raised
    assert "MixedFrameworkError" in lazyport.__all__


def test_a_call_without_arrays_is_an_error() -> None:
    f = lazyport.transpile(lambda n: torch.arange(n), source="torch", target="auto")
    with pytest.raises(UnknownTargetError, match="without any jax, tensorflow or numpy array"):
        f(3)
    with pytest.raises(UnknownTargetError):  # dtypes and NumPy scalars are not arrays
        f(jnp.float32, np.float32(1.0), tf.int32)


def test_cache_info_counts_per_target_and_in_total() -> None:
    f = lazyport.transpile(lambda x: torch.sin(x) * 3, source="torch", target="auto", cache_size=8)
    assert f.cache_info() == CacheInfo(0, 0, 0, 0, 0)
    x = data(6)
    for _ in range(3):
        f(jnp.asarray(x))
    f(x)
    f(x[:4])
    jax_info, np_info = f.for_target("jax").cache_info(), f.for_target("numpy").cache_info()
    assert (jax_info.hits, jax_info.misses, jax_info.currsize, jax_info.maxsize) == (2, 1, 1, 8)
    assert (np_info.hits, np_info.misses, np_info.currsize, np_info.maxsize) == (0, 2, 2, 8)
    total = f.cache_info()
    assert type(total) is CacheInfo
    assert total == CacheInfo(*(a + b for a, b in zip(jax_info, np_info, strict=True)))
    assert total.maxsize == 16  # the two targets' caches together


def test_wait_and_cache_clear() -> None:
    f = lazyport.transpile(lambda x: torch.cos(x) + x, source="torch", target="auto")
    x = data(5)
    f(jnp.asarray(x))
    f(tf.constant(x))
    assert f.wait(timeout=120)
    assert_close(f(jnp.asarray(x)), np.cos(x) + x)  # the compiled form
    assert_close(f(tf.constant(x)), np.cos(x) + x)
    f.cache_clear()
    assert f.cache_info()[:4] == (0, 0, 0, 0)
    assert f.targets == ("jax", "tensorflow")  # the per-target functions stay, empty
    assert_close(f(tf.constant(x)), np.cos(x) + x)
    assert f.cache_info().misses == 1


def test_eight_threads_share_one_translation_per_target() -> None:
    f = lazyport.transpile(lambda x: torch.tanh(x) - 1, source="torch", target="auto")
    barrier = threading.Barrier(8)
    made: list[Any] = []
    errors: list[BaseException] = []
    x = data(7)

    def worker() -> None:
        try:
            barrier.wait()
            assert_close(f(jnp.asarray(x)), np.tanh(x) - 1)
            made.append(f.for_target("jax"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len({id(m) for m in made}) == 1 and f.targets == ("jax",)
    assert f.cache_info().translations <= 1


# ------------------------------------------------------------------------------------ composition
def test_under_jax_jit_grad_and_tf_function() -> None:
    f = lazyport.transpile(standardize, source="torch", target="auto")
    x = data(3, 4)
    expected = standardize(torch.from_numpy(x))
    jitted = jax.jit(f)(jnp.asarray(x))  # f sees jax tracers: the jax translation, captured into the jit
    assert_framework(jitted, "jax")
    assert_close(jitted, expected)
    assert f.targets == ("jax",)
    grad = jax.grad(lambda a: f(a).sum() + (f(a) ** 2).sum())(jnp.asarray(x))
    xt = torch.from_numpy(x).requires_grad_()
    (standardize(xt).sum() + (standardize(xt) ** 2).sum()).backward()
    assert_close(grad, xt.grad, atol=1e-4)

    out = tf.function(lambda a: f(a) * 2)(tf.constant(x))  # symbolic tf tensors: the tensorflow translation
    assert_framework(out, "tensorflow")
    assert_close(out, expected * 2)
    assert f.targets == ("jax", "tensorflow")


# --------------------------------------------------------------------------------------- modules
def test_module_proxy_follows_each_call() -> None:
    kornia = pytest.importorskip("kornia")
    K = lazyport.transpile(kornia, source="torch", target="auto")
    import lazyport.auto.kornia as K2
    from lazyport.auto import kornia as K3

    assert K is K2 is K3 is lazyport.auto.kornia
    assert K.__name__ == "lazyport.auto.kornia"
    img = data(1, 3, 8, 8)
    timg = torch.from_numpy(img)
    gray_expected = kornia.color.rgb_to_grayscale(timg)
    blur_expected = kornia.filters.box_blur(timg, (3, 3))
    for name in TARGETS:
        t = Target(name)
        gray = K.color.rgb_to_grayscale(t.array(img))
        blur = K.filters.box_blur(t.array(img), (3, 3))
        assert_framework(gray, name)
        assert_framework(blur, name)
        assert_close(gray, gray_expected)
        assert_close(blur, blur_expected)
    assert isinstance(K.color.rgb_to_grayscale._self_translated, AutoFunction)
    assert K.color.rgb_to_grayscale._self_translated.targets == ("jax", "tensorflow", "numpy")
    jitted = jax.jit(K.color.rgb_to_grayscale)(jnp.asarray(img))
    assert_framework(jitted, "jax")
    assert_close(jitted, gray_expected)
    assert_close(tf.function(K.filters.box_blur)(tf.constant(img), (3, 3)), blur_expected)
    with pytest.raises(MixedFrameworkError, match="jax arrays .argument 0.*tensorflow"):
        K.enhance.add_weighted(jnp.asarray(img), 0.5, tf.constant(img), 0.5, 0.0)


def test_module_proxy_controls_under_auto() -> None:
    kornia = pytest.importorskip("kornia")
    K = lazyport.transpile(kornia, source="torch", target="auto")
    K.cache_clear()
    img = data(1, 3, 6, 6)
    for _ in range(2):
        K.color.rgb_to_bgr(jnp.asarray(img))
    K.color.rgb_to_bgr(img)
    info = K.color.rgb_to_bgr.cache_info()
    assert (info.hits, info.misses, info.currsize) == (1, 2, 2)
    for module in (K, K.color):  # only rgb_to_bgr was called since the clear
        total = module.cache_info()
        assert (total.hits, total.misses, total.currsize) == (1, 2, 2)
    assert K.wait(timeout=120)
    K.cache_clear()
    assert K.cache_info()[:4] == (0, 0, 0, 0)


def test_nn_modules_need_one_target() -> None:
    kornia = pytest.importorskip("kornia")
    with pytest.raises(UnknownTargetError, match="nn.Module.*one concrete target"):
        lazyport.transpile(torch.nn.Linear(2, 2), source="torch", target="auto")
    with pytest.raises(UnknownTargetError, match="Linear is an nn.Module"):
        lazyport.transpile(torch.nn.Linear, source="torch", target="auto")
    K = lazyport.transpile(kornia, source="torch", target="auto")
    cls = K.filters.GaussianBlur2d  # visible, like the rest of the library ...
    assert cls.__doc__ == kornia.filters.GaussianBlur2d.__doc__
    assert isinstance(kornia.filters.GaussianBlur2d((3, 3), (1.0, 1.0)), cls)
    with pytest.raises(UnknownTargetError, match="GaussianBlur2d is an nn.Module"):  # ... but not instantiable
        cls((3, 3), (1.0, 1.0))


def test_graphs_and_other_apis_need_one_target() -> None:
    with pytest.raises(UnknownTargetError, match="a graph is one program in one framework"):
        lazyport.trace_graph(standardize, source="torch", target="auto")
    with pytest.raises(UnknownTargetError, match="needs one target"):
        lazyport.compare(standardize, data(3), target="auto")
    f = lazyport.transpile(standardize, source="torch", target="AUTO")  # case-insensitive as the others
    assert isinstance(f, AutoFunction)


# --------------------------------------------------------------------------- drop-in and example
def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=full_env, cwd=ROOT, timeout=600)


def test_lazyport_env_kornia_auto(tmp_path: Any) -> None:
    pytest.importorskip("kornia")
    script = tmp_path / "uses_kornia.py"
    script.write_text(
        "import numpy as np, jax.numpy as jnp\n"
        "import kornia\n"
        "img = np.random.default_rng(0).random((1, 3, 4, 4), dtype=np.float32)\n"
        "print(kornia.__name__)\n"
        "print(type(kornia.color.rgb_to_grayscale(jnp.asarray(img))).__module__.split('.')[0])\n"
        "print(type(kornia.color.rgb_to_grayscale(img)).__module__.split('.')[0])\n"
    )
    proc = _run([str(script)], {"LAZYPORT": "kornia:auto"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["lazyport.auto.kornia", "jaxlib", "numpy"], proc.stdout + proc.stderr
    proc = _run(["-m", "lazyport", "run", "--target", "auto", "--module", "kornia", str(script)], {"LAZYPORT": ""})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["lazyport.auto.kornia", "jaxlib", "numpy"], proc.stdout + proc.stderr


def test_lazy_vs_eager_example_runs() -> None:
    pytest.importorskip("kornia")
    proc = _run([os.path.join("examples", "lazy_vs_eager.py")])
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "4. ivy.unify(normalize, source='torch')  ==  transpile(normalize, source='torch', target='auto')" in out
    for name, kind in (("jax", "jax"), ("tensorflow", "tensorflow"), ("numpy", "numpy")):
        assert f"u({name} x)   second call" in out and f"returns a {kind} array" in out
    for kind in ("ArrayImpl", "EagerTensor", "ndarray"):
        assert f"rgb_to_grayscale({kind}) -> {kind} (1, 1, 64, 64)" in out
