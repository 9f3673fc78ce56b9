"""Shared fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

from .util import TARGETS, Target

# The suite never touches the user's persistent graph cache: every test process (and the subprocesses
# it starts, which inherit the environment) uses a throwaway directory. Tests of the cache itself point
# LAZYPORT_CACHE_DIR at their own tmp_path.
_CACHE_DIR = tempfile.mkdtemp(prefix="lazyport-test-cache-")
os.environ["LAZYPORT_CACHE_DIR"] = _CACHE_DIR
atexit.register(shutil.rmtree, _CACHE_DIR, True)


@pytest.fixture(params=TARGETS)
def target(request) -> Target:
    return Target(request.param)
