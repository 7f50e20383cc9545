@echo off
rem kfield USB kit (@@PURPOSE@@). Checks every file against MANIFEST.sha256 with verify.py
rem first; refuses (exit code 2) if one is missing or changed.
setlocal
rem Never run a python.exe or py.exe planted in the current folder (the stick).
set NoDefaultCurrentDirectoryInExePath=1
chcp 65001 >nul
set "KIT=%~dp0"
set "PY="
py -3 -c "import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)" >nul 2>&1 && set "PY=py -3"
if not defined PY python -c "import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)" >nul 2>&1 && set "PY=python"
if not defined PY (
    echo kfield: không tìm thấy Python 3.10 trở lên ^(đã thử py -3, python^); hãy cài Python 3.10+ rồi chạy lại. 1>&2
    echo kfield: no Python 3.10 or newer found ^(tried py -3, python^); install Python 3.10+ and try again. 1>&2
    exit /b 2
)
%PY% -I "%KIT%verify.py" || exit /b 2
rem kfield keeps what it records on the stick (kfield-data\), nothing in the PC's user folder.
set "KFIELD_KIT=%KIT%"
rem The zipapp unpacks into a fresh folder under %TEMP%, removed afterwards.
if not defined SHIV_ROOT (
    set "SHIV_ROOT=%TEMP%\kfield-shiv-%RANDOM%%RANDOM%"
    set "KFIELD_CLEAN=1"
)
%PY% -I "%KIT%kfield.pyz" @@COMMAND@@
set "CODE=%ERRORLEVEL%"
if defined KFIELD_CLEAN rmdir /s /q "%SHIV_ROOT%" >nul 2>&1
exit /b %CODE%
