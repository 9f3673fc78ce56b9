"""Proxies of modules, functions, classes and constants, on a tiny torch-based library (torchy_lib)."""

from __future__ import annotations

import importlib
import inspect
import pydoc
import sys
import threading
from typing import Any

import numpy as np
import pytest

from ..util import TARGETS, Target, assert_close

torch = pytest.importorskip("torch")

import lazyport  # noqa: E402
from lazyport import MixedFrameworkError, UnknownTargetError  # noqa: E402
from lazyport.hook.finder import LibraryNotInstalledError, NotTorchLibraryError  # noqa: E402
from lazyport.hook.proxy import ClassProxy, FunctionProxy, ModuleProxy  # noqa: E402
from lazyport.nn import ModuleInstanceProxy  # noqa: E402


def translated(target: str) -> Any:
    return importlib.import_module(f"lazyport.{target}.torchy_lib")


def snapshot(module: Any) -> dict[str, int]:
    return {k: id(v) for k, v in vars(module).items()}


def assert_unchanged(module: Any, before: dict[str, int]) -> None:
    """Every attribute ``module`` had is still the same object, and no lazyport proxy was put on it.

    (torch may bind submodules it imports lazily; that is torch's doing, not a change by lazyport.)
    """
    after = vars(module)
    assert {k: id(after.get(k)) for k in before} == before
    assert not any(type(v).__module__ == "lazyport.hook.proxy" for v in list(after.values()))


@pytest.fixture(params=TARGETS)
def target(request: Any) -> Target:
    return Target(request.param)


def test_every_way_gives_the_same_proxy(torchy: Any) -> None:
    import lazyport.jax.torchy_lib as T
    import lazyport.jax.torchy_lib.ops as O
    from lazyport.jax import torchy_lib as T2

    assert isinstance(T, ModuleProxy) and isinstance(O, ModuleProxy)
    assert T is T2 is lazyport.transpile(torchy, source="torch", target="jax") is lazyport.jax.torchy_lib
    assert O is T.ops is sys.modules["lazyport.jax.torchy_lib.ops"]
    assert T.affine is T.affine and isinstance(T.affine, FunctionProxy)
    assert lazyport.transpile(T, source="torch", target="numpy") is translated("numpy")
    assert translated("numpy") is not T


def test_functions_translate(torchy: Any, target: Target) -> None:
    T = translated(target.name)
    x = np.arange(3, dtype=np.float32)
    assert_close(T.affine(target.array(x)), torchy.affine(torch.from_numpy(x)))
    assert_close(T.affine(target.array(x), 3.0, b=-1.0), torchy.affine(torch.from_numpy(x), 3.0, b=-1.0))
    s, p = T.pair(target.array(x), target.array(x + 1))
    assert_close(s, x + x + 1)
    assert_close(p, x * (x + 1))
    assert_close(T.ops.total(target.array(np.ones((2, 3), np.float32))), np.full(2, 3.0, np.float32))


def test_function_reading_a_module_tensor_constant(torchy: Any) -> None:
    x = np.arange(3, dtype=np.float32)
    assert_close(translated("numpy").shifted(x), x + np.array([1, 2, 3], np.float32))


def test_translated_callable_is_cached_on_the_proxy(torchy: Any) -> None:
    T = translated("numpy")
    f = T.affine
    f(np.ones(41, np.float32))
    engine_fn = f._self_translated
    assert engine_fn is not None and engine_fn.fn is torchy.affine
    engine_fn.wait()  # the first call ran op by op; the translation finishes in the background
    n = len(engine_fn.cache)
    f(np.zeros(41, np.float32))
    assert f._self_translated is engine_fn and len(engine_fn.cache) == n  # same signature: no new translation
    # a new dtype: a new signature (a new size might be served by an automatic dynamic translation that
    # other tests' sizes made for this shared proxy)
    f(np.zeros(41, np.float64))
    engine_fn.wait()
    assert len(engine_fn.cache) == n + 1


def test_constants_and_other_attributes(torchy: Any, target: Target) -> None:
    T = translated(target.name)
    assert target.numpy(T.OFFSET).tolist() == [1.0, 2.0, 3.0]
    assert (
        type(T.OFFSET).__module__.partition(".")[0]
        in {"jax": ("jax", "jaxlib"), "tensorflow": ("tensorflow",), "numpy": ("numpy",)}[target.name]
    )
    assert T.SCALE == 2.0 and T.NAME == "torchy"
    assert T.Mode is torchy.Mode and T.Mode.FAST is torchy.Mode.FAST
    assert T.TorchyError is torchy.TorchyError
    assert T.torch is not torch and isinstance(T.torch, ModuleProxy)  # torch itself, translated
    assert T.enum is sys.modules["enum"]  # a library that is not torch: passed through


