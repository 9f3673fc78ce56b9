"""A :class:`~lazyport.lower.Lowered` record as JSON plus named arrays, and back, for cache entries.

Not the torch graph but what lowering made of it is stored: straight-line instructions naming ATen ops
(their lowerings are looked up in the registry again on load), NumPy constants, the output tree and
dtypes; the branches and loop bodies of ``torch.cond``, ``torch.while_loop``, ``scan`` and ``map`` are
records of the same kind inside it. Decoding accepts only what encoding writes (names, op names, fields
and in-place writes are validated), since even a signed entry must not become arbitrary code.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

FORMAT = 5  # 2: instructions stored as typed records; 3: in-place writes to inputs; 4: subgraphs; 5: guards


class _NotPersistable(Exception):
    pass


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_OPNAME = re.compile(r"^[A-Za-z0-9_.]+$")


def lowered_to_json(lowered: Any, prefix: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """``lowered`` as (JSON-able dict, arrays); raises _NotPersistable for runtime-only content.

    The branches and loop bodies of ``torch.cond`` / ``torch.while_loop`` / ``scan`` / ``map``
    (``lowered.subgraphs``) are records of their own, stored inside ``"subgraphs"``; their constants
    go into the same arrays under ``<subgraph>__<constant>`` (``prefix``), so names never collide."""
    if lowered.objects:
        raise _NotPersistable("the graph holds objects that cannot be stored")
    if prefix and lowered.out_spec is None:  # a subgraph returns its flat list of arrays
        tree = None
    else:
        tree = encode_tree(lowered.out_spec)
        if tree is None:
            raise _NotPersistable("the output structure is not made of tuples, lists and dicts")
    arrays: dict[str, Any] = {}
    stored: dict[str, str] = {}
    for name, a in lowered.consts.items():
        if not a.dtype.isbuiltin:  # bfloat16 (ml_dtypes): stored as its bits, viewed back on load
            stored[name] = a.dtype.name
            a = a.view(f"u{a.dtype.itemsize}")
        arrays[prefix + name] = a
    subgraphs = {}
    for key, sub in lowered.subgraphs.items():
        subgraphs[key], sub_arrays = lowered_to_json(sub, f"{prefix}{key}__")
        arrays.update(sub_arrays)
    record = {
        "name": lowered.name,
        "params": lowered.params,
        "param_dtypes": lowered.param_dtypes,
        "param_shapes": lowered.param_shapes,
        "instrs": [instr_to_json(i) for i in lowered.instrs],
        "outputs": lowered.outputs,
        "const_dtypes": lowered.const_dtypes,
        "const_views": stored,
        "needs_rng": lowered.needs_rng,
        "out_tree": tree,
        "writes": lowered.writes,
        "guards": lowered.guards,
        "subgraphs": subgraphs,
    }
    return record, arrays


_SUBGRAPH_KEY = re.compile(r"^G\d+$")


def lowered_from_json(record: dict[str, Any], arrays: dict[str, Any], prefix: str = "") -> Any:
    """The record :func:`lowered_to_json` wrote, subgraphs included; ValueError (or KeyError, TypeError)
    for anything else. Every array must belong to exactly one record."""
    from ..lower import Lowered

    instrs = [instr_from_json(i) for i in record["instrs"]]
    if not all(isinstance(n, str) and _IDENT.match(n) for n in [*record["params"], *(i.var for i in instrs)]):
        raise ValueError("bad variable name")
    if not isinstance(record["const_dtypes"], dict) or not all(
        isinstance(k, str) and _IDENT.match(k) and "__" not in k for k in record["const_dtypes"]
    ):
        raise ValueError("bad constant names")
    consts = {}
    for name in record["const_dtypes"]:
        a = arrays[prefix + name]
        view = record["const_views"].get(name)
        if view is not None:
            import ml_dtypes  # noqa: F401  (registers bfloat16 & co. with NumPy)
            import numpy as np

            a = a.view(np.dtype(view))
        consts[name] = a
    subs = record["subgraphs"]
    if not isinstance(subs, dict) or not all(isinstance(k, str) and _SUBGRAPH_KEY.match(k) for k in subs):
        raise ValueError("bad subgraphs")
    subgraphs = {k: lowered_from_json(v, arrays, f"{prefix}{k}__") for k, v in subs.items()}
    if not prefix and set(arrays) != set(consts) | {
        k for key, sub in subgraphs.items() for k in _array_names(sub, f"{key}__")
    }:
        raise ValueError("constants do not match")  # an array that belongs to no record
    writes = record["writes"]
    if not (
        isinstance(writes, list)
        and all(type(i) is int and 0 <= i < len(record["params"]) for i in writes)
        and len(set(writes)) == len(writes)
        and len(writes) <= len(record["outputs"])
    ):
        raise ValueError("bad in-place writes")
    guards = record["guards"]
    if not (type(guards) is int and 0 <= guards <= len(record["outputs"]) - len(writes)):
        raise ValueError("bad guards")
    return Lowered(
        params=record["params"],
        param_dtypes=record["param_dtypes"],
        param_shapes=record["param_shapes"],
        instrs=instrs,
        outputs=record["outputs"],
        consts=consts,
        const_dtypes=record["const_dtypes"],
        needs_rng=bool(record["needs_rng"]),
        out_spec=decode_tree(record["out_tree"]) if record["out_tree"] is not None or not prefix else None,
        name=record["name"],
        meta={"from_disk": True},
        writes=writes,
        subgraphs=subgraphs,
        guards=guards,
    )


def _array_names(lowered: Any, prefix: str) -> set[str]:
    """The stored names of the constants of ``lowered`` and of its subgraphs (see :func:`lowered_to_json`)."""
    names = {prefix + k for k in lowered.consts}
    for key, sub in lowered.subgraphs.items():
        names |= _array_names(sub, f"{prefix}{key}__")
    return names


def check_records(lowered: Any) -> None:
    """:func:`lazyport.lower.check_record` on ``lowered`` and on each of its subgraphs, nested ones too."""
    from ..lower import check_record

    check_record(lowered)
    for sub in lowered.subgraphs.values():
        check_records(sub)


def instr_to_json(ins: Any) -> dict[str, Any]:
    """An :class:`~lazyport.lower.Op` / :class:`~lazyport.lower.Item` as JSON: its kind and its fields."""
    return {"kind": type(ins).__name__.lower(), **{f.name: getattr(ins, f.name) for f in dataclasses.fields(ins)}}


def instr_from_json(d: Any) -> Any:
    """The instruction stored as ``d``; ValueError for anything but a well-formed one."""
    from ..lower import Item, Op

    cls = {"op": Op, "item": Item}.get(d.get("kind", "")) if isinstance(d, dict) else None
    if cls is None:
        raise ValueError("bad instruction")
    names = {f.name for f in dataclasses.fields(cls)}
    body = {k: v for k, v in d.items() if k != "kind"}
    if set(body) != names:
        raise ValueError("bad instruction fields")
    if cls is Op and not (isinstance(body["op"], str) and _OPNAME.match(body["op"])):
        raise ValueError("bad op name")
    if cls is Item and not (
        isinstance(body["base"], str) and _IDENT.match(body["base"]) and type(body["index"]) is int
    ):
        raise ValueError("bad item")
    return cls(**body)


def encode_tree(spec: Any) -> Any:
    """An optree treedef of tuples, lists, dicts and leaves as JSON, or None if it has other nodes."""
    import optree

    if spec is None:
        return None
    structure = optree.tree_unflatten(spec, list(range(spec.num_leaves)))

    def enc(x: Any) -> Any:
        if type(x) is int:
            return x
        if type(x) is tuple:
            return {"t": [enc(v) for v in x]}
        if type(x) is list:
            return {"l": [enc(v) for v in x]}
        if type(x) is dict and all(type(k) is str for k in x):
            return {"d": [[k, enc(v)] for k, v in x.items()]}
        raise _NotPersistable(type(x).__name__)

    try:
        out = enc(structure)
    except _NotPersistable:
        return None
    if optree.tree_structure(decode_structure(out), none_is_leaf=True) != spec:
        return None
    return out


def decode_structure(tree: Any) -> Any:
    if type(tree) is int:
        return tree
    if "t" in tree:
        return tuple(decode_structure(v) for v in tree["t"])
    if "l" in tree:
        return [decode_structure(v) for v in tree["l"]]
    return {k: decode_structure(v) for k, v in tree["d"]}


def decode_tree(tree: Any) -> Any:
    import optree

    return optree.tree_structure(decode_structure(tree), none_is_leaf=True)
