"""The county office's commands: summary, 报送情况 (timeliness), 催报名单 (reminders) and the task list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from shizhu_desktop.cli.common import (
    EXIT_OK,
    Refused,
    UsageError,
    add_db_option,
    display_width,
    open_workspace,
    pad,
    parse_period,
    parse_today,
    print_json,
)

_TODAY_HELP = "按指定日期计算报送情况，格式 YYYY-MM-DD（默认今天）"


def add_parsers(commands: Any) -> None:
    p = commands.add_parser("summary", help="汇总某月各单位报表：汇总表（xlsx）或督查通报（pdf、docx）")
    p.add_argument("--period", required=True, help="期间 YYYY-MM")
    p.add_argument(
        "--format", choices=["xlsx", "pdf", "docx"], default="xlsx", help="xlsx 汇总表 / pdf、docx（Word）督查通报"
    )
    p.add_argument("--out", type=Path, default=Path("."), help="输出文件夹（默认当前文件夹）")
    p.add_argument("--today", help=_TODAY_HELP)
    p.add_argument("--allow-missing", action="store_true", help="PDF 中缺字体的字符印成“〓”，不拒绝导出")
    p.set_defaults(func=cmd_summary)

    # `lateness` is the same command under another name (a parser of its own: an argparse alias would share
    # one parser, to which the caller adds --db once per name).
    for name, help_text in (("timeliness", "报送情况：各单位各月按时、逾期、未报"), ("lateness", "同 timeliness")):
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--year", required=True, type=int, help="年份，例如 2026")
        p.add_argument(
            "--kind", choices=["monthly", "quarterly"], default="monthly", help="monthly 月报 / quarterly 季报"
        )
        p.add_argument("--json", action="store_true", help="以 JSON 输出")
        p.add_argument("--today", help=_TODAY_HELP)
        p.set_defaults(func=cmd_timeliness)

    p = commands.add_parser("reminders", help="催报名单：某期尚未报送的单位及联系人（--out 时另存为 xlsx）")
    p.add_argument("--period", required=True, help="期间 YYYY-MM（季报可写季度内任一月）")
    p.add_argument("--kind", choices=["monthly", "quarterly"], default="monthly", help="monthly 月报 / quarterly 季报")
    p.add_argument("--out", type=Path, help="另存为 xlsx 的文件夹")
    p.add_argument("--today", help=_TODAY_HELP)
    p.set_defaults(func=cmd_reminders)

    p = commands.add_parser("tasklist", help="重点任务清单：县里导出下发，单位导入")
    p.set_defaults(func=cmd_tasklist)
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
    q.add_argument(
        "--new-county-key", metavar="FINGERPRINT", help="县里换了密钥（经电话核对）时，写明新密钥的指纹以接受它"
    )
    for action in actions.choices.values():
        add_db_option(action)


def cmd_summary(args: argparse.Namespace) -> int:
    from shizhu_desktop.consolidation.exporting import export_summary
    from shizhu_desktop.exports.glyphs import MissingGlyphsError

    period, today = parse_period(args.period), parse_today(args.today)
    workspace = open_workspace(args)
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


def cmd_timeliness(args: argparse.Namespace) -> int:
    from shizhu_desktop.consolidation.timeliness import FLAG_MARKS, timeliness_matrix
    from shizhu_desktop.domain.periods import Period, PeriodError
    from shizhu_desktop.domain.report import ReportKind

    try:
        Period(args.year, 1)
    except PeriodError as exc:
        raise UsageError(str(exc)) from None
    today = parse_today(args.today)
    workspace = open_workspace(args)
    try:
        matrix = timeliness_matrix(workspace, args.year, ReportKind(args.kind), today)
    finally:
        workspace.close()
    if args.json:
        print_json(matrix.as_dict())
        return EXIT_OK
    width = 10
    # As wide as the longest unit name (石柱工业园区管委会), so no name runs into its first cell.
    first_width = max((display_width(r.unit.name) for r in matrix.rows), default=8) + 2
    print(pad("单位", first_width) + "".join(pad(c.label, width) for c in matrix.columns))
    seen: set[str] = set()
    for kind, first, count in matrix.groups():
        print(f"【{kind}】{count}个")
        for row in range(first, first + count):
            cells = []
            for i in range(len(matrix.columns)):
                cell = matrix.cell(row, i)
                seen.update(cell.flags)
                cells.append(pad(cell.label + "".join(FLAG_MARKS[f] for f in cell.flags), width))
            print((pad(matrix.rows[row].unit.name, first_width) + "".join(cells)).rstrip())
    for label, name in (("应报", "expected"), ("按时", "on_time"), ("逾期", "late"), ("未报", "missing")):
        totals = [str(getattr(matrix.column_totals(i), name)) for i in range(len(matrix.columns))]
        print(pad(label, first_width) + "".join(pad(t, width) for t in totals))
    print("按时/逾期按县里的收件日期计算。" + "　".join(f"{FLAG_MARKS[f]} {f}" for f in FLAG_MARKS if f in seen))
    return EXIT_OK


def cmd_reminders(args: argparse.Namespace) -> int:
    from shizhu_desktop.consolidation.exporting import export_reminders
    from shizhu_desktop.consolidation.reminders import reminder_list, reminders_text
    from shizhu_desktop.domain.report import ReportKind

    period, kind, today = parse_period(args.period), ReportKind(args.kind), parse_today(args.today)
    workspace = open_workspace(args)
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
    workspace = open_workspace(args)
    try:
        if args.tasklist_command == "export":
            if args.source is not None:
                catalog = tasklist.load_catalog_file(workspace, args.source)
                changes = tasklist.publish_catalog(workspace, catalog, force=args.force, today=parse_today(args.today))
                print(f"已在本机发布任务清单版本 {workspace.catalog.version}：", file=sys.stderr)
                for line in changes or ["内容没有变化。"]:
                    print(f"  {line}", file=sys.stderr)
            print(tasklist.export_tasklist(workspace, args.out, fmt=args.format, today=parse_today(args.today)))
            return EXIT_OK
        result = tasklist.import_tasklist(
            workspace, args.file, dry_run=args.dry_run, force=args.force, new_county_key=args.new_county_key
        )
    except tasklist.TaskListError as exc:
        raise Refused(str(exc)) from None
    finally:
        workspace.close()
    print("\n".join(result.lines))
    return EXIT_OK
