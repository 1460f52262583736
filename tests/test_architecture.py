"""The layers the import contract enforces (pyproject.toml, run by `make test`) place
every module of vvf: a module added to vvf must be put in the project's layer or the
platform's, or the contract would not see it."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def layers():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return [
        {name.strip(" ()") for name in layer.replace("|", ":").split(":")}
        for layer in contract["layers"]
    ]


def test_every_module_of_vvf_is_in_a_layer():
    placed = set().union(*layers())
    modules = {
        f"vvf.{path.stem}" if path.is_file() else f"vvf.{path.name}"
        for path in (ROOT / "vvf").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert sorted(modules - placed) == []


def test_every_app_is_in_a_layer():
    placed = set().union(*layers())
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} - {"vvf"}
    assert sorted(apps - placed) == []
