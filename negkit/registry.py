"""Small registries of named, versioned plugins (lint rules, transforms, backends).

A plugin is any object with ``name`` and ``version``; it is addressed as ``name`` (latest) or
``name@version``. Third parties add plugins without forking through an entry-point group, e.g.
in their pyproject.toml::

    [project.entry-points."negkit.lint_rules"]
    my-rule = "my_pkg.rules:MY_RULE"

Entry points load lazily, on first lookup, so ``import negkit`` stays cheap.
"""

from __future__ import annotations

from typing import Generic, Iterator, TypeVar

from .errors import NegkitError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str, group: str):
        self.kind, self.group = kind, group
        self._items: dict[tuple[str, int], T] = {}
        self._loaded = False

    def register(self, item: T) -> T:
        key = (getattr(item, "name"), int(getattr(item, "version", 1)))
        if key in self._items and self._items[key] is not item:
            raise NegkitError(f"{self.kind} {key[0]}@{key[1]} is registered twice")
        self._items[key] = item
        return item

    def _load_entry_points(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        from importlib.metadata import entry_points

        for ep in entry_points(group=self.group):
            try:
                obj = ep.load()
            except Exception as exc:  # a broken plugin must not break negkit
                raise NegkitError(f"cannot load {self.kind} plugin '{ep.name}' ({ep.value}): {exc}") from exc
            for item in obj if isinstance(obj, (list, tuple)) else [obj]:
                self.register(item)

    def get(self, ref: str) -> T:
        self._load_entry_points()
        name, _, ver = ref.partition("@")
        if ver:
            try:
                return self._items[(name, int(ver))]
            except (KeyError, ValueError):
                pass
        else:
            versions = [v for (n, v) in self._items if n == name]
            if versions:
                return self._items[(name, max(versions))]
        known = ", ".join(sorted({f"{n}@{v}" for n, v in self._items}))
        raise NegkitError(f"unknown {self.kind} '{ref}' (known: {known})")

    def __iter__(self) -> Iterator[T]:
        self._load_entry_points()
        latest: dict[str, tuple[int, T]] = {}
        for (n, v), item in self._items.items():
            if n not in latest or v > latest[n][0]:
                latest[n] = (v, item)
        return iter(item for _, (_, item) in sorted(latest.items()))
