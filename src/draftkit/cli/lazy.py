"""Core modules loaded on first use, so `draftkit --help` does not build every pydantic
model and template environment just to print a page of text."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """``name``, imported the first time one of its attributes is used."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        # As an import statement would: ``draftkit.word.redlining`` is reachable from its package.
        setattr(sys.modules[parent], child, module)
    return module


__all__ = ["lazy_module"]
