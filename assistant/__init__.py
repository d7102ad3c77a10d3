"""shequ assistant: cited answers over Chinese community-governance documents."""
from .api import Assistant
from .errors import BadQuestion, IndexBusy, IndexMismatch, ShequError
from .settings import Settings
from .types import Answer, Citation, Hit

__all__ = ["Assistant", "Answer", "Citation", "Hit", "Settings", "ShequError", "BadQuestion",
           "IndexMismatch", "IndexBusy"]
