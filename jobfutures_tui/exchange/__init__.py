"""Moving the user's data in and out: import, export, calendar, backup, restore, check.

Pure code over the store and the models, shared by the shell commands
(:mod:`jobfutures_tui.commands`) and the app's command palette
(:mod:`jobfutures_tui.exchange.actions`). No textual import here.
"""
