"""python -m evals.milvus_probe URI — what a Milvus can do for the Milvus store, by trying.

Creates and drops throwaway collections `probe_*`: sparse vectors with hybrid search and both
rankers, the BM25 function with the `jieba` and `chinese` analyzers, and a second vector field.
URI is a server (http://host:19530) or a milvus-lite file.
"""
from __future__ import annotations

import sys


def _try(name: str, fn) -> bool:
    try:
        fn()
        print(f"yes  {name}")
        return True
    except Exception as e:  # the point is to see what the server refuses
        print(f"no   {name}: {str(e).splitlines()[0][:160] if str(e) else type(e).__name__}")
        return False


def probe(uri: str) -> None:
    from pymilvus import AnnSearchRequest, DataType, Function, FunctionType, MilvusClient, RRFRanker, WeightedRanker

    c = MilvusClient(uri)
    print(f"# {uri}: {c.get_server_version()}")

    def fresh(name: str, fields, index, functions=()):
        if c.has_collection(name):
            c.drop_collection(name)
        s = c.create_schema(auto_id=False)
        s.add_field("id", DataType.VARCHAR, is_primary=True, max_length=64)
        for args, kw in fields:
            s.add_field(*args, **kw)
        for f in functions:
            s.add_function(f)
        ip = c.prepare_index_params()
        for field, kind, metric in index:
            ip.add_index(field, index_type=kind, metric_type=metric)
        c.create_collection(name, schema=s, index_params=ip)

    def sparse_hybrid():
        fresh("probe_sparse", [(("sp", DataType.SPARSE_FLOAT_VECTOR), {}), (("d", DataType.FLOAT_VECTOR), {"dim": 2})],
              [("sp", "SPARSE_INVERTED_INDEX", "IP"), ("d", "FLAT", "IP")])
        c.insert("probe_sparse", [{"id": "a", "sp": {1: 0.5}, "d": [1.0, 0.0]}])
        reqs = [AnnSearchRequest([{1: 1.0}], "sp", {"metric_type": "IP"}, 2),
                AnnSearchRequest([[1.0, 0.0]], "d", {"metric_type": "IP"}, 2)]
        c.hybrid_search("probe_sparse", reqs, RRFRanker(60), limit=2)
        c.hybrid_search("probe_sparse", reqs, WeightedRanker(0.5, 0.5), limit=2)

    def bm25(analyzer: dict):
        fresh("probe_bm25", [(("text", DataType.VARCHAR), {"max_length": 1000, "enable_analyzer": True,
                                                            "analyzer_params": analyzer}),
                             (("sp", DataType.SPARSE_FLOAT_VECTOR), {})],
              [("sp", "SPARSE_INVERTED_INDEX", "BM25")],
              [Function(name="bm", function_type=FunctionType.BM25, input_field_names=["text"],
                        output_field_names=["sp"])])
        c.insert("probe_bm25", [{"id": "a", "text": "社区网格化管理办法"}])
        hits = c.search("probe_bm25", ["网格化管理"], anns_field="sp", limit=1, search_params={"metric_type": "BM25"})
        assert hits[0], "no hit"

    _try("sparse vectors + hybrid_search (RRFRanker, WeightedRanker)", sparse_hybrid)
    _try("BM25 function, analyzer {'tokenizer': 'jieba'}", lambda: bm25({"tokenizer": "jieba"}))
    _try("BM25 function, analyzer {'type': 'chinese'}", lambda: bm25({"type": "chinese"}))
    _try("two vector fields in one collection", lambda: fresh(
        "probe_two", [(("d", DataType.FLOAT_VECTOR), {"dim": 2}), (("e", DataType.FLOAT_VECTOR), {"dim": 2})],
        [("d", "FLAT", "IP"), ("e", "FLAT", "IP")]))
    for name in ("probe_sparse", "probe_bm25", "probe_two"):
        if c.has_collection(name):
            c.drop_collection(name)


if __name__ == "__main__":
    probe(sys.argv[1] if len(sys.argv) > 1 else "probe.db")
