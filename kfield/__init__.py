"""kfield: field diagnostics for IT support teams (Vietnamese and English).

Map `checks/`, `playbooks/`: bundled YAML profiles and playbooks (packaged into the wheel)
"""

__version__ = "0.1.0"
