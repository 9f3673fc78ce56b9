"""Explicit dynamic dims (``dynamic_shapes=``): one translation serves several sizes on every target, equal to
torch; relations between arguments hold; sizes that break them, and code that specialises a dynamic dim,
give clear lazyport errors; the translations also run under jax.jit and tf.function (with None dims)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport
from lazyport.errors import DynamicShapesError, LazyportError, ShapeRelationError, SpecializationError

from .util import check, torch_of

RNG = np.random.default_rng(11)


def images(b, c=3, h=8, w=8):
    return RNG.random((b, c, h, w), dtype=np.float32)


def _kornia():
    import kornia

    return kornia


def gray(x):
    return _kornia().color.rgb_to_grayscale(x)


def blur(x):
    return _kornia().filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5))


def normalize(x):
    return _kornia().enhance.normalize(x, torch.tensor([0.5, 0.4, 0.3]), torch.tensor([0.2, 0.25, 0.3]))


def rows(x, y):
    """reshape/view on the dynamic dim: x is (b, 3, 4), y is (b,)"""
    b = x.shape[0]
    flat = x.view(b, -1)
    return flat * 2 + y.reshape(-1, 1), torch.arange(b) * flat.sum(1)


torch.manual_seed(0)
NET = torch.nn.Sequential(
    torch.nn.Conv2d(3, 4, 3, padding=1),
    torch.nn.BatchNorm2d(4),
    torch.nn.ReLU(),
    torch.nn.Flatten(),
    torch.nn.Linear(4 * 8 * 8, 5),
).eval()


def net(x):
    return NET(x)


FUNCTIONS = {"rgb_to_grayscale": gray, "gaussian_blur2d": blur, "normalize": normalize, "module": net}


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_one_translation_serves_every_batch_size(target, name):
    fn = FUNCTIONS[name]
    f = lazyport.transpile(
        fn, source="torch", target=target.name, args=(target.array(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    for b in (3, 7, 2, 16, 5):
        x = images(b)
        check(f(target.array(x)), torch_of(fn, x))
    assert f.cache_info().translations == 1
    lazyport.wait()  # the compiled form (jax.jit, a tf.function with a None batch dim) serves every size too
    for b in (4, 9):
        x = images(b)
        check(f(target.array(x)), torch_of(fn, x))
    assert f.cache_info().translations == 1


def test_trace_graph_signature_names_the_dims(target):
    g = lazyport.trace_graph(
        blur,
        source="torch",
        target=target.name,
        args=(target.array(images(2, h=9, w=10)),),
        dynamic_shapes=({0: "b", 2: "h", 3: "w"},),
    )
    assert str(g.signature) == "blur(x: float32[b,3,h,w]) -> float32[b,3,h,w]"
    for shape in ((3, 3, 12, 7), (2, 3, 8, 8), (5, 3, 20, 9)):
        x = RNG.random(shape, dtype=np.float32)
        check(g(target.array(x)), torch_of(blur, x))
    assert g._translated.cache_info().translations == 1


def test_relations_between_arguments(target):
    x0, y0 = RNG.random((4, 3, 4), dtype=np.float32), RNG.random(4, dtype=np.float32)
    f = lazyport.transpile(
        rows,
        source="torch",
        target=target.name,
        args=(target.array(x0), target.array(y0)),
        dynamic_shapes=({0: "b"}, {0: "b"}),
    )
    for b in (2, 6, 11):
        x, y = RNG.random((b, 3, 4), dtype=np.float32), RNG.random(b, dtype=np.float32)
        check(f(target.array(x), target.array(y)), torch_of(rows, x, y))
    assert f.cache_info().translations == 1
    with pytest.raises(ShapeRelationError, match=r"y dim 0 and x dim 0 are both 'b'.*must be equal.*5 and 6"):
        f(target.array(RNG.random((6, 3, 4), dtype=np.float32)), target.array(RNG.random(5, dtype=np.float32)))
    with pytest.raises(ShapeRelationError, match=r"x dim 1 is static \(size 3, shape \(b, 3, 4\)\).*size 2"):
        f(target.array(RNG.random((6, 2, 6), dtype=np.float32)), target.array(RNG.random(6, dtype=np.float32)))
    with pytest.raises(ShapeRelationError, match="x has 2 dims"):
        f(target.array(RNG.random((6, 12), dtype=np.float32)), target.array(RNG.random(6, dtype=np.float32)))


def test_dict_spec_by_parameter_name_and_negative_dims(target):
    f = lazyport.transpile(
        rows,
        source="torch",
        target=target.name,
        args=(target.array(RNG.random((3, 3, 4), dtype=np.float32)), target.array(RNG.random(3, dtype=np.float32))),
        dynamic_shapes={"x": {-3: "n"}, "y": {-1: "n"}},
    )
    x, y = RNG.random((8, 3, 4), dtype=np.float32), RNG.random(8, dtype=np.float32)
    check(f(target.array(x), target.array(y)), torch_of(rows, x, y))
    assert f.cache_info().translations == 1


def test_sizes_one_get_a_static_translation(target):
    """torch captures dynamic sizes assuming >= 2; a batch of 1 is translated for that size, still right."""
    f = lazyport.transpile(
        net, source="torch", target=target.name, args=(target.array(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    x = images(1)
    check(f(target.array(x)), torch_of(net, x))
    x = images(5)
    check(f(target.array(x)), torch_of(net, x))
    assert f.cache_info().translations == 2


def test_specialising_code_is_refused(target):
    x = target.array(RNG.random((5, 3), dtype=np.float32))
    with pytest.raises(SpecializationError, match=r"specialises the dynamic dim 'b' \(x dim 0\) to the size 5"):
        lazyport.transpile(
            lambda x: x.reshape(5, -1), source="torch", target=target.name, args=(x,), dynamic_shapes=({0: "b"},)
        )
    y = target.array(RNG.random((4, 3), dtype=np.float32))
    with pytest.raises(SpecializationError, match="same name"):
        lazyport.transpile(
            torch.add, source="torch", target=target.name, args=(x, x), dynamic_shapes=({0: "b"}, {0: "c"})
        )
    del y


def branchy(x):
    return x * 2 if x.shape[0] > 3 else x - 1


def test_conditions_the_code_assumed_are_checked(target):
    f = lazyport.transpile(
        branchy,
        source="torch",
        target=target.name,
        args=(target.array(RNG.random((5, 3), dtype=np.float32)),),
        dynamic_shapes=({0: "b"},),
    )
    x = RNG.random((9, 3), dtype=np.float32)
    check(f(target.array(x)), torch_of(branchy, x))
    with pytest.raises(ShapeRelationError, match=r"\(b=3\) break b > 3"):
        f(target.array(RNG.random((3, 3), dtype=np.float32)))


def test_bad_specs():
    x = np.ones((2, 3), np.float32)
    with pytest.raises(DynamicShapesError, match="one entry per positional argument"):
        lazyport.transpile(gray, source="torch", target="numpy", args=(x,), dynamic_shapes="batch")
    with pytest.raises(DynamicShapesError, match="identifier strings"):
        lazyport.transpile(gray, source="torch", target="numpy", args=(x,), dynamic_shapes=({0: 3},))
    with pytest.raises(DynamicShapesError, match="no dim 4"):
        lazyport.transpile(gray, source="torch", target="numpy", args=(x,), dynamic_shapes=({4: "b"},))
    with pytest.raises(DynamicShapesError, match="not positional parameters"):
        lazyport.transpile(gray, source="torch", target="numpy", args=(x,), dynamic_shapes={"image": {0: "b"}})
    with pytest.raises(DynamicShapesError, match="at least 2"):
        lazyport.transpile(
            gray, source="torch", target="numpy", args=(np.ones((1, 3, 4, 4), np.float32),), dynamic_shapes=({0: "b"},)
        )
    with pytest.raises(LazyportError, match="nn.Module"):
        lazyport.transpile(NET, source="torch", target="numpy", dynamic_shapes=({0: "b"},))


def test_under_jax_jit():
    import jax
    import jax.numpy as jnp

    f = lazyport.transpile(rows, source="torch", target="jax", dynamic_shapes=({0: "b"}, {0: "b"}))
    jitted = jax.jit(f)
    for b in (3, 8):
        x, y = RNG.random((b, 3, 4), dtype=np.float32), RNG.random(b, dtype=np.float32)
        check(jitted(jnp.asarray(x), jnp.asarray(y)), torch_of(rows, x, y))
    assert f.cache_info().translations == 1
    with pytest.raises(ShapeRelationError):
        jitted(jnp.ones((3, 3, 4)), jnp.ones(4))


@pytest.mark.parametrize("name", ["rgb_to_grayscale", "gaussian_blur2d", "module"])
def test_under_tf_function_with_a_none_dim(name):
    import tensorflow as tf

    fn = FUNCTIONS[name]
    f = lazyport.transpile(
        fn, source="torch", target="tensorflow", args=(tf.constant(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    graph = tf.function(lambda x: f(x), input_signature=[tf.TensorSpec([None, 3, 8, 8], tf.float32)])
    for b in (3, 6):
        x = images(b)
        check(graph(tf.constant(x)), torch_of(fn, x))
    assert len(graph._list_all_concrete_functions()) == 1  # one graph for both sizes
    assert f.cache_info().translations == 1


def test_tf_function_static_dim_unknown_is_refused():
    import tensorflow as tf

    f = lazyport.transpile(
        gray, source="torch", target="tensorflow", args=(tf.constant(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    graph = tf.function(
        lambda x: f(x), input_signature=[tf.TensorSpec([None, 3, None, 8], tf.float32)], autograph=False
    )
    with pytest.raises(ShapeRelationError, match=r"dim 2 is static \(size 8.*leaves it unknown \(None\)"):
        graph(tf.constant(images(2)))


def test_graph_code_of_a_dynamic_graph_is_a_clear_error():
    g = lazyport.trace_graph(gray, source="torch", target="numpy", args=(images(2),), dynamic_shapes=({0: "b"},))
    with pytest.raises(LazyportError, match="dynamic dims"):
        g.code  # noqa: B018


def test_static_translations_unchanged():
    """Without dynamic_shapes a new size is a new translation, as before."""
    f = lazyport.transpile(gray, source="torch", target="numpy")
    for b in (2, 3):
        x = images(b)
        check(f(x), torch_of(gray, x))
    assert f.cache_info().translations == 2


def test_pickled_translation_keeps_its_dynamic_shapes():
    import pickle

    f = lazyport.transpile(gray, source="torch", target="numpy", dynamic_shapes=({0: "b"},))
    g = pickle.loads(pickle.dumps(f))
    for b in (2, 5):
        x = images(b)
        check(g(x), torch_of(gray, x))
    assert g.cache_info().translations == 1


def test_user_jax_export_of_a_translation():
    """A translation with dynamic dims traces under the user's own jax.export with symbolic shapes."""
    import jax
    import jax.numpy as jnp

    f = lazyport.transpile(
        rows, source="torch", target="jax", args=(jnp.ones((2, 3, 4)), jnp.ones(2)), dynamic_shapes=({0: "b"}, {0: "b"})
    )
    (b,) = jax.export.symbolic_shape("b")
    with pytest.raises(ShapeRelationError, match=r"may be below 2.*constraints=\['b >= 2'\]"):
        jax.export.export(jax.jit(f))(
            jax.ShapeDtypeStruct((b, 3, 4), jnp.float32), jax.ShapeDtypeStruct((b,), jnp.float32)
        )
    (b,) = jax.export.symbolic_shape("b", constraints=["b >= 2"])
    exported = jax.export.export(jax.jit(f))(
        jax.ShapeDtypeStruct((b, 3, 4), jnp.float32), jax.ShapeDtypeStruct((b,), jnp.float32)
    )
    assert [str(a.shape) for a in exported.out_avals] == ["(b, 12)", "(b,)"]
    x, y = RNG.random((7, 3, 4), dtype=np.float32), RNG.random(7, dtype=np.float32)
    check(tuple(exported.call(x, y)), torch_of(rows, x, y))
    assert f.cache_info().translations == 1


