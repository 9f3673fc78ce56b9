"""The zoo needs its libraries (the ``zoo`` extra, part of ``.[test]``); see :mod:`tests.zoo.libs`."""

from __future__ import annotations

from . import libs

for _name in ("torchvision", "torchaudio", "timm", "transformers"):
    try:
        libs.load(_name)  # before any test imports them: the extension-tolerant import must come first
    except ImportError:
        pass  # each test asks for its library with libs.require, which skips or (in CI) fails saying why
