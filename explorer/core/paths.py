"""Where the shipped data lives: the installed package ``explorer.resources``, or the
repository's ``resources/`` when running from a checkout that was not installed."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_root():
    try:
        return resources.files("explorer.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources"
