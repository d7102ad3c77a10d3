"""Errors with user-facing Chinese messages."""


class ShequError(Exception):
    """Base class: str(e) is a message a user can act on."""


class BadQuestion(ShequError, ValueError):
    pass


class IndexMismatch(ShequError):
    pass


class IndexBusy(ShequError):
    pass
