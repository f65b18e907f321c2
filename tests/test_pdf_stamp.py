"""The printed copy carries what matches it with the e-mailed file: key fingerprint, 校验码 and a QR code."""

from __future__ import annotations

import base64
import dataclasses
import itertools
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.exports.pdf_monthly import write_monthly_pdf
from shizhu_desktop.exports.pdf_quarterly import write_quarterly_pdf
from shizhu_desktop.exports.pdfstamp import QR_SIZE, QUIET_ZONE, qr_modules
from shizhu_desktop.interchange.fingerprints import check_code, key_fingerprint, qr_text
from shizhu_desktop.services.exporting import build_bundle
from shizhu_desktop.services.workspace import Workspace
from tests.test_exports_data import monthly_report, no_system_fonts, quarterly_report  # noqa: F401

pytestmark = pytest.mark.usefixtures("no_system_fonts")
KEY = bytes(range(7, 39))  # a raw 32-byte Ed25519 public key (only its fingerprint is printed)


def _signed(bundle: Any) -> Any:
    signature = {
        "alg": "ed25519",
        "public_key": base64.b64encode(KEY).decode(),
        "value": base64.b64encode(b"s" * 64).decode(),
    }
    return dataclasses.replace(bundle, payload={**bundle.payload, "signature": signature})


def _dark_runs(text: str) -> int:
    return sum(1 for row in qr_modules(text) for dark, _ in itertools.groupby(row) if dark)


def _check(page: Any, payload: dict[str, Any]) -> None:
    text = re.sub(r"\s", "", page.extract_text() or "")
    assert f"密钥指纹：{key_fingerprint(KEY).replace(' ', '')}" in text  # extractable text, not only in the image
    assert f"校验码：{check_code(payload['sha256'])}" in text
    module = QR_SIZE / (len(qr_modules(qr_text(payload))) + 2 * QUIET_ZONE)
    squares = [r for r in page.rects if r["fill"] and abs(r["height"] - module) < 0.01]
    assert len(squares) == _dark_runs(qr_text(payload))  # the QR code, drawn module run by module run
    # Its three finder patterns: 7-module runs at the top left, top right and bottom left corners.
    assert sum(1 for r in squares if abs(r["width"] - 7 * module) < 0.01) >= 6


def test_monthly_pdf_carries_fingerprint_code_and_qr(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    bundle = _signed(build_bundle(workspace, monthly_report(workspace, unit.code, Period(2026, 11))))
    path = write_monthly_pdf(bundle, tmp_path / "m.pdf")
    with pdfplumber.open(path) as pdf:
        last = pdf.pages[-1]
        _check(last, bundle.payload)
        words = {w["text"]: w for w in last.extract_words()}
        signature = next(w for t, w in words.items() if t.startswith("分管领导"))
        fingerprint = next(w for t, w in words.items() if t.startswith("密钥指纹"))
        # Beside the signature lines, on the same band of the page, and to their right.
        assert abs(fingerprint["top"] - signature["top"]) < 30 and fingerprint["x0"] > signature["x1"]


def test_quarterly_pdf_carries_them_beside_the_seal(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("西沱镇")
    bundle = _signed(build_bundle(workspace, quarterly_report(workspace, unit.code, Period(2026, 9))))
    path = write_quarterly_pdf(bundle, tmp_path / "q.pdf")
    with pdfplumber.open(path) as pdf:
        page = next(
            p
            for p in pdf.pages
            if "西沱镇人民政府" in (p.extract_text() or "") and "密钥指纹" in (p.extract_text() or "")
        )
        _check(page, bundle.payload)
        organ = max((w for w in page.extract_words() if w["text"] == "西沱镇人民政府"), key=lambda w: w["top"])
        stamp = next(w for w in page.extract_words() if w["text"].startswith("密钥指纹"))
        assert 0 < organ["top"] - stamp["top"] < 80  # in the two lines kept for the seal above the organ name


def test_unsigned_report_says_so(workspace: Workspace, tmp_path: Path) -> None:
    unit = workspace.units.find("南宾街道")
    signed = build_bundle(workspace, monthly_report(workspace, unit.code, Period(2026, 11)))
    # A payload from before signing (an old file, or an export without a key): no signature field.
    bundle = dataclasses.replace(signed, payload={k: v for k, v in signed.payload.items() if k != "signature"})
    with pdfplumber.open(write_monthly_pdf(bundle, tmp_path / "u.pdf")) as pdf:
        text = re.sub(r"\s", "", pdf.pages[-1].extract_text() or "")
    assert "密钥指纹：未签名" in text and f"校验码：{check_code(bundle.payload['sha256'])}" in text
