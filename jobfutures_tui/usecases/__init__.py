"""What a user does and asks, over the repository (docs/architecture.md).

Each module reads the store and calls the engine: the app's screens and the
shell commands share these, so both say and save the same thing.
"""
