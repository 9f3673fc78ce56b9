"""OpInfo entries known to fail, per target, each with a reason. (target or "*", entry id) -> reason.

The OpInfo test marks these xfail(strict=True): an entry that starts passing must be removed here.
"""

XFAIL: dict[tuple[str, str], str] = {}


def reason(target: str, entry: str) -> str | None:
    return XFAIL.get((target, entry)) or XFAIL.get(("*", entry))
