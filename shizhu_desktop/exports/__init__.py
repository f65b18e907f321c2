"""Excel and PDF exports in the official layouts (openpyxl and reportlab, imported lazily; no Qt)."""
