"""The library's two scalar collections in Milvus, and the blobs kept in one of them.

    <prefix>_records   key (pk) = name#part; name, part, value: JSON blobs cut into parts
                       (a VARCHAR holds 65,535 bytes on every Milvus): the version pointer,
                       manifests, documents, method cards, terms, the writer's lease
    <prefix>_chunks    pk = row_id:doc_hash@terms_hash; row_id, doc_id, doc_hash, ord, ver, chunk
                       (Chunk JSON with its exact span), tokens (the lexical leg's terms)

Milvus 2.3 has no collection without a vector field (milvus-lite neither), so each carries a
2-dimensional placeholder vector that is never searched. Every call goes through `call`, so a
server that is down or gone is one Chinese line naming the (credential-free) address.
"""
from __future__ import annotations

import json
import threading
from typing import Callable, Iterable, TypeVar

from ..errors import ShequError
from ..milvus import MilvusUnavailable, _redact, safe_uri

VARCHAR_BYTES = 65535  # the largest VARCHAR of Milvus 2.3–2.6 and milvus-lite
PART_BYTES = 60000  # a blob part, leaving room below VARCHAR_BYTES
_BATCH = 500  # rows per insert / delete call, names per blob query
QUERY_MAX = 16384  # the most rows one plain query returns
TAIL_PARTS = 256  # parts past a rewritten manifest's end deleted (a 15 MB manifest's worth)
_PLACEHOLDER = [0.0, 1.0]
_CLIENTS: dict[tuple[str, str], object] = {}
_LOCK = threading.Lock()
T = TypeVar("T")