def test_classes_with_weights_as_inputs(torchy: Any, target: Target) -> None:
    T = translated(target.name)
    assert isinstance(T.Affine, ClassProxy)
    x = np.arange(3, dtype=np.float32)
    offset = np.array([0.5, -1.0, 2.0], np.float32)
    m = T.Affine(3, offset=target.array(offset))  # a target array among the constructor arguments
    # NumPy: a proxy of the module; JAX: a flax.nnx.Module; TensorFlow: a Keras layer (lazyport.nn)
    assert isinstance(m, T.Affine)
    expected = torchy.Affine(3, offset=torch.from_numpy(offset))(torch.from_numpy(x)).detach()
    assert_close(m(target.array(x)), expected)
    assert sorted(m.lazyport_state) == ["bias", "offset", "weight"]
    if target.name == "numpy":
        assert isinstance(m, ModuleInstanceProxy) and isinstance(m, torchy.Affine)
        assert_close(m.forward(target.array(x)), expected)
        assert isinstance(m.weight, torch.nn.Parameter)  # attributes of the module read through
    else:
        assert isinstance(m.torch_module, torchy.Affine)

    # The weights are inputs of the translated function, not constants of its graph: one translation
    # serves other weight values, and nothing in the graph holds them.
    core = m._self_translated.core if target.name == "numpy" else m.lazyport_core
    (fn,) = core._fns.values()
    fn.wait()
    (entry,) = fn.cache.values()
    record = entry.program.lowered
    assert len(record.params) == 4
    assert not record.consts
    if target.name == "numpy":
        state = dict(m.lazyport_state, weight=target.array(np.full(3, 10.0, np.float32)))
        assert_close(m._self_translated.apply(state, target.array(x)), x * 10 + 1 + offset)
    assert len(fn.cache) == 1
    weights_before = m.lazyport_state["weight"]
    m(target.array(x))
    if target.name != "tensorflow":  # (a Keras layer reads its variables afresh at every call)
        assert m.lazyport_state["weight"] is weights_before  # converted once, not per call


def test_transpile_classes_instances_and_reload(torchy: Any) -> None:
    x = np.ones(3, np.float32)
    p = lazyport.transpile(torchy.Affine(3), source="torch", target="numpy", args=(x,))  # eager
    assert isinstance(p, ModuleInstanceProxy) and len(p._self_translated._translated.cache) == 1
    assert_close(p(x), np.full(3, 3.0, np.float32))
    assert lazyport.transpile(torchy.Affine, source="torch", target="numpy") is translated("numpy").Affine
    T = translated("numpy")
    assert importlib.reload(T) is T and T.__spec__.name == "lazyport.numpy.torchy_lib"
    assert torchy.__spec__.name == "torchy_lib"


def test_classes_under_jit(torchy: Any) -> None:
    import jax
    import tensorflow as tf

    x = np.arange(3, dtype=np.float32)
    mj = translated("jax").Affine(3)
    assert_close(jax.jit(lambda v: mj(v))(jax.numpy.asarray(x)), x * 2 + 1)
    mt = translated("tensorflow").Affine(3)

    @tf.function
    def run(v: Any) -> Any:
        return mt(v)

    assert_close(run(tf.constant(x)), x * 2 + 1)


def test_functions_under_jit(torchy: Any) -> None:
    import jax
    import tensorflow as tf

    x = np.arange(4, dtype=np.float32)
    TJ, TT = translated("jax"), translated("tensorflow")
    assert_close(jax.jit(lambda v: TJ.affine(v, 3.0))(jax.numpy.asarray(x)), 3 * x + 1)
    assert_close(jax.grad(lambda v: TJ.ops.total(v))(jax.numpy.asarray(x)), 2 * x)

    @tf.function
    def run(v: Any) -> Any:
        return TT.affine(v, 3.0)

    assert_close(run(tf.constant(x)), 3 * x + 1)


