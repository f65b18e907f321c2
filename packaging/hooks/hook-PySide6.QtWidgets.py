# Replaces PyInstaller's hook for this Qt module: the same collection, less the Qt plugins and translations the
# program does not use, taken out before PyInstaller follows their library dependencies (GTK, Cairo, …).
from bundle_plan import qt_module_hook

hiddenimports, binaries, datas = qt_module_hook(__file__)
