@echo off
rem kfield USB kit for Windows (@@PURPOSE@@). Runs the kit's own CPython (python\), no Python
rem needs to be installed. Checks every file against MANIFEST.sha256 with verify.py first and
rem refuses (exit code 2) if one is missing or changed. Plain cmd: "if errorlevel", never the
rem and/or chain operators (wine's cmd runs both sides of those whatever the exit code).
setlocal
set NoDefaultCurrentDirectoryInExePath=1
chcp 65001 >nul 2>&1
set "KIT=%~dp0"
if not exist "%KIT%python\python.exe" goto nopython
"%KIT%python\python.exe" -I -B "%KIT%verify.py"
if errorlevel 1 exit /b 2
"%KIT%python\python.exe" -I -B -m kfield @@COMMAND@@
exit /b %ERRORLEVEL%
:nopython
echo kfield: USB bị từ chối: thiếu tệp python\python.exe. 1>&2
echo kfield: kit refused: missing file python\python.exe. 1>&2
exit /b 2
