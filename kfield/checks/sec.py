"""Security checks (SEC): remote-access tools, firewall, antivirus, updates."""
