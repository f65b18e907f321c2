"""Qt widgets and models: the only package besides app.py that imports PySide6."""
