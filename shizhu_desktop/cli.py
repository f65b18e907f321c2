"""The command line: the same services as the GUI, without importing Qt, openpyxl or reportlab."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
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
    _add_county_commands(commands)
    for sub in commands.choices.values():
        # `shizhu-desktop export --db X …` works as well as `shizhu-desktop --db X export …`.
        sub.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件路径")
    return parser


def _add_county_commands(commands: Any) -> None:
    """The county office's commands: summary, 报送情况, 催报名单 and the distributed task list."""
    today_help = "按指定日期计算报送情况，格式 YYYY-MM-DD（默认今天）"
    p = commands.add_parser("summary", help="汇总某月各单位报表：汇总表（xlsx）或督查通报（pdf）")
    p.add_argument("--period", required=True, help="期间 YYYY-MM")
    p.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx", help="xlsx 汇总表 / pdf 督查通报")
    p.add_argument("--out", type=Path, default=Path("."), help="输出文件夹（默认当前文件夹）")
    p.add_argument("--today", help=today_help)
    p.add_argument("--allow-missing", action="store_true", help="PDF 中缺字体的字符印成“〓”，不拒绝导出")

    # `lateness` is the same command under another name (a parser of its own: an argparse alias would share
    # one parser, to which build_parser adds --db once per name).
    for name, help_text in (("timeliness", "报送情况：各单位各月按时、逾期、未报"), ("lateness", "同 timeliness")):
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--year", required=True, type=int, help="年份，例如 2026")
        p.add_argument(
            "--kind", choices=["monthly", "quarterly"], default="monthly", help="monthly 月报 / quarterly 季报"
        )
        p.add_argument("--json", action="store_true", help="以 JSON 输出")
        p.add_argument("--today", help=today_help)

    p = commands.add_parser("reminders", help="催报名单：某期尚未报送的单位及联系人（--out 时另存为 xlsx）")
    p.add_argument("--period", required=True, help="期间 YYYY-MM（季报可写季度内任一月）")
    p.add_argument("--kind", choices=["monthly", "quarterly"], default="monthly", help="monthly 月报 / quarterly 季报")
    p.add_argument("--out", type=Path, help="另存为 xlsx 的文件夹")
    p.add_argument("--today", help=today_help)

    p = commands.add_parser("tasklist", help="重点任务清单：县里导出下发，单位导入")
    actions = p.add_subparsers(dest="tasklist_command", title="操作", metavar="操作", required=True)
    q = actions.add_parser("export", help="导出本机正在使用的任务清单（--from 先发布编辑过的任务清单）")
    q.add_argument("--out", type=Path, default=Path("."), help="输出文件夹（默认当前文件夹）")
    q.add_argument("--format", choices=["xlsx", "json"], default="xlsx", help="xlsx 重点任务清单 / json 数据文件")
    q.add_argument("--from", dest="source", type=Path, help="编辑过的任务清单 JSON：先在本机发布，再导出")
    q.add_argument("--force", action="store_true", help="版本比本机的旧时也发布")
    q.add_argument("--today", help="发布日期 YYYY-MM-DD（默认今天）")
    q = actions.add_parser("import", help="导入县里下发的任务清单（显示有哪些变化）")
    q.add_argument("file", type=Path, metavar="FILE", help="任务清单文件（.xlsx 或 .json）")
    q.add_argument("--dry-run", action="store_true", help="只检查并显示变化，不写入数据库")
    q.add_argument("--force", action="store_true", help="版本比本机的旧或版本相同而内容不同时也导入")
    for action in actions.choices.values():
        action.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件路径")


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from shizhu_desktop.app import run_gui  # Qt only for the GUI

        return run_gui(db_path=args.db, smoke=args.smoke)
    try:
        return int(_COMMANDS[args.command](args) or EXIT_OK)
    except BrokenPipeError:
        # Output piped into `head` and cut off: not an error of ours; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
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
    if _db_path(args).exists():
        # The list in force on this PC: a task list distributed by the county replaces the bundled one.
        workspace = _workspace(args)
        catalog = workspace.catalog
        workspace.close()
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
    from shizhu_desktop.services.exchange import find_report_files, import_files, other_files

    missing = [str(p) for p in args.files if not p.exists()]
    if missing:
        raise Refused(f"找不到文件：{'、'.join(missing)}。请检查路径。")
    if not find_report_files(args.files):
        raise Refused("所给文件夹中没有找到报表文件（.json 或 .xlsx）。")
    with _dry_run_db(args):
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
    others = other_files(args.files)
    if others:
        kinds = "、".join(sorted({p.suffix.lower() or p.name for p in others})[:6])
        print(f"另有{len(others)}个文件不是报表数据文件（{kinds}），未处理。")
    return EXIT_REFUSED if failures else EXIT_OK


@contextlib.contextmanager
def _dry_run_db(args: argparse.Namespace) -> Iterator[None]:
    """A preview against a database that does not exist yet uses a throw-away one: a typo creates no file."""
    if not args.dry_run or _db_path(args).exists():
        yield
        return
    with tempfile.TemporaryDirectory() as folder:
        saved = args.db
        args.db = Path(folder) / "preview.sqlite"
        try:
            yield
        finally:
            args.db = saved


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


