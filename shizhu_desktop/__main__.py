"""Allow ``python -m shizhu_desktop``."""

from shizhu_desktop.cli import main

raise SystemExit(main())
