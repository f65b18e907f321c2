"""This installation's signing key, the signed payload of a report, and the check that the PC's clock is sane."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shizhu_desktop.domain.profile import Profile
from shizhu_desktop.domain.report import CHINA_TZ, Report, now_china
from shizhu_desktop.domain.units import Unit
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store.clock import newest_local_time

if TYPE_CHECKING:
    from shizhu_desktop.interchange.signing import KeyPair

# interchange.signing (and the `cryptography` library behind it) and the key tables are imported where a key is
# used: the window needs the clock check at start, keys only at setup, 定稿 and export (issue 13: start-up).

#: NTP corrections and a clerk fixing a fast clock by a few minutes are not a wrong date.
CLOCK_TOLERANCE = timedelta(minutes=10)


class ClockError(RuntimeError):
    """The PC's date is earlier than what it saved before: 定稿 and export would carry a false date."""


def own_key(workspace: Workspace) -> KeyPair:
    """The installation's key pair, made on first use (first setup, or the first export of an older database)."""
    from shizhu_desktop.interchange.signing import KeyPair, generate_keypair
    from shizhu_desktop.store.keys import OwnKeyRepository

    repo = OwnKeyRepository(workspace.db)
    stored = repo.get()
    if stored is None:
        fresh = generate_keypair()
        stored = repo.create(fresh.private_key, fresh.public_key)
    return KeyPair(*stored)


def save_profile(workspace: Workspace, profile: Profile) -> None:
    """Save the setup (本机用途, unit, liaison, tasks); the first setup also makes the installation's key pair."""
    workspace.profiles.save(profile)
    own_key(workspace)


def signed_payload(workspace: Workspace, report: Report, unit: Unit) -> dict[str, Any]:
    """The payload to write into a file: a local report signed with this installation's key; an imported one
    with the signature it arrived with (rebuilt as its sender wrote it), never re-signed as if it were ours."""
    from shizhu_desktop.interchange.payload import build_payload
    from shizhu_desktop.interchange.signing import sign_payload, with_signature
    from shizhu_desktop.store.keys import SignatureRepository

    if report.source != "imported":
        return sign_payload(build_payload(report, unit), own_key(workspace))
    stored = SignatureRepository(workspace.db).of(report.id) if report.id is not None else None
    if stored is None:
        return build_payload(report, unit)  # imported unsigned (--allow-unsigned): stays unsigned
    public_key, signature, generator = stored
    return with_signature(build_payload(report, unit, generator or None), public_key, signature)


def check_clock(workspace: Workspace, now: datetime | None = None) -> None:
    """Raise :class:`ClockError` when the PC's clock is earlier than the newest time it saved before."""
    now = now or now_china()
    newest = newest_local_time(workspace.db)
    if newest is not None and now < newest - CLOCK_TOLERANCE:
        raise ClockError(
            f"这台电脑的日期不对：现在显示为{_when(now)}，但本机在{_when(newest)}已经保存过内容。"
            "日期不对时定稿和导出的报表会带上错误的日期，所以暂不能定稿或导出。"
            "请把电脑的日期和时间改正（右键任务栏右下角的时间 → 调整日期/时间），然后再试。"
        )


def _when(moment: datetime) -> str:
    moment = moment.astimezone(CHINA_TZ)
    return f"{moment.year}年{moment.month}月{moment.day}日{moment.hour:02d}:{moment.minute:02d}"
