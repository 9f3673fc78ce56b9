"""Lower a captured ATen graph to straight-line target code.

Each graph node becomes one line calling that op's lowering from the target's table, followed by a
cast to the dtype torch computed for it (read off the capture), so torch's type promotion holds on
every target without each lowering re-deriving it. The source is kept (``Program.source``) and
executed once to get a plain Python function of flat target arrays.
"""

from __future__ import annotations

import math
import operator
from typing import Any

import torch
import torch.fx as fx

from .backends.base import Backend
from .backends.registry import find, not_lowered_reason
from .capture import Captured, user_frame
from .errors import UnsupportedOpError

_DROP = (torch.device, torch.layout, torch.memory_format)


def tensor_to_numpy(t: torch.Tensor) -> Any:
    """A NumPy copy of ``t``, including dtypes NumPy lacks natively (bfloat16 through ml_dtypes)."""
    t = t.detach().cpu().resolve_conj().resolve_neg()
    if t.dtype == torch.bfloat16:
        import ml_dtypes

        return t.float().numpy().astype(ml_dtypes.bfloat16)
    return t.numpy()


def tensor_from_numpy(a: Any, dtype: torch.dtype) -> torch.Tensor:
    """A torch tensor of ``dtype`` holding the NumPy array ``a`` (for concrete, value-dependent capture)."""
    import numpy as np

    a = np.asarray(a)
    if a.dtype.name == "bfloat16":
        return torch.from_numpy(a.astype(np.float32)).to(dtype)
    return torch.from_numpy(np.array(a, copy=True)).to(dtype)


def _val_dtype(node: fx.Node) -> torch.dtype | None:
    val = node.meta.get("val")
    return val.dtype if isinstance(val, torch.Tensor) else None


class Program:
    """Straight-line target code for one captured graph."""

    def __init__(self, captured: Captured, backend: Backend):
        self.captured = captured
        self.backend = backend
        self.needs_rng = False
        self.source, self.fn = self._generate()
        gm = captured.gm
        out = next(n for n in reversed(gm.graph.nodes) if n.op == "output")
        self.out_dtypes = [(_val_dtype(a) if isinstance(a, fx.Node) else None) for a in out.args[0]]

    def _generate(self) -> tuple[str, Any]:
        b = self.backend
        gm = self.captured.gm
        env: dict[str, Any] = {"B": b, "ENSURE": b.ensure}
        names: dict[fx.Node, str] = {}
        params: list[str] = []
        body: list[str] = []
        consts: dict[int, str] = {}

        def const(value: Any, prefix: str = "K") -> str:
            key = id(value)
            if key not in consts:
                consts[key] = f"{prefix}{len(consts)}"
                env[consts[key]] = value
            return consts[key]

        def dtype_name(td: torch.dtype) -> str:
            name = "D_" + str(td).rpartition(".")[2]
            env.setdefault(name, b.dtype(td))
            return name

        def render(a: Any) -> str:
            if isinstance(a, fx.Node):
                return names[a]
            if isinstance(a, (list, tuple)):
                inner = ", ".join(render(x) for x in a)
                return f"[{inner}]" if isinstance(a, list) else f"({inner}{',' if len(a) == 1 else ''})"
            if isinstance(a, torch.dtype):
                return dtype_name(a)
            if isinstance(a, _DROP) or a is None:
                return "None"
            if isinstance(a, bool | int | str):
                return repr(a)
            if isinstance(a, float):
                return repr(a) if math.isfinite(a) else const(a)
            return const(a)

        for node in gm.graph.nodes:
            if node.op == "placeholder":
                v = names[node] = f"a{len(params)}"
                params.append(v)
                td = _val_dtype(node)
                if td is not None:
                    body.append(f"{v} = ENSURE({v}, {dtype_name(td)})")
            elif node.op == "get_attr":
                value = getattr(gm, node.target)
                if isinstance(value, torch.Tensor):
                    value = b.asarray(tensor_to_numpy(value), dtype=b.dtype(value.dtype))
                names[node] = const(value, "C")
            elif node.op == "call_function":
                v = names[node] = node.name
                if node.target is operator.getitem:
                    body.append(f"{v} = {render(node.args[0])}[{render(node.args[1])}]")
                else:
                    fn = self._lowering(node)
                    fname = "OP_" + str(node.target).replace(".", "_")
                    env[fname] = fn
                    args = [render(a) for a in node.args]
                    args += [f"{k}={render(x)}" for k, x in node.kwargs.items()]
                    if torch.Tag.nondeterministic_seeded in node.target.tags:
                        self.needs_rng = True  # each random op gets its own stream of the call's RNG
                        args.append(f"rng=B.rng_fold(RNG, {len(body)})")
                    body.append(f"{v} = {fname}(B, {', '.join(args)})")
                td = _val_dtype(node)
                if td is not None:
                    body.append(f"{v} = ENSURE({v}, {dtype_name(td)})")
            elif node.op == "output":
                body.append(f"return {render(list(node.args[0]))}")
            else:  # call_module / call_method do not occur in make_fx graphs
                raise UnsupportedOpError(f"{node.op}:{node.target}", b.name)
        if self.needs_rng:
            params.append("RNG")
        src = f"def graph({', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body)
        code = compile(src, f"<lazyport {b.name} graph>", "exec")
        exec(code, env)
        return src, env["graph"]

    def _lowering(self, node: fx.Node) -> Any:
        target = node.target
        name = str(target)
        fn = find(name, self.backend.name) if isinstance(target, torch._ops.OpOverload) else None
        if fn is None:
            where = node.meta.get("stack_trace")
            raise UnsupportedOpError(
                name,
                self.backend.name,
                user_frame(where) if where else None,
                reason=not_lowered_reason(name, self.backend.name),
            )
        return fn
