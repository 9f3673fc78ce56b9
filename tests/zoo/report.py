"""The README's zoo table, made from the cases and the xfail table (tests/zoo/test_zoo.py checks it).

``python -m tests.zoo.report`` prints it.
"""

from __future__ import annotations

from lazyport.targets import TARGETS

from .cases import CASES
from .harness import modes_for
from .xfail import XFAIL


def cell(name: str, target: str, modes: list[str]) -> str:
    parts = []
    for mode in modes:
        reason = XFAIL.get((name, target, mode))
        parts.append(f"{mode} xfail ({reason.partition(':')[0]})" if reason else f"{mode} pass")
    return ", ".join(parts)


def table() -> str:
    lines = ["| case | jax | tensorflow | numpy |", "|---|---|---|---|"]
    for case in CASES:
        cells = [cell(case.name, t, modes_for(case, t)) for t in TARGETS]
        lines.append(f"| {case.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
