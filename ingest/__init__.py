"""Ingest: load files, clean them, chunk them. Pure functions over plain data."""
from .model import Chunk, Document, IngestError

__all__ = ["Chunk", "Document", "IngestError"]
