"""kfield: field diagnostics for IT support teams (Vietnamese and English)."""

__version__ = "0.1.0"