def test_introspection_shows_the_original(torchy: Any) -> None:
    T = translated("jax")
    assert dir(T) == dir(torchy)
    assert set(dir(T.ops)) == set(dir(torchy.ops))
    assert inspect.signature(T.affine) == inspect.signature(torchy.affine)
    assert inspect.signature(T.Affine) == inspect.signature(torchy.Affine)
    assert T.affine.__doc__ == torchy.affine.__doc__ and T.__doc__ == torchy.__doc__
    assert T.affine.__name__ == "affine" and T.affine.__module__ == "torchy_lib"
    assert T.affine.__wrapped__ is torchy.affine
    assert inspect.isfunction(T.affine) and inspect.ismodule(T) and inspect.isclass(T.Affine)
    assert "affine" in repr(T.affine) and "jax" in repr(T.affine)
    assert "torchy_lib" in repr(T) and "jax" in str(T)
    assert "Return ``a * x + b``." in pydoc.render_doc(T.affine)
    assert "tiny torch-based library" in pydoc.render_doc(T)
    assert T == T and T != torchy and T.affine != torchy.affine  # a translation is not the original


def test_module_dunders_land_on_the_proxy(torchy: Any) -> None:
    import torch._dynamo

    before, torch_before = snapshot(torchy), snapshot(torch)
    spec, loader = torchy.__spec__, torchy.__loader__
    import lazyport.jax.torchy_lib as T
    import lazyport.jax.torchy_lib.ops as O

    assert T.__name__ == "lazyport.jax.torchy_lib" and T.__spec__.name == "lazyport.jax.torchy_lib"
    assert T.__path__ == [] and T.__package__ == "lazyport.jax.torchy_lib"
    assert O.__spec__.name == "lazyport.jax.torchy_lib.ops" and O.__package__ == "lazyport.jax.torchy_lib"
    assert not hasattr(O, "__path__")  # not a package, like the original
    assert type(T.__loader__).__name__ == "LazyportFinder"
    T.extra = 1  # writes stay on the proxy
    assert T.extra == 1 and not hasattr(torchy, "extra")
    del T.extra
    import jax.numpy as jnp

    T.affine(jnp.ones(2))
    assert torchy.__spec__ is spec and torchy.__loader__ is loader and torchy.__name__ == "torchy_lib"
    assert sys.modules["torchy_lib"] is torchy and sys.modules["torch"] is torch
    assert_unchanged(torchy, before)
    assert_unchanged(torch, torch_before)


def test_torch_itself() -> None:
    import lazyport.numpy.torch as ltorch

    original_add = torch.add
    x = np.arange(3, dtype=np.float32)
    assert isinstance(ltorch.nn.functional, ModuleProxy)
    assert ltorch.nn.functional is importlib.import_module("lazyport.numpy.torch.nn.functional")
    assert_close(ltorch.add(x, x), x + x)
    assert_close(ltorch.mul(x, 3.0), x * 3)
    assert ltorch.float32 is torch.float32 and ltorch.Tensor is torch.Tensor
    assert torch.add is original_add and sys.modules["torch"] is torch


