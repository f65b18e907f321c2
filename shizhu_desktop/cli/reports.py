"""Commands on one unit's reports and on the database file: catalog, units, demo, export, import, backup, restore."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shizhu_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    Refused,
    UsageError,
    database_lock,
    db_path,
    find_unit,
    open_workspace,
    parse_period,
    parse_today,
    print_json,
    writing_workspace,
)


def add_parsers(commands: Any) -> None:
    p = commands.add_parser("catalog", help="列出任务清单：部分、任务、指标与目标")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_catalog)

    p = commands.add_parser("units", help="列出填报单位")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_units)

    p = commands.add_parser("demo", help="为某单位生成演示报表（试用程序用）")
    p.add_argument("--unit", required=True, help="单位名称或代码")
    p.add_argument("--through", required=True, help="生成到哪个月，格式 YYYY-MM")
    p.set_defaults(func=cmd_demo)

    p = commands.add_parser("export", help="导出报表文件")
    p.add_argument("--unit", required=True, help="单位名称或代码")
    p.add_argument("--period", required=True, help="期间 YYYY-MM（季报可写季度内任一月）")
    p.add_argument("--kind", choices=["monthly", "quarterly"], default="monthly", help="monthly 月报 / quarterly 季报")
    p.add_argument(
        "--format",
        choices=["xlsx", "pdf", "json", "docx"],
        default="json",
        help="文件格式：xlsx（Excel）、pdf、json，季报还可 docx（Word）",
    )
    p.add_argument("--allow-missing", action="store_true", help="PDF 中缺字体的字符印成“〓”，不拒绝导出")
    p.add_argument("--revision", type=int, help="版本号（默认最新版）")
    p.add_argument("--out", type=Path, default=Path("."), help="输出文件夹（默认当前文件夹）")
    p.set_defaults(func=cmd_export)

    p = commands.add_parser("import", help="导入报表文件（.xlsx 或 .json；文件夹会递归查找）")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="报表文件或文件夹")
    p.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入数据库")
    p.add_argument("--received", help="收件日期 YYYY-MM-DD（默认今天）：报送情况按收件日期计算")
    p.add_argument("--allow-unsigned", action="store_true", help="也导入旧版本程序导出的未签名文件（标为“未签名”）")
    p.set_defaults(func=cmd_import)

    p = commands.add_parser("backup", help="备份数据库（先检查数据库是否完好）")
    p.add_argument("--out", type=Path, help="备份文件路径（默认在数据库旁的 backups 文件夹）")
    p.set_defaults(func=cmd_backup)

    p = commands.add_parser("restore", help="从备份恢复数据库（当前数据先自动备份；已损坏的改名保存）")
    p.add_argument("file", type=Path, metavar="FILE", help="备份文件")
    p.set_defaults(func=cmd_restore)

    p = commands.add_parser("lock", help="显示哪台电脑、哪个用户正在使用数据库（--clear 清除另一台电脑留下的锁定）")
    p.add_argument("--clear", action="store_true", help="清除另一台电脑留下的锁定（那台电脑已不再使用时）")
    p.set_defaults(func=cmd_lock)


def cmd_catalog(args: argparse.Namespace) -> int:
    from shizhu_desktop.datafiles import load_catalog, load_units
    from shizhu_desktop.services.catalog_view import catalog_as_dict, catalog_as_text

    catalog, units = load_catalog(), load_units()
    if db_path(args).exists():
        # The list in force on this PC: a task list distributed by the county replaces the bundled one.
        workspace = open_workspace(args)
        catalog = workspace.catalog
        workspace.close()
    if args.json:
        print_json(catalog_as_dict(catalog, units))
    else:
        print(catalog_as_text(catalog, units))
    return EXIT_OK


def cmd_units(args: argparse.Namespace) -> int:
    from shizhu_desktop.datafiles import load_units

    units = load_units()
    if args.json:
        office = units.receiving_office
        print_json(
            {
                "version": units.version,
                "receiving_office": {"code": office.code, "name": office.name},
                "units": [{"code": u.code, "name": u.name, "kind": u.kind} for u in units],
            }
        )
        return EXIT_OK
    for kind, members in units.grouped().items():
        print(f"【{kind}】{len(members)}个")
        for unit in members:
            print(f"  {unit.code}  {unit.name}")
    print(f"【报送机关】{units.receiving_office.name}（{units.receiving_office.code}）")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from shizhu_desktop.services.demo import DemoError, fill_demo

    through = parse_period(args.through)
    with writing_workspace(args, "生成演示数据") as workspace:
        unit = find_unit(workspace, args.unit)
        try:
            result = fill_demo(workspace, unit, through)
        except DemoError as exc:
            raise Refused(str(exc)) from None
    print(f"已为{unit.name}生成{result.reports}份演示报表（{through.year}年1月至{through.month}月）。")
    if result.example_list:
        print(f"并在本数据库发布了示例任务清单（{through.year}年示例目标及分解，数值虚构，仅供演示）。")
    if result.skipped_periods:
        print(f"以下月份已有报表，未改动：{'、'.join(result.skipped_periods)}")
    print(db_path(args))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from shizhu_desktop.domain.report import ReportKind
    from shizhu_desktop.fileio import FileWriteError
    from shizhu_desktop.services.exporting import ExportFormatError, MissingGlyphsError, export_report
    from shizhu_desktop.services.identity import ClockError

    period = parse_period(args.period)
    kind = ReportKind(args.kind)
    workspace = open_workspace(args)
    try:
        unit = find_unit(workspace, args.unit)
        report = workspace.reports.find(unit.code, period, kind, args.revision)
        if report is None:
            which = f"第{args.revision}版" if args.revision else ""
            what = period.label if kind is ReportKind.MONTHLY else period.quarter_label
            raise Refused(f"数据库中没有{unit.name}{what}的{kind.label}{which}：请先填报，或检查单位和期间。")
        if not report.is_final:
            print(f"注意：{unit.name}这份{kind.short_label}还是草稿，尚未定稿。", file=sys.stderr)
        try:
            path = export_report(workspace, report, args.format, args.out, allow_missing=args.allow_missing)
        except MissingGlyphsError as exc:
            raise Refused(f"{exc.message}（命令行可加 --allow-missing 参数照常导出。）") from None
        except (ExportFormatError, ClockError, FileWriteError) as exc:
            raise Refused(str(exc)) from None
        except OSError as exc:
            raise Refused(
                f"无法写入文件夹 {args.out}（{exc.strerror or exc}）：请检查文件夹是否存在、是否可写。"
            ) from None
    finally:
        workspace.close()
    print(path)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from shizhu_desktop.services.exchange import import_files
    from shizhu_desktop.services.inbox import find_report_files, other_files

    received = parse_today(args.received)
    if received > parse_today(None):
        raise UsageError(f"收件日期 {received.isoformat()} 晚于今天：请写实际收到文件的日期。")
    files = find_report_files(args.files)  # the folders are walked once
    if not files:
        raise Refused("所给文件夹中没有找到报表文件（.json 或 .xlsx）。")
    options = {"received_on": received, "allow_unsigned": args.allow_unsigned}
    if args.dry_run:
        with _dry_run_db(args):
            workspace = open_workspace(args)
            try:
                results = import_files(workspace, files, dry_run=True, **options)
            finally:
                workspace.close()
    else:
        with writing_workspace(args, "导入") as workspace:
            if args.received is None:
                _check_clock(workspace)
            results = import_files(workspace, files, **options)
    prefix = "（试运行，未写入）" if args.dry_run else ""
    for result in results:
        stream = sys.stderr if result.outcome.is_failure else sys.stdout
        print(prefix + result.line, file=stream, flush=True)
    failures = [r for r in results if r.outcome.is_failure]
    counts: dict[str, int] = {}
    for result in results:
        counts[result.outcome.label] = counts.get(result.outcome.label, 0) + 1
    print("合计：" + "，".join(f"{label}{n}个" for label, n in counts.items()))
    others = other_files(args.files)
    if others:
        kinds = "、".join(sorted({p.suffix.lower() or p.name for p in others})[:6])
        print(f"另有{len(others)}个文件不是报表数据文件（{kinds}），未处理。")
    return EXIT_REFUSED if failures else EXIT_OK


def _check_clock(workspace: Any) -> None:
    """The 收件日期 defaults to the PC's date: a date earlier than what the PC saved before would be false."""
    from shizhu_desktop.services.identity import ClockError, check_clock

    try:
        check_clock(workspace)
    except ClockError as exc:
        raise Refused(f"{exc}（也可以用 --received 年-月-日 写明收件日期。）") from None


