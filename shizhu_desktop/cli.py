"""The command line: the same services as the GUI, without importing Qt, openpyxl or reportlab."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shizhu_desktop import APP_NAME, __version__, cli_text
from shizhu_desktop.paths import DB_ENV, default_db_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class Refused(Exception):
    """Input refused: printed on stderr, exit status 1."""


class UsageError(Exception):
    """Wrong use of the command line: printed on stderr, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    cli_text.install()
    parser = argparse.ArgumentParser(
        prog="shizhu-desktop",
        description=f"{APP_NAME}：不带命令时打开图形界面；带命令时在命令行完成相应工作。",
        epilog=f"数据库位置：--db 指定，或环境变量 {DB_ENV}，否则为 {default_db_path()}。"
        "退出码：0 完成，1 输入被拒绝，2 用法错误。",
    )
    parser.add_argument("--db", type=Path, help="数据库文件路径")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="显示版本并退出")
    parser.add_argument(
        "--smoke", action="store_true", help="启动图形界面，绘制完主窗口后打印启动毫秒数并退出（自检用）"
    )
    commands = parser.add_subparsers(dest="command", title="命令", metavar="命令")

    p = commands.add_parser("catalog", help="列出任务清单：部分、任务、指标与目标")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = commands.add_parser("units", help="列出填报单位")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = commands.add_parser("demo", help="为某单位生成演示报表（试用程序用）")
    p.add_argument("--unit", required=True, help="单位名称或代码")
    p.add_argument("--through", required=True, help="生成到哪个月，格式 YYYY-MM")

    p = commands.add_parser("export", help="导出报表文件")
    p.add_argument("--unit", required=True, help="单位名称或代码")
    p.add_argument("--period", required=True, help="期间 YYYY-MM（季报可写季度内任一月）")
    p.add_argument("--kind", choices=["monthly", "quarterly"], default="monthly", help="monthly 月报 / quarterly 季报")
    p.add_argument(
        "--format", choices=["xlsx", "pdf", "json"], default="json", help="文件格式：xlsx（Excel）、pdf 或 json"
    )
    p.add_argument("--allow-missing", action="store_true", help="PDF 中缺字体的字符印成“〓”，不拒绝导出")
    p.add_argument("--revision", type=int, help="版本号（默认最新版）")
    p.add_argument("--out", type=Path, default=Path("."), help="输出文件夹（默认当前文件夹）")

    p = commands.add_parser("import", help="导入报表文件（.xlsx 或 .json；文件夹会递归查找）")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="报表文件或文件夹")
    p.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入数据库")

    p = commands.add_parser("backup", help="备份数据库")
    p.add_argument("--out", type=Path, help="备份文件路径（默认在数据库旁的 backups 文件夹）")

    p = commands.add_parser("restore", help="从备份恢复数据库（恢复前自动再备份当前数据）")
    p.add_argument("file", type=Path, metavar="FILE", help="备份文件")
    for sub in commands.choices.values():
        # `shizhu-desktop export --db X …` works as well as `shizhu-desktop --db X export …`.
        sub.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件路径")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from shizhu_desktop.app import run_gui  # Qt only for the GUI

        return run_gui(db_path=args.db, smoke=args.smoke)
    try:
        return int(_COMMANDS[args.command](args) or EXIT_OK)
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except Refused as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_REFUSED


def _safe_streams() -> None:
    # A GBK console cannot show every character (emoji, rare Han): replace them rather than crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_db_path()


def _workspace(args: argparse.Namespace) -> Any:
    from shizhu_desktop.domain.schema import DataFileError
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.store import DatabaseError

    try:
        return Workspace.open(_db_path(args))
    except (DatabaseError, DataFileError) as exc:
        raise Refused(str(exc)) from None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# -- catalog and units ---------------------------------------------------------------------------------


def cmd_catalog(args: argparse.Namespace) -> int:
    from shizhu_desktop.datafiles import load_catalog, load_units
    from shizhu_desktop.services.catalog_view import catalog_as_dict, catalog_as_text

    catalog, units = load_catalog(), load_units()
    if args.json:
        _print_json(catalog_as_dict(catalog, units))
    else:
        print(catalog_as_text(catalog, units))
    return EXIT_OK


