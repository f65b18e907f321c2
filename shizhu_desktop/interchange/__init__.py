"""The report payload: canonical JSON, its SHA-256 digest, and verification on import."""
