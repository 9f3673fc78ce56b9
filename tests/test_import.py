"""`import lazyport` must stay light: no torch, no jax, no tensorflow."""

import subprocess
import sys


def test_import_lazyport_imports_no_framework():
    code = (
        "import sys, lazyport\n"
        "heavy = [m for m in ('torch', 'jax', 'tensorflow', 'kornia', 'numpy') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import lazyport pulled in: {out.stdout.strip()}"
