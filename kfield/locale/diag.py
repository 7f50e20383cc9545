"""Catalogue entries: `kfield diagnose` (places, reasons, output)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.diagnose": (
        "Chạy các bước kiểm tra mạng và Internet rồi kết luận lỗi nằm ở đâu: máy này, cáp/Wi-Fi, mạng nội bộ, "
        "router, đường truyền nhà mạng, DNS, một dịch vụ, đồng hồ, trang đăng nhập/proxy, đường truyền chậm "
        "hoặc mất gói, bộ lọc trên đường đi; kèm bằng chứng và sổ tay nên chạy tiếp.",
        "Run the LAN and Internet checks and say where the fault is: this PC, cable/Wi-Fi, LAN, router, the "
        "provider's uplink, DNS, one service, the clock, a login page/proxy, a slow or lossy link, a filter on "
        "the path; with the evidence and the playbook to run next."),
    "diag.place.this_pc": ("MÁY TÍNH NÀY", "THIS COMPUTER"),
    "diag.place.cable_wifi": ("CÁP MẠNG / WI-FI", "CABLE / WI-FI"),
    "diag.place.lan_switch": ("MẠNG NỘI BỘ / SWITCH", "LAN / SWITCH"),
    "diag.place.gateway": ("ROUTER (CỔNG MẶC ĐỊNH)", "ROUTER (GATEWAY)"),
    "diag.place.isp_uplink": ("ĐƯỜNG TRUYỀN NHÀ MẠNG", "THE PROVIDER'S UPLINK"),
    "diag.place.dns": ("DNS (PHÂN GIẢI TÊN MIỀN)", "DNS (NAME RESOLUTION)"),
    "diag.place.one_service": ("MỘT DỊCH VỤ", "ONE SERVICE ONLY"),
    "diag.place.clock": ("ĐỒNG HỒ MÁY TÍNH", "THE PC'S CLOCK"),
    "diag.place.captive_proxy": ("TRANG ĐĂNG NHẬP HOẶC PROXY", "LOGIN PAGE OR PROXY"),
    "diag.place.slow_link": ("ĐƯỜNG TRUYỀN ĐỘ TRỄ CAO", "SLOW, HIGH-LATENCY LINK"),
    "diag.place.lossy_link": ("ĐƯỜNG TRUYỀN MẤT GÓI", "LOSSY LINK"),
    "diag.place.healthy": ("KHÔNG THẤY LỖI", "NO FAULT FOUND"),
    "diag.place.unknown": ("CHƯA XÁC ĐỊNH", "NOT DETERMINED"),
    "diag.reason.no_link": ("máy không có kết nối mạng (cáp rút hoặc Wi-Fi tắt)",
                            "no network link (cable unplugged or Wi-Fi off)"),
    "diag.reason.wifi_down": ("Wi-Fi chưa kết nối", "Wi-Fi is not connected"),
    "diag.reason.no_address": ("máy không xin được địa chỉ IP: switch, dây tới router hoặc máy chủ DHCP",
                               "no IP address from DHCP: the switch, the cable to the router or the DHCP server"),
    "diag.reason.router_impostor": (
        "có thiết bị khác trong mạng nội bộ đặt trùng địa chỉ router {gateway} ({devices}): máy tính gửi dữ liệu "
        "nhầm sang thiết bị đó nên mạng lúc được lúc không; tìm thiết bị theo MAC, đổi nó sang nhận địa chỉ tự "
        "động hoặc rút khỏi mạng",
        "another device on the LAN holds the router's address {gateway} ({devices}): traffic goes to it instead of "
        "the router, so the connection works only at times; find it by its MAC, set it to automatic addressing "
        "or unplug it"),
    "diag.reason.rogue_dhcp": (
        "trong mạng nội bộ có {count} máy chủ DHCP cùng cấp địa chỉ ({devices}): một thiết bị lạ (thường là bộ "
        "phát Wi-Fi cắm nhầm cổng LAN) cấp địa chỉ sai cho các máy; tìm thiết bị đó theo MAC, tắt DHCP hoặc rút nó",
        "{count} DHCP servers hand out addresses on the LAN ({devices}): a stray device (often a Wi-Fi box plugged "
        "in by its LAN port) gives PCs wrong addresses; find it by its MAC, turn its DHCP off or unplug it"),
    "diag.reason.duplicate_ip": (
        "một thiết bị khác ({devices}) đang dùng trùng địa chỉ {address} của máy này: hai máy tranh nhau một "
        "địa chỉ nên kết nối chập chờn; đổi một trong hai máy sang nhận địa chỉ tự động hoặc địa chỉ khác",
        "another device ({devices}) uses this PC's own address {address}: the two fight over it and the "
        "connection comes and goes; set one of them to automatic addressing or another address"),
    "diag.reason.pool_full": (
        "máy chủ DHCP {server} không còn địa chỉ để cấp: máy này giữ được địa chỉ cũ nhưng thiết bị mới cắm vào "
        "sẽ không có mạng; vào trang quản trị router (phần DHCP) mở rộng dải địa chỉ hoặc giảm thời gian thuê",
        "the DHCP server {server} has no address left: this PC keeps its own, but a new device gets none; on the "
        "router's admin page (DHCP) widen the range or shorten the lease time"),
    "diag.reason.router_dropped": (
        "mạng lúc mất lúc có: router {gateway} lúc đầu không trả lời (cả máy chủ DHCP của nó), rồi lại chuyển "
        "được dữ liệu ra Internet: router vừa khởi động lại hoặc bị mất điện chốc lát; kiểm tra nguồn điện, "
        "bộ lưu điện (UPS) và nhật ký của router",
        "the connection drops and comes back: the router {gateway} answered nothing at first (its DHCP server "
        "neither), then carried traffic to the Internet again: it restarted or lost power for a moment; check "
        "its power, a UPS and the router's log"),
    "diag.reason.router_back": (
        "mạng lúc mất lúc có do router: router {gateway} lúc đầu không trả lời gì (cả ping, TCP lẫn máy chủ DHCP), "
        "rồi máy chủ DHCP của nó trả lời lại sau {seconds} giây: router vừa khởi động lại hoặc mất điện chốc lát "
        "(không phải lỗi nhà mạng); xem nguồn điện, UPS và nhật ký của router",
        "the connection drops and comes back: the router {gateway} answered nothing at first (neither ping, TCP nor "
        "its DHCP server), then its DHCP server answered again after {seconds} s: it restarted or lost power for a "
        "moment (not the provider's fault); check its power, a UPS and the router's log"),
    "diag.reason.uplink_drops": (
        "mạng lúc mất lúc có phía sau router: {target} trả lời ping, nhưng ngay sau đó đường đi tới chính địa "
        "chỉ ấy dừng ở router ({last_ip}): đường truyền của nhà mạng chập chờn",
        "the connection drops and comes back beyond the router: {target} answers echoes, yet a moment later the "
        "path to that same address stops at the router ({last_ip}): the provider's line comes and goes"),
    "diag.reason.gateway_silent": ("router của cơ quan ({gateway}) không trả lời",
                                   "the office router ({gateway}) does not answer"),
    "diag.reason.proxy_dead": ("máy này được đặt dùng proxy {servers} nhưng proxy ấy không nhận kết nối: sửa hoặc "
                               "bỏ cài đặt proxy, hoặc hỏi người quản trị proxy",
                               "this PC is set to use the proxy {servers}, which does not accept connections: fix or "
                               "remove the proxy setting, or ask whoever runs the proxy"),
    "diag.reason.proxy_upstream": ("đi thẳng thì không địa chỉ nào trên Internet trả lời, và proxy {proxy} mà trình "
                                   "duyệt trên máy này dùng cũng không lấy được {portal}: proxy hoặc đường ra "
                                   "Internet của proxy đang lỗi (router vẫn trả lời)",
                                   "nothing on the Internet answers directly, and the proxy {proxy} this PC's browsers "
                                   "use cannot fetch {portal} either: the proxy or its own way out is at fault (the "
                                   "router answers)"),
    "diag.reason.proxy_portal": ("proxy {proxy} không mở được kết nối tới {portal}, trong khi các cổng khác vẫn vào "
                                 "được qua proxy: hỏi người quản trị proxy (bộ lọc, danh sách chặn)",
                                 "the proxy {proxy} cannot connect to {portal} while other portals work through it: "
                                 "ask whoever runs the proxy (a filter or a block list)"),
    "diag.reason.captive": ("mạng đòi đăng nhập trên trình duyệt trước", "the network wants a browser login first"),
    "diag.reason.intercepted": ("phần mềm trên máy hoặc thiết bị mạng («{issuer}») đang chặn giữa các kết nối HTTPS",
                                "software on this PC or a network device («{issuer}») intercepts HTTPS"),
    "diag.reason.clock": ("đồng hồ máy sai làm hỏng HTTPS và chữ ký số", "the PC's clock is wrong, which breaks "
                          "HTTPS and signatures"),
    "diag.reason.clock_web": ("đồng hồ máy sai: máy chủ của các cổng đều nói hôm nay là {server_date}, máy này nói "
                              "{today} (lệch {amount}); chỉnh ngày giờ (và kiểm tra pin CMOS) rồi thử lại — đồng hồ "
                              "sai làm hỏng HTTPS và chữ ký số",
                              "the PC's clock is wrong: the portals' servers all say today is {server_date}, this PC "
                              "says {today} ({amount} off); set the date and time (and check the CMOS battery), then "
                              "try again — a wrong clock breaks HTTPS and signatures"),
    "diag.reason.uplink": ("mạng nội bộ và router vẫn tốt, nhưng không địa chỉ nào trên Internet trả lời "
                           "(cả ping lẫn kết nối TCP); không sửa được trên máy này",
                           "the LAN and router work, but nothing on the Internet answers (neither ping nor TCP); "
                           "nothing on this PC can fix it"),
    "diag.reason.loss_lan": ("gói tin đã mất hoặc trễ ngay giữa máy này và router ({gateway_loss} % mất, {gateway_ms} ms): "
                             "dây mạng, sóng Wi-Fi hoặc switch, chưa phân biệt được",
                             "packets are already lost or late between this PC and the router ({gateway_loss}% lost, "
                             "{gateway_ms} ms): the cable, the Wi-Fi signal or the switch, equally likely"),
    "diag.reason.loss": ("đường truyền ra Internet mất {loss} % gói tin tới {target}, trong khi tới router thì không",
                         "the Internet link loses {loss}% of packets to {target}, while none are lost to the router"),
    "diag.reason.latency": ("đường truyền có độ trễ cao: {ms} ms tới {target} (vệ tinh, 4G hoặc nghẽn)",
                            "the link has high latency: {ms} ms to {target} (satellite, 4G or congestion)"),
    "diag.reason.dns": ("máy chủ DNS đang dùng không phân giải được {unresolved}, trong khi Internet vẫn vào được",
                        "the DNS server in use cannot resolve {unresolved}, while the Internet itself answers"),
    "diag.reason.dns_silent": ("máy chủ DNS đặt cho máy này ({servers}) không trả lời, trong khi Internet vẫn "
                               "trả lời; đặt máy chủ DNS khác (của nhà mạng hoặc công cộng) hoặc khởi động lại router",
                               "the DNS servers set on this PC ({servers}) do not answer while the Internet does; "
                               "set another DNS server (the provider's or a public one) or restart the router"),
    "diag.reason.dns_first_dead": ("máy chủ DNS thứ nhất, {server}, không trả lời: mỗi tên miền phải chờ {wait_s} "
                                   "giây cho nó rồi {next_server} mới trả lời; bỏ {server} khỏi danh sách DNS của card "
                                   "mạng",
                                   "the first DNS server, {server}, does not answer: every name waits {wait_s} s for "
                                   "it before {next_server} answers; remove it from the adapter's DNS list"),
    "diag.reason.dns_slow": ("tên miền vẫn phân giải được nhưng chậm: mỗi tên chờ {ms} ms qua máy chủ {server} (quá "
                             "mức {threshold} ms), mỗi trang web có nhiều tên nên mở rất chậm; khởi động lại router, "
                             "nếu vẫn vậy đặt DNS khác",
                             "names resolve, but slowly: each waits {ms} ms through {server} (past {threshold} ms), "
                             "and every page needs several names, so pages open very slowly; restart the router, and "
                             "if it stays so set another DNS server"),
    "diag.reason.dns_slow_lan": ("máy chủ DNS {server} trả lời chậm: {ms} ms (quá mức {threshold} ms), mỗi tên miền "
                                 "trên mỗi trang đều phải chờ chừng ấy",
                                 "the DNS server {server} answers late: {ms} ms (past {threshold} ms); every name on "
                                 "every page waits that long"),
    "diag.reason.name_missing": ("tên miền {names} không tồn tại trong DNS: máy chủ DNS đối chiếu {server} cũng "
                                 "trả lời không có tên này (NXDOMAIN), trong khi các tên khác vẫn phân giải được; "
                                 "bản ghi DNS của chính cổng bị thiếu, không sửa được trên máy này hay mạng nội bộ",
                                 "the name {names} does not exist in DNS: the reference DNS server {server} also "
                                 "answers that there is no such name (NXDOMAIN), while the other names resolve; the "
                                 "portal's own DNS record is missing, and nothing on this PC or the LAN can fix it"),
    "diag.reason.dns_lies": ("máy chủ DNS đang dùng trả địa chỉ sai cho {names} (khác máy chủ đối chiếu)",
                             "the DNS server in use gives wrong addresses for {names} (unlike the reference server)"),
    "diag.reason.dns_unreliable": ("DNS chậm hoặc chập chờn: máy chủ {server} chỉ trả lời {answered}/{asked} lần "
                                   "hỏi, chậm nhất {slowest_ms} ms; trang web mở chậm hoặc lúc được lúc không",
                                   "DNS is slow or unreliable: {server} answered {answered} of {asked} questions, the "
                                   "slowest after {slowest_ms} ms; pages open slowly or only sometimes"),
    "diag.reason.dns_partial": ("một máy chủ DNS hỏng hoặc tự chuyển hướng tên miền",
                                "a DNS server is down or rewrites names"),
    "diag.reason.mtu": ("gói tin lớn bị mất trên đường truyền (MTU): trang web treo khi bắt tay HTTPS",
                        "big packets are lost on the way (MTU): HTTPS handshakes stall"),
    "diag.reason.one_service": ("mạng tốt, chỉ cổng {portal} lỗi; không sửa được trên máy này hay mạng nội bộ",
                                "the network works; only the portal {portal} fails; nothing on this PC or the LAN "
                                "can fix it"),
    "diag.reason.cert_expired": ("cổng {portal} dùng chứng chỉ đã hết hạn ngày {date}; không sửa được trên máy "
                                 "này hay mạng nội bộ, chỉ quản trị cổng gia hạn được",
                                 "the portal {portal} presents a certificate that expired on {date}; nothing on this "
                                 "PC or the LAN can fix it, only the portal's administrators can renew it"),
    "diag.reason.cert_wrong_name": ("cổng {portal} dùng chứng chỉ cấp cho tên khác ({names}); không sửa được trên "
                                    "máy này hay mạng nội bộ",
                                    "the portal {portal} presents a certificate issued for another name ({names}); "
                                    "nothing on this PC or the LAN can fix it"),
    "diag.reason.cert_untrusted": ("cổng {portal} dùng chứng chỉ do «{issuer}» cấp, nơi cấp không được tin cậy; "
                                   "các cổng khác vẫn tốt nên không sửa được trên máy này hay mạng nội bộ",
                                   "the portal {portal} presents a certificate from «{issuer}», an untrusted issuer; "
                                   "the other portals work, so nothing on this PC or the LAN can fix it"),
    "diag.reason.cert_not_yet_valid": ("chứng chỉ của cổng {portal} chỉ có hiệu lực từ ngày {date} mà máy này đang "
                                       "là ngày {today}: nhiều khả năng đồng hồ máy sai — chỉnh ngày giờ rồi thử lại",
                                       "the certificate of {portal} is valid only from {date} and this PC says "
                                       "{today}: most likely the PC's clock is wrong — set the date and time, then "
                                       "try again"),
    "diag.reason.blocked": ("Internet vẫn trả lời nhưng mọi cổng dịch vụ đều bị chặn kết nối; tường lửa ở router "
                            "cơ quan hay ở nhà mạng đều có thể, chưa phân biệt được",
                            "the Internet answers but connections to every portal are blocked; a firewall on the "
                            "office router or at the provider, equally likely"),
    "diag.reason.international": ("các cổng ở nước ngoài ({failed}) đều lỗi trong khi các cổng trong nước vẫn vào "
                                  "được: đường truyền quốc tế của nhà mạng (ví dụ cáp biển) đang lỗi, mạng của cơ "
                                  "quan vẫn tốt",
                                  "the international portals ({failed}) fail while the domestic ones work: the "
                                  "provider's international link (an undersea cable, say) is at fault; the office "
                                  "network works"),
    "diag.reason.group": ("nhiều cổng trên các máy chủ khác nhau ({failed}) cùng không trả lời trong khi cổng khác và "
                          "Internet vẫn trả lời: tuyến của nhà mạng tới các máy chủ đó (ví dụ tuyến quốc tế) đang lỗi",
                          "several portals on different servers ({failed}) go unanswered alike while another portal and "
                          "the Internet answer: the provider's routes to those servers (the international ones, say) "
                          "are at fault"),
    "diag.reason.domestic": ("các cổng trong nước ({failed}) đều lỗi trong khi các cổng ở nước ngoài vẫn vào được: "
                             "tuyến trong nước của nhà mạng (hoặc mạng chuyên dùng) đang lỗi",
                             "the domestic portals ({failed}) fail while the international ones work: the provider's "
                             "domestic routes (or the dedicated government network) are at fault"),
    "diag.reason.reset": ("có thiết bị trên đường đi cắt ngang kết nối tới {portal} ngay khi bắt tay HTTPS, trong khi "
                          "mạng vẫn chạy: tường lửa hoặc bộ lọc ở router cơ quan hay ở nhà mạng; máy chủ của cổng ít "
                          "có khả năng hơn (chưa phép so sánh nào tách riêng được nó)",
                          "something on the path resets connections to {portal} right at the HTTPS handshake while "
                          "the network works: a firewall or filter on the office router or at the provider; the "
                          "portal's own server is less likely (no contrast isolates it)"),
    "diag.reason.reset_class": ("có thiết bị trên đường đi từ chối hoặc cắt ngang mọi kết nối tới một nhóm cổng "
                                "({failed}) trong khi các cổng khác vẫn vào được: tường lửa hoặc bộ lọc ở router cơ "
                                "quan hay ở nhà mạng; nhiều máy chủ khác nhau cùng từ chối thì không phải lỗi của "
                                "từng cổng",
                                "something on the path refuses or resets every connection to one class of portals "
                                "({failed}) while the others work: a firewall or filter on the office router or at "
                                "the provider; so many servers refusing alike is not each portal's own fault"),
    "diag.reason.ipv6": ("IPv6 chạy nửa vời: {portal} có địa chỉ IPv6, máy có đường IPv6 nhưng kết nối IPv6 không đi "
                         "được (IPv4 vẫn tốt), nên trình duyệt phải chờ rồi mới quay về IPv4; IPv6 của router cơ quan "
                         "hay của nhà mạng, chưa phân biệt được",
                         "IPv6 half-works: {portal} has an IPv6 address and this PC an IPv6 route, but IPv6 connections "
                         "go nowhere (IPv4 works), so browsers wait before falling back to IPv4; the office router's "
                         "IPv6 or the provider's, equally likely"),
    "diag.reason.portal_slow": ("cổng {portal} trả byte đầu tiên sau {seconds} giây (quá mức {threshold} giây); máy "
                                "chủ của cổng hoặc đường truyền phía sau, chưa phân biệt được",
                                "the portal {portal} sends its first byte after {seconds} s (past {threshold} s): its "
                                "server or the link beyond, equally likely"),
    "diag.reason.unknown": ("không phép so sánh nào tách riêng được một chỗ lỗi; các bước lỗi hoặc vượt ngưỡng "
                            "({checks}) được liệt kê dưới đây",
                            "no contrast isolates one place; the checks that failed or went past a limit ({checks}) "
                            "are listed below"),
    "diag.reason.healthy": ("mạng nội bộ, router, DNS và các cổng dịch vụ đều tốt",
                            "LAN, router, DNS and portals all work"),
    "diag.reason.healthy_proxy": ("các cổng dịch vụ vào được; máy ra Internet chỉ qua proxy {proxy} (đi thẳng thì "
                                  "không được) — bình thường với mạng dùng proxy, không phải lỗi của nhà mạng",
                                  "the portals work; this PC reaches the Internet only through the proxy {proxy} "
                                  "(nothing goes direct) — normal on a network with a proxy, not the provider's fault"),
    "diag.line": ("Chẩn đoán: lỗi ở {place} — {reason}.", "Verdict: the fault is at {place} — {reason}."),
    "diag.line_healthy": ("Chẩn đoán: {place} — {reason}.", "Verdict: {place} — {reason}."),
    "diag.next": ("Bước tiếp theo: kfield playbook run {playbook}", "Next step: kfield playbook run {playbook}"),
    "diag.skip.late": ("Bỏ qua: không máy chủ thời gian nào trả lời trong {seconds} giây (chẩn đoán không chờ thêm)",
                       "Skipped: no time server answered within {seconds} s (the verdict does not wait longer)"),
    "diag.unasked": ("Chưa hỏi được (cần chạy với quyền quản trị): {checks}",
                     "Not asked (needs administrator rights): {checks}"),
    "diag.evidence": ("Bằng chứng:", "Evidence:"),
    "diag.tell": ("Bước tiếp theo: báo {contact}, kèm dòng chẩn đoán và bằng chứng ở trên.",
                  "Next step: tell {contact}, with the verdict and the evidence above."),
    "diag.contact_unset": ("{role} (hồ sơ chưa ghi liên hệ này)", "{role} (the profile does not name this contact)"),
    "diag.contact_unknown_role": ("người phụ trách hệ thống này (hồ sơ chưa ghi liên hệ)",
                                  "the person responsible for this system (the profile names no contact)"),
    "diag.role.provincial_it": ("bộ phận hỗ trợ kỹ thuật cấp tỉnh", "the provincial technical support desk"),
    "diag.role.isp": ("tổng đài kỹ thuật của nhà mạng", "the provider's support line"),
    "diag.role.provincial_ca": ("đầu mối chứng thư số của tỉnh", "the province's certificate (CA) contact"),
    "diag.role.eoffice_admin": ("quản trị hệ thống quản lý văn bản và điều hành", "the E-Office system administrator"),
    "diag.role.pakn_admin": ("quản trị hệ thống phản ánh, kiến nghị", "the feedback and complaint (PAKN) system administrator"),
    "diag.role.kpi_admin": ("quản trị phần mềm KPI", "the KPI software administrator"),
    "diag.role.dvc_admin": ("quản trị hệ thống thủ tục hành chính (một cửa) của tỉnh",
                            "the provincial one-stop system administrator"),
    "diag.either": ("{first} hoặc {second} (khả năng ngang nhau)", "{first} or {second} (equally likely)"),
    "diag.rules.next_or_contact": ("Mỗi quy tắc cần next (kịch bản tiếp theo) hoặc contact (người cần báo)",
                                   "Each rule needs next (a playbook) or contact (whom to tell)"),
    "diag.rules.when_or_any": ("Mỗi quy tắc cần đúng một trong hai: when hoặc any",
                               "Each rule needs exactly one of: when, any"),
    "diag.rules.unlisted_check": ("Quy tắc dùng bước {check} không có trong danh sách checks",
                                  "A rule uses {check}, which is not in the checks list"),
}
