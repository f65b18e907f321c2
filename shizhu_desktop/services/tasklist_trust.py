"""Signed task lists: the county signs what it publishes; a unit pins the county's key at its first import."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from shizhu_desktop.domain.report import now_china
from shizhu_desktop.interchange.fingerprints import key_fingerprint, normalise_fingerprint
from shizhu_desktop.interchange.signing import SignatureError, sign_payload, verify_signature
from shizhu_desktop.services.identity import own_key
from shizhu_desktop.services.tasklist_errors import CountyKeyChangedError, TaskListKeyError
from shizhu_desktop.services.workspace import Workspace

#: The county key a unit trusts for task lists: {"public_key": base64, "fingerprint": …, "pinned_at": …}.
COUNTY_KEY_SETTING = "tasklist.county_key"


@dataclass(frozen=True)
class CountyKeyCheck:
    fingerprint: str
    public_key: bytes
    #: True when no county key was pinned yet: importing the list pins this one.
    first: bool


def sign_tasklist(workspace: Workspace, payload: dict[str, Any]) -> dict[str, Any]:
    """The task list payload signed with this (the county's) installation key."""
    return sign_payload(payload, own_key(workspace))


def tasklist_signer(data: dict[str, Any], name: str) -> bytes:
    """The public key that signed a task list; raise :class:`TaskListKeyError` when unsigned or badly signed."""
    try:
        return verify_signature(data)
    except SignatureError as exc:
        if exc.code == "unsigned":
            raise TaskListKeyError(
                f"{name} 没有签名（旧版本程序导出的任务清单）：不能确认是县里发出的。"
                "请向县政府督查办索取用新版本程序导出的清单。"
            ) from None
        raise TaskListKeyError(
            f"{name} 的签名不符：文件在县里导出后被改动过，不能导入。请向县政府督查办重新索取。"
        ) from None


def pinned_county_key(workspace: Workspace) -> tuple[bytes, str] | None:
    """(public key, fingerprint) of the county key this unit trusts, or None before the first task list."""
    stored = workspace.settings.get(COUNTY_KEY_SETTING)
    if not isinstance(stored, dict) or not isinstance(stored.get("public_key"), str):
        return None
    public_key = base64.b64decode(stored["public_key"])
    return public_key, key_fingerprint(public_key)


def check_county_key(workspace: Workspace, public_key: bytes, name: str, new_key: str | None = None) -> CountyKeyCheck:
    """Is ``public_key`` the county key this unit pinned? ``new_key`` accepts another one on purpose."""
    fingerprint = key_fingerprint(public_key)
    pinned = pinned_county_key(workspace)
    if pinned is None or pinned[0] == public_key:
        return CountyKeyCheck(fingerprint, public_key, pinned is None)
    if new_key is not None and normalise_fingerprint(new_key) == fingerprint:
        return CountyKeyCheck(fingerprint, public_key, True)
    raise CountyKeyChangedError(
        f"{name} 不是用县里的密钥签名的：本机记下的县政府督查办密钥指纹为 {pinned[1]}，这份清单的指纹为 {fingerprint}。"
        "可能是县里换了电脑，也可能是他人伪造。请打电话向县政府督查办核对指纹：确是县里的新密钥时，"
        f"命令行加 --new-county-key {fingerprint.replace(' ', '')}（或在导入时确认）后重新导入；否则不要导入。",
        fingerprint,
    )


def pin_county_key(workspace: Workspace, check: CountyKeyCheck) -> None:
    """Remember the county key (called in the transaction that adopts the task list)."""
    workspace.settings.set(
        COUNTY_KEY_SETTING,
        {
            "public_key": base64.b64encode(check.public_key).decode("ascii"),
            "fingerprint": check.fingerprint,
            "pinned_at": now_china().isoformat(),
        },
    )
