"""Pure-Python domain: catalog, units, periods, deadlines, reports and validation (no I/O, no Qt)."""
