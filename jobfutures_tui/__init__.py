"""jobfutures: a keyboard-first terminal CRM for keeping job futures warm."""

__version__ = "0.1.0"