def cmd_units(args: argparse.Namespace) -> int:
    from shizhu_desktop.datafiles import load_units

    units = load_units()
    if args.json:
        office = units.receiving_office
        _print_json(
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


# -- demo, export, import ------------------------------------------------------------------------------


def _period(text: str) -> Any:
    from shizhu_desktop.domain.periods import Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise UsageError(str(exc)) from None


def _unit(workspace: Any, name: str) -> Any:
    from shizhu_desktop.domain.units import UnknownUnitError

    try:
        return workspace.units.find(name)
    except UnknownUnitError as exc:
        raise UsageError(str(exc)) from None


def cmd_demo(args: argparse.Namespace) -> int:
    from shizhu_desktop.services.demo import DemoError, fill_demo

    through = _period(args.through)
    workspace = _workspace(args)
    try:
        unit = _unit(workspace, args.unit)
        result = fill_demo(workspace, unit, through)
    except DemoError as exc:
        raise Refused(str(exc)) from None
    finally:
        workspace.close()
    print(f"已为{unit.name}生成{result.reports}份演示报表（{through.year}年1月至{through.month}月）。")
    if result.skipped_periods:
        print(f"以下月份已有报表，未改动：{'、'.join(result.skipped_periods)}")
    print(_db_path(args))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from shizhu_desktop.domain.report import ReportKind
    from shizhu_desktop.services.exporting import MissingGlyphsError, export_report

    period = _period(args.period)
    kind = ReportKind(args.kind)
    workspace = _workspace(args)
    try:
        unit = _unit(workspace, args.unit)
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
        except OSError as exc:
            raise Refused(
                f"无法写入文件夹 {args.out}（{exc.strerror or exc}）：请检查文件夹是否存在、是否可写。"
            ) from None
    finally:
        workspace.close()
    print(path)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from shizhu_desktop.services.exchange import find_report_files, import_files

    missing = [str(p) for p in args.files if not p.exists()]
    if missing:
        raise Refused(f"找不到文件：{'、'.join(missing)}。请检查路径。")
    if not find_report_files(args.files):
        raise Refused("所给文件夹中没有找到报表文件（.json 或 .xlsx）。")
    workspace = _workspace(args)
    try:
        results = import_files(workspace, args.files, dry_run=args.dry_run)
    finally:
        workspace.close()
    prefix = "（试运行，未写入）" if args.dry_run else ""
    for result in results:
        stream = sys.stderr if result.outcome.is_failure else sys.stdout
        print(prefix + result.line, file=stream)
    failures = [r for r in results if r.outcome.is_failure]
    counts: dict[str, int] = {}
    for result in results:
        counts[result.outcome.label] = counts.get(result.outcome.label, 0) + 1
    print("合计：" + "，".join(f"{label}{n}个" for label, n in counts.items()))
    return EXIT_REFUSED if failures else EXIT_OK


# -- backup and restore --------------------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    from shizhu_desktop.store.db import backup_copy

    db_path = _db_path(args)
    if not db_path.exists():
        raise Refused(f"数据库 {db_path} 不存在，没有可备份的数据。")
    workspace = _workspace(args)
    try:
        out = backup_copy(workspace.db, db_path, "手动备份", args.out)
    finally:
        workspace.close()
    print(out)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from shizhu_desktop.services.workspace import Workspace
    from shizhu_desktop.store import DatabaseError
    from shizhu_desktop.store.backup import check_backup_file, restore_into

    try:
        check_backup_file(args.file)
    except DatabaseError as exc:
        raise Refused(str(exc)) from None
    db_path = _db_path(args)
    workspace = _workspace(args)
    try:
        safety = restore_into(workspace.db, db_path, args.file)
    except DatabaseError as exc:
        raise Refused(str(exc)) from None
    finally:
        workspace.close()
    Workspace.open(db_path).close()  # re-open: migrates a backup taken by an older version
    print(f"已从 {args.file} 恢复。恢复前的数据另存为：", file=sys.stderr)
    print(safety)
    return EXIT_OK


_COMMANDS = {
    "catalog": cmd_catalog,
    "units": cmd_units,
    "demo": cmd_demo,
    "export": cmd_export,
    "import": cmd_import,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
