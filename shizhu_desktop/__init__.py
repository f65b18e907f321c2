"""石柱县绿色低碳循环经济体系工作推进情况填报 (shizhu-desktop)."""

__version__ = "0.1.0"
APP_NAME = "石柱绿色低碳工作推进填报"
APP_ID = "shizhu-desktop"
