"""Requirement parsing for the dependency closure: `packaging`, else the copy pip vendors
(pip is always there when shiv is, so the kit builder needs no new dependency). A Python with
neither (the Windows kit's own embeddable CPython) cannot build kits: one clear line, exit 2."""

try:
    from packaging.requirements import Requirement
    from packaging.version import Version
except ImportError:  # pragma: no cover - depends on what is installed
    try:
        from pip._vendor.packaging.requirements import Requirement
        from pip._vendor.packaging.version import Version
    except ImportError:
        Requirement = Version = None

__all__ = ["Requirement", "Version", "require"]


def require() -> None:
    """Raise the domain error when neither packaging nor pip is importable here."""
    if Requirement is None:
        from kfield.core.errors import UsageError

        raise UsageError("usb.error.no_packaging")
