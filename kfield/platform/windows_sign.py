"""Windows answers for signing checks: PnP USB devices, certificate store, browsers, LNA policy."""


class WindowsSignMixin:
    pass
