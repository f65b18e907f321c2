"""The county's key registry at work: which key may sign for a unit, and the confirm / replace flows."""

from __future__ import annotations

from dataclasses import dataclass

from shizhu_desktop.domain.trust import Decision, KeyState, UnitKey, Verdict, decide, in_force
from shizhu_desktop.domain.units import Unit
from shizhu_desktop.interchange.fingerprints import key_fingerprint, normalise_fingerprint
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.db import write_transaction
from shizhu_desktop.store.keys import UnitKeyRepository


class KeyRegistryError(ValueError):
    """A confirm/replace request that cannot be carried out; the message is Chinese."""


@dataclass(frozen=True)
class SignerCheck:
    """The registry's answer for one file: accepted or not, and the Chinese reason when not."""

    decision: Decision
    fingerprint: str
    message: str = ""

    @property
    def accepted(self) -> bool:
        return self.decision.accepted


def check_signer(workspace: Workspace, unit: Unit, public_key: bytes) -> SignerCheck:
    """May ``public_key`` sign for ``unit``? Reads the registry only: a refused file changes nothing."""
    fingerprint = key_fingerprint(public_key)
    decision = decide(UnitKeyRepository(workspace.db).keys(unit.code), fingerprint)
    if decision.accepted:
        return SignerCheck(decision, fingerprint)
    current = decision.other
    if decision.verdict is Verdict.RETIRED and decision.matched is not None:
        day = decision.matched.changed_at
        message = (
            f"{unit.name}已于{day.year}年{day.month}月{day.day}日更换密钥，本文件是用已停用的旧密钥"
            f"（指纹 {fingerprint}）签名的，不能导入。请让{unit.name}用现在使用的电脑重新导出后再发送。"
        )
    else:
        held = f"{current.state.label}的密钥指纹为 {current.fingerprint}" if current else "另有密钥"
        message = (
            f"{unit.name}的密钥不符：县里登记的{held}，本文件的密钥指纹为 {fingerprint}，不能导入。"
            f"可能是对方换了电脑或重装了程序，也可能是他人冒名。请打电话请{unit.name}读出其程序“帮助 → 关于”中的"
            f"密钥指纹：确是对方的新密钥时，运行 shizhu-desktop keys replace {unit.code} {fingerprint.replace(' ', '')}"
            "（或在“设置 → 单位密钥”中更换）后重新导入；否则不要导入，并告知对方。"
        )
    return SignerCheck(decision, fingerprint, message)


def record_signer(workspace: Workspace, unit: Unit, public_key: bytes, check: SignerCheck) -> None:
    """After an accepted file is stored: a first key becomes 待确认; a key confirmed by fingerprint gets its bytes."""
    if check.decision.verdict is Verdict.FIRST:
        UnitKeyRepository(workspace.db).add(unit.code, check.fingerprint, public_key, KeyState.PENDING)
    elif check.decision.verdict is Verdict.PINNED:
        UnitKeyRepository(workspace.db).add(unit.code, check.fingerprint, public_key, KeyState.CONFIRMED)


def confirm_key(workspace: Workspace, unit: Unit, typed: str) -> str:
    """确认: the fingerprint read over the phone becomes the unit's confirmed key; returns a Chinese summary.

    A key not seen yet may be confirmed in advance (its first file is then accepted). Other keys waiting for
    confirmation are refused: their reports stop counting.
    """
    fingerprint = _fingerprint(typed)
    repo = UnitKeyRepository(workspace.db)
    keys = repo.keys(unit.code)
    current = in_force(keys)
    if current is not None and current.state is KeyState.CONFIRMED:
        if current.fingerprint == fingerprint:
            return f"{unit.name}的密钥 {fingerprint} 已经确认过，无需再确认。"
        raise KeyRegistryError(
            f"{unit.name}已有确认的密钥 {current.fingerprint}。如对方确实换了电脑或重装了程序，"
            f"请用 keys replace {unit.code} {fingerprint.replace(' ', '')} 更换。"
        )
    return _make_confirmed(repo, unit, keys, fingerprint, "确认")


def replace_key(workspace: Workspace, unit: Unit, typed: str) -> str:
    """更换: a new key (new PC, reinstall) becomes the unit's confirmed key on purpose; the old one is retired."""
    fingerprint = _fingerprint(typed)
    repo = UnitKeyRepository(workspace.db)
    keys = repo.keys(unit.code)
    current = in_force(keys)
    if current is not None and current.fingerprint == fingerprint and current.state is KeyState.CONFIRMED:
        return f"{unit.name}的密钥 {fingerprint} 就是已确认的密钥，无需更换。"
    return _make_confirmed(repo, unit, keys, fingerprint, "更换为")


def _make_confirmed(repo: UnitKeyRepository, unit: Unit, keys: list[UnitKey], fingerprint: str, verb: str) -> str:
    changes: dict[str, KeyState] = {}
    for key in keys:
        if key.fingerprint == fingerprint:
            continue
        if key.state is KeyState.CONFIRMED:
            changes[key.fingerprint] = KeyState.REPLACED
        elif key.state is KeyState.PENDING:
            changes[key.fingerprint] = KeyState.REFUSED
    known = next((k for k in keys if k.fingerprint == fingerprint), None)
    with write_transaction(repo.db):
        repo.set_states(unit.code, changes)
        repo.add(unit.code, fingerprint, known.public_key if known else None, KeyState.CONFIRMED)
    lines = [f"已{verb}{unit.name}的密钥 {fingerprint}（已确认）。"]
    if known is None:
        lines.append("这个密钥还没有收到过文件：此后收到的用它签名的文件会被接受，用其他密钥签名的会被拒绝。")
    for old, state in changes.items():
        effect = "此前用它签名的报表仍然有效" if state is KeyState.REPLACED else "此前用它签名的报表不再计入报送情况"
        lines.append(f"原密钥 {old} 改为“{state.label}”，{effect}。")
    return "\n".join(lines)


def _fingerprint(typed: str) -> str:
    fingerprint = normalise_fingerprint(typed)
    if fingerprint is None:
        raise KeyRegistryError(
            f"“{typed}”不是密钥指纹：指纹是20位十六进制字符（0-9、A-F），"
            "通常写成5组、每组4位，例如 3F2A 91C0 7B4D E815 0C6F。"
        )
    return fingerprint
