"""Network primitives: probes, neighbour discovery, DNS, DHCP, OUI vendors, throughput."""
