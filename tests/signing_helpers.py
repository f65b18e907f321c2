"""Fixed test keys, and payloads signed the way the program signs them (or forged the ways an attacker would)."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from shizhu_desktop.interchange.signing import KeyPair, sign_payload


def key(seed: int) -> KeyPair:
    """A reproducible key pair (never use such keys outside tests)."""
    private = bytes([seed]) * 32
    public = Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return KeyPair(private, public)


UNIT_KEY, FORGER_KEY = key(1), key(2)


def signed(payload: dict[str, Any], by: KeyPair = UNIT_KEY) -> dict[str, Any]:
    return sign_payload(payload, by)
