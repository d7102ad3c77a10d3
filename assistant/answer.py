"""Extractive answers: choose, order and cite the supporting sentences. No LLM."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Chunk, Document
from ingest.sentences import sentence_spans

from .prompts import CANNOT_ANSWER
from .retrieve import HybridRetriever, Scored, cn_to_int, rewrite_query, strip_question
from .types import Answer, Citation

_ENUM_Q = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|分别|包括|包含|几个方面|几项|有什么(做法|措施|内容|要求)|组成|构成")
_ENUM_MARK = re.compile(r"即[:：]?|[:：]|一是|首先|(?:^|。)[（(]?[一二三四五六七八九十1-9][)）、.．]")
_ORDINAL = re.compile(r"(?:其)?[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、是]|首先|其次|再次|最后")
_QUANT_Q = re.compile(r"多少|(?<![哪这那])几|多大|多长|多久|比例|百分|率")  # 哪几/这几 ask for a list
# Expected answer type: a question asking "how much money" needs an amount in 元, and so on.
_UNITS = [(re.compile(r"多少钱|多少元|几元|金额|罚多少|补贴多少|费用是多少"), re.compile(r"[0-9０-９一二三四五六七八九十百千万]+(?:多|余)?(?:万|亿)?元")),
          (re.compile(r"比例|百分之|百分比|占比|[^效]率[是为有]?多"), re.compile(r"[0-9０-９]+(?:\.\d+)?\s*[%％]|百分之|[一二三四五六七八九十]成"))]
RANK_PENALTY = 0.05  # per retrieval rank: later chunks must be clearly better to win
KEEP_RATIO = 0.85  # a further sentence needs this share of the best score (chosen on dev: 0.6-0.9 swept)
_NUM = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两]+(个|名|人|户|次|天|年|项|支|家|条|级|类|种)")


@dataclass
class Sent:
    chunk_rank: int
    chunk: Chunk
    start: int
    end: int
    score: float
    matched: frozenset = frozenset()  # the question words the sentence holds


# Specific measure words only: 个/人/名/位/家 count the same things interchangeably (几个成员 →
# 6人), so they name no unit to insist on.
_MEASURE = "小时|户|次|天|年|项|支|条|级|类|种|站|件|元|所|座|间|栋|层|批|场|届|期|处|块|本|份|周|月|岁"
_ASK_UNIT = re.compile(rf"(?<![哪这那])(?:几|多少)({_MEASURE})")


def asked_unit(question: str) -> re.Pattern | None:
    """“分几站” → a pattern for a number in 站 (三站式, 3站); None when no unit is named."""
    m = _ASK_UNIT.search(question)
    if not m:
        return None
    return re.compile(rf"(?:[0-9０-９]+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?:多|余)?{m.group(1)}")


def is_enumeration(question: str) -> bool:
    return bool(_ENUM_Q.search(question))


def coverage(retriever: HybridRetriever, words: list[str], texts: list[str]) -> float:
    """IDF-weighted share of question words that occur in the given passages."""
    if not words:
        return 0.0
    blob = rewrite_query("\n".join(texts))
    total = sum(retriever.idf(w) for w in words)
    hit = sum(retriever.idf(w) for w in words if w in blob)
    return hit / total if total else 0.0


def word_weights(words, retriever: HybridRetriever) -> dict[str, float]:
    """{word: weight}: corpus IDF, unless the caller already weighted the words."""
    return dict(words) if isinstance(words, dict) else {x: retriever.idf(x) for x in words}


def sentence_score(text: str, words, retriever: HybridRetriever, context: str = "") -> float:
    """Weighted share of question words in the sentence; words only in its heading path count
    half (a sentence under "工作目标" answers a question about 目标 without repeating the word).
    `words` is a list (corpus IDF weights) or a {word: weight} dict."""
    t, ctx = rewrite_query(text), rewrite_query(context)
    weights = word_weights(words, retriever)
    total = sum(weights.values()) or 1.0
    return sum(v * (1.0 if w in t else 0.5 if w in ctx else 0.0) for w, v in weights.items()) / total


def candidate_sentences(doc_text: str, chunks: list[tuple[int, Chunk, float]],
                        words: list[str], retriever: HybridRetriever, quantity: bool = False) -> list[Sent]:
    out = []
    weights = word_weights(words, retriever)
    for rank, c, chunk_score in chunks:
        for s, e in sentence_spans(doc_text, c.start, c.end):
            text = doc_text[s:e]
            if e - s < 12 and re.match(r"^[（(]?[0-9一二三四五六七八九十]+[)）、.．]", text):
                continue  # a bare run-in heading ("3、选优配强。") says nothing by itself
            lex = sentence_score(text, weights, retriever, " ".join(c.section_path[1:]))
            bonus = 0.15 if quantity and _NUM.search(text) else 0.0
            out.append(Sent(rank, c, s, e, lex + bonus + 0.35 * chunk_score - RANK_PENALTY * rank,
                            frozenset(w for w in weights if w in rewrite_query(text))))
    return out


_ASKED_N = re.compile(r"(?:哪|分|有|是)([一二两三四五六七八九十]|\d{1,2})(?:种|个|条|项|类|块|级|层|方面|大|点|站|步|句|会)")
_QUOTED_ITEM = re.compile(r"“([^“”]{1,24})”")
_CN_DIGITS = "零一二三四五六七八九十"
LIST_BONUS = 0.15  # a list-shaped sentence, for a question asking for a list (swept 0-0.3)
COUNT_BONUS = 0.2  # …whose item count is the one asked for (哪三种 → 3 items)


def asked_count(question: str) -> int | None:
    """“哪三种会” → 3: the number of items the question expects, when it says."""
    m = _ASKED_N.search(question)
    return cn_to_int(m.group(1)) if m else None


def list_size(text: str) -> int:
    """Items in the longest list the sentence states: 、-separated, or quoted terms
    (“共建联建型”“融合互助型”…)."""
    best = max((m.group(0).count("、") + 1 for m in _LIST.finditer(text)), default=0)
    quoted = _QUOTED_ITEM.findall(text)
    return max(best, len(quoted) if len(quoted) >= 2 else 0)


def list_bonus(text: str, n: int | None) -> float:
    size = list_size(text)
    if size < 2:
        return 0.0
    named = n is not None and n < len(_CN_DIGITS) and re.search(
        rf"[{_CN_DIGITS[n]}{n}](?:大|个|项|种|类|级|条|方面|站)", text)
    return LIST_BONUS + (COUNT_BONUS if n is not None and (size == n or named) else 0.0)


def enumeration_sentences(question: str, chunks: list[tuple[int, Chunk, float]], words: list[str],
                          retriever: HybridRetriever, docs: dict[str, Document]) -> list[Sent]:
    """The best list-shaped sentence of the top chunks, with the rest of its list: the
    sentence itself when it holds the list, else the run of 一是…二是… sentences around it,
    else the sentence after a lead ending in "：". """
    n = asked_count(question)
    cands = []
    for rank, c, score in chunks[:ENUM_CHUNKS]:
        text = docs[c.doc_id].text
        for s in candidate_sentences(text, [(rank, c, score)], words, retriever):
            s.score += list_bonus(text[s.start:s.end], n)
            cands.append(s)
    if not cands:
        return []
    best = max(cands, key=lambda s: s.score)
    doc_text, c = docs[best.chunk.doc_id].text, best.chunk
    spans = sentence_spans(doc_text, c.start, c.end)
    texts = [doc_text[a:b] for a, b in spans]
    i = next(k for k, (a, _) in enumerate(spans) if a == best.start)
    ordinals = [k for k, t in enumerate(texts) if _ORDINAL.match(t.lstrip("（(一二三四五六七八九十1234567890）)、.． "))
                or _ORDINAL.match(t)]
    picked = []
    if list_size(texts[i]) >= 2 or "即" in texts[i]:
        picked = [i]
    elif len(ordinals) >= 2:
        picked = sorted(set(ordinals) | {i})
    elif _ENUM_MARK.search(texts[i]) and i + 1 < len(texts) and texts[i].rstrip().endswith(("：", ":")):
        picked = [i, i + 1]
    return [Sent(best.chunk_rank, c, spans[k][0], spans[k][1], best.score) for k in picked]


ENUM_CHUNKS = 3  # list sentences are looked for in this many top chunks (1-3 swept)


_LEAD = re.compile(r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、])")
_LIST = re.compile(r"(?:[^、，。；]{2,16}、){2,}[^、，。；]{2,16}")


def with_elaboration(sents: list[Sent], doc_text: str) -> list[Sent]:
    """A short lead sentence ("三是推广全程代办，提供人性化服务。") brings the next one along."""
    out: list[Sent] = []
    for s in sents:
        out.append(s)
        if s.end - s.start <= 30 and _LEAD.match(doc_text[s.start:s.end]):
            nxt = sentence_spans(doc_text, s.end, s.chunk.end)
            if nxt and not _LEAD.match(doc_text[nxt[0][0]:nxt[0][1]]):
                out.append(Sent(s.chunk_rank, s.chunk, nxt[0][0], nxt[0][1], s.score))
    seen, uniq = set(), []
    for s in out:
        if (s.chunk.doc_id, s.start) not in seen:
            seen.add((s.chunk.doc_id, s.start))
            uniq.append(s)
    return uniq


def make_citations(sents: list[Sent], docs: dict[str, Document]) -> tuple[str, list[Citation]]:
    """Answer text with [n] after every sentence; each citation quotes its exact span.
    Adjacent sentences of one paragraph share one citation whose span covers them both."""
    parts: list[str] = []
    cites: list[Citation] = []
    prev: Sent | None = None
    for s in sents:
        doc = docs[s.chunk.doc_id]
        adjacent = prev is not None and prev.chunk.chunk_id == s.chunk.chunk_id and \
            prev.end <= s.start and not doc.text[prev.end:s.start].strip()
        if adjacent:
            c = cites[-1]
            c.end = s.end
            c.quote = doc.text[c.start:c.end]
        else:
            cites.append(Citation(len(cites) + 1, s.chunk.chunk_id, doc.doc_id, doc.title, s.chunk.section,
                                  doc.text[s.start:s.end], s.start, s.end,
                                  {k: doc.meta.get(k) for k in ("place", "date", "doc_type", "source")}))
        parts.append(doc.text[s.start:s.end] + f"[{len(cites)}]")
        prev = s
    return "".join(parts), cites


def best_sentences(sents: list[Sent], max_sents: int) -> list[Sent]:
    """The best sentence, plus up to max_sents-1 more scoring close to it that each hold a
    question word the ones before did not (no second sentence saying the same), in reading order."""
    sents = sorted(sents, key=lambda s: -s.score)
    picked = sents[:1]
    covered = set(sents[0].matched) if sents else set()
    for s in sents[1:]:
        if len(picked) >= max_sents or s.score < KEEP_RATIO * sents[0].score:
            break
        if NOVELTY and not s.matched - covered:
            continue
        picked.append(s)
        covered |= s.matched
    return sorted(picked, key=lambda s: (s.chunk_rank, s.start))


NOVELTY = True  # extra sentences must add a question word (precision 0.879 → 0.888)


HEADING_MATCH = 0.3  # share of the question's weighted words a parent heading must hold


def in_heading(word: str, heading: str) -> bool:
    """Word in heading, or (for compounds) its characters in order: 整改措施 ~ 整改具体措施."""
    if word in heading:
        return True
    if len(word) < 3:
        return False
    it = iter(heading)
    return all(ch in it for ch in word)


def heading_list(hits: list[tuple[int, Chunk, float]], words: list[str], retriever: HybridRetriever,
                 docs: dict[str, Document]) -> list[Sent]:
    """“具体措施有哪几条” under a heading “五、集中整改具体措施”: the list is the heading's
    sub-headings, each cited where it opens its own section. The best-matching heading with
    at least two sub-headings wins; on a tie, the deeper (more specific) one."""
    total = sum(retriever.idf(w) for w in words) or 1.0
    found: dict[tuple, float] = {}
    for _, c, _ in hits[:3]:
        intro = docs[c.doc_id].text[c.start:c.end].rstrip()
        for depth in range(1, len(c.section_path)):
            path = c.section_path[:depth + 1]
            # A section's intro paragraph that ends in "：" ("主要体现在以下几个方面：") reads
            # as part of its heading.
            heads = path + ((intro,) if depth == len(c.section_path) - 1 and intro.endswith(("：", ":")) else ())
            if not any(in_heading(w, h) for h in heads[depth:] for w in words if len(w) >= 2):
                continue  # the heading itself must name what is asked about
            sc = sum(retriever.idf(w) for w in words if any(in_heading(w, h) for h in heads)) / total
            if sc > HEADING_MATCH:
                found[(c.doc_id, path)] = max(sc, found.get((c.doc_id, path), 0.0))
    for (doc_id, prefix), sc in sorted(found.items(), key=lambda kv: (-kv[1], -len(kv[0][1]))):
        out = sub_headings(doc_id, prefix, retriever, docs, sc)
        if len(out) >= 2:
            return out
    return []


def sub_headings(doc_id: str, prefix: tuple, retriever: HybridRetriever, docs: dict[str, Document],
                 score: float) -> list[Sent]:
    text, seen, out = docs[doc_id].text, set(), []
    for c in retriever.data.chunks:
        if c.doc_id != doc_id or c.section_path[:len(prefix)] != prefix or len(c.section_path) <= len(prefix):
            continue
        child = c.section_path[len(prefix)]
        at = text.find(child, max(0, c.start - len(child) - 4), c.end)
        if child in seen or at < 0:
            continue
        seen.add(child)
        span = (at, at + len(child)) if at < c.start else \
            next(((s, e) for s, e in sentence_spans(text, c.start, c.end) if s <= at < e), None)  # heading line
        if span:
            out.append(Sent(0, c, span[0], span[1], score))
    return sorted(out, key=lambda s: s.start)


_ADMIN = re.compile(r"(?:街道|社区|新区|区|市|省|县|镇|乡)$")


_ALIASES: list = [None, {}]  # (docs object, {alias: (place, doc ids)}) for the live index


def place_aliases(docs: dict[str, Document]) -> dict[str, tuple[str, frozenset[str]]]:
    """Each place name, and the name without its admin suffix (东山街道 → 东山), mapped to
    (place, its documents). Built once per index (held with the docs object it describes)."""
    if _ALIASES[0] is not docs:
        groups: dict[str, set[str]] = {}
        for d in docs.values():
            place = d.meta.get("place") or {}
            for v in (place.values() if isinstance(place, dict) else [place]):
                if str(v or "").strip():
                    groups.setdefault(str(v).strip(), set()).add(d.doc_id)
        aliases = {}
        for v, ids in groups.items():
            for alias in {v, _ADMIN.sub("", v)}:
                if len(alias) >= 2:
                    aliases[alias] = (v, frozenset(ids))
        _ALIASES[:] = [docs, aliases]
    return _ALIASES[1]


def place_groups(question: str, docs: dict[str, Document]) -> tuple[list[set[str]], set[str]]:
    """Doc-id groups for each place the question names (“东山和文化路…”); plus the names matched."""
    groups: dict[str, set[str]] = {}
    names: set[str] = set()
    for alias, (place, ids) in place_aliases(docs).items():
        if alias in question:
            groups[place] = set(ids)
            names.add(alias)
    uniq = [g for g in groups.values() if g != set(docs)]
    return [g for g in uniq if not any(g < h for h in uniq)], names


_SURVEY = re.compile(r"各地|各个地方|各社区|各街道|哪些地方|(?:材料|资料|文件)里|不同地方|其他地方|对得上|一致吗|有何不同|有啥不一样|有什么不同")
SURVEY_DOCS = 3  # documents a survey answer draws on (2-3 swept)
SURVEY_MIN = 0.5  # share of the best hit score a document needs to be one of them (0.5-0.7 swept)


def survey_groups(hits: list[Scored], retriever: HybridRetriever) -> list[set[str]]:
    """“各地都有哪些做法”: one group per document among the top hits (scoring at least
    SURVEY_MIN of the best), so each document contributes its own best sentence."""
    out: list[set[str]] = []
    for h in hits:
        doc_id = retriever.data.chunks[h.idx].doc_id
        if h.score >= SURVEY_MIN * hits[0].score and {doc_id} not in out:
            out.append({doc_id})
    return out[:SURVEY_DOCS]


def per_place(question: str, words: list[str], retriever: HybridRetriever,
              docs: dict[str, Document], groups: list[set[str]], names: set[str]) -> list[Sent]:
    """A cross-place question gets the best supported sentence from each named place,
    scored on the topic alone (the place names only choose the documents)."""
    topic = question
    for n in sorted(names, key=len, reverse=True):
        topic = topic.replace(n, " ")
    words = [w for w in words if not any(w in n or n in w for n in names)]
    hits = retriever.scored(rewrite_query(topic), k=min(60, len(retriever.data.chunks)))
    quantity = bool(_QUANT_Q.search(question))
    out: list[Sent] = []
    for g in groups:
        mine = [h for h in hits if retriever.data.chunks[h.idx].doc_id in g][:2]
        cands = [s for r, h in enumerate(mine) for s in candidate_sentences(
            docs[retriever.data.chunks[h.idx].doc_id].text, [(r, retriever.data.chunks[h.idx], h.score)],
            words, retriever, quantity)]
        out += best_sentences(cands, 1)
    return out


_ASK = re.compile(r"几|多少|哪|怎么|怎样|如何|什么|啥|咋|吗")
PART_SENTS = 1  # sentences per ask of a multi-part question (1-2 swept)
PART_CTX = 0.3  # weight of the other asks' and topic words when scoring one ask (0-0.6 swept)


def sub_questions(question: str) -> list[tuple[str, str]]:
    """“有几个支部？党员多少名？” asks two things: the pieces (split at ？ and at commas
    before a question word) that ask something. A piece that asks nothing is the topic.
    Each ask comes as (the question to answer, its focus: the words that weigh fully)."""
    items = _Q_ITEMS.search(question)
    if items and _EACH.search(question):  # “选举、决策、参与、监督这几项权利”: one ask per item
        a, b = items.span()
        names = items.group(0).split("、")
        head = jieba_trim(names[0], max(len(x) for x in names[1:]))
        a += len(names[0]) - len(head)
        return [(question[:a] + item + question[b:], item) for item in [head] + names[1:]]
    pieces = re.split(r"[？?；;]|[，,](?=[^，,？?]*(?:几|多少|哪|怎么|怎样|如何|什么|啥|咋))", question)
    return [(p.strip(), p.strip()) for p in pieces if p.strip() and _ASK.search(p)]


_Q_ITEMS = re.compile(r"[\u4e00-\u9fff]{1,6}(?:、[\u4e00-\u9fff]{1,6})*、[\u4e00-\u9fff]{1,6}?(?=这|那|等|各|分别|的|两|几|方面|[，,。？?])")


def jieba_trim(first: str, width: int) -> str:
    """The first item of a list in a question carries what precedes it (保障居民选举、决策):
    drop its leading words until it is no longer than the other items."""
    import jieba

    words = jieba.lcut(first)
    while len(words) > 1 and len("".join(words)) > width:
        words.pop(0)
    return "".join(words)
_EACH = re.compile(r"分别|各|这几|这些|每")


def ask_weights(focus: str, words: list[str], retriever: HybridRetriever) -> dict[str, float]:
    """The ask's own words at full weight; the rest of the question (its topic) as context."""
    own = set(retriever.tokenizer.content_words(strip_question(rewrite_query(focus))))
    out = {w: retriever.idf(w) * (1.0 if w in own else PART_CTX) for w in words}
    out.update({w: retriever.idf(w) for w in own})
    return out


