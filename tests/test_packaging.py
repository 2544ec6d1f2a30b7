"""The wheel must carry every package and the bundled data (CI installs it non-editable)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_negkit_package_is_listed_in_pyproject():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(cfg["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "negkit").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    for pkg, folder in cfg["package-dir"].items():
        assert pkg in listed and (ROOT / folder).is_dir()


def test_bundled_data_is_found():
    from negkit.resources import data_dir

    assert (data_dir("templates") / "rewrite").is_dir()
    assert len(list(data_dir("doc_types").glob("*.yaml"))) >= 30
