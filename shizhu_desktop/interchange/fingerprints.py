"""Human-checkable forms of keys and reports: the key fingerprint, the 校验码 and the QR text on paper."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from typing import Any

#: Hex digits of a key fingerprint (80 bits), shown as five groups of four to read aloud over the phone.
FINGERPRINT_DIGITS = 20
#: Hex digits of a report's 校验码 (the start of its SHA-256 digest), shown as two groups of four.
CHECK_CODE_DIGITS = 8
QR_PREFIX = "SZGR1"


def key_fingerprint(public_key: bytes) -> str:
    """``3F2A 91C0 7B4D E815 0C6F``: the first 80 bits of SHA-256 of the raw 32-byte public key."""
    digest = hashlib.sha256(public_key).hexdigest().upper()[:FINGERPRINT_DIGITS]
    return " ".join(digest[i : i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def normalise_fingerprint(text: str) -> str | None:
    """A fingerprint as typed (spaces, dashes, lower case) in its shown form; None when it is not one."""
    digits = re.sub(r"[\s\-:：]", "", text).upper()
    if len(digits) != FINGERPRINT_DIGITS or not re.fullmatch(r"[0-9A-F]+", digits):
        return None
    return " ".join(digits[i : i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def public_key_of(payload: dict[str, Any]) -> bytes | None:
    """The raw public key a payload was signed with, or None for an unsigned payload."""
    signature = payload.get("signature")
    raw = signature.get("public_key") if isinstance(signature, dict) else None
    if not isinstance(raw, str):
        return None
    try:
        return base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        return None


def payload_fingerprint(payload: dict[str, Any]) -> str | None:
    """The fingerprint of the key that signed ``payload``; None when it carries no signature."""
    key = public_key_of(payload)
    return key_fingerprint(key) if key is not None else None


def check_code(digest: str) -> str:
    """``A1B2-C3D4``: the short 校验码 of a report, printed on paper to match it with the e-mailed file."""
    head = digest[:CHECK_CODE_DIGITS].upper()
    return f"{head[:4]}-{head[4:]}"


def qr_text(payload: dict[str, Any]) -> str:
    """What the QR code on the printed copy holds: unit, period, kind, revision and the full digest."""
    unit = payload.get("unit") or {}
    fields = (
        QR_PREFIX,
        str(unit.get("code", "")),
        str(payload.get("period", "")),
        str(payload.get("kind", "")),
        str(payload.get("revision", "")),
        str(payload.get("sha256", "")),
    )
    return "|".join(fields)
