#!/bin/sh
# 安装“石柱绿色低碳工作推进填报”（统信 UOS、银河麒麟等 Linux 桌面）。
# 在解压出来的 shizhu-desktop 文件夹里运行：
#   sh install.sh            只为当前用户安装到 ~/.local/opt/shizhu-desktop（不需要管理员密码）
#   sudo sh install.sh       为这台电脑的所有用户安装到 /opt/shizhu-desktop
#   sh install.sh --uninstall（或 sudo sh install.sh --uninstall）卸载程序；填报的数据不会删除
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
  target=/opt/shizhu-desktop
  apps=/usr/share/applications
  icons=/usr/share/icons/hicolor
else
  target="${HOME}/.local/opt/shizhu-desktop"
  apps="${XDG_DATA_HOME:-${HOME}/.local/share}/applications"
  icons="${XDG_DATA_HOME:-${HOME}/.local/share}/icons/hicolor"
fi

refresh_menus() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$target"
  rm -f "$apps/shizhu-desktop.desktop" "$icons"/*/apps/shizhu-desktop.png "$icons/scalable/apps/shizhu-desktop.svg"
  desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "${HOME}/Desktop")
  rm -f "$desktop/shizhu-desktop.desktop"
  refresh_menus
  echo "已卸载。填报的数据仍在 ${XDG_DATA_HOME:-~/.local/share}/shizhu-desktop/ 中，如确实不再需要可自行删除。"
  exit 0
fi

if [ ! -x "$here/shizhu-desktop" ] || [ ! -d "$here/_internal" ]; then
  echo "请在解压出来的 shizhu-desktop 文件夹中运行本脚本（那里有 shizhu-desktop 程序和 _internal 文件夹）。" >&2
  exit 1
fi

if [ "$here" != "$target" ]; then
  mkdir -p "$(dirname "$target")"
  rm -rf "$target.new"
  cp -a "$here" "$target.new"  # a copy first: an interrupted install leaves the old version working
  rm -rf "$target"
  mv "$target.new" "$target"
fi

# The icon, at the sizes the ui draws (resources/icons), under the name the .desktop file uses.
for png in "$target"/_internal/resources/icons/shizhu-*.png; do
  [ -f "$png" ] || continue
  size=$(basename "$png" .png | sed 's/^shizhu-//')
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$png" "$icons/${size}x${size}/apps/shizhu-desktop.png"
done
if [ -f "$target/_internal/resources/icons/shizhu.svg" ]; then
  mkdir -p "$icons/scalable/apps"
  cp "$target/_internal/resources/icons/shizhu.svg" "$icons/scalable/apps/shizhu-desktop.svg"
fi

mkdir -p "$apps"
sed "s|/opt/shizhu-desktop|$target|g" "$target/shizhu-desktop.desktop" > "$apps/shizhu-desktop.desktop"
chmod 644 "$apps/shizhu-desktop.desktop"

# A shortcut on the desktop of the user who runs the script (UOS and Kylin show .desktop files there).
if [ "$(id -u)" != 0 ]; then
  desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "${HOME}/Desktop")
  if [ -d "$desktop" ]; then
    cp "$apps/shizhu-desktop.desktop" "$desktop/shizhu-desktop.desktop"
    chmod 755 "$desktop/shizhu-desktop.desktop"  # UOS asks before it starts a desktop file that is not executable
  fi
fi
refresh_menus
echo "已安装到 $target。请在开始菜单（启动器）的“办公”中打开“石柱绿色低碳工作推进填报”。"
