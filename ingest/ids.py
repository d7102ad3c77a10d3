"""Document ids that are unique per source file, stable across ingests.

A document's id is its path under the folder it was ingested from (`a/报告.txt`; a file named
on its own is just `报告.txt`), and an article of a compilation adds `#N`. Two different files
can still claim one id (`shequ ingest x/报告.txt y/报告.txt`): the later one gets a longer id
instead of replacing the first, and the caller reports it.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .model import Document, stable_hash


def base_id(doc_id: str) -> str:
    """The file part of a document id (without a compilation's `#N`)."""
    return doc_id.split("#", 1)[0]


def _rekey(docs: list[Document], old_base: str, new_base: str) -> list[Document]:
    if old_base == new_base:
        return docs
    return [dataclasses.replace(d, doc_id=new_base + d.doc_id[len(old_base):]) for d in docs]


def _longer_ids(base: str, source: str) -> list[str]:
    """Readable alternatives first: the ingested folder's name in front, then a path hash."""
    parts = Path(source).parts
    depth = len(Path(base).parts)
    folder = parts[-depth - 1] if len(parts) > depth else ""
    return ([f"{folder}/{base}"] if folder else []) + [f"{base}@{stable_hash(source, n=6)}"]


def assign_ids(new: list[Document], old: dict[str, Document],
               exists=lambda source: Path(source).exists()) -> tuple[list[Document], list[tuple[str, str, str]]]:
    """`new` with ids unique per source file. A file already in the index keeps its id (even if
    it is now reached through another folder); a file whose id belongs to another file that is
    still on disk gets a longer id. Returns the documents and (source, other source, id given)
    for every such collision; no document is ever dropped."""
    known = {d.source: base_id(d.doc_id) for d in old.values()}
    owner = {base_id(d.doc_id): d.source for d in old.values()}
    by_source: dict[str, list[Document]] = {}
    for d in new:
        by_source.setdefault(d.source, []).append(d)
    out, collisions = [], []
    for source, docs in by_source.items():
        base = base_id(docs[0].doc_id)
        given = known.get(source)
        if given is None:
            given = base
            holder = owner.get(base)
            if holder is not None and holder != source and exists(holder):  # a moved file takes over
                given = next(i for i in _longer_ids(base, source) + [f"{base}@{stable_hash(source, n=12)}"]
                             if owner.get(i) in (None, source))
                collisions.append((source, holder, given))
        owner[given] = source
        out += _rekey(docs, base, given)
    return out, collisions