class Tables:
    """One library's collections on one Milvus (server, cluster or milvus-lite file)."""

    def __init__(self, uri: str, token: str, prefix: str, timeout: float):
        self.uri, self._token, self.prefix, self.timeout = uri, token, prefix, timeout
        self.records, self.chunks = f"{prefix}_records", f"{prefix}_chunks"
        self.where = safe_uri(uri)  # the address without credentials, for messages
        self._client = None
        self._exists = False

    # ---- connection and errors --------------------------------------------------------
    @property
    def client(self):
        if self._client is None:
            self._client = self.call("连接", lambda: _client(self.uri, self._token, self.timeout))
        return self._client

    def call(self, what: str, fn: Callable[[], T]) -> T:
        """Run one Milvus call; any failure becomes MilvusUnavailable naming the address."""
        try:
            return fn()
        except ShequError:
            raise
        except Exception as e:  # pymilvus and grpc raise many kinds
            self._forget_client()  # a server that went away and came back needs a new connection
            detail = _redact(str(e), self.uri, self._token).splitlines()[0][:300] if str(e) else type(e).__name__
            raise MilvusUnavailable(
                f"Milvus 不可用（{safe_uri(self.uri)}，{what}失败：{detail}）；请确认 Milvus 服务已启动、"
                f"地址 SHEQU_MILVUS_URI 和令牌 SHEQU_MILVUS_TOKEN 正确，然后重试（本次没有给出任何回答或改动）") from None

    def _forget_client(self) -> None:
        with _LOCK:
            if _CLIENTS.get((self.uri, self._token)) is self._client:
                _CLIENTS.pop((self.uri, self._token), None)
                if self._client is not None:
                    try:  # its gRPC channel may be dead for good; a new client opens a new one
                        self._client.close()
                    except Exception:  # noqa: BLE001 - already broken: nothing more to release
                        pass
        self._client = None

    def exists(self) -> bool:
        if not self._exists:  # once there, the collections stay
            self._exists = self.call("读取集合列表", lambda: self.client.has_collection(self.records))
        return self._exists

    def create(self) -> None:
        """Create both collections (idempotent) and load them."""
        from pymilvus import DataType

        def make(name: str, fields: list[tuple]) -> None:
            c = self.client
            if not c.has_collection(name):
                schema = c.create_schema(auto_id=False, enable_dynamic_field=False)
                for fname, ftype, kw in fields:
                    schema.add_field(fname, ftype, **kw)
                schema.add_field("v", DataType.FLOAT_VECTOR, dim=len(_PLACEHOLDER))
                index = c.prepare_index_params()
                index.add_index("v", index_type="FLAT", metric_type="IP")
                c.create_collection(name, schema=schema, index_params=index, consistency_level="Strong")
            c.load_collection(name)
        if self._exists:
            return
        text = {"max_length": VARCHAR_BYTES}
        self.call("建立集合", lambda: make(self.records, [
            ("key", DataType.VARCHAR, {"is_primary": True, "max_length": 512}),
            ("name", DataType.VARCHAR, {"max_length": 512}),
            ("part", DataType.INT64, {}), ("value", DataType.VARCHAR, text)]))
        self.call("建立集合", lambda: make(self.chunks, [
            ("pk", DataType.VARCHAR, {"is_primary": True, "max_length": 128}),
            ("row_id", DataType.VARCHAR, {"max_length": 64}),
            ("doc_id", DataType.VARCHAR, {"max_length": 1024}),
            ("doc_hash", DataType.VARCHAR, {"max_length": 64}),
            ("ord", DataType.INT64, {}), ("ver", DataType.INT64, {}),
            ("chunk", DataType.VARCHAR, text), ("tokens", DataType.VARCHAR, text)]))
        self._exists = True

    # ---- rows -----------------------------------------------------------------------
    def insert(self, collection: str, rows: list[dict]) -> None:
        for lo in range(0, len(rows), _BATCH):
            part = [{**r, "v": _PLACEHOLDER} for r in rows[lo:lo + _BATCH]]
            self.call("写入", lambda part=part: self.client.insert(collection, part))

    def upsert(self, collection: str, rows: list[dict]) -> None:
        self.call("写入", lambda: self.client.upsert(collection, [{**r, "v": _PLACEHOLDER} for r in rows]))

    def delete(self, collection: str, field: str, keys: Iterable[str]) -> None:
        keys = sorted(set(keys))
        for lo in range(0, len(keys), _BATCH):
            expr = f"{field} in {json.dumps(keys[lo:lo + _BATCH], ensure_ascii=False)}"
            self.call("删除", lambda expr=expr: self.client.delete(collection, filter=expr))

    def query(self, collection: str, expr: str, fields: list[str], expect: int | None = None,
              ts: int = 0) -> list[dict]:
        """Every row matching `expr`: one plain query, paged only when it comes back full (a
        plain query stops at 16,384 rows; `expect` below that says it cannot). Consistency:
        `consistency(ts)`."""
        def run() -> list[dict]:
            first = self.client.query(collection, filter=expr, output_fields=fields, limit=QUERY_MAX,
                                      **consistency(ts))
            if len(first) < QUERY_MAX or (expect is not None and expect < QUERY_MAX):
                return first
            return page_all(self.client, collection, expr, fields)  # the iterator sets its own timestamp
        return self.call("读取", run)

    def last_write(self) -> int:
        """The server timestamp of this process's last write to the records collection (0 when
        unknown): every row and vector written before it is visible to a read guaranteed at it."""
        return last_write_ts(self.client, self.records)

    # ---- blobs ----------------------------------------------------------------------
    def put_blob(self, name: str, value, tail: bool = False) -> None:
        """Write blob `name`. Names are content-addressed (doc/…), or records of one part
        (version, lease), or manifests, which a failed ingest may have left longer under the
        same name: `tail` deletes any parts past the new end (by key: no query)."""
        parts = split_bytes(json.dumps(value, ensure_ascii=False), PART_BYTES)
        self.upsert(self.records, [{"key": f"{name}#{i}", "name": name, "part": i, "value": p}
                                   for i, p in enumerate(parts)])
        if tail:
            self.delete(self.records, "key", [f"{name}#{i}" for i in range(len(parts), len(parts) + TAIL_PARTS)])

    def get_blobs(self, names: list[str], ts: int = 0) -> dict[str, object]:
        """name -> value for every complete blob among `names` (missing ones are left out)."""
        found: dict[str, list[tuple[int, str]]] = {}
        for lo in range(0, len(names), _BATCH):
            expr = f"name in {json.dumps(names[lo:lo + _BATCH], ensure_ascii=False)}"
            for r in self.query(self.records, expr, ["name", "part", "value"], expect=QUERY_MAX // 2, ts=ts):
                found.setdefault(r["name"], []).append((r["part"], r["value"]))
        out = {}
        for name, parts in found.items():
            parts.sort()
            if [p for p, _ in parts] == list(range(len(parts))):
                try:
                    out[name] = json.loads("".join(v for _, v in parts))
                except ValueError:  # a blob being rewritten: its parts are from two writes
                    continue
        return out

    def blob_names(self) -> set[str]:
        return {r["name"] for r in self.query(self.records, "part == 0", ["name"])}

    def drop_blobs(self, names: Iterable[str]) -> None:
        self.delete(self.records, "name", names)


EVENTUALLY = -1  # `ts` for a read that waits for nothing (a follower's look at the pointer)


def consistency(ts: int) -> dict:
    """Query/search arguments: Strong when `ts` is 0 (the version pointer, a writer's own reads),
    else guaranteed at server timestamp `ts` — rows and vectors are never changed once written,
    so a version's reader needs only what was written before its pointer moved, and does not
    wait for the server's next time tick (~200 ms on Milvus 2.3) on every call. EVENTUALLY: what
    the server has applied (a Strong read blocks ~0.3 s for the next tick; this one ~5 ms)."""
    if ts == EVENTUALLY:
        return {"consistency_level": "Eventually"}
    if ts:
        return {"consistency_level": "Customized", "guarantee_timestamp": int(ts)}
    return {"consistency_level": "Strong"}


def last_write_ts(client, collection: str) -> int:
    """pymilvus's record of this process's last write to `collection` (a server timestamp), or 0."""
    try:
        from pymilvus.client import ts_utils

        conn = client._get_connection()
        return int(ts_utils.get_collection_ts(collection, conn.server_address, "") or 0)
    except Exception:  # another pymilvus: fall back to Strong reads
        return 0


def page_all(client, collection: str, expr: str, fields: list[str]) -> list[dict]:
    it = client.query_iterator(collection, batch_size=4000, filter=expr, output_fields=fields)
    out: list[dict] = []
    try:
        while page := it.next():
            out += page
    finally:
        it.close()
    return out


def split_bytes(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` UTF-8 bytes, never inside a character (a cut
    backs off over UTF-8 continuation bytes, 0b10xxxxxx)."""
    data, parts, lo = text.encode("utf-8"), [], 0
    while len(data) - lo > limit:
        hi = lo + limit
        while data[hi] & 0xC0 == 0x80:
            hi -= 1
        parts.append(data[lo:hi].decode("utf-8"))
        lo = hi
    parts.append(data[lo:].decode("utf-8"))
    return parts


def fits(text: str) -> bool:
    return len(text.encode("utf-8")) <= VARCHAR_BYTES


def _client(uri: str, token: str, timeout: float):
    """One MilvusClient per address in this process (milvus-lite allows one opener)."""
    from pymilvus import MilvusClient

    key = (uri, token)
    with _LOCK:
        if key not in _CLIENTS:
            # A server's client gets a connection of its own (pymilvus shares one per address
            # otherwise, and a channel to a server that went away stays dead after it returns);
            # milvus-lite (a file) allows one opener per process, so it keeps the shared one.
            own = {"dedicated": True} if uri.startswith(("http://", "https://", "tcp://", "grpc://")) else {}
            _CLIENTS[key] = MilvusClient(uri=uri, token=token, timeout=timeout, **own)
        return _CLIENTS[key]