def test_tf_function_none_dim_an_op_cannot_take_is_named():
    """A TensorFlow lowering that needs a static size (resize's multi-index gather) under a tf.function with a
    None dim: an error naming the op and the source line, not a TypeError from inside the lowering."""
    import kornia
    import tensorflow as tf

    def box(x):
        return kornia.geometry.transform.resize(x, (4, 4))

    f = lazyport.transpile(
        box, source="torch", target="tensorflow", args=(tf.constant(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    x = images(4)
    check(f(tf.constant(x)), torch_of(box, x))  # eager calls and per-shape graphs serve every size
    check(tf.function(lambda x: f(x), autograph=False)(tf.constant(x)), torch_of(box, x))
    graph = tf.function(lambda x: f(x), input_signature=[tf.TensorSpec([None, 3, 8, 8], tf.float32)], autograph=False)
    with pytest.raises(
        DynamicShapesError,
        match=r"lowering of aten.index.Tensor needs static sizes.*"
        r"x: \[None, 3, 8, 8\]",
    ):
        graph(tf.constant(x))


@pytest.mark.parametrize("name", ["rgb_to_hsv", "sobel", "median_blur", "dilation", "box_blur"])
def test_more_kornia_under_tf_function_with_a_none_dim(name):
    import kornia as K
    import tensorflow as tf

    fn = {
        "rgb_to_hsv": K.color.rgb_to_hsv,
        "sobel": K.filters.sobel,
        "median_blur": lambda x: K.filters.median_blur(x, (3, 3)),
        "dilation": lambda x: K.morphology.dilation(x, torch.ones(3, 3)),
        "box_blur": lambda x: K.filters.box_blur(x, (3, 3)),
    }[name]
    f = lazyport.transpile(
        fn, source="torch", target="tensorflow", args=(tf.constant(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    graph = tf.function(lambda x: f(x), input_signature=[tf.TensorSpec([None, 3, 8, 8], tf.float32)], autograph=False)
    for b in (3, 5):
        x = images(b)
        check(graph(tf.constant(x)), torch_of(fn, x))


def test_unknown_sizes_are_checked_or_refused():
    """Under a tf.function with a None dim the translation checks sizes >= 2 in the graph, and refuses code
    that assumed conditions of the sizes (they could not be checked there)."""
    import tensorflow as tf

    f = lazyport.transpile(
        gray, source="torch", target="tensorflow", args=(tf.constant(images(2)),), dynamic_shapes=({0: "batch"},)
    )
    graph = tf.function(lambda x: f(x), input_signature=[tf.TensorSpec([None, 3, 8, 8], tf.float32)], autograph=False)
    x = images(3)
    check(graph(tf.constant(x)), torch_of(gray, x))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"x dim 0 \(batch\) is dynamic"):
        graph(tf.constant(images(1)))
    c = lazyport.transpile(
        branchy,
        source="torch",
        target="tensorflow",
        args=(tf.constant(RNG.random((5, 3), dtype=np.float32)),),
        dynamic_shapes=({0: "b"},),
    )
    cgraph = tf.function(lambda x: c(x), input_signature=[tf.TensorSpec([None, 3], tf.float32)], autograph=False)
    with pytest.raises(ShapeRelationError, match="assumes b > 3.*cannot check"):
        cgraph(tf.constant(RNG.random((5, 3), dtype=np.float32)))


def test_unknown_sizes_named_alike_are_checked_in_the_graph():
    import tensorflow as tf

    f = lazyport.transpile(
        rows,
        source="torch",
        target="tensorflow",
        args=(tf.constant(RNG.random((2, 3, 4), dtype=np.float32)), tf.constant(RNG.random(2, dtype=np.float32))),
        dynamic_shapes=({0: "b"}, {0: "b"}),
    )
    graph = tf.function(
        lambda x, y: f(x, y),
        autograph=False,
        input_signature=[tf.TensorSpec([None, 3, 4], tf.float32), tf.TensorSpec([None], tf.float32)],
    )
    x, y = RNG.random((5, 3, 4), dtype=np.float32), RNG.random(5, dtype=np.float32)
    check(graph(tf.constant(x), tf.constant(y)), torch_of(rows, x, y))
    same_b = r"y dim 0 and x dim 0 are both .{1,2}b.{1,2} in dynamic_shapes"
    with pytest.raises(tf.errors.InvalidArgumentError, match=same_b):
        graph(tf.constant(x), tf.constant(RNG.random(4, dtype=np.float32)))
