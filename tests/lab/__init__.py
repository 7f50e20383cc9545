"""Network-namespace labs built by the tests themselves (never the real interfaces)."""
