"""LAN checks (LAN): link, addressing, gateway, DNS, DHCP, Wi-Fi, printers."""
