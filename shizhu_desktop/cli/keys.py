"""Key commands: `key show` (this installation's key) and `keys list|confirm|replace` (the county's registry)."""

from __future__ import annotations

import argparse
import base64
from typing import Any

from shizhu_desktop.cli.common import EXIT_OK, Refused, add_db_option, db_path, find_unit, open_workspace, pad


def add_parsers(commands: Any) -> None:
    p = commands.add_parser("key", help="本机密钥：key show 显示密钥指纹（与县里电话核对用）")
    p.set_defaults(func=cmd_key)
    actions = p.add_subparsers(dest="key_command", title="操作", metavar="操作", required=True)
    add_db_option(actions.add_parser("show", help="显示本机密钥指纹（第一行只有指纹）"))

    p = commands.add_parser("keys", help="县级汇总：各单位密钥登记（list 列出 / confirm 确认 / replace 更换）")
    p.set_defaults(func=cmd_keys)
    actions = p.add_subparsers(dest="keys_command", title="操作", metavar="操作", required=True)
    add_db_option(actions.add_parser("list", help="列出各单位的密钥指纹和状态"))
    for name, text in (
        ("confirm", "确认单位的密钥：指纹须与对方盖章纸质报表上的（或电话中读出的）一致"),
        ("replace", "更换单位的密钥（对方换了电脑或重装了程序）：旧密钥停用"),
    ):
        q = actions.add_parser(name, help=text)
        q.add_argument("unit", metavar="UNIT", help="单位名称或代码")
        q.add_argument("fingerprint", metavar="FINGERPRINT", nargs="+", help="密钥指纹（20位，可带空格或短横）")
        add_db_option(q)


def cmd_key(args: argparse.Namespace) -> int:
    from shizhu_desktop.services.identity import own_key
    from shizhu_desktop.store.keys import OwnKeyRepository

    workspace = open_workspace(args)
    try:
        key = own_key(workspace)
        created = OwnKeyRepository(workspace.db).created_at()
        profile = workspace.profile()
        unit = workspace.units.get(profile.unit_code) if profile else None
    finally:
        workspace.close()
    print(key.fingerprint)
    print(f"单位：{unit.name if unit else '尚未设置'}")
    if created is not None:
        print(f"生成日期：{created.year}年{created.month}月{created.day}日")
    print(f"公钥：{base64.b64encode(key.public_key).decode('ascii')}")
    print(f"数据库：{db_path(args)}")
    print("把指纹读给县政府督查办核对；它也印在每份导出的PDF上。私钥只保存在本机数据库中，不会写入任何报表文件。")
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    from shizhu_desktop.services.trust import KeyRegistryError, confirm_key, replace_key
    from shizhu_desktop.store.keys import UnitKeyRepository

    workspace = open_workspace(args)
    try:
        if args.keys_command == "list":
            keys = UnitKeyRepository(workspace.db).keys()
            if not keys:
                print("还没有登记任何单位的密钥：导入第一份签名报表时会自动登记为“待确认”。")
                return EXIT_OK
            width = max(len(k.unit_code) for k in keys)
            for key in keys:
                unit = workspace.units.get(key.unit_code)
                name = unit.name if unit else key.unit_code
                day = key.changed_at.date().isoformat()
                print(f"{pad(name, 20)}{key.unit_code:<{width}}  {key.fingerprint}  {key.state.label}  {day}")
            return EXIT_OK
        unit = find_unit(workspace, args.unit)
        typed = " ".join(args.fingerprint)
        try:
            action = confirm_key if args.keys_command == "confirm" else replace_key
            print(action(workspace, unit, typed))
        except KeyRegistryError as exc:
            raise Refused(str(exc)) from None
    finally:
        workspace.close()
    return EXIT_OK
