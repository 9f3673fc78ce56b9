"""Fixtures for the nn.Module tests: the model names and, per target, the translation helpers."""

from __future__ import annotations

import pytest

from .models import MODELS

pytest.importorskip("torch")


@pytest.fixture(params=MODELS)
def model_name(request: pytest.FixtureRequest) -> str:
    return request.param
