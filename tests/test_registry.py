"""Registries of named, versioned plugins."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from negkit.errors import NegkitError
from negkit.registry import Registry


@dataclass(frozen=True)
class Plugin:
    name: str
    version: int = 1
    payload: str = ""


@pytest.fixture
def reg() -> Registry:
    # a group no installed distribution provides, so only what the test registers is seen
    return Registry("widget", "negkit.tests.no_such_group")


def test_register_returns_the_item_and_get_by_name(reg):
    a = Plugin("alpha")
    assert reg.register(a) is a
    assert reg.get("alpha") is a


def test_get_by_name_is_latest_and_name_at_version_is_exact(reg):
    v1, v2, v3 = Plugin("alpha", 1), Plugin("alpha", 3), Plugin("alpha", 2)
    for p in (v1, v2, v3):
        reg.register(p)
    assert reg.get("alpha") is v2  # highest version, whatever the registration order
    assert reg.get("alpha@1") is v1
    assert reg.get("alpha@2") is v3
    assert reg.get("alpha@3") is v2


def test_unknown_name_lists_known_ones(reg):
    reg.register(Plugin("alpha", 1))
    reg.register(Plugin("beta", 2))
    with pytest.raises(NegkitError) as ei:
        reg.get("gamma")
    msg = str(ei.value)
    assert "unknown widget 'gamma'" in msg
    assert "alpha@1" in msg and "beta@2" in msg


@pytest.mark.parametrize("ref", ["alpha@9", "alpha@x", "alpha@"])
def test_unknown_or_bad_version(reg, ref):
    reg.register(Plugin("alpha", 1))
    if ref == "alpha@":
        # an empty version means "latest"
        assert reg.get(ref).version == 1
        return
    with pytest.raises(NegkitError, match="alpha@1"):
        reg.get(ref)


def test_duplicate_registration_is_an_error(reg):
    reg.register(Plugin("alpha", 1, "first"))
    with pytest.raises(NegkitError, match="alpha@1 is registered twice"):
        reg.register(Plugin("alpha", 1, "second"))
    assert reg.get("alpha").payload == "first"


def test_registering_the_same_object_again_is_harmless(reg):
    a = Plugin("alpha")
    reg.register(a)
    reg.register(a)
    assert list(reg) == [a]


def test_iteration_yields_latest_version_of_each_name_sorted_by_name(reg):
    b1, a1, a2, c5 = Plugin("beta", 1), Plugin("alpha", 1), Plugin("alpha", 2), Plugin("gamma", 5)
    for p in (b1, a2, c5, a1):
        reg.register(p)
    assert list(reg) == [a2, b1, c5]


def test_version_defaults_to_1_when_missing(reg):
    class Bare:
        name = "bare"

    item = Bare()
    reg.register(item)
    assert reg.get("bare@1") is item


def test_lint_rules_registry_holds_the_builtin_rules():
    from negkit.lint import RULES

    codes = {r.code for r in RULES}
    assert {"NK001", "NK002", "NK100"} <= codes
    assert RULES.get("dangling-claim").code == "NK001"
