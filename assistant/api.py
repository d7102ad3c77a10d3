"""The public entry point: Assistant.open / search / ask (README.md § Quick start, § How it works)."""
from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path
from typing import Iterator

from ingest.model import Chunk, Document
from ingest.tokenize import ChineseTokenizer

from . import prompts
from .answer import IndexView
from .answer import answer as extractive_answer
from .build import IngestReport, Progress, _model_id, ingest
from .bundled import remember as remember_bundled
from .bundled import sync_if_upgraded
from .embed import VectorCache, make_embedder
from .errors import BadQuestion, IndexBusy, OldIndexFormat
from .index import IndexData, IndexStore, check_model
from .index import load as load_index
from .injection import detector_for, margins_path
from .library import LibraryView
from .llm import answer as llm_answer
from .llm import stream_answer as llm_stream_answer
from .methods import answer_from_card, list_cards, lookup
from .methods import compare as compare_methods
from .plan import draft, draft_with_llm
from .quiz import build as build_quiz
from .retrieve import HybridRetriever
from .settings import Settings
from .store import store_for
from .types import Answer, AskEvent, Hit

_CONTENT = re.compile(r"[\w\u3400-\u9fff]")


def validate_question(q: str, limit: int) -> str:
    if q is None or not str(q).strip():
        raise BadQuestion(prompts.EMPTY_QUESTION)
    if len(str(q)) > 10 * limit:  # refuse before scanning a huge paste character by character
        raise BadQuestion(prompts.LONG_QUESTION.format(n=len(str(q)), limit=limit))
    q = "".join(ch for ch in str(q) if ch.isprintable() or ch in "\n\t").strip()
    if not q:  # nothing but control characters
        raise BadQuestion(prompts.EMPTY_QUESTION)
    if len(q) > limit:
        raise BadQuestion(prompts.LONG_QUESTION.format(n=len(q), limit=limit))
    if not _CONTENT.search(q):
        raise BadQuestion(prompts.PUNCT_QUESTION)
    return q


log = logging.getLogger(__name__)
FOLLOW_EVERY = 1.0  # seconds between looks at index/CURRENT: a commit is served within ~2 s


