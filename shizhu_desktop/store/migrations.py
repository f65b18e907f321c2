"""Numbered schema migrations; ``MIGRATIONS[n - 1]`` brings a database from version n-1 to n."""

from __future__ import annotations

from collections.abc import Callable

from shizhu_desktop.store.connection import Database

SCHEMA_V1 = """
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    unit_code TEXT NOT NULL,
    section TEXT NOT NULL DEFAULT '',
    liaison TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    leader TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL DEFAULT 'unit' CHECK (mode IN ('unit', 'county')),
    updated_at TEXT NOT NULL
);
CREATE TABLE profile_tasks (
    task INTEGER PRIMARY KEY
);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    unit_code TEXT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    state TEXT NOT NULL CHECK (state IN ('draft', 'final')),
    section TEXT NOT NULL DEFAULT '',
    liaison TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    leader TEXT NOT NULL DEFAULT '',
    catalog_version TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finalized_at TEXT,
    UNIQUE (unit_code, period, kind, revision)
);
CREATE TABLE entries (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    task INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT '',
    progress TEXT NOT NULL DEFAULT '',
    cumulative TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (report_id, task)
);
CREATE TABLE indicator_values (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    value REAL,
    cumulative REAL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, indicator)
);
CREATE TABLE narratives (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    work TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    plans TEXT NOT NULL DEFAULT ''
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    report_id INTEGER REFERENCES reports(id) ON DELETE SET NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL,
    old TEXT,
    new TEXT
);
CREATE INDEX audit_log_report ON audit_log (report_id);
"""

# Version 2: the working-day override table, and where an imported report came from (county side).
SCHEMA_V2 = """
CREATE TABLE calendar_overrides (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('休', '班')),
    notice TEXT NOT NULL DEFAULT ''
);
ALTER TABLE reports ADD COLUMN source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'imported'));
ALTER TABLE reports ADD COLUMN digest TEXT;
ALTER TABLE reports ADD COLUMN received_at TEXT;
"""


def _script(sql: str) -> Callable[[Database], None]:
    def migrate(db: Database) -> None:
        # Statement by statement: executescript() would COMMIT the migration's transaction.
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)

    return migrate


# Version 3: when a report was first finalized, kept through its later revisions (timeliness counts from it).
SCHEMA_V3 = """
ALTER TABLE reports ADD COLUMN first_finalized_at TEXT;
UPDATE reports SET first_finalized_at = (
    SELECT MIN(r.finalized_at) FROM reports r
    WHERE r.unit_code = reports.unit_code AND r.period = reports.period AND r.kind = reports.kind
) WHERE state = 'final';
"""

# Version 4: signed submissions. The installation's own key pair; the county's registry of the units' keys
# (待确认 / 已确认 / 已更换 / 已拒绝; a key may be known by its fingerprint only, confirmed by phone before
# its first file arrives); and the signature each imported report came with, so it can be shown and re-exported.
# Also for the county's speed: reports by period (a year's 报送情况 without reading ten years), and the hash of
# every file imported, so a file seen before is recognised without parsing it again; and the audit log by time,
# so the clock check at every 定稿 and export reads one index entry, not the whole log.
SCHEMA_V4 = """
CREATE TABLE own_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL CHECK (length(private_key) = 32),
    public_key BLOB NOT NULL CHECK (length(public_key) = 32),
    created_at TEXT NOT NULL
);
CREATE TABLE unit_keys (
    id INTEGER PRIMARY KEY,
    unit_code TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    public_key BLOB CHECK (public_key IS NULL OR length(public_key) = 32),
    state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'replaced', 'refused')),
    first_seen TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    UNIQUE (unit_code, fingerprint)
);
CREATE TABLE report_signatures (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    public_key BLOB NOT NULL CHECK (length(public_key) = 32),
    signature BLOB NOT NULL CHECK (length(signature) = 64),
    fingerprint TEXT NOT NULL,
    generator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_signatures_fingerprint ON report_signatures (fingerprint);
CREATE INDEX reports_period ON reports (period, kind);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TABLE imported_files (
    sha256 TEXT PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    size INTEGER NOT NULL,
    first_seen TEXT NOT NULL
);
"""

MIGRATIONS: list[Callable[[Database], None]] = [
    _script(SCHEMA_V1),
    _script(SCHEMA_V2),
    _script(SCHEMA_V3),
    _script(SCHEMA_V4),
]
LATEST_VERSION = len(MIGRATIONS)