# -- the county office: summary, 报送情况, 催报名单, task list -------------------------------------------------


def _today(text: str | None) -> Any:
    from datetime import date

    from shizhu_desktop.domain.report import now_china

    if not text:
        return now_china().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"日期“{text}”格式不对：应写成“年-月-日”，例如 2026-11-20。") from None


def cmd_summary(args: argparse.Namespace) -> int:
    from shizhu_desktop.consolidation.exporting import export_summary
    from shizhu_desktop.exports.glyphs import MissingGlyphsError

    period, today = _period(args.period), _today(args.today)
    workspace = _workspace(args)
    try:
        if not workspace.reports.summaries(period=period):
            print(f"注意：数据库中还没有任何单位{period.label}的报表，汇总结果为空。", file=sys.stderr)
        path = export_summary(workspace, period, args.format, args.out, today=today, allow_missing=args.allow_missing)
    except MissingGlyphsError as exc:
        raise Refused(exc.message + "（命令行可加 --allow-missing。）") from None
    except PermissionError as exc:
        raise Refused(str(exc)) from None
    finally:
        workspace.close()
    print(path)
    return EXIT_OK


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _cell_text(text: str, width: int) -> str:
    return text + " " * max(0, width - _display_width(text))


def cmd_timeliness(args: argparse.Namespace) -> int:
    from shizhu_desktop.consolidation.timeliness import timeliness_matrix
    from shizhu_desktop.domain.periods import Period, PeriodError
    from shizhu_desktop.domain.report import ReportKind

    try:
        Period(args.year, 1)
    except PeriodError as exc:
        raise UsageError(str(exc)) from None
    today = _today(args.today)
    workspace = _workspace(args)
    try:
        matrix = timeliness_matrix(workspace, args.year, ReportKind(args.kind), today)
    finally:
        workspace.close()
    if args.json:
        _print_json(matrix.as_dict())
        return EXIT_OK
    width = 10
    # As wide as the longest unit name (石柱工业园区管委会), so no name runs into its first cell.
    first_width = max((_display_width(r.unit.name) for r in matrix.rows), default=8) + 2
    print(_cell_text("单位", first_width) + "".join(_cell_text(c.label, width) for c in matrix.columns))
    for kind, first, count in matrix.groups():
        print(f"【{kind}】{count}个")
        for row in range(first, first + count):
            cells = "".join(_cell_text(matrix.cell(row, i).label, width) for i in range(len(matrix.columns)))
            print((_cell_text(matrix.rows[row].unit.name, first_width) + cells).rstrip())
    for label, name in (("应报", "expected"), ("按时", "on_time"), ("逾期", "late"), ("未报", "missing")):
        totals = [str(getattr(matrix.column_totals(i), name)) for i in range(len(matrix.columns))]
        print(_cell_text(label, first_width) + "".join(_cell_text(t, width) for t in totals))
    return EXIT_OK


def cmd_reminders(args: argparse.Namespace) -> int:
    from shizhu_desktop.consolidation.exporting import export_reminders
    from shizhu_desktop.consolidation.reminders import reminder_list, reminders_text
    from shizhu_desktop.domain.report import ReportKind

    period, kind, today = _period(args.period), ReportKind(args.kind), _today(args.today)
    workspace = _workspace(args)
    try:
        if args.out is not None:
            try:
                print(export_reminders(workspace, period, args.out, kind=kind, today=today))
            except PermissionError as exc:
                raise Refused(str(exc)) from None
            return EXIT_OK
        reminders = reminder_list(workspace, period, kind, today)
    finally:
        workspace.close()
    if reminders:
        print(reminders_text(reminders))
    print(f"共{len(reminders)}个单位尚未报送。", file=sys.stderr)
    return EXIT_OK


def cmd_tasklist(args: argparse.Namespace) -> int:
    from shizhu_desktop.services import tasklist

    if args.tasklist_command == "import" and not args.file.exists():
        raise Refused(f"找不到文件：{args.file}。请检查路径。")
    workspace = _workspace(args)
    try:
        if args.tasklist_command == "export":
            if args.source is not None:
                catalog = tasklist.load_catalog_file(workspace, args.source)
                changes = tasklist.publish_catalog(workspace, catalog, force=args.force, today=_today(args.today))
                print(f"已在本机发布任务清单版本 {workspace.catalog.version}：", file=sys.stderr)
                for line in changes or ["内容没有变化。"]:
                    print(f"  {line}", file=sys.stderr)
            print(tasklist.export_tasklist(workspace, args.out, fmt=args.format, today=_today(args.today)))
            return EXIT_OK
        result = tasklist.import_tasklist(workspace, args.file, dry_run=args.dry_run, force=args.force)
    except tasklist.TaskListError as exc:
        raise Refused(str(exc)) from None
    finally:
        workspace.close()
    print("\n".join(result.lines))
    return EXIT_OK


_COMMANDS = {
    "catalog": cmd_catalog,
    "units": cmd_units,
    "demo": cmd_demo,
    "export": cmd_export,
    "import": cmd_import,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "summary": cmd_summary,
    "timeliness": cmd_timeliness,
    "lateness": cmd_timeliness,
    "reminders": cmd_reminders,
    "tasklist": cmd_tasklist,
}
