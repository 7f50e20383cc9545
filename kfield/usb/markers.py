"""Requirement parsing for the dependency closure: `packaging`, else the copy pip vendors
(pip is always there when shiv is, so the kit builder needs no new dependency)."""

try:
    from packaging.requirements import Requirement
    from packaging.version import Version
except ImportError:  # pragma: no cover - depends on what is installed
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.version import Version

__all__ = ["Requirement", "Version"]
