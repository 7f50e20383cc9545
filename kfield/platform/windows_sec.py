"""Windows answers for security checks: firewall, Defender, hotfixes."""


class WindowsSecMixin:
    pass
