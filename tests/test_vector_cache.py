"""The on-disk vector cache (assistant/vector_cache.py) reads only the rows asked for, and gives
exactly what was put, whatever the segment layout."""
from __future__ import annotations

import numpy as np

from assistant.vector_cache import VectorCache, read_rows


def _keys(lo: int, hi: int) -> list[str]:
    return [f"{i:024x}" for i in range(lo, hi)]


def test_lookups_give_what_was_put_reading_only_the_rows_asked_for(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    put = VectorCache(tmp_path, "m")
    vecs = {}
    for lo, hi in ((0, 50), (50, 120), (120, 121)):
        v = rng.standard_normal((hi - lo, 8)).astype(np.float32)
        put.put(_keys(lo, hi), v)
        vecs.update(zip(_keys(lo, hi), v))
    read: list[int] = []
    import assistant.vector_cache as vc

    monkeypatch.setattr(vc, "read_rows", lambda seg, rows: read.extend(rows.tolist()) or read_rows(seg, rows))
    cache = VectorCache(tmp_path, "m")  # a new process's view: nothing in memory
    want = ["0" * 24, _keys(60, 61)[0], _keys(120, 121)[0], "f" * 24]
    got = cache.get(want)
    assert set(got) == set(want[:3]) and all(np.array_equal(got[k], vecs[k]) for k in got)
    assert sorted(read) == [0, 0, 10]  # one row of each of three segments
    every = cache.get(list(vecs))
    assert len(every) == 121 and all(np.array_equal(every[k], vecs[k]) for k in vecs)


def test_a_key_in_two_segments_gives_the_later_segment_and_a_torn_one_is_dropped(tmp_path):
    cache = VectorCache(tmp_path, "m")
    cache.put(["a" * 24, "b" * 24], np.ones((2, 4), np.float32))
    cache.put(["b" * 24, "c" * 24], np.full((2, 4), 2, np.float32))
    first, later = sorted(cache.dir.glob("seg-*.npz"))  # by name, as they are read
    with np.load(later) as z:
        expect = 1.0 if "a" * 24 in z["keys"] else 2.0
    assert np.all(VectorCache(tmp_path, "m").get(["b" * 24])["b" * 24] == expect)
    with np.load(first) as z:
        lost = set(z["keys"].tolist())
    first.write_bytes(first.read_bytes()[:40])  # torn after its keys were read in this process
    again = VectorCache(tmp_path, "m").get(["a" * 24, "b" * 24, "c" * 24])
    assert set(again) == {"a" * 24, "b" * 24, "c" * 24} - (lost - {"b" * 24}) and not first.exists()