def select(question: str, words, chunks: list[tuple[int, Chunk, float]], retriever: HybridRetriever,
           docs: dict[str, Document], max_sents: int) -> list[Sent] | None:
    """The sentences answering one question (None: the corpus has no answer of the asked kind)."""
    if is_enumeration(question):
        sents = heading_list(chunks, list(words), retriever, docs) or \
            enumeration_sentences(question, chunks, words, retriever, docs)[: max(max_sents, 8)]
        if sents:
            return sents
    quantity = bool(_QUANT_Q.search(question))
    sents = [s for rank, c, score in chunks[:3]
             for s in candidate_sentences(docs[c.doc_id].text, [(rank, c, score)], words, retriever, quantity)]
    if quantity:  # keep the sentences stating a number, in the asked unit (几站 → 三站) if any does
        for pattern in (asked_unit(question), _NUM):
            numeric = [s for s in sents if pattern and pattern.search(docs[s.chunk.doc_id].text[s.start:s.end])]
            if numeric:
                sents = numeric
                break
    unit = next((u for q_pat, u in _UNITS if q_pat.search(question)), None)
    if unit is not None:  # no amount of the asked kind anywhere near: the corpus has no answer
        sents = [s for s in sents if unit.search(docs[s.chunk.doc_id].text[s.start:s.end])]
        if not sents:
            return None
    return best_sentences(sents, max_sents)


