"""Where installed code lives (the standard library and site-packages): shared by the disk cache
(code there is keyed by its distribution's version) and drop-in activation (importers there keep the
real library). Imports no framework."""

from __future__ import annotations

import functools
import os
import sys


@functools.cache
def library_dirs() -> tuple[str, ...]:
    """Real paths of the standard library and site-packages directories, each ending in a separator."""
    import site
    import sysconfig

    paths = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        p = sysconfig.get_paths().get(key)
        if p:
            paths.add(p)
    try:
        paths.update(site.getsitepackages())
        paths.add(site.getusersitepackages())
    except AttributeError:  # some embedded interpreters' site module lacks these
        pass
    paths.update(p for p in sys.path if os.path.basename(p) in ("site-packages", "dist-packages"))
    return tuple(sorted({os.path.join(os.path.realpath(p), "") for p in paths}))
