"""Services shared by the GUI and the command line: workspace, import/export, demo data, backups."""
