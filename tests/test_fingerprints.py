"""Fingerprints, 校验码 and QR text are stable, readable and round-trip from what a clerk types."""

from __future__ import annotations

import base64
import hashlib

from shizhu_desktop.interchange.fingerprints import (
    check_code,
    key_fingerprint,
    normalise_fingerprint,
    payload_fingerprint,
    qr_text,
)

KEY = bytes(range(32))


def test_fingerprint_is_five_groups_of_four_hex_digits_of_the_key_hash() -> None:
    shown = key_fingerprint(KEY)
    assert shown.replace(" ", "") == hashlib.sha256(KEY).hexdigest().upper()[:20]
    assert [len(g) for g in shown.split(" ")] == [4, 4, 4, 4, 4]
    assert key_fingerprint(bytes(32)) != shown


def test_a_typed_fingerprint_is_normalised_and_junk_is_refused() -> None:
    shown = key_fingerprint(KEY)
    assert normalise_fingerprint(shown.lower().replace(" ", "-")) == shown
    assert normalise_fingerprint(shown.replace(" ", "")) == shown
    assert normalise_fingerprint(shown[:-1]) is None
    assert normalise_fingerprint("ZZZZ " + shown[5:]) is None


def test_payload_fingerprint_and_qr_text() -> None:
    payload = {
        "unit": {"code": "500240001", "name": "南宾街道"},
        "period": "2026-11",
        "kind": "monthly",
        "revision": 2,
        "sha256": "ab" * 32,
        "signature": {"alg": "ed25519", "public_key": base64.b64encode(KEY).decode(), "value": ""},
    }
    assert payload_fingerprint(payload) == key_fingerprint(KEY)
    assert payload_fingerprint({**payload, "signature": None}) is None
    assert payload_fingerprint({**payload, "signature": {"public_key": "not base64!"}}) is None
    assert qr_text(payload) == "SZGR1|500240001|2026-11|monthly|2|" + "ab" * 32
    assert check_code("ab" * 32) == "ABAB-ABAB"
