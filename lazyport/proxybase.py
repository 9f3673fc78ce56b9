"""The base class of lazyport's wrapt proxies: the import hook's (:mod:`lazyport.hook.proxy`) and the
NumPy translation of an ``nn.Module`` instance (:mod:`lazyport.nn.proxy`).

A leaf, so that the hook and :mod:`lazyport.nn` both build on it without importing each other.
"""

from __future__ import annotations

from typing import Any

import wrapt


class Proxy(wrapt.ObjectProxy):
    """Common base: identity comparison, a repr that names the translation, pickling refused unless a
    subclass pickles by reference. Proxy state uses wrapt's ``_self_`` prefix; ``_self_target`` is the target."""

    _self_target: str
    # TensorFlow's AutoGraph leaves objects carrying this marker alone. Without it, inside tf.function it
    # would see a function (wrapt forwards __class__), convert the *original* torch function's source
    # and run it on TensorFlow tensors.
    autograph_info__: dict[str, Any] = {}

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"<lazyport {self._self_target} translation of {self.__wrapped__!r}>"

    def __str__(self) -> str:
        return repr(self)

    def __reduce_ex__(self, protocol: Any) -> Any:
        # Proxies of modules, functions and classes pickle by reference; this is what is left.
        from .errors import PicklingError

        raise PicklingError(
            f"cannot pickle {self!r}: its state lives in {self._self_target} arrays of this "
            "process. Pickle the torch original instead and translate it again after unpickling."
        )


def unwrap(obj: Any) -> Any:
    """The original object behind a lazyport proxy (``obj`` itself if it is not one)."""
    return obj.__wrapped__ if isinstance(obj, Proxy) else obj