_HOW = re.compile(r"怎么|怎样|如何|咋|办法|措施|做法")
# A sentence that answers the one before it: “针对这一问题，……” / “就这一问题，……” / “为此，……”.
_RESPONSE = re.compile(r"^(?:针对|就|对)(?:这一|这个|这些|此|该|上述)(?:问题|情况|难题|现象)|^(?:对此|为此|于是)")


def with_response(sents: list[Sent], docs: dict[str, Document]) -> list[Sent]:
    """“怎么解决的” is answered by what was done about the problem the best sentence
    describes: one of the next two sentences of its chunk that opens by referring back to it."""
    out: list[Sent] = []
    for s in sents:
        out.append(s)
        text = docs[s.chunk.doc_id].text
        for a, b in sentence_spans(text, s.end, s.chunk.end)[:2]:  # the problem may take two sentences
            if _RESPONSE.match(text[a:b].lstrip()):
                if all(x.start != a for x in sents):
                    out.append(Sent(s.chunk_rank, s.chunk, a, b, s.score))
                break
    return out


def answer(question: str, retriever: HybridRetriever, docs: dict[str, Document],
           abstain_coverage: float, abstain_dense: float, max_sents: int = 4) -> Answer:
    q = rewrite_query(question)
    words = retriever.tokenizer.content_words(strip_question(q))
    hits: list[Scored] = retriever.scored(q, k=6)
    chunks = [(r, retriever.data.chunks[h.idx], h.score) for r, h in enumerate(hits)]
    if not hits:
        return Answer(question, CANNOT_ANSWER, [], False)
    cov = coverage(retriever, words, [c.context_text() for _, c, _ in chunks[:3]])
    if cov < abstain_coverage or max(h.dense for h in hits) < abstain_dense:
        return Answer(question, CANNOT_ANSWER, [], False)

    sents: list[Sent] | None = []
    groups, names = place_groups(question, docs)
    if len(groups) < 2 and _SURVEY.search(question):
        groups = survey_groups(hits, retriever)
    asks = sub_questions(question)
    if len(groups) >= 2:
        sents = per_place(question, words, retriever, docs, groups, names)
    elif len(asks) >= 2:
        sents = []
        for ask, focus in asks:  # each ask adds its best sentences, unless already in the answer
            part = select(ask, ask_weights(focus, words, retriever), chunks, retriever, docs, PART_SENTS)
            sents += [x for x in part or [] if all((x.chunk.doc_id, x.start) != (y.chunk.doc_id, y.start) for y in sents)]
        sents.sort(key=lambda x: (x.chunk_rank, x.start))
    else:
        sents = select(question, words, chunks, retriever, docs, max_sents)
    if sents and _HOW.search(question) and len(groups) < 2:
        sents = with_response(sents, docs)
    if not sents:
        return Answer(question, CANNOT_ANSWER, [], False)
    sents = with_elaboration(sents, docs[chunks[0][1].doc_id].text) if len({s.chunk.doc_id for s in sents}) == 1 \
        else [x for s in sents for x in with_elaboration([s], docs[s.chunk.doc_id].text)]
    text, cites = make_citations(sents, docs)
    return Answer(question, text, cites, True)
