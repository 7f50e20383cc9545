"""Windows facts from language-independent sources, one small module per API family.

Each module keeps its pure decoding functions (bytes, typed values, ctypes structures → kfield's
dataclasses) apart from the calls into Windows, which import ``winreg``/``ctypes.WinDLL``/pywin32
only inside the call: the decoders are unit-tested on Linux, the calls run on Windows and wine.
"""
