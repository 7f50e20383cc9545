"""Linux answers for signing checks: USB devices from sysfs, browsers, browser policies."""


class LinuxSignMixin:
    pass
