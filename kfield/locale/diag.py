"""Catalogue entries: `kfield diagnose` (places, reasons, output)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.diagnose": (
        "Chạy các bước kiểm tra mạng và Internet rồi kết luận lỗi nằm ở đâu: máy này, cáp/Wi-Fi, mạng nội bộ, "
        "router, đường truyền nhà mạng, DNS, một dịch vụ, đồng hồ, trang đăng nhập/proxy, đường truyền chậm "
        "hoặc mất gói; kèm bằng chứng và sổ tay nên chạy tiếp.",
        "Run the LAN and Internet checks and say where the fault is: this PC, cable/Wi-Fi, LAN, router, the "
        "provider's uplink, DNS, one service, the clock, a login page/proxy, a slow or lossy link; with the "
        "evidence and the playbook to run next."),
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
    "diag.reason.gateway_silent": ("router của cơ quan ({gateway}) không trả lời",
                                   "the office router ({gateway}) does not answer"),
    "diag.reason.proxy_dead": ("máy được đặt proxy nhưng proxy không trả lời",
                               "a proxy is set on this PC but does not answer"),
    "diag.reason.captive": ("mạng đòi đăng nhập trên trình duyệt trước", "the network wants a browser login first"),
    "diag.reason.intercepted": ("phần mềm trên máy hoặc thiết bị mạng («{issuer}») đang chặn giữa các kết nối HTTPS",
                                "software on this PC or a network device («{issuer}») intercepts HTTPS"),
    "diag.reason.clock": ("đồng hồ máy sai làm hỏng HTTPS và chữ ký số", "the PC's clock is wrong, which breaks "
                          "HTTPS and signatures"),
    "diag.reason.uplink": ("mạng nội bộ và router vẫn tốt, nhưng không địa chỉ nào trên Internet trả lời "
                           "(cả ping lẫn kết nối TCP); không sửa được trên máy này",
                           "the LAN and router work, but nothing on the Internet answers (neither ping nor TCP); "
                           "nothing on this PC can fix it"),
    "diag.reason.loss_lan": ("gói tin đã mất hoặc trễ ngay giữa máy này và router ({gateway_loss}% mất, {gateway_ms} ms): "
                             "dây mạng, sóng Wi-Fi hoặc switch, chưa phân biệt được",
                             "packets are already lost or late between this PC and the router ({gateway_loss}% lost, "
                             "{gateway_ms} ms): the cable, the Wi-Fi signal or the switch, equally likely"),
    "diag.reason.loss": ("đường truyền ra Internet mất {loss}% gói tin tới {target}, trong khi tới router thì không",
                         "the Internet link loses {loss}% of packets to {target}, while none are lost to the router"),
    "diag.reason.latency": ("đường truyền có độ trễ cao: {ms} ms tới {target} (vệ tinh, 4G hoặc nghẽn)",
                            "the link has high latency: {ms} ms to {target} (satellite, 4G or congestion)"),
    "diag.reason.dns": ("máy chủ DNS đang dùng không phân giải được {unresolved}, trong khi Internet vẫn vào được",
                        "the DNS server in use cannot resolve {unresolved}, while the Internet itself answers"),
    "diag.reason.dns_silent": ("máy chủ DNS đặt cho máy này ({servers}) không trả lời, trong khi Internet vẫn "
                               "trả lời; đặt máy chủ DNS khác (của nhà mạng hoặc công cộng) hoặc khởi động lại router",
                               "the DNS servers set on this PC ({servers}) do not answer while the Internet does; "
                               "set another DNS server (the provider's or a public one) or restart the router"),
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
    "diag.reason.unknown": ("có bước kiểm tra lỗi nhưng chưa khớp quy tắc nào", "checks failed but no rule "
                            "explains them"),
    "diag.reason.healthy": ("mạng nội bộ, router, DNS và các cổng dịch vụ đều tốt",
                            "LAN, router, DNS and portals all work"),
    "diag.line": ("Chẩn đoán: lỗi ở {place} — {reason}.", "Verdict: the fault is at {place} — {reason}."),
    "diag.line_healthy": ("Chẩn đoán: {place} — {reason}.", "Verdict: {place} — {reason}."),
    "diag.next": ("Bước tiếp theo: kfield playbook run {playbook}", "Next step: kfield playbook run {playbook}"),
    "diag.skip.late": ("Bỏ qua: không máy chủ thời gian nào trả lời trong {seconds} giây (chẩn đoán không chờ thêm)",
                       "Skipped: no time server answered within {seconds} s (the verdict does not wait longer)"),
    "diag.evidence": ("Bằng chứng:", "Evidence:"),
    "diag.tell": ("Bước tiếp theo: báo {contact}, kèm dòng chẩn đoán và bằng chứng ở trên.",
                  "Next step: tell {contact}, with the verdict and the evidence above."),
    "diag.contact_unset": ("người phụ trách «{role}» (hồ sơ chưa ghi liên hệ này)",
                           "the person in charge of «{role}» (the profile does not name this contact)"),
    "diag.either": ("{first} hoặc {second} (khả năng ngang nhau)", "{first} or {second} (equally likely)"),
    "diag.rules.next_or_contact": ("Mỗi quy tắc cần next (kịch bản tiếp theo) hoặc contact (người cần báo)",
                                   "Each rule needs next (a playbook) or contact (whom to tell)"),
    "diag.rules.when_or_any": ("Mỗi quy tắc cần đúng một trong hai: when hoặc any",
                               "Each rule needs exactly one of: when, any"),
    "diag.rules.unlisted_check": ("Quy tắc dùng bước {check} không có trong danh sách checks",
                                  "A rule uses {check}, which is not in the checks list"),
}
