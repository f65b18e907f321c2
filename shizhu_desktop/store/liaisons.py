"""The liaison each unit gave in its newest received report, found by SQL rather than by reading every report."""

from __future__ import annotations

from shizhu_desktop.domain.periods import Period
from shizhu_desktop.domain.report import Liaison
from shizhu_desktop.store.connection import Database


def latest_liaisons(db: Database, codes: list[str]) -> dict[str, tuple[Liaison, Period]]:
    """Unit code → (liaison, period) of its newest final imported report of any period and kind."""
    if not codes:
        return {}
    found: dict[str, tuple[Liaison, Period]] = {}
    for start in range(0, len(codes), 500):  # SQLite's limit on bound parameters
        chunk = codes[start : start + 500]
        rows = db.execute(
            f"""SELECT unit_code, section, liaison, phone, leader, period FROM (
                  SELECT unit_code, section, liaison, phone, leader, period, ROW_NUMBER() OVER (
                    PARTITION BY unit_code ORDER BY period DESC, revision DESC, kind = 'monthly' DESC
                  ) AS rank
                  FROM reports WHERE source = 'imported' AND state = 'final'
                    AND unit_code IN ({",".join("?" * len(chunk))})
                ) WHERE rank = 1""",
            chunk,
        ).fetchall()
        for code, section, name, phone, leader, period in rows:
            found[str(code)] = (Liaison(section, name, phone, leader), Period.parse(period))
    return found