@contextlib.contextmanager
def _dry_run_db(args: argparse.Namespace) -> Iterator[None]:
    """A preview against a database that does not exist yet uses a throw-away one: a typo creates no file."""
    if db_path(args).exists():
        yield
        return
    with tempfile.TemporaryDirectory() as folder:
        saved = args.db
        args.db = Path(folder) / "preview.sqlite"
        try:
            yield
        finally:
            args.db = saved


def cmd_backup(args: argparse.Namespace) -> int:
    from shizhu_desktop.fileio import FileWriteError
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.store.backups import MANUAL
    from shizhu_desktop.store.db import backup_copy

    path = db_path(args)
    if not path.exists():
        raise Refused(f"数据库 {path} 不存在，没有可备份的数据。")
    workspace = open_workspace(args)
    try:
        out = backup_copy(workspace.db, path, MANUAL, args.out)
    except (DatabaseError, FileWriteError) as exc:
        raise Refused(str(exc)) from None
    finally:
        workspace.close()
    print(out)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from shizhu_desktop.fileio import FileWriteError
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.store.backup import check_backup_file, restore_database
    from shizhu_desktop.store.location import network_filesystem, writable_problem

    try:
        check_backup_file(args.file)
    except DatabaseError as exc:
        raise Refused(str(exc)) from None
    path = db_path(args)
    if network_filesystem(path):
        open_workspace(args)  # refused with the explanation why a network drive is not used
    problem = writable_problem(path)
    if problem:
        raise Refused(f"不能恢复到 {path}（{problem}）：请把数据库放到可写的位置。")
    with database_lock(args, "恢复"):
        try:
            restored = restore_database(path, args.file)
        except (DatabaseError, FileWriteError) as exc:
            raise Refused(str(exc)) from None
        open_workspace(args).close()  # re-open: migrates a backup taken by an older version
    print(f"已从 {args.file} 恢复。{restored.note}", file=sys.stderr)
    print(restored.safety_copy or restored.kept_aside or path)
    return EXIT_OK


def cmd_lock(args: argparse.Namespace) -> int:
    from shizhu_desktop.locking import DatabaseLock, LockHeldError, holder

    path = db_path(args)
    info = holder(path)
    if info is None:
        print(f"数据库 {path} 没有被锁定。")
        return EXIT_OK
    print(f"数据库 {path} 正在被{info.describe()}使用。")
    if not args.clear:
        return EXIT_OK
    lock = DatabaseLock(path)
    try:
        lock.acquire(clear_other_host=True)
    except LockHeldError as exc:
        raise Refused(f"{exc}这个程序还在运行，锁定不能清除：请在那里关闭程序。") from None
    lock.release()
    print("已清除锁定。")
    return EXIT_OK
