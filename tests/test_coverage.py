"""Op coverage, jax2tf style: every core ATen op (and every non-core op that the decompositions leave
behind) is lowered for each target or declared not lowered with a reason. Coverage can only grow
knowingly: a new op from a torch upgrade fails here until it is handled."""

from __future__ import annotations

import pytest
import torch

from lazyport.backends import registry

# Non-core ops that core_aten_decompositions() leaves in graphs (DESIGN.md §2) or that functionalization
# emits; measured on OpInfo and kornia.
EXTRA = [
    "aten._assert_async.msg",
    "aten._assert_tensor_metadata.default",
    "aten.linalg_vector_norm.default",
    "aten.unfold.default",
    "aten._linalg_svd.default",
    "aten.nextafter.default",
    "aten.lift_fresh_copy.default",
    "aten.copy_.default",
    "aten.detach_copy.default",
    "aten.view_copy.default",
    "aten.select_copy.int",
    "aten.slice_copy.Tensor",
    "aten.permute_copy.default",
]


def core_ops() -> list[str]:
    names = set()
    for packet_name in dir(torch.ops.aten):
        packet = getattr(torch.ops.aten, packet_name, None)
        if not hasattr(packet, "overloads"):
            continue
        for overload in packet.overloads():
            op = getattr(packet, overload)
            if torch.Tag.core in op.tags:
                names.add(str(op))
    return sorted(names)


@pytest.mark.parametrize("target", registry.TARGETS)
def test_every_op_is_lowered_or_declared(target):
    missing = [
        op
        for op in core_ops() + EXTRA
        if registry.find(op, target) is None and not registry.not_lowered_reason(op, target)
    ]
    assert not missing, f"{len(missing)} ops neither lowered nor declared for {target}: {missing}"


def library_ops(namespace):
    """``torch.ops.<namespace>`` with the ops of lowered libraries other than torch registered."""
    if namespace == "transformers":
        from tests.zoo import libs

        libs.load("transformers")
        import transformers.integrations.moe  # noqa: F401 (defines transformers::grouped_mm_fallback)
    elif namespace == "lazyport":
        from lazyport.capture import custom

        custom.grouped_mm_op()
    return getattr(torch.ops, namespace)


def test_lowering_docstrings_are_aten_schemas():
    registry.load_all()
    wrong = []
    for name, slots in registry._TABLE.items():
        if "." not in name:  # a higher-order op (cond, while_loop): no ATen schema; its call form instead
            assert isinstance(getattr(torch.ops.higher_order, name), torch._ops.HigherOrderOperator), name
            for target, fn in slots.items():
                if not (fn.__doc__ or "").strip().startswith(f"{name}("):
                    wrong.append(f"{fn.__module__}.{fn.__qualname__} ({target}) lacks '{name}(...)'")
            continue
        namespace, packet, overload = name.split(".")
        schema = str(getattr(getattr(library_ops(namespace), packet), overload)._schema).removeprefix(f"{namespace}::")
        for target, fn in slots.items():
            lines = [line.strip() for line in (fn.__doc__ or "").splitlines()]
            if schema not in lines:
                wrong.append(f"{fn.__module__}.{fn.__qualname__} ({target}) lacks '{schema}'")
    assert not wrong, "\n".join(wrong)


def test_declared_reasons_are_not_empty():
    registry.load_all()
    for op, reasons in registry._NOT_LOWERED.items():
        for target, reason in reasons.items():
            assert reason and len(reason) > 10, f"{op} ({target}) needs a real reason"
