"""The county's key registry rules: which unit key a signed file may carry, and what the registry then records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class KeyState(str, Enum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REPLACED = "replaced"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {"pending": "待确认", "confirmed": "已确认", "replaced": "已更换", "refused": "已拒绝"}[self.value]


@dataclass(frozen=True)
class UnitKey:
    """One key the county has seen or been told of for a unit. ``public_key`` is None for a key confirmed by
    its fingerprint (read out over the phone) before any file signed with it arrived."""

    unit_code: str
    fingerprint: str
    public_key: bytes | None
    state: KeyState
    first_seen: datetime
    changed_at: datetime
    id: int | None = None


class Verdict(str, Enum):
    #: The key is the unit's confirmed one (or pending, still the only one): import.
    KNOWN = "known"
    #: The unit has no key on record: import, and record this one as 待确认 (trust on first use).
    FIRST = "first"
    #: The unit's confirmed key was given by fingerprint only and this file matches it: import, store the key.
    PINNED = "pinned"
    #: Another key is on record for the unit (confirmed or waiting for confirmation): refuse.
    OTHER_KEY = "other_key"
    #: This key was the unit's once and has been replaced on purpose (an old PC): refuse.
    RETIRED = "retired"


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    #: The registry entry this key matched, if any.
    matched: UnitKey | None = None
    #: The unit's key in force (confirmed, else pending) when it is not this one.
    other: UnitKey | None = None

    @property
    def accepted(self) -> bool:
        return self.verdict in (Verdict.KNOWN, Verdict.FIRST, Verdict.PINNED)


def in_force(keys: Sequence[UnitKey]) -> UnitKey | None:
    """The unit's key in force: the confirmed one, else the first pending one."""
    confirmed = [k for k in keys if k.state is KeyState.CONFIRMED]
    if confirmed:
        return confirmed[0]
    pending = sorted((k for k in keys if k.state is KeyState.PENDING), key=lambda k: k.first_seen)
    return pending[0] if pending else None


def decide(keys: Sequence[UnitKey], fingerprint: str) -> Decision:
    """Whether a file for a unit signed by the key with ``fingerprint`` may be imported, given the unit's keys.

    Once a unit has a key on record — confirmed, or only pending — a file signed by any other key is refused: a
    forger who signs with a key of his own cannot pass as a unit the county already heard from. A new PC is
    accepted on purpose only (``keys replace``).
    """
    matched = next((k for k in keys if k.fingerprint == fingerprint), None)
    current = in_force(keys)
    if matched is not None and matched.state is KeyState.REPLACED:
        return Decision(Verdict.RETIRED, matched, current)
    if matched is not None and matched is current:
        if matched.public_key is None:
            return Decision(Verdict.PINNED, matched)
        return Decision(Verdict.KNOWN, matched)
    if current is None:
        return Decision(Verdict.FIRST)
    return Decision(Verdict.OTHER_KEY, matched, current)
