"""Catalogue entries: where outputs go (devices, pipes, links), and failures worded for a person."""

MESSAGES: dict[str, tuple[str, str]] = {
    "out.device": ("Không ghi vào {path}: đó là một thiết bị, không phải tệp (chọn một tên tệp; /dev/stdout, "
                   "/dev/null thì được)",
                   "Not writing to {path}: it is a device, not a file (name a file; /dev/stdout or /dev/null "
                   "are fine)"),
    "out.fifo": ("Không ghi vào {path}: đó là một ống (FIFO), không phải tệp (chọn một tên tệp, hoặc bỏ --output "
                 "để in ra màn hình rồi chuyển tiếp bằng |)",
                 "Not writing to {path}: it is a pipe (FIFO), not a file (name a file, or leave out --output and "
                 "pipe the output with |)"),
    "out.socket": ("Không ghi vào {path}: đó là một socket, không phải tệp (chọn một tên tệp)",
                   "Not writing to {path}: it is a socket, not a file (name a file)"),
    "out.link": ("Không ghi vào {path}: đó là liên kết tới {target}, mà ở đó không có tệp thường để ghi đè "
                 "(chọn thẳng một tên tệp)",
                 "Not writing to {path}: it is a link to {target}, where there is no regular file to replace "
                 "(name a file directly)"),
    "agg.driver.busy": ("cơ sở dữ liệu đang bị chương trình khác (hoặc lần nhập khác) giữ; thử lại sau ít phút",
                        "another program (or another import) is holding the database; try again in a few minutes"),
    "agg.driver.cantopen": ("không mở được tệp (thư mục không có, hoặc không có quyền)",
                            "the file cannot be opened (the folder is missing, or permission is denied)"),
    "agg.driver.notadb": ("tệp này không phải cơ sở dữ liệu SQLite", "this file is not an SQLite database"),
    "agg.driver.corrupt": ("cơ sở dữ liệu bị hỏng", "the database is damaged"),
    "agg.driver.memory": ("không đủ bộ nhớ", "there is not enough memory"),
    "agg.driver.toobig": ("một giá trị quá lớn để lưu", "a value is too large to store"),
    "agg.driver.auth": ("máy chủ từ chối tài khoản hoặc mật khẩu", "the server refused the user name or password"),
    "agg.driver.no_database": ("trên máy chủ không có cơ sở dữ liệu (hoặc tài khoản) này",
                               "the server has no such database (or user)"),
    "agg.driver.connection": ("mất kết nối tới máy chủ", "the connection to the server was lost"),
    "agg.driver.server_full": ("máy chủ hết tài nguyên (ổ đĩa, bộ nhớ hoặc số kết nối)",
                               "the server ran out of resources (disk, memory or connections)"),
    "agg.driver.server_stopped": ("máy chủ đang dừng hoặc khởi động lại", "the server is shutting down or restarting"),
    "agg.driver.schema": ("bảng hoặc cột không như kfield cần", "a table or column is not what kfield needs"),
    "agg.driver.conflict": ("dữ liệu trùng với dữ liệu đã có", "the data clashes with what is stored"),
    "agg.driver.value": ("có giá trị máy chủ không nhận", "the server refused a value"),
    "agg.driver.no_server": ("không có máy chủ PostgreSQL ở địa chỉ (socket) này",
                             "no PostgreSQL server answers at that address (socket)"),
    "agg.driver.no_host": ("không tìm thấy tên máy chủ", "the server's host name is not known"),
    "agg.driver.bad_url": ("địa chỉ cơ sở dữ liệu không hợp lệ", "the database address is not valid"),
    "agg.driver.other": ("cơ sở dữ liệu báo lỗi (mã {code})", "the database reported an error (code {code})"),
}
