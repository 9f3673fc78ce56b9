"""Drop-in activation: lazyport.install / uninstall in-process, LAZYPORT and `python -m lazyport run`."""

from __future__ import annotations

import builtins
import json
import os
import site
import subprocess
import sys
import textwrap
from typing import Any

import numpy as np
import pytest

import lazyport
from lazyport.hook import activate
from lazyport.hook.activate import parse_spec

from ..util import assert_close

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PTH = "lazyport-activate.pth"


# ------------------------------------------------------------------------------------- parsing
@pytest.mark.parametrize(
    "spec, expected",
    [
        ("kornia:jax", {"kornia": "jax"}),
        (" kornia:jax , torch:numpy ", {"kornia": "jax", "torch": "numpy"}),
        ("kornia:tf", {"kornia": "tensorflow"}),
        ("kornia:JAX,", {"kornia": "jax"}),
        ("", {}),
    ],
)
def test_parse_spec(spec: str, expected: dict[str, str]) -> None:
    assert parse_spec(spec) == expected


@pytest.mark.parametrize("spec", ["kornia", "kornia:", ":jax", "kornia:pytorch", "kor nia:jax", "a.b:jax"])
def test_parse_spec_rejects(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_spec(spec)


def test_parse_spec_default_target() -> None:
    assert parse_spec("kornia,torch:numpy", default_target="jax") == {"kornia": "jax", "torch": "numpy"}


# ---------------------------------------------------------------------------------- in-process
def user_import(code: str, name: str = "__main__", file: str | None = None) -> dict[str, Any]:
    """Run import statements as code of module ``name`` (a user script by default)."""
    g: dict[str, Any] = {"__name__": name, "__builtins__": builtins}
    if file is not None:
        g["__file__"] = file
    exec(compile(code, file or "<user>", "exec"), g)
    return g


def test_install_routes_user_imports(torchy: Any) -> None:
    from lazyport.hook.proxy import FunctionProxy, ModuleProxy

    before = {k: id(v) for k, v in vars(torchy).items()}
    handle = lazyport.install("torchy_lib", target="jax")
    try:
        g = user_import(
            "import torchy_lib\n"
            "import torchy_lib.ops as O\n"
            "from torchy_lib import affine\n"
            "from torchy_lib.ops import total\n"
        )
        assert g["torchy_lib"] is lazyport.transpile(torchy, source="torch", target="jax")
        assert isinstance(g["O"], ModuleProxy) and g["O"] is g["torchy_lib"].ops
        assert isinstance(g["affine"], FunctionProxy) and isinstance(g["total"], FunctionProxy)
        import jax.numpy as jnp

        assert_close(g["affine"](jnp.arange(3.0)), np.arange(3.0) * 2 + 1)
        # the library itself, torch, lazyport and installed packages keep the real module
        assert user_import("import torchy_lib", name="torchy_lib.extra")["torchy_lib"] is torchy
        assert user_import("import torchy_lib", name="torch.something")["torchy_lib"] is torchy
        site_file = os.path.join(site.getsitepackages()[0], "somepkg", "mod.py")
        assert user_import("import torchy_lib", name="somepkg.mod", file=site_file)["torchy_lib"] is torchy
        assert sys.modules["torchy_lib"] is torchy
    finally:
        handle.uninstall()
    assert user_import("import torchy_lib")["torchy_lib"] is torchy
    assert {k: id(v) for k, v in vars(torchy).items()} == before


def test_install_is_idempotent_and_uninstall_safe_twice(torchy: Any) -> None:
    original = builtins.__import__
    h1 = lazyport.install("torchy_lib", target="numpy")
    wrapped = builtins.__import__
    h2 = lazyport.install({"torchy_lib": "numpy"})
    assert builtins.__import__ is wrapped is not original  # not wrapped twice
    assert activate.installed() == {"torchy_lib": "numpy"}
    assert h1.active and "torchy_lib:numpy" in repr(h1)
    h1.uninstall()
    h1.uninstall()
    h2.uninstall()
    lazyport.uninstall()
    lazyport.uninstall()
    assert builtins.__import__ is original and activate.installed() == {}
    assert user_import("import torchy_lib")["torchy_lib"] is torchy


def test_install_new_target_replaces_and_context_manager(torchy: Any) -> None:
    with lazyport.install("torchy_lib:jax"):
        with lazyport.install("torchy_lib", target="numpy"):
            mod = user_import("import torchy_lib")["torchy_lib"]
            assert mod is lazyport.transpile(torchy, source="torch", target="numpy")
        assert activate.installed() == {}
    assert user_import("import torchy_lib")["torchy_lib"] is torchy


def test_uninstall_when_someone_wrapped_import_after_us(torchy: Any) -> None:
    original = builtins.__import__
    lazyport.install("torchy_lib", target="numpy")
    ours = builtins.__import__

    def theirs(*args: Any, **kwargs: Any) -> Any:
        return ours(*args, **kwargs)

    builtins.__import__ = theirs
    try:
        lazyport.uninstall()
        assert builtins.__import__ is theirs  # left in their chain, inert
        assert user_import("import torchy_lib")["torchy_lib"] is torchy
        lazyport.install("torchy_lib", target="numpy")  # reuses the wrapper still in the chain
        assert builtins.__import__ is theirs
        assert type(user_import("import torchy_lib")["torchy_lib"]).__name__ == "ModuleProxy"
    finally:
        lazyport.uninstall()
        builtins.__import__ = original
        activate._wrapper_installed = False


def test_activate_from_env(torchy: Any) -> None:
    assert activate.activate_from_env({}) is None
    assert activate.activate_from_env({"LAZYPORT": "  "}) is None
    handle = activate.activate_from_env({"LAZYPORT": "torchy_lib:numpy"})
    assert handle is not None and activate.installed() == {"torchy_lib": "numpy"}
    handle.uninstall()


def test_activate_from_env_reports_bad_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert activate.activate_from_env({"LAZYPORT": "kornia"}) is None
    assert "lazyport: ignoring LAZYPORT='kornia'" in capsys.readouterr().err


def test_activate_from_env_warns_of_a_library_not_installed(torchy: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in LAZYPORT (``korniaa``) is said on stderr at startup, naming the library; the rest installs."""
    handle = activate.activate_from_env({"LAZYPORT": "korniaa:jax,torchy_lib:numpy"})
    err = capsys.readouterr().err
    assert "names 'korniaa', which is not installed" in err and "names 'torchy_lib'" not in err
    assert handle is not None
    handle.uninstall()


def test_run_installs_exports_and_runs_as_main(torchy: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``activate.run``, what ``python -m lazyport run`` calls once lazyport.cli has parsed the command line."""
    prog = tmp_path / "prog.py"
    prog.write_text(
        "import json, os, sys\nimport torchy_lib\n"
        "json.dump({'kind': type(torchy_lib).__name__, 'name': __name__, 'argv': sys.argv, 'path0': sys.path[0],\n"
        "           'env': os.environ['LAZYPORT']}, open(sys.argv[1], 'w'))\n"
    )
    out = tmp_path / "out.json"
    monkeypatch.setattr(sys, "argv", ["lazyport"])
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setenv("LAZYPORT", "other_lib:jax")
    activate.run({"torchy_lib": "numpy"}, [str(prog), str(out), "--target", "-x"])
    assert json.loads(out.read_text()) == {
        "kind": "ModuleProxy",
        "name": "__main__",
        "argv": [str(prog), str(out), "--target", "-x"],
        "path0": str(tmp_path),
        "env": "other_lib:jax,torchy_lib:numpy",
    }
    with pytest.raises(activate.ProgramNotFoundError, match="no such script"):
        activate.run({"torchy_lib": "numpy"}, [str(tmp_path / "missing.py")])
    with pytest.raises(activate.ProgramNotFoundError, match="no module named no_such_pkg.main"):
        activate.run({"torchy_lib": "numpy"}, ["no_such_pkg.main"], module=True)


# ---------------------------------------------------------------------------------- subprocess
SCRIPT = textwrap.dedent(
    """
    import sys
    import json

    import kornia
    import numpy as np
    import jax.numpy as jnp

    x = np.linspace(0, 1, 3 * 4 * 5, dtype=np.float32).reshape(1, 3, 4, 5)
    out = kornia.enhance.adjust_brightness(jnp.asarray(x), 0.25)
    real = sys.modules["kornia"]
    print(json.dumps({
        "kind": type(kornia).__name__,
        "out_type": type(out).__module__.split(".")[0],
        "out": np.asarray(out).tolist(),
        "real_is_module": type(real).__name__ == "module" and real is not kornia,
        "argv": sys.argv[1:],
    }))
    """
)


def _env(tmp_path: Any, **extra: str) -> dict[str, str]:
    """Environment for a child Python: lazyport importable, its startup file active.

    When lazyport is installed (``pip install -e .``) the installed ``lazyport-activate.pth`` is what
    runs. Otherwise the same file is put in a directory that a ``sitecustomize`` adds as a site
    directory, which processes .pth files exactly as site-packages does.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("LAZYPORT", "PYTHONPATH")}
    paths = [ROOT]
    if not any(os.path.exists(os.path.join(d, PTH)) for d in site.getsitepackages()):
        boot = tmp_path / "boot"
        boot.mkdir(exist_ok=True)
        sitedir = tmp_path / "sitedir"
        sitedir.mkdir(exist_ok=True)
        (sitedir / PTH).write_text(open(os.path.join(ROOT, "lazyport", "hook", PTH)).read())
        (boot / "sitecustomize.py").write_text(f"import site\nsite.addsitedir({str(sitedir)!r})\n")
        paths.insert(0, str(boot))
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("JAX_PLATFORMS", "cpu")
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str], cwd: Any) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _expected() -> Any:
    torch = pytest.importorskip("torch")
    kornia = pytest.importorskip("kornia")
    x = np.linspace(0, 1, 3 * 4 * 5, dtype=np.float32).reshape(1, 3, 4, 5)
    return kornia.enhance.adjust_brightness(torch.from_numpy(x), 0.25)


def test_env_var_activation_in_unmodified_script(tmp_path: Any) -> None:
    expected = _expected()
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    result = _run([str(script), "a1"], _env(tmp_path, LAZYPORT="kornia:jax"), tmp_path)
    assert result["kind"] == "ModuleProxy" and result["out_type"] in ("jax", "jaxlib")
    assert result["real_is_module"] and result["argv"] == ["a1"]
    assert_close(np.asarray(result["out"], np.float32), expected)


def test_python_m_lazyport_run(tmp_path: Any) -> None:
    expected = _expected()
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    result = _run(
        ["-m", "lazyport", "run", "--target", "jax", "--module", "kornia", str(script), "x", "--y"],
        _env(tmp_path),
        tmp_path,
    )
    assert result["kind"] == "ModuleProxy" and result["argv"] == ["x", "--y"]
    assert_close(np.asarray(result["out"], np.float32), expected)


def test_real_kornia_unchanged_after_uninstall(tmp_path: Any) -> None:
    script = tmp_path / "check.py"
    script.write_text(
        textwrap.dedent(
            """
        import builtins, json, sys
        import kornia as real
        import torch
        import torch._dynamo  # noqa: F401  (it rebinds torch.manual_seed itself when first imported)
        before = {k: id(v) for k, v in vars(real).items()}
        torch_before = {k: id(v) for k, v in vars(torch).items()}
        spec, fn, original_import = real.__spec__, real.color.rgb_to_grayscale, builtins.__import__

        import lazyport
        handle = lazyport.install("kornia", target="numpy")
        import kornia
        import kornia.color as C
        import numpy as np
        proxied = type(kornia).__name__
        out = C.rgb_to_grayscale(np.ones((1, 3, 2, 2), np.float32)).shape
        handle.uninstall()
        handle.uninstall()
        lazyport.uninstall()
        import kornia as again
        after = {k: id(v) for k, v in vars(real).items()}
        print(json.dumps({
            "proxied": proxied,
            "out": list(out),
            "same_module": sys.modules["kornia"] is real and again is real,
            "dict_unchanged": after == before,
            "torch_unchanged": all(id(vars(torch).get(k)) == v for k, v in torch_before.items()),
            "spec_unchanged": real.__spec__ is spec and real.__spec__.name == "kornia",
            "function_unchanged": real.color.rgb_to_grayscale is fn,
            "import_restored": builtins.__import__ is original_import,
        }))
        """
        )
    )
    result = _run([str(script)], _env(tmp_path), tmp_path)
    assert result.pop("proxied") == "ModuleProxy" and result.pop("out") == [1, 1, 2, 2]
    assert all(result.values()), result


def test_startup_file_costs_nothing_when_unset(tmp_path: Any) -> None:
    code = "import sys, builtins; print(json.dumps(['lazyport' in sys.modules, builtins.__import__.__name__]))"
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code],
        env=_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == [False, "__import__"]
    bad = subprocess.run(
        [sys.executable, "-c", "print('ran')"],
        env=_env(tmp_path, LAZYPORT="kornia"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert bad.stdout.strip() == "ran" and "lazyport: ignoring LAZYPORT='kornia'" in bad.stderr
