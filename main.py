"""Start 石柱绿色低碳工作推进填报: the GUI without arguments, the command line with them."""

import sys

from shizhu_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
