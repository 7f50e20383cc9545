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
}