class Assistant:
    """Knowledge assistant over one index. Thread-safe for readers. It follows the index:
    a version committed by anyone (this process, a CLI ingest, a rollback) is picked up at the
    next request at most FOLLOW_EVERY after the commit (local store), or by a background thread
    polling Milvus every settings.milvus_follow_every (Milvus store, assistant/store/follow.py);
    requests already running finish on the version they started with."""

    def __init__(self, settings: Settings, data: IndexData, embedder=None):
        self.settings = settings
        self._lock = threading.RLock()
        self._reloading = threading.Lock()
        self._next_look = time.monotonic() + FOLLOW_EVERY
        self._embedder = embedder
        self._follower = None
        self._use(data)
        store = store_for(settings)
        if not isinstance(store, IndexStore):
            from .store.follow import Follower

            self._follower = Follower(self, settings.milvus_follow_every, settings.milvus_stale_after,
                                      store.tables.where)

    def close(self) -> None:
        """Stop following the library (the Milvus store's background thread); idempotent."""
        if self._follower is not None:
            self._follower.close()

    # ---- construction -------------------------------------------------------------
    @classmethod
    def open(cls, home: str | Path | None = None, settings: Settings | None = None,
             progress: Progress | None = None, embedder=None) -> "Assistant":
        """Open the default index; build it from the bundled corpus first if missing."""
        settings = settings or (Settings.load(home=Path(home)) if home else Settings.load())
        store = store_for(settings)  # local index folders, or the library in Milvus
        if not store.exists():
            cls._first_build(store, settings, progress, embedder)
        try:
            data = store.open()
        except OldIndexFormat:  # written by an earlier release: rebuilt, the user's documents kept
            cls._first_build(store, settings, progress, embedder)
            data = store.open()
        # built by an earlier release: the documents bundled since come in (deleted ones stay out)
        if sync_if_upgraded(settings, data.documents, lambda: ingest(
                cls.default_sources(settings), settings, progress=progress, embedder=embedder), progress):
            data = store.open()
        if embedder is None:
            check_model(data.manifest, _model_id(settings))
        return cls(settings, data, embedder)

    @classmethod
    def _first_build(cls, store, settings: Settings, progress, embedder) -> None:
        """Build the first index; when another process is already building it, wait for that
        build (up to settings.first_use_wait seconds) and use what it commits."""
        try:
            ingest(cls.default_sources(settings), settings, progress=progress, embedder=embedder)
            remember_bundled(settings)
            return
        except IndexBusy:
            if progress:
                progress("wait", 0, 1, "另一个进程正在建立索引，完成后继续…")
            store.lock(timeout=settings.first_use_wait).release()
            if progress:
                progress("wait", 1, 1, "")
        if not store.exists():  # the other build failed: build here
            ingest(cls.default_sources(settings), settings, progress=progress, embedder=embedder)
            remember_bundled(settings)

    @staticmethod
    def default_sources(settings: Settings) -> list[Path]:
        srcs = [settings.corpus]
        if settings.library_dir.exists():
            srcs.append(settings.library_dir)
        return srcs

    def _use(self, data: IndexData, version: Path | None = None, stamp: tuple | None = None) -> None:
        if self._embedder is None:
            s = self.settings
            self._embedder = make_embedder(s.embed_model, s.embed_threads, s.embed_batch, s.query_memo)
        model = self._embedder.model_name
        detector_for(self._embedder, VectorCache(self.settings.cache_dir, model), margins_path(self.settings.corpus, model))
        prev = getattr(self, "_state", None)  # the same domain terms: the same tokenizer (a new
        # one copies jieba's dictionary, tens of MB, on every version followed)
        tokenizer = prev[1] if prev is not None and list(prev[0].terms) == list(data.terms) else \
            ChineseTokenizer(data.terms, cache_dir=self.settings.cache_dir)
        retriever = HybridRetriever(data, self._embedder, tokenizer, self.settings.fusion,
                                    self.settings.dense_weight, self.settings.candidates)
        with self._lock:
            self._seen = self._pointer_stamp() if stamp is None else stamp
            self._state = (data, tokenizer, retriever)
            self._version = version or store_for(self.settings).current_dir()

    # ---- following the index ----------------------------------------------------------
    @property
    def data(self) -> IndexData:
        return self._snapshot()[0]

    @property
    def tokenizer(self) -> ChineseTokenizer:
        return self._snapshot()[1]

    @property
    def retriever(self) -> HybridRetriever:
        return self._snapshot()[2]

    @property
    def embedder(self):
        """The embedding model (shared with another Assistant on the same model to save memory)."""
        return self._embedder

    @property
    def version_dir(self) -> Path | None:
        """The folder of the index version being served."""
        return self._version

    def library(self) -> LibraryView:
        """The read-only view the features work from, one consistent version (assistant/library.py)."""
        with self._lock:
            data, tokenizer, retriever = self._snapshot()
            return LibraryView.of(self.settings, data, tokenizer, retriever, self._embedder)

    def _snapshot(self) -> tuple[IndexData, ChineseTokenizer, HybridRetriever]:
        """One consistent (index, tokenizer, retriever), after a look at CURRENT if it is time."""
        self._follow()
        return self._state

    def _pointer_stamp(self, eventual: bool = False) -> tuple:
        store = store_for(self.settings)
        if not isinstance(store, IndexStore):  # the library-version record in Milvus
            return store.stamp(eventual=eventual)
        p = store.pointer
        try:
            st = p.stat()
            return st.st_mtime_ns, st.st_size, p.read_bytes()[:200]
        except OSError:
            return ()

    def _follow(self) -> None:
        if self._follower is not None:  # Milvus: followed in the background, never on a request
            self._follower.check()
            return
        now = time.monotonic()
        if now < self._next_look or not self._reloading.acquire(blocking=False):
            return  # not yet, or another request is already loading the new version
        try:
            self._next_look = now + FOLLOW_EVERY
            stamp = self._pointer_stamp()
            if stamp != self._seen:
                self._reload(stamp)
        except Exception as e:  # keep serving the version we have; say why once per change
            self._seen = self._pointer_stamp()
            log.warning("索引已更新，但新版本无法读取（%s），继续使用当前版本", e)
        finally:
            self._reloading.release()

    def follow_now(self) -> None:
        """One look at the pointer, and the new version loaded when it moved (the Milvus
        follower's poll); errors propagate."""
        with self._reloading:
            stamp = self._pointer_stamp(eventual=True)  # ~5 ms, where a Strong read waits ~0.3 s
            if stamp != self._seen and not self._ahead(stamp):  # gone, or behind what we serve:
                stamp = self._pointer_stamp()  # a lagging replica or a rebuilt library; make sure
            if stamp != self._seen:
                self._reload(stamp)
            compact = getattr(store_for(self.settings), "compact", None)  # Milvus: a merge of the
            data = compact() if compact is not None else None  # lexical parts, after the swap
            if data is not None and data.manifest.get("version") == self._version:
                self._use(data, self._version, self._seen)

    def _ahead(self, stamp: tuple) -> bool:
        """A Milvus pointer naming a later version than the one served (versions only grow)."""
        return bool(stamp) and isinstance(self._version, int) and stamp[0] > self._version

    def reload(self, stamp: tuple | None = None) -> bool:
        """Switch to the newest committed index version, if it changed (`stamp`: the pointer's,
        just read)."""
        with self._reloading:
            return self._reload(stamp)

    def _reload(self, stamp: tuple | None = None) -> bool:
        store = store_for(self.settings)
        for _ in range(5):  # remember exactly the folder we loaded, even if CURRENT moves on
            stamp = stamp or self._pointer_stamp()  # taken first: a commit while we load is seen next time
            # Milvus: the stamp names the version (one strongly consistent read, not two)
            d = store.current_dir() if isinstance(store, IndexStore) or not stamp else stamp[0]
            if d is None or d == self._version:
                self._seen = stamp
                return False
            try:
                data = load_index(d) if isinstance(store, IndexStore) else store.load(d)
            except Exception:
                if store.current_dir() == d:
                    raise
                stamp = None
                continue  # garbage-collected by a newer commit while we read it
            self._use(data, d, stamp)
            return True
        return False

    # ---- library --------------------------------------------------------------------
    def ingest(self, paths: list[str | Path] | None = None, rebuild: bool = False,
               remove: list[str] = (), progress: Progress | None = None) -> IngestReport:
        """Sync `paths` (default: bundled corpus + upload library) into the index."""
        paths = [Path(p) for p in paths] if paths is not None else self.default_sources(self.settings)
        report = ingest(paths, self.settings, rebuild=rebuild, remove=list(remove),
                        progress=progress, embedder=self._embedder)
        self.reload(getattr(store_for(self.settings), "committed", None) or None)  # Milvus: the pointer
        return report  # it just wrote (no strongly consistent read of it again)

    def remove(self, doc_ids: list[str]) -> IngestReport:
        """Delete documents: their chunks leave both legs at once, and later syncs skip them."""
        return self.ingest([], remove=list(doc_ids))

    def documents(self) -> list[Document]:
        return list(self.data.documents.values())

    def document(self, doc_id: str) -> Document | None:
        return self.data.documents.get(doc_id)

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        return [c for c in self.data.chunks if doc_id is None or c.doc_id == doc_id]

    # ---- questions ------------------------------------------------------------------
    def search(self, query: str, k: int = 5) -> list[Hit]:
        if k < 1:
            raise ValueError(f"k must be greater than 0, got {k}")
        q = validate_question(query, self.settings.max_question_chars)
        data, _, retriever = self._snapshot()
        hits = []
        for s in retriever.scored(q, k=k):
            c = data.chunks[s.idx]
            doc = data.documents[c.doc_id]
            hits.append(Hit(c.chunk_id, c.doc_id, doc.title, c.section, c.text, round(s.score, 4),
                            c.start, c.end, {"bm25": round(s.bm25, 4), "dense": round(s.dense, 4),
                                             "place": doc.meta.get("place", {}),
                                             "date": doc.meta.get("date", ""),
                                             "doc_type": doc.meta.get("doc_type", "")}))
        return hits

    def ask(self, question: str) -> Answer:
        """Extractive answer; with an LLM endpoint configured, a verified generative answer
        (falling back to the extractive one, with a notice, when the endpoint fails)."""
        q = validate_question(question, self.settings.max_question_chars)
        ans = self.extractive(q)
        if _llm_on(self.settings):
            return llm_answer(self, q, ans)
        return ans

    def ask_stream(self, question: str) -> Iterator[AskEvent]:
        """Like ask(), as events: "delta" / "sentence" (verified) / "final" (see AskEvent)."""
        q = validate_question(question, self.settings.max_question_chars)
        ans = self.extractive(q)
        if _llm_on(self.settings):
            yield from llm_stream_answer(self, q, ans)
        else:
            yield AskEvent("final", ans)

    def extractive(self, q: str) -> Answer:
        """The extractive answer alone (no LLM), the fallback of generative answers."""
        cfg = self.settings.answer
        if cfg.on("method_card"):
            ans = answer_from_card(self, q)  # "X是什么/包括哪些" answered from a method card
            if ans is not None:
                ans.trace = {"strategy": "method_card", "reason": "the question names a method with a card",
                             "settings_hash": cfg.hash, "filters": [], "candidates": []}
                return ans
        return extractive_answer(q, self.view(), cfg)

    def view(self) -> IndexView:
        """A read-only view of the live index version, for answers and features."""
        data, _, retriever = self._snapshot()  # one consistent pair, even during a swap
        return IndexView.of(retriever, data.documents)

    # ---- features (each lives in its own subpackage; these are thin delegates) ----------
    def methods(self):
        return list_cards(self)

    def method(self, name: str):
        return lookup(self, name)

    def compare(self, names: list[str]):
        return compare_methods(self, names)

    def plan(self, topic: str, llm: bool | None = None, **kw):
        """Draft a work plan; llm=True (or None with an endpoint configured) lets the model
        rewrite the measures, each rewrite verified and grounding-checked."""
        if llm or (llm is None and _llm_on(self.settings)):
            return draft_with_llm(self, topic, **kw)
        return draft(self, topic, **kw)

    def quiz(self, **kw):
        return build_quiz(self, **kw)

    def warm_plans(self, units: list[str] | None = None) -> list[int]:
        """Read the own clauses of these unit kinds (default settings.plan.warm_units) into the
        store beside the index now, so the first plan for such a unit is not slow."""
        from .plan.own_articles import warm

        return warm(self, self.settings.plan.warm_units if units is None else units)


def _llm_on(settings: Settings) -> bool:
    return bool((settings.llm_base_url or "").strip())

