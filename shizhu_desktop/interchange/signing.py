"""Ed25519 signatures over a payload's canonical JSON (the `cryptography` library); no key ever enters a file."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from shizhu_desktop.interchange.canonical import DIGEST_FIELD, SIGNATURE_FIELD, canonical_json, seal
from shizhu_desktop.interchange.fingerprints import key_fingerprint

ALGORITHM = "ed25519"
KEY_BYTES = 32
SIGNATURE_BYTES = 64


class SignatureError(ValueError):
    """A missing, malformed or wrong signature. ``code`` names the check; the message is Chinese."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class KeyPair:
    """An installation's key: raw 32-byte private and public halves (stored in the database, nowhere else)."""

    private_key: bytes
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)

    def __repr__(self) -> str:  # never print the private half by accident (logs, tracebacks)
        return f"KeyPair(fingerprint={self.fingerprint!r})"


def generate_keypair() -> KeyPair:
    """A new Ed25519 key pair from the operating system's random source."""
    private = Ed25519PrivateKey.generate()
    return KeyPair(
        private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
        private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
    )


def signed_message(payload: dict[str, Any]) -> bytes:
    """What is signed: the canonical JSON of everything but the digest and the signature itself."""
    return canonical_json({k: v for k, v in payload.items() if k not in (DIGEST_FIELD, SIGNATURE_FIELD)})


def sign_payload(payload: dict[str, Any], key: KeyPair) -> dict[str, Any]:
    """A copy of ``payload`` with its signature block and its digest set (the digest does not cover the signature)."""
    private = Ed25519PrivateKey.from_private_bytes(key.private_key)
    body = {k: v for k, v in payload.items() if k not in (DIGEST_FIELD, SIGNATURE_FIELD)}
    return with_signature(body, key.public_key, private.sign(signed_message(body)))


def with_signature(payload: dict[str, Any], public_key: bytes, signature: bytes) -> dict[str, Any]:
    """A copy of ``payload`` carrying this signature block, digest set (also to re-attach one kept on import)."""
    body = {k: v for k, v in payload.items() if k not in (DIGEST_FIELD, SIGNATURE_FIELD)}
    body[SIGNATURE_FIELD] = {
        "alg": ALGORITHM,
        "public_key": base64.b64encode(public_key).decode("ascii"),
        "value": base64.b64encode(signature).decode("ascii"),
    }
    return seal(body)


def verify_signature(payload: dict[str, Any]) -> bytes:
    """Check the payload's signature; return the raw public key that made it. Raise :class:`SignatureError`."""
    block = payload.get(SIGNATURE_FIELD)
    if block is None:
        raise SignatureError("unsigned", "文件没有签名：不能确认是谁发出的。请让填报单位用新版本程序重新导出后再发送。")
    if not isinstance(block, dict) or set(block) != {"alg", "public_key", "value"} or block["alg"] != ALGORITHM:
        raise SignatureError("bad_signature", "文件的签名格式不对：文件已损坏或被改动，请让填报单位重新导出后再发送。")
    public_key = _decode(block["public_key"], KEY_BYTES)
    value = _decode(block["value"], SIGNATURE_BYTES)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(value, signed_message(payload))
    except (InvalidSignature, ValueError):
        raise SignatureError(
            "bad_signature",
            "签名不符：文件在签名后被改动过，或不是用所示密钥签名的，不能导入。请让填报单位用本程序重新导出原文件后再发送。",
        ) from None
    return public_key


def _decode(text: object, length: int) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True) if isinstance(text, str) else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != length:
        raise SignatureError("bad_signature", "文件的签名格式不对：文件已损坏或被改动，请让填报单位重新导出后再发送。")
    return raw
