# 石柱绿色低碳工作推进填报 — set-up, run, test and lint.  `make run` and `make test` are the whole set-up.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Bytecode is cached (in __pycache__, ignored by git): without it every start compiles the program again
# (issue 13: start-up). Even when the calling shell forbids it.
unexport PYTHONDONTWRITEBYTECODE

# Debian/UOS/Kylin packages Qt's libraries load (GUI, fonts, X11 and its cursor plugin).
QT_DEBS := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 \
           libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 \
           libxcb-image0 libxcb-xinerama0 libxcb-randr0

# LibreOffice renders the exported Excel and Word files in the tests ("no text cut", print scale, page counts):
# without it those tests are skipped. About 250 MB once; `make test NO_OFFICE=1` leaves it out.
OFFICE_DEBS := libreoffice-calc-nogui libreoffice-writer-nogui

.PHONY: run test lint bench screenshots format qt-libs office clean translations

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,lint]'
	@touch $(STAMP)

# On Linux, install the few system libraries Qt's platform plugins need when ldd finds them missing
# (root with apt-get only; otherwise say which packages an administrator should install).
qt-libs: $(STAMP)
	@if [ "$$(uname -s)" = Linux ]; then \
	  plugins=$$($(BIN)/python -c "import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), 'Qt', 'plugins', 'platforms'))"); \
	  if ldd "$$plugins/libqxcb.so" "$$plugins/libqoffscreen.so" 2>/dev/null | grep -q "not found"; then \
	    if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	      echo "正在安装 Qt 需要的系统库…"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QT_DEBS) >/dev/null; \
	    else \
	      echo "缺少 Qt 运行所需的系统库，请让管理员安装：$(QT_DEBS)"; exit 1; \
	    fi; \
	  fi; \
	fi

office:
	@if [ -z "$(NO_OFFICE)" ] && [ "$$(uname -s)" = Linux ] && ! command -v soffice >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "正在安装 LibreOffice（测试用它检查导出的 Excel、Word 文件的版面）…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OFFICE_DEBS) >/dev/null; \
	  else \
	    echo "提示：未安装 LibreOffice，版面渲染测试将跳过（管理员可安装：$(OFFICE_DEBS)）。"; \
	  fi; \
	fi

run: qt-libs
	@if [ "$$(uname -s)" = Linux ] && [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ]; then \
	  echo "提示：没有检测到图形桌面（DISPLAY），窗口可能无法显示。"; fi
	$(BIN)/python main.py

test: qt-libs office
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Speed and memory targets, kept out of the unit tests (they print their figures).
bench: qt-libs office
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s tests/benchmarks -o python_files='bench_*.py'

# The Chinese texts Qt's own catalogue lacks: resources/i18n/*.ts compiled to the .qm the program loads.
translations: $(STAMP)
	for ts in resources/i18n/*.ts; do $(BIN)/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done

# PNGs of the window's main states from demo data, for the user guide and for review.
screenshots: qt-libs
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m shizhu_desktop.ui.screenshots docs/screenshots

# The one-folder program dist/shizhu-desktop/ for PCs without Python (PyInstaller, packaging/shizhu-desktop.spec),
# then packaging/check_bundle.py runs a copy of it with no Python in the environment: --version, --smoke, a demo
# database, a monthly PDF and xlsx read back; it prints the size. Then the .tar.xz to hand out (UOS/Kylin).
# About a minute and a half: not part of `make test`.
DIST_STAMP := $(VENV)/.installed-dist
.PHONY: dist

$(DIST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dist]'
	@touch $(DIST_STAMP)

dist: qt-libs $(DIST_STAMP)
	rm -rf build/pyinstaller dist/shizhu-desktop
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/shizhu-desktop.spec
	$(BIN)/python packaging/check_bundle.py dist/shizhu-desktop
	@version=$$($(BIN)/python -c "from shizhu_desktop.version import source_version; print(source_version())"); \
	  archive=dist/shizhu-desktop-$$version-linux-$$(uname -m).tar.xz; \
	  tar -C dist -cf - shizhu-desktop | xz -T2 -6 > $$archive.part && mv $$archive.part $$archive && \
	  echo "可分发的压缩包：$$archive（$$(du -h $$archive | cut -f1)）"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
