"""Catalogue entries: LAN checks (LAN) and `kfield lan scan`."""

MESSAGES: dict[str, tuple[str, str]] = {
    "check.LAN001.title": ("Kết nối mạng (cáp, Wi-Fi)", "Network link (cable, Wi-Fi)"),
    "check.LAN001.desc": (
        "Có card mạng đang kết nối không (cắm cáp hoặc bật Wi-Fi), tốc độ liên kết; cáp chỉ đạt 10 Mb/s "
        "thường là cáp hỏng hoặc cổng switch lỗi.",
        "Whether a network interface is connected (cable plugged in or Wi-Fi on) and its link speed; "
        "a cable stuck at 10 Mb/s usually means a bad cable or switch port."),
    "check.LAN002.title": ("Địa chỉ IPv4", "IPv4 address"),
    "check.LAN002.desc": (
        "Máy có địa chỉ IPv4 không; địa chỉ 169.254.x.x nghĩa là không xin được địa chỉ từ DHCP.",
        "Whether the PC has an IPv4 address; 169.254.x.x means no DHCP server gave it one."),
    "check.LAN003.title": ("Cổng mặc định (router)", "Default gateway (router)"),
    "check.LAN003.desc": (
        "Có cổng mặc định không và router có trả lời không (ping ICMP, nếu không được thì thử TCP, "
        "cuối cùng xem bảng ARP).",
        "Whether a default gateway is set and the router answers (ICMP ping, else TCP, finally the ARP table)."),
    "check.LAN004.title": ("Máy chủ DNS", "DNS servers"),
    "check.LAN004.desc": (
        "Từng máy chủ DNS trong cấu hình mạng có trả lời truy vấn DNS không.",
        "Whether each configured DNS server answers a DNS query."),
    "check.LAN005.title": ("Cấp phát địa chỉ DHCP", "DHCP lease"),
    "check.LAN005.desc": (
        "Máy chủ DHCP nào đã cấp địa chỉ cho máy và hợp đồng thuê địa chỉ còn bao lâu; không có hợp đồng "
        "để đọc thì hỏi hệ điều hành địa chỉ do DHCP cấp hay đặt tay (không đoán từ việc không thấy tệp).",
        "Which DHCP server gave this PC its address and how long the lease has left; with no lease to "
        "read, whether the system says DHCP gave the address or it was set by hand (never guessed from a "
        "missing file)."),
    "check.LAN006.title": ("Sóng Wi-Fi", "Wi-Fi signal"),
    "check.LAN006.desc": (
        "Khi máy dùng Wi-Fi: tên mạng và cường độ sóng; cảnh báo khi sóng dưới mức của hồ sơ. Bỏ qua khi cắm cáp.",
        "On Wi-Fi: the network name and signal strength; warns below the profile's minimum. Skipped when wired."),
    "check.LAN007.title": ("Trùng địa chỉ IP", "Duplicate IP address"),
    "check.LAN007.desc": (
        "Có thiết bị khác dùng trùng địa chỉ IP của máy không (dò ARP theo RFC 5227, cần quyền quản trị; "
        "không có quyền thì chỉ xem bảng ARP).",
        "Whether another device uses this PC's IP address (RFC 5227 ARP probe, needs administrator rights; "
        "without them only the ARP table is read)."),
    "check.LAN008.title": ("Máy chủ DHCP (máy chủ lạ, hết địa chỉ)", "DHCP servers (a rogue one, a full pool)"),
    "check.LAN008.desc": (
        "Gửi yêu cầu DHCP DISCOVER hai lần cùng lúc: bằng địa chỉ MAC của máy này và như một thiết bị mới "
        "(một MAC ngẫu nhiên), rồi liệt kê mọi máy chủ DHCP trả lời. Hai máy chủ trở lên thường là có "
        "router/modem lạ cắm vào mạng; máy này được trả lời mà thiết bị mới thì không nghĩa là hết địa chỉ "
        "để cấp; máy chủ chỉ trả lời lần hỏi lại (sau 4 giây) là lúc đầu vắng mặt (router đang khởi động lại). "
        "Chỉ gửi DISCOVER, không nhận địa chỉ nào; có thể hiện trong nhật ký của máy chủ DHCP. Cần "
        "quyền quản trị.",
        "Sends a DHCP DISCOVER twice at once: with this PC's MAC and as a new device would (a random MAC), "
        "and lists every DHCP server that answers. Two or more usually means a stray router or modem "
        "plugged into the LAN; this PC answered but a new device not means the pool is full; a server that "
        "answers only the request sent again (after 4 s) was away at first (a router restarting). Only "
        "DISCOVERs are sent, no address is taken; the probe may show in the DHCP server's log. Needs "
        "administrator rights."),
    "check.LAN011.title": ("Địa chỉ router chỉ một thiết bị giữ", "The router's address held by one device"),
    "check.LAN011.desc": (
        "So ba nguồn về router: thiết bị nào trả lời yêu cầu ARP mới cho địa chỉ cổng mặc định, địa chỉ MAC "
        "trong bảng ARP, và MAC của máy chủ DHCP (khi nó là cổng mặc định). Hai MAC cùng trả lời nghĩa là "
        "có thiết bị khác đặt trùng địa chỉ của router. Cần quyền quản trị.",
        "Compares three witnesses of the router: who answers a fresh ARP request for the gateway's address, "
        "the MAC in the ARP table, and the MAC the DHCP server (when it is the gateway) answers from. Two "
        "MACs answering means another device is set to the router's address. Needs administrator rights."),
    "check.LAN009.title": ("Máy in trong mạng", "Network printers"),
    "check.LAN009.desc": (
        "Máy in ghi trong hồ sơ có trả lời trên cổng in (9100, 631 IPP, 515 LPD) không.",
        "Whether the profile's printers answer on a printing port (9100, 631 IPP, 515 LPD)."),
    "check.LAN010.title": ("Kích thước gói tin (MTU)", "Packet size (MTU)"),
    "check.LAN010.desc": (
        "MTU của card mạng; dưới 1400 byte thì gói lớn (HTTPS, tải tệp lên) có thể bị treo.",
        "The interface MTU; below 1400 bytes large packets (HTTPS, uploads) may stall."),
    "param.printers": ("Máy in mạng (địa chỉ IP hoặc tên)", "Network printers (IP addresses or names)"),
    "param.lan_devices": ("Thiết bị đã biết trong mạng: địa chỉ IP → tên", "Known LAN devices: IP address → label"),
    "param.wifi_min_signal_percent": ("Sóng Wi-Fi tối thiểu (%)", "Minimum Wi-Fi signal (%)"),
    "param.lan_min_link_mbps": ("Tốc độ liên kết cáp tối thiểu (Mb/s)", "Minimum wired link speed (Mb/s)"),
    "ev.interface": ("Card mạng", "Interface"),
    "ev.ipv4": ("Địa chỉ IPv4", "IPv4 address"),
    "ev.mac": ("Địa chỉ MAC", "MAC address"),
    "ev.gateway": ("Cổng mặc định", "Gateway"),
    "ev.probe_method": ("Cách thử", "Probe"),
    "ev.rtt": ("Thời gian phản hồi", "Round trip"),
    "ev.dns_server": ("Máy chủ DNS", "DNS server"),
    "ev.dhcp_server": ("Máy chủ DHCP", "DHCP server"),
    "ev.address_origin": ("Nguồn cho biết địa chỉ do đâu cấp", "Where the address's origin was read"),
    "ev.lease_hours_left": ("Thời hạn thuê còn lại", "Lease left"),
    "ev.ssid": ("Tên Wi-Fi", "Wi-Fi name"),
    "ev.signal": ("Cường độ sóng", "Signal"),
    "ev.signal_dbm": ("Cường độ sóng", "Signal"),
    "ev.dhcp_offer": ("Máy chủ DHCP trả lời", "DHCP offer"),
    "ev.dhcp_offer_new_device": ("Máy chủ DHCP trả lời thiết bị mới", "DHCP offer to a new device"),
    "ev.probe_mac": ("MAC thử (thiết bị mới)", "Probe MAC (new device)"),
    "ev.arp_answer": ("Trả lời ARP mới", "Fresh ARP answer"),
    "ev.arp_cache": ("Trong bảng ARP", "In the ARP table"),
    "ev.dhcp_server_mac": ("MAC của máy chủ DHCP", "DHCP server's MAC"),
    "ev.printer": ("Máy in", "Printer"),
    "ev.mtu": ("MTU", "MTU"),
    "unit.ms": ("ms", "ms"),
    "unit.h": ("giờ", "h"),
    "unit.B": ("byte", "bytes"),
    "lan.no_interface": ("Không có card mạng nào đang kết nối", "No network interface is connected"),
    "lan.link.none": ("Máy không có kết nối mạng nào (cáp rút hoặc Wi-Fi tắt)",
                      "No network link (cable unplugged or Wi-Fi off)"),
    "lan.link.remedy": ("Cắm lại cáp mạng (đèn cổng mạng phải sáng) hoặc bật Wi-Fi và chọn đúng mạng của cơ quan.",
                        "Re-seat the network cable (the port light must be on) or turn Wi-Fi on and pick the "
                        "office network."),
    "lan.link.slow": ("{interface} chỉ kết nối {speed} Mb/s", "{interface} links at only {speed} Mb/s"),
    "lan.link.slow_remedy": ("Thay dây cáp mạng hoặc cắm sang cổng switch khác, rồi kiểm tra lại.",
                             "Swap the network cable or move to another switch port, then check again."),
    "lan.link.ok": ("{interface} đang kết nối", "{interface} is connected"),
    "lan.ip.ok": ("Địa chỉ {address} trên {interface}", "Address {address} on {interface}"),
    "lan.ip.link_local": ("Chỉ có địa chỉ tự gán {address}: không xin được địa chỉ từ DHCP",
                          "Only the self-assigned address {address}: no DHCP server answered"),
    "lan.ip.none": ("{interface} không có địa chỉ IPv4", "{interface} has no IPv4 address"),
    "lan.ip.dhcp_remedy": ("Kiểm tra router/modem đang bật và cáp từ máy tới switch; rút ra cắm lại cáp hoặc "
                           "tắt/bật card mạng để xin lại địa chỉ.",
                           "Check that the router/modem is on and the cable to the switch; re-plug the cable "
                           "or disable/enable the adapter to ask for an address again."),
    "lan.gw.none": ("Máy không có cổng mặc định", "No default gateway is set"),
    "lan.gw.none_remedy": ("Đặt lại chế độ nhận địa chỉ tự động (DHCP), hoặc nhập đúng cổng mặc định do "
                           "bộ phận CNTT cung cấp.",
                           "Switch the adapter back to automatic addressing (DHCP), or enter the gateway "
                           "given by the IT staff."),
    "lan.gw.ok": ("Router {gateway} trả lời sau {ms} ms ({method})", "Router {gateway} answers in {ms} ms ({method})"),
    "lan.gw.arp_only": ("Router {gateway} có trong bảng ARP nhưng không trả lời ping/TCP (có thể do tường lửa)",
                        "Router {gateway} is in the ARP table but answers neither ping nor TCP (maybe a firewall)"),
    "lan.gw.silent": ("Router {gateway} không trả lời", "Router {gateway} does not answer"),
    "lan.gw.remedy": ("Kiểm tra router/modem còn điện và đèn hoạt động; cáp từ switch tới router; khởi động "
                      "lại router nếu cần.",
                      "Check the router/modem has power and its lights; the cable from the switch to the "
                      "router; restart the router if needed."),
    "lan.gw.impostor_named": ("Có thiết bị khác đặt trùng địa chỉ router {gateway}: router thật (máy chủ DHCP) "
                              "là {router}, thiết bị lạ là {others}",
                              "Another device uses the router's address {gateway}: the real router (the DHCP "
                              "server) is {router}, the other is {others}"),
    "lan.gw.impostor": ("Hai thiết bị cùng trả lời cho địa chỉ router {gateway}: {macs}",
                        "Two devices answer for the router's address {gateway}: {macs}"),
    "lan.gw.impostor_remedy": ("Tìm thiết bị có MAC lạ (xem `kfield lan scan`, tra hãng theo MAC) và đổi "
                               "nó sang nhận địa chỉ tự động, hoặc rút nó khỏi mạng; thường là router/modem "
                               "cũ hoặc bộ phát Wi-Fi để địa chỉ mặc định giống router.",
                               "Find the device with the unexpected MAC (see `kfield lan scan`, vendor by MAC) "
                               "and set it to automatic addressing or unplug it; often an old router or a "
                               "Wi-Fi box left on the same default address as the router."),
    "lan.gw.no_arp_answer": ("Không thiết bị nào trả lời ARP cho {gateway}: chưa so được",
                             "No device answers ARP for {gateway}: nothing to compare"),
    "lan.gw.dhcp_mac_differs": ("Máy chủ DHCP {gateway} trả lời từ MAC {dhcp} nhưng ARP cho địa chỉ đó do "
                                "{arp} trả lời",
                                "The DHCP server {gateway} answers from {dhcp}, but {arp} answers ARP for "
                                "that address"),
    "lan.gw.cache_differs": ("Bảng ARP ghi router {gateway} là {cached} nhưng thiết bị trả lời bây giờ là {arp}",
                             "The ARP table holds {cached} for the router {gateway}, but {arp} answers now"),
    "lan.gw.one_device": ("Chỉ một thiết bị ({mac}) giữ địa chỉ router {gateway}",
                          "One device ({mac}) holds the router's address {gateway}"),
    "lan.dns.none": ("Máy chưa cấu hình máy chủ DNS", "No DNS server is configured"),
    "lan.dns.ok": ("Máy chủ DNS trả lời: {servers}", "DNS servers answer: {servers}"),
    "lan.dns.some": ("Máy chủ DNS không trả lời: {servers}", "DNS servers not answering: {servers}"),
    "lan.dns.all": ("Không máy chủ DNS nào trả lời: {servers}", "No DNS server answers: {servers}"),
    "lan.dns.remedy": ("Để DNS tự động theo router, hoặc đặt DNS do nhà mạng/bộ phận CNTT cung cấp.",
                       "Let DNS come from the router automatically, or set the DNS given by the ISP / IT staff."),
    "lan.dhcp.static": ("{address} là địa chỉ tĩnh (đặt tay trong cấu hình mạng của máy)",
                        "{address} is a static address (set by hand in this PC's network settings)"),
    "lan.dhcp.origin_unknown": ("Không kiểm tra được {address} do đâu cấp: không tìm thấy hợp đồng DHCP và "
                                "hệ điều hành không cho biết địa chỉ do DHCP cấp hay đặt tay",
                                "Could not check where {address} came from: no DHCP lease was found and the "
                                "system does not say whether DHCP gave it or it was set by hand"),
    "lan.dhcp.lease_unread": ("{address} do DHCP cấp nhưng không đọc được hợp đồng: chưa biết máy chủ DHCP và "
                              "thời hạn còn lại",
                              "{address} came from DHCP, but its lease could not be read: the DHCP server and "
                              "the time left are not known"),
    "lan.dhcp.ok_no_server": ("{address} do DHCP cấp, còn {hours} giờ (không đọc được tên máy chủ DHCP)",
                              "{address} came from DHCP, {hours} h left (the DHCP server could not be read)"),
    "lan.dhcp.ok_forever": ("Địa chỉ do máy chủ DHCP {server} cấp", "Address leased from DHCP server {server}"),
    "lan.dhcp.ok": ("Địa chỉ do máy chủ DHCP {server} cấp, còn {hours} giờ",
                    "Address leased from DHCP server {server}, {hours} h left"),
    "lan.dhcp.expired": ("Hợp đồng DHCP từ {server} đã hết hạn mà chưa gia hạn",
                         "The DHCP lease from {server} has expired without renewal"),
    "lan.wifi.wired": ("{interface} là kết nối cáp, không phải Wi-Fi", "{interface} is wired, not Wi-Fi"),
    "lan.wifi.disconnected": ("Wi-Fi {interface} chưa kết nối mạng nào", "Wi-Fi {interface} is not connected"),
    "lan.wifi.weak": ("Sóng Wi-Fi «{ssid}» yếu: {percent} %", "Weak Wi-Fi signal on \"{ssid}\": {percent}%"),
    "lan.wifi.ok": ("Wi-Fi «{ssid}», sóng {percent} %", "Wi-Fi \"{ssid}\", signal {percent}%"),
    "lan.wifi.remedy": ("Đặt máy gần bộ phát Wi-Fi hơn, bỏ vật cản, hoặc dùng cáp mạng cho máy ký số.",
                        "Move closer to the access point, remove obstacles, or use a cable for the signing PC."),
    "lan.dup.found": ("Địa chỉ {address} đang bị thiết bị khác dùng trùng ({macs})",
                      "Another device also uses {address} ({macs})"),
    "lan.dup.none": ("Không thiết bị nào dùng trùng {address}", "No other device uses {address}"),
    "lan.dup.needs_admin": ("Bảng ARP không cho thấy trùng {address}; dò ARP đầy đủ cần quyền quản trị",
                            "The ARP table shows no conflict for {address}; the full ARP probe needs "
                            "administrator rights"),
    "lan.dup.remedy": ("Tìm thiết bị có địa chỉ MAC trên (xem `kfield lan scan`), đổi một trong hai máy sang "
                       "nhận địa chỉ tự động hoặc địa chỉ khác.",
                       "Find the device with that MAC (see `kfield lan scan`) and move one of the two to "
                       "automatic or another address."),
    "lan.rogue.many": ("{count} máy chủ DHCP cùng trả lời: {servers}", "{count} DHCP servers answer: {servers}"),
    "lan.rogue.none": ("Không máy chủ DHCP nào trả lời trên {interface}", "No DHCP server answers on {interface}"),
    "lan.rogue.one": ("Một máy chủ DHCP: {server}", "One DHCP server: {server}"),
    "lan.dhcp.pool_full": ("Hết địa chỉ DHCP để cấp: máy chủ {server} trả lời máy này nhưng không trả lời "
                           "thiết bị mới, nên máy mới cắm vào sẽ không có địa chỉ",
                           "The DHCP pool is full: server {server} answers this PC but not a new device, so "
                           "new devices get no address"),
    "lan.dhcp.late": ("Máy chủ DHCP {server} không trả lời lần hỏi đầu, chỉ trả lời lần hỏi lại sau {seconds} giây: "
                      "nó vừa vắng mặt rồi trở lại (router khởi động lại, mất điện) hoặc quá tải",
                      "The DHCP server {server} did not answer the first request, only the one sent again, after "
                      "{seconds} s: it was away and came back (a router restart, a power cut) or is overloaded"),
    "lan.dhcp.late_remedy": ("Xem nguồn điện của router (có UPS không) và nhật ký của router: nó có tự khởi động "
                             "lại không; nếu lặp lại, thay nguồn hoặc router.",
                             "Check the router's power (is there a UPS?) and its log: does it restart by itself? "
                             "If it happens again, replace its power supply or the router."),
    "lan.dhcp.pool_remedy": ("Vào trang quản trị router (phần DHCP): mở rộng dải địa chỉ cấp phát, giảm thời "
                             "gian thuê (ví dụ 1–2 giờ), xóa các địa chỉ đặt trước không còn dùng. Nếu router chỉ "
                             "cấp địa chỉ cho thiết bị có trong danh sách (lọc MAC), hãy thêm thiết bị mới vào đó.",
                             "On the router's admin page (DHCP section): widen the address range, shorten the "
                             "lease time (e.g. 1–2 hours), remove reservations no longer used. If the router "
                             "gives addresses only to listed devices (a MAC filter), add the new device there."),
    "lan.rogue.remedy": ("Tìm router/modem lạ cắm vào mạng (thường là bộ phát Wi-Fi cắm nhầm cổng LAN) và "
                         "rút ra, hoặc tắt DHCP trên thiết bị đó.",
                         "Find the stray router/modem on the LAN (often a Wi-Fi box plugged in by its LAN "
                         "port) and unplug it or turn its DHCP off."),
    "lan.printer.none_listed": ("Hồ sơ chưa ghi máy in nào", "The profile lists no printers"),
    "lan.printer.down": ("Máy in không trả lời: {printers}", "Printers not answering: {printers}"),
    "lan.printer.ok": ("{count} máy in đều trả lời", "All {count} printers answer"),
    "lan.printer.remedy": ("Kiểm tra máy in đã bật, có cáp mạng/Wi-Fi và đúng địa chỉ IP (in trang cấu hình "
                           "mạng từ bảng điều khiển máy in).",
                           "Check the printer is on, networked, and at the expected IP address (print its "
                           "network configuration page from the printer's panel)."),
    "lan.mtu.tiny": ("MTU của {interface} quá nhỏ: {mtu} byte", "MTU of {interface} is too small: {mtu} bytes"),
    "lan.mtu.small": ("MTU của {interface} nhỏ: {mtu} byte", "MTU of {interface} is small: {mtu} bytes"),
    "lan.mtu.ok": ("MTU của {interface}: {mtu} byte", "MTU of {interface}: {mtu} bytes"),
    "lan.mtu.remedy": ("Đặt lại MTU mặc định (1500, hoặc 1492 với PPPoE) hoặc tắt VPN rồi thử lại.",
                       "Set the MTU back to its default (1500, or 1492 on PPPoE) or turn the VPN off and retry."),
    "net.no_scapy": ("Thiếu thư viện scapy", "The scapy library is missing"),
    "net.no_capture": ("Không gửi được gói tin tầng 2 (Windows cần Npcap): {reason}",
                       "Cannot send layer-2 frames (Windows needs Npcap): {reason}"),
    # --- kfield lan scan ---------------------------------------------------------
    "help.lan.scan": (
        "Quét mạng nội bộ tìm thiết bị: địa chỉ IP, MAC, hãng sản xuất, tên, cổng đang mở, vai trò "
        "(router, máy này, máy in). Mặc định quét mạng của card mạng đang ra Internet.",
        "Scan the LAN for devices: IP, MAC, vendor, name, open ports and role (router, this PC, printer). "
        "By default, the subnet of the interface that holds the default route."),
    "help.lan.cidr": ("Dải mạng cần quét, ví dụ 192.168.1.0/24", "The subnet to scan, e.g. 192.168.1.0/24"),
    "help.lan.iface": ("Card mạng dùng để quét", "The interface to scan from"),
    "help.lan.ports": ("Các cổng TCP cần thử, cách nhau bằng dấu phẩy («none» để bỏ qua)",
                       "TCP ports to try, comma-separated (\"none\" to skip)"),
    "help.lan.method": ("auto: ARP nếu có quyền quản trị, nếu không thì đọc bảng ARP của hệ điều hành; "
                        "arp; neighbour",
                        "auto: ARP when administrator, else the OS neighbour table; arp; neighbour"),
    "help.lan.force": ("Cho phép quét dải lớn hơn /22", "Allow scanning more than a /22"),
    "scan.col.ip": ("Địa chỉ IP", "IP address"),
    "scan.col.mac": ("Địa chỉ MAC", "MAC address"),
    "scan.col.vendor": ("Hãng", "Vendor"),
    "scan.col.name": ("Tên", "Name"),
    "scan.col.ports": ("Cổng mở", "Open ports"),
    "scan.col.roles": ("Vai trò", "Role"),
    "scan.role.gateway": ("router (cổng mặc định)", "router (gateway)"),
    "scan.role.self": ("máy này", "this PC"),
    "scan.role.printer": ("máy in", "printer"),
    "scan.role.cached": ("chỉ có trong bộ nhớ ARP", "ARP cache only"),
    "scan.method.arp": ("gửi ARP (quyền quản trị)", "ARP sweep (administrator)"),
    "scan.method.neighbour": ("bảng ARP của hệ điều hành (không cần quyền quản trị)",
                              "the OS neighbour table (no administrator rights)"),
    "scan.headline": ("Mạng {network} trên {interface} — cách dò: {method} — {count} thiết bị — {seconds} giây",
                      "Network {network} on {interface} — method: {method} — devices: {count} — {seconds} s"),
    "scan.start": ("Đang quét {network} trên {interface} ({count} địa chỉ)…",
                   "Scanning {network} on {interface} ({count} addresses)…"),
    "scan.phase.discover": ("Tìm thiết bị", "Finding devices"),
    "scan.phase.ports": ("Thử cổng", "Trying ports"),
    "scan.phase.names": ("Tra tên", "Looking up names"),
    "lan.scan.too_big": ("Dải {network} có {count} địa chỉ, lớn hơn {limit}: quét lâu và làm phiền cả mạng. "
                         "Hãy chọn dải nhỏ hơn hoặc thêm --force",
                         "{network} holds {count} addresses, more than a {limit}: slow and noisy for the whole "
                         "network. Pick a smaller range or add --force"),
    "lan.scan.too_big_forced": ("Không quét dải {network}: lớn nhất là {limit} kể cả khi có --force",
                                "Will not scan {network}: {limit} is the most, even with --force"),
    "lan.scan.no_iface": ("Không có card mạng «{name}». Các card mạng: {names}",
                          "No interface \"{name}\". Interfaces: {names}"),
    "lan.scan.no_link": ("Máy không có kết nối mạng nào để quét (cáp rút hoặc Wi-Fi tắt)",
                         "No network link to scan from (cable unplugged or Wi-Fi off)"),
    "lan.scan.no_address": ("{interface} chưa có địa chỉ IPv4; hãy ghi rõ dải mạng cần quét",
                            "{interface} has no IPv4 address; name the subnet to scan"),
    "lan.scan.bad_cidr": ("«{cidr}» không phải dải mạng IPv4 (ví dụ 192.168.1.0/24)",
                          "\"{cidr}\" is not an IPv4 subnet (e.g. 192.168.1.0/24)"),
    "lan.scan.bad_ports": ("Danh sách cổng không hợp lệ: «{ports}» (ví dụ 80,443,9100)",
                           "Invalid port list: \"{ports}\" (e.g. 80,443,9100)"),
    "lan.scan.needs_admin": ("Quét ARP cần quyền quản trị; bỏ --method arp để dùng bảng ARP của hệ điều hành",
                             "The ARP sweep needs administrator rights; drop --method arp to use the OS "
                             "neighbour table"),
    "lan.scan.arp_unavailable": ("Không gửi được ARP trên máy này (Windows cần Npcap)",
                                 "Cannot send ARP here (Windows needs Npcap)"),
}
