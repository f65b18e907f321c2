"""Runs first inside the bundle: streams that exist, and the library path of the programs the bundle starts."""

import os
import sys

# The windowed Windows executable has no console: sys.stdout and sys.stderr are None there, and the first
# print (argparse's --help, a warning) would raise. Their output is dropped instead; the -cli twin shows it.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)

# On Linux the bootloader puts the bundle's folder first on LD_LIBRARY_PATH. Programs the bundle starts
# (xdg-open for 打印 and 打开文件夹, the PDF viewer it starts in turn) would then load our copies of libraries
# instead of their own. Give them the user's original value (PyInstaller keeps it in LD_LIBRARY_PATH_ORIG); this
# process keeps the path it started with, as the dynamic loader read it at start.
if sys.platform.startswith("linux") and "LD_LIBRARY_PATH" in os.environ:
    _original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if _original:
        os.environ["LD_LIBRARY_PATH"] = _original
    else:
        del os.environ["LD_LIBRARY_PATH"]
