"""Canonical JSON and its SHA-256 digest: the same report always gives the same bytes."""

from __future__ import annotations

import hashlib
import json
from typing import Any

DIGEST_FIELD = "sha256"
#: The signature block (interchange.signing): not part of the digest, which addresses the content only.
SIGNATURE_FIELD = "signature"


def canonical_json(obj: Any) -> bytes:
    """UTF-8, keys sorted, no insignificant whitespace, non-ASCII kept as is; NaN/Infinity refused."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def digest_of(payload: dict[str, Any]) -> str:
    """Hex SHA-256 of the canonical JSON of everything but the digest and the signature.

    The same report signed by two keys (a reinstalled PC) has one digest; a payload without a signature (every
    file before version 2) gives the digest it always had.
    """
    body = {k: v for k, v in payload.items() if k not in (DIGEST_FIELD, SIGNATURE_FIELD)}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def seal(payload: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of ``payload`` with its digest field set."""
    sealed = {k: v for k, v in payload.items() if k != DIGEST_FIELD}
    sealed[DIGEST_FIELD] = digest_of(sealed)
    return sealed
