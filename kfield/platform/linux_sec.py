"""Linux answers for security checks: firewall, last OS update."""


class LinuxSecMixin:
    pass
