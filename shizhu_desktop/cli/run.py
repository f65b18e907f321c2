"""The command line proper: the parser of every command, and running one with Chinese errors, never a traceback."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from shizhu_desktop import APP_NAME, __version__
from shizhu_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    Refused,
    UsageError,
    add_db_option,
    unexpected,
)
from shizhu_desktop.paths import DB_ENV, default_db_path


def build_parser() -> argparse.ArgumentParser:
    from shizhu_desktop.cli import county, keys, reports, text

    text.install()
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
    for module in (reports, county, keys):
        module.add_parsers(commands)
    for sub in commands.choices.values():
        add_db_option(sub)
    return parser


def run_command(words: Sequence[str]) -> int:
    """Parse ``words`` and run the command they name (or the window, when they name none)."""
    parser = build_parser()
    args = parser.parse_args(words)
    if args.command is None:
        from shizhu_desktop.app import run_gui  # Qt only for the GUI

        return run_gui(db_path=args.db, smoke=args.smoke)
    try:
        return int(args.func(args) or EXIT_OK)
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
    except KeyboardInterrupt:
        print("已中断：进行到一半的文件没有写入。", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # never a traceback: a Chinese line, and the details for a technician
        print(f"错误：{unexpected(exc)}", file=sys.stderr)
        return EXIT_REFUSED
