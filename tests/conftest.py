"""Shared fixtures."""

from __future__ import annotations

import pytest

from .util import TARGETS, Target


@pytest.fixture(params=TARGETS)
def target(request) -> Target:
    return Target(request.param)
