"""Turn pydantic's errors into short messages a user can act on, per field."""

from __future__ import annotations

from pydantic import ValidationError

_PREFIXES = ("Value error, ", "Assertion failed, ")

_FRIENDLY = {
    "string_too_long": "is too long (at most {max_length} characters)",
    "string_too_short": "cannot be empty",
    "missing": "is required",
    "extra_forbidden": "is not a field this version knows",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
}


def field_errors(error: ValidationError) -> dict[str, str]:
    """Map each failing field (dotted path) to its first message."""
    messages: dict[str, str] = {}
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "record"
        template = _FRIENDLY.get(item["type"])
        if template:
            message = template.format(**(item.get("ctx") or {}))
        else:
            message = item["msg"]
            for prefix in _PREFIXES:
                message = message.removeprefix(prefix)
        messages.setdefault(field, message)
    return messages


def describe(error: ValidationError) -> str:
    """One line per field, for the command line and refusal messages."""
    return "; ".join(f"{field}: {message}" for field, message in field_errors(error).items())


def invalid(field: str, message: str, value: object = None) -> ValidationError:
    """A validation error of our own, reported at ``field`` like pydantic's."""
    return ValidationError.from_exception_data(
        "form",
        [{"type": "value_error", "loc": (field,), "input": value, "ctx": {"error": message}}],
    )
