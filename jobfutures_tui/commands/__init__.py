"""Plain commands for the shell: no textual import, same rules and store as the app."""
