@echo off
rem kfield USB kit for Windows (@@PURPOSE@@). Runs the kit's own CPython (python\), no Python
rem needs to be installed. verify.py checks every file against MANIFEST.sha256 and, only if all
rem match, runs kfield in the same Python (one start); a refused kit ends with exit code 2.
rem Plain cmd: never the and/or chain operators (wine's cmd runs both sides whatever the code).
setlocal
set NoDefaultCurrentDirectoryInExePath=1
chcp 65001 >nul 2>&1
set "KIT=%~dp0"
if not exist "%KIT%python\python.exe" goto nopython
"%KIT%python\python.exe" -I -B "%KIT%verify.py" @@WAIT@@--run @@COMMAND@@
exit /b %ERRORLEVEL%
:nopython
echo kfield: USB bị từ chối: thiếu tệp python\python.exe. 1>&2
echo kfield: kit refused: missing file python\python.exe. 1>&2
echo kfield: Đừng dùng USB này. Hãy tạo lại bộ từ một máy tin cậy của tổ (kfield usb init), hoặc báo giảng viên. 1>&2
echo kfield: Do not use this stick. Rebuild the kit from a trusted team laptop (kfield usb init), or tell your lecturer. 1>&2
if "%~1"=="" pause
exit /b 2
