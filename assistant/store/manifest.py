"""The library's manifests in Milvus, written as deltas so a version costs what it changed.

A manifest lists every document (hash, source, order, blob key, chunk count, terms): 2.3 MB at
9,800 documents, and reading it whole on each version cost a follower about a second. So record
"manifest/<n>" is either

    full    {..., "base": n, "documents": {id: entry}}                 (a base)
    delta   {..., "base": b, "parent": n - 1, "changed": {id: entry}, "removed": [id]}

where the header (model, chunker, terms hash, vectors, …) is always whole and the documents
are those of version n - 1 with `changed` set and `removed` dropped. Every delta chains back
to the full manifest `b`; a writer starts a new base after `chain` deltas, or when a change is
a large share of the library. An entry's "seq" orders the documents; a document keeps its
seq from version to version (a removal leaves a gap), so a delta holds only the documents
that changed. A process that holds version m reads only the deltas m+1..n; one that starts
from scratch reads the base and its chain. Manifests older than both the live chain's base and
the versions kept are dropped (`stale`); each record notes that floor.
"""
from __future__ import annotations

from ..errors import ShequError


class LibraryChanged(ShequError):
    """The version being read was replaced and cleaned up meanwhile: read the newest."""


def seqs(order: list[str], prev: dict | None) -> dict[str, int]:
    """Each document's seq: its previous one when the order allows (new documents after every
    old one), else 0, 1, 2… (the order changed: the next manifest is then a full one)."""
    old = prev["documents"] if prev is not None else {}
    top = max((m["seq"] for m in old.values()), default=-1)
    out, last = {}, -1
    for i in order:
        s = old[i]["seq"] if i in old else None
        if s is None:
            top += 1
            s = top
        if s <= last:
            return {i: n for n, i in enumerate(order)}
        out[i] = last = s
    return out


def record(man: dict, prev: dict | None, chain: int, share: float) -> dict:
    """What to store as manifest/<n> for the full manifest `man`, given the live version's full
    manifest `prev` (None: no usable previous version)."""
    n = man["version"]
    if prev is None or prev["version"] != n - 1 or n - prev.get("base", prev["version"]) >= chain:
        return {**man, "base": n}
    old, new = prev["documents"], man["documents"]
    changed = {i: m for i, m in new.items() if old.get(i) != m}
    removed = sorted(set(old) - set(new))
    if len(changed) + len(removed) > share * max(len(new), 1):
        return {**man, "base": n}
    head = {k: v for k, v in man.items() if k != "documents"}
    return {**head, "base": prev.get("base", prev["version"]), "parent": n - 1, "changed": changed,
            "removed": removed}


def apply(prev: dict, rec: dict) -> dict:
    """The full manifest of `rec` (a delta whose parent is `prev`, or a full one)."""
    if "documents" in rec:
        return rec
    if rec["parent"] != prev["version"]:
        raise LibraryChanged(f"资料库版本 {rec['version']} 的清单不接续版本 {prev['version']}")
    gone = set(rec["removed"])
    docs = {i: m for i, m in prev["documents"].items() if i not in gone}
    docs.update(rec["changed"])
    head = {k: v for k, v in rec.items() if k not in ("changed", "removed", "parent")}
    return {**head, "documents": docs}


def resolve(n: int, held: dict | None, get) -> dict:
    """The full manifest of version n. `held`: a full manifest this process already has (any
    version, or None); `get(names)` reads records (name -> value, missing ones left out). Reads
    the deltas after `held` when they reach n, else n's base and its chain."""
    if held is not None and held["version"] == n:
        return held
    if held is not None and held["version"] < n:
        recs = get([f"manifest/{v}" for v in range(held["version"] + 1, n + 1)])
        try:
            return _walk(held, recs, held["version"] + 1, n)
        except LibraryChanged:
            pass  # a base came in between, or part of the chain is gone: from the base
    top = get([f"manifest/{n}"]).get(f"manifest/{n}")
    if top is None:
        raise LibraryChanged(f"资料库版本 {n} 的清单已被更新的版本替换")
    if "documents" in top:
        return top
    b = top["base"]
    recs = get([f"manifest/{v}" for v in range(b, n)])
    recs[f"manifest/{n}"] = top
    base = recs.get(f"manifest/{b}")
    if base is None or "documents" not in base:
        raise LibraryChanged(f"资料库版本 {n} 的基础清单（版本 {b}）已被清理")
    return _walk(base, recs, b + 1, n)


def _walk(man: dict, recs: dict, lo: int, hi: int) -> dict:
    for v in range(lo, hi + 1):
        rec = recs.get(f"manifest/{v}")
        if rec is None:
            raise LibraryChanged(f"资料库版本 {v} 的清单已被清理")
        man = apply(man, rec)
    return man


def stale(n: int, base: int, prev_floor: int, keep: int) -> tuple[list[str], int]:
    """Manifests to drop once version n (chain base `base`) is live: those below both the base
    and the `keep` newest versions, from `prev_floor` (the previous commit's floor: everything
    below it is gone already) on. Returns (names, the new floor)."""
    floor = max(min(base, n - keep + 1), 1)
    return [f"manifest/{v}" for v in range(max(prev_floor, 1), floor)], floor