def test_eight_threads_translate_once(torchy: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import lazyport.capture

    calls: list[Any] = []
    real_capture = lazyport.capture.capture

    def counting(fn: Any, *args: Any, **kwargs: Any) -> Any:
        if fn is torchy.ops.threaded:
            calls.append(fn)
        return real_capture(fn, *args, **kwargs)

    monkeypatch.setattr(lazyport.capture, "capture", counting)
    T = translated("jax")
    import jax.numpy as jnp

    x = np.arange(12, dtype=np.float32).reshape(4, 3)
    barrier = threading.Barrier(8)
    results: list[Any] = [None] * 8
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = T.ops.threaded(jnp.asarray(x))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert calls == [], "first calls are recorded, not captured"
    assert T.ops.threaded._self_translated.cache_info().translations == 1
    assert len(T.ops.threaded._self_translated.cache) == 1
    for r in results:
        assert_close(r, (x * 2).sum(0))


def test_error_unknown_target(torchy: Any) -> None:
    with pytest.raises(UnknownTargetError, match="'pytorch' is not a lazyport target"):
        importlib.import_module("lazyport.pytorch.torchy_lib")
    with pytest.raises(ImportError, match="not a lazyport target"):  # also an ImportError
        importlib.import_module("lazyport.mxnet.torchy_lib")
    with pytest.raises(UnknownTargetError):
        lazyport.transpile(torchy, source="torch", target="pytorch_xla")


def test_error_library_not_installed() -> None:
    with pytest.raises(LibraryNotInstalledError, match="'no_such_library' is not installed"):
        import lazyport.jax.no_such_library
    with pytest.raises(ModuleNotFoundError):
        import lazyport.jax.no_such_library
    with pytest.raises(ModuleNotFoundError):
        import lazyport.jax.torch.no_such_submodule  # noqa: F401


def test_error_library_not_torch_based(torchy: Any) -> None:
    with pytest.raises(NotTorchLibraryError, match="'not_torchy' does not use torch"):
        importlib.import_module("lazyport.jax.not_torchy")
    import json

    with pytest.raises(NotTorchLibraryError, match="'json' does not use torch"):
        lazyport.transpile(json, source="torch", target="numpy")


def test_error_torch_tensors_and_mixed_frameworks(torchy: Any) -> None:
    import jax.numpy as jnp
    import tensorflow as tf

    T = translated("jax")
    with pytest.raises(MixedFrameworkError, match="torch.Tensor"):
        T.affine(torch.ones(3))
    with pytest.raises(MixedFrameworkError, match="tensorflow"):
        T.pair(jnp.ones(3), tf.ones(3))
    with pytest.raises(MixedFrameworkError):
        translated("tensorflow").pair(tf.ones(3), jnp.ones(3))


# ------------------------------------------------------------------- module proxies: cache controls
def test_module_proxy_wait_cache_info_cache_clear(torchy: Any, target: Target) -> None:
    T = translated(target.name)
    T.cache_clear()  # the proxies are shared by the tests: start from empty caches
    assert T.cache_info()[:4] == (0, 0, 0, 0)
    x = target.array(np.arange(4, dtype=np.float32))
    for _ in range(3):
        assert_close(T.affine(x), np.arange(4, dtype=np.float32) * 2 + 1)
    T.ops.total(target.array(np.ones((2, 4), np.float32)))
    total, ops = T.cache_info(), T.ops.cache_info()
    assert (total.hits, total.misses, total.currsize) == (2, 2, 2)  # affine's and, through T.ops, total's
    assert (ops.hits, ops.misses, ops.currsize) == (0, 1, 1)  # a submodule counts its own functions only
    made = T._self_functions()  # every function translated through T so far (other tests' too), once each
    assert {id(T.affine._self_translated), id(T.ops.total._self_translated)} <= {id(f) for f in made}
    assert len({id(f) for f in made}) == len(made)
    assert total.maxsize == sum(f.cache.maxsize for f in made)
    assert T.wait(timeout=120)
    T.cache_clear()
    assert T.cache_info()[:4] == (0, 0, 0, 0) and T.affine.cache_info()[:4] == (0, 0, 0, 0)
    assert "wait" not in vars(torchy) and "cache_info" not in vars(torchy)  # the real module is untouched


def test_library_attributes_win_over_module_controls(torchy: Any, target: Target) -> None:
    C = importlib.import_module(f"lazyport.{target.name}.torchy_lib.controls")
    real = sys.modules["torchy_lib.controls"]
    assert C.cache_info == real.cache_info == "torchy_lib's own cache_info"  # the library's constant
    assert isinstance(C.wait, FunctionProxy) and C.wait.__wrapped__ is real.wait  # the library's function
    x = np.arange(3, dtype=np.float32)
    assert_close(C.wait(target.array(x)), x + 1)
    C.cache_clear()  # the library has no cache_clear: the proxy's
    assert C.wait.cache_info()[:4] == (0, 0, 0, 0)
    with pytest.raises(AttributeError, match="has no attribute 'compile_pending'"):
        C.compile_pending  # noqa: B018 (only the three controls are added)


def test_auto_proxy_of_a_library(torchy: Any) -> None:
    import jax.numpy as jnp
    import tensorflow as tf

    from lazyport.dispatch import AutoFunction

    A = importlib.import_module("lazyport.auto.torchy_lib")
    assert A is lazyport.transpile(torchy, source="torch", target="auto") is lazyport.auto.torchy_lib
    assert isinstance(A, ModuleProxy) and A.__name__ == "lazyport.auto.torchy_lib"
    x = np.arange(3, dtype=np.float32)
    for arr, root in ((jnp.asarray(x), ("jax", "jaxlib")), (tf.constant(x), ("tensorflow",)), (x, ("numpy",))):
        out = A.affine(arr, 3.0)
        assert type(out).__module__.partition(".")[0] in root
        assert_close(out, x * 3 + 1)
    assert isinstance(A.affine._self_translated, AutoFunction)
    assert type(A.OFFSET) is np.ndarray  # tensor constants: NumPy, which every target accepts
    assert_close(A.shifted(jnp.asarray(x)), x + np.array([1, 2, 3], np.float32))
    assert A.cache_info().misses == 4 and A.wait(timeout=120)
    m = torchy.Affine(3)
    assert isinstance(m, A.Affine)
    with pytest.raises(UnknownTargetError, match="Affine is an nn.Module.*one concrete target"):
        A.Affine(3)
    with pytest.raises(UnknownTargetError, match="nn.Module"):
        lazyport.transpile(m, source="torch", target="auto")
