"""情景题 from a norm's conditional rules: "对登记参加选举的村民名单有异议的，应当自名单公布之日起
五日内向村民选举委员会申诉" — a situation a cadre meets (the condition) and what the norm says
is done (the consequence, verbatim).

A rule fact is one sentence of a regulation, norm, opinion, notice or plan that opens with a
condition ending in 的， and goes on to a normative act (应当/可以/不得/由/须/负责/予以). The
condition becomes a 情景 (“工作中遇到这种情况：共同生活的家庭成员申请有困难。”), the
consequence the key of a 单选 whose wrong options are the consequences of other conditional
rules (of the same document first): real clauses, just not for this situation. A 判断 states
the rule as written (true only: a swapped consequence may be what another article allows).
Sanctions, references to other articles and anonymised text are never asked.
"""
from __future__ import annotations

import os
import re

from ingest.model import Document

from .articles import OTHER_RULES, POINTS_ELSEWHERE
from .duty_blank import duty_blank, other_holder, shared_duty
from .duty_multi import shared_multi
from .echo import related, single_echo, synonyms
from .facts import ANON, Fact, Sentence
from .filters import (  # (a court's or a prison's own act is not a cadre's procedure)
    COMMUNITY_ACTOR,
    ORGAN,
    ORGAN_LEAD,
    higher_body,
)
from .model import BLANK, FALSE, MULTI, SINGLE, TRUE, TRUE_FALSE, QuizItem
from .scenario_checks import (
    chapter_of,
    generic,
    incomplete,
    leans_on_before,
    other_actor,
    scene_sentences,
    subject_of,
    wrong_here,
)
from .scene_wrong import allowed_source, compose, key_variants, note
from .verify import norm, points_elsewhere

RULE_TYPES = ("法规", "规范", "意见", "通知", "实施方案")  # texts that state norms (cases and studies narrate)
OPEN = re.compile(r"^(?:第[一二三四五六七八九十百零〇]+条[ \u3000]*|[（(][一二三四五六七八九十\d]{1,3}[)）][ \u3000]*|"
                  r"\d{1,2}[.．、][ \u3000]*)")
RULE = re.compile(r"^([^。；：，]{2,}(?:，[^。；：，]+){0,2}?的)，([^。；：]{8,80}?)(?:[。；]|$)")
ACT = re.compile(r"应当|可以|不得|须|负责|予以|有权|及时|^由")
# a condition that is no situation (但是…, a definition 是指/是由, a purpose) or leans on the text
# before it (对以上材料进行核实, 上述情形)
NOT_A_CONDITION = re.compile(r"^(?:但|但是|或者|并|其中|对此|为此|同时)|应当|可以|不得|必须|是指|是由|包括|所称|目的|"
                             r"以上|上述|前述|前项|该|违反")
SANCTION = re.compile(r"警告|吊销|处罚|撤销登记|取缔|没收|通报批评|法律责任")  # (with articles.OTHER_RULES: a penalty is another body's act)
# whom the rule concerns: a community body, resident or service a cadre deals with (a court's or
# a prison's own procedure is another organ's business)
COMMUNITY = re.compile(r"社区|居民|村民|居（村）|村（居）|街道|乡镇|业主|物业|志愿|家庭|申请人|当事人|调解|老年人|残疾人|救助")
SELF_REF = re.compile(r"本(?:办法|条例|法|规定|意见|方案|通知)")  # (the text's own other rules)
COND_MIN, COND_MAX = 10, 45  # (a shorter condition, 不具备登记条件的, leans on its sentence before)
BODY = re.compile(r"(?:委员会|政府|办事处|部门|机构|组织|企业|大会|单位|所|站|中心)$")  # an organisation, not a person
VAGUE_ACTOR = re.compile(r"任何|以外|其他|其它|和|及|或者|、|与")  # (a description, or two bodies: 村民委员会 alone half-right)
DUTY_TYPES = ("法规", "规范")  # (a notice's 要 sentences are one office's arrangements)
DUTY_MIN, DUTY_MAX = 14, 80
# who acts: a named body or role opening the consequence (乡镇人民政府（街道办事处）应当…, 业主委员会应当…)
ACTOR = re.compile(r"^((?:[^，、；。（）]{2,14}|[^，、；。（）]{2,10}（[^（）]{2,10}）)(?:委员会|政府|办事处|部门|机构|组织|"
                   r"企业|大会|单位|人|员|组|会|所|站|中心))(?=应当|可以|负责|不得|须|要)")
MODAL_LEAD = re.compile(r"^(?:应当|应|可以|可|不得|须|必须|要|及时|予以)")  # a consequence naming no body: the person's own act
NEIGHBOUR = 300  # characters: a rule this near (the same article's exception, 可以延长至45个工作日) may co-apply
SAME_SITUATION = 0.5  # bigram overlap at which two conditions name one situation (有异议 / 提出异议)
_NEGATED = re.compile(r"不|未|拒绝|逾期")
ALIKE = 0.3  # bigram overlap at which two conditions or two consequences count as one rule


def rule_facts(docs: dict[str, Document], sents: list[Sentence]) -> list[Fact]:
    """The conditional rules of the normative texts among `sents`, each with its exact span."""
    out = []
    for s in sents:
        doc = docs[s.doc_id]
        if doc.meta.get("doc_type") in RULE_TYPES and not ANON.search(s.text):
            f = _rule_of(s, doc) or (_duty_of(s, doc) if doc.meta.get("doc_type") in DUTY_TYPES else None)
            if f is not None:
                out.append(f)
    return out


def _rule_of(s: Sentence, doc: Document) -> Fact | None:
    lead = OPEN.match(s.text)
    skip = lead.end() if lead else 0
    skip += len(s.text[skip:]) - len(s.text[skip:].lstrip())
    m = RULE.match(s.text[skip:])
    if not m:
        return None
    cond, cons = m.group(1), m.group(2).rstrip("，、 ")
    if not COND_MIN <= len(cond) <= COND_MAX or NOT_A_CONDITION.search(cond) or not ACT.search(cons):
        return None
    if incomplete(cond):
        return None  # (不符合条件、不予同意的: whose application is not said, review 8's 第17题)
    if generic(cons):
        return None  # (雇请保安人员的，应当遵守国家有关规定: holds in any situation, so it tests none)
    if ORGAN.search(cond) or ORGAN.search(cons[:ORGAN_LEAD]) or not COMMUNITY.search(cond + cons):
        return None
    if SANCTION.search(cons) or OTHER_RULES.search(cons) or POINTS_ELSEWHERE.search(cond + cons) or SELF_REF.search(cons):
        return None
    start = s.start + skip
    if doc.text[start:start + m.end(2)] != cond + "，" + m.group(2) or doc.text.count(cond) > 1:
        return None
    if leans_on_before(doc, start, cond):
        return None  # (its subject or object is in the clause before: 委托物业服务企业管理的 of 公共收入)  # (a condition stated twice, 公示期满无异议的 of 认定 and of 终止, is no situation alone)
    return Fact("rule", s.doc_id, s.chunk_id, start, start + len(cond) + 1 + len(cons), cons,
                clause=cond + "，" + cons, key_pos=len(cond) + 1, head=cond, extra={"scene": cond[:-1]})


def _duty_of(s: Sentence, doc: Document) -> Fact | None:
    """A regulation's duty stated of a named body (人民调解委员会应当建立健全各项调解工作制度): no
    situation to put, but who carries the duty (a 填空) and the rule as written (a 判断)."""
    lead = OPEN.match(s.text)
    skip = lead.end() if lead else 0
    skip += len(s.text[skip:]) - len(s.text[skip:].lstrip())
    text = re.split(r"[。；]", s.text[skip:], maxsplit=1)[0]
    m = ACTOR.match(text)
    who = m.group(1) if m else shared_duty(text)  # (several bodies' shared duty: its object blanked, never who)
    if not who or not DUTY_MIN <= len(text) <= DUTY_MAX or "的，" in text or ORGAN.search(who):
        return None
    if not COMMUNITY.search(text) or SANCTION.search(text) or OTHER_RULES.search(text) or \
            POINTS_ELSEWHERE.search(text) or SELF_REF.search(text) or text.endswith("："):
        return None
    start = s.start + skip
    return Fact("rule", s.doc_id, s.chunk_id, start, start + len(text), text, clause=text, key_pos=0,
                extra={"duty": True, **({} if m else {"bodies": who})})


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _overlap(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _wrong_pool(fact: Fact, pool: list[Fact], ctx) -> list[Fact]:
    """Other conditional rules whose consequences are wrong for this situation, from the same
    document first, then from the documents of the same topic cluster (an 物业 rule's wrong options
    never come from a 社会救助 text: off-subject options are guessed away), those on the situation's
    matter first (echo.related: a content word of the situation or the key). None like the key, none
    from the rule's own neighbourhood (the same article's exception applies to this situation
    too), and none that may hold here (scenario_checks.wrong_here: a situation about the same
    person, another 款 of the article, a sentence on this situation that states it)."""
    n = len(fact.key)
    out, seen = [], {fact.key}
    topic = ctx.cache.get("topics") or {}
    near = topic.get(fact.doc_id, fact.doc_id)
    mates = [o for o in pool if o.head and (o.doc_id == fact.doc_id or topic.get(o.doc_id, o.doc_id) == near)
             and not (o.doc_id == fact.doc_id and abs(o.start - fact.start) < NEIGHBOUR)
             and (not ctx.cache.get("scene_sources") or allowed_source(fact, o, ctx.docs))]
    about = scene_sentences(fact, ctx.cache.get("sentences", []))
    for other in sorted(mates, key=lambda o: (o.doc_id != fact.doc_id, -kinship(fact, o, ctx.docs), ctx.rng.random())):
        w = other.key
        if w in seen or not (0.5 * n <= len(w) <= 2 * n) or any(_overlap(w, o) >= ALIKE for o in seen):
            continue  # (like the key, or like another wrong option: two alike are both guessed wrong, review 75)
        if generic(w) or norm(w) in ctx.cache.get("wrong_on_paper", ()):
            continue  # (a norm that holds anywhere; a wrong option the paper has shown: review 9)
        if _overlap(other.head, fact.head) >= ALIKE or ctx.is_true(fact.head, w):
            continue
        if wrong_here(fact, other, ctx.docs, about):
            continue
        seen.add(w)
        out.append(other)
    near = {id(o) for o in out if related(fact.head, fact.key, o.head, o.key)}  # (a rule on another matter,
    # 候补委员递补 beside 物业交接, is guessed away: reviews 10, 11; then one of another form: review 58)
    modal = bool(MODAL_LEAD.match(fact.key))
    return sorted(out, key=lambda o: (id(o) not in near, bool(MODAL_LEAD.match(o.key)) != modal, o.doc_id != fact.doc_id))


def kinship(fact: Fact, other: Fact, docs: dict[str, Document]) -> int:
    """How alike another rule is to fact as a wrong option (review 58: options about other actors left
    one fitting the person in the stem): the same form of consequence (the person's own act, or a
    body's) counts two, the same subject of the situation one, the same chapter of one document one."""
    form = bool(MODAL_LEAD.match(fact.key)) == bool(MODAL_LEAD.match(other.key))
    who = subject_of(fact.extra.get("scene") or fact.head)
    same_who = bool(who) and who == subject_of(other.extra.get("scene") or other.head)
    doc = docs[fact.doc_id]
    chapter = other.doc_id == fact.doc_id and chapter_of(doc, other.start) == chapter_of(doc, fact.start)
    return 2 * form + same_who + chapter


def undecided(fact: Fact, pool: list[Fact]) -> bool:
    """Another rule under a like situation says another thing (业主对公示内容提出异议: 物业服务人
    答复 in one article, 筹备组 in another; review 11's wrong key): asked by its situation alone,
    the item has two keys."""
    neg = bool(_NEGATED.search(fact.head))
    return bool(fact.head) and any(
        o is not fact and o.head and _overlap(o.head, fact.head) >= SAME_SITUATION and _overlap(o.key, fact.key) < ALIKE
        and bool(_NEGATED.search(o.head)) == neg for o in pool)  # (接受续聘 / 不接受续聘: two situations)


def other_body(fact: Fact, who: str, act: str, pool: list[Fact]) -> bool:
    """Another rule under a like situation has another body do what this blank's act says:
    业主对公示内容提出异议的，______应当予以答复 is 物业服务人 by one article of the 北京 regulation
    and 筹备组 (应当研究处理并…作出答复) by another (trainer review 13's wrong key). The act must say
    no more than the other's consequence does: most of its bigrams in it (ALIKE, as for one rule)."""
    mine = _bigrams(act)
    return bool(mine) and any(
        o is not fact and o.head and _overlap(o.head, fact.head) >= SAME_SITUATION
        and (body := named_actor(o)) and body != who and body not in synonyms(who)
        and len(mine & _bigrams(o.key)) / len(mine) >= ALIKE for o in pool)


def rule_item(fact: Fact, kind: str, ctx, section: str) -> QuizItem | None:
    from .generate import citation, explain, ref
    from .verify import form_giveaway

    if points_elsewhere(fact.clause):
        return None  # (将上述资料移交: review 68's 第26题 pointed at a list the stem cannot show; still a wrong option)
    doc = ctx.docs[fact.doc_id]
    cite = citation(fact, doc, section)
    check = {"kind": "list", "head": fact.head, "key": [fact.key], "wrong": []}
    if kind == TRUE_FALSE:
        if not ctx.tf_next[0]:
            return _actor_swap(fact, ctx, doc, cite, check)
        ctx.tf_next[0] = False
        return QuizItem(TRUE_FALSE, f"{ref(doc)}{fact.clause}。", TRUE,
                        explain(doc, cite.quote, "表述与原文一致。"), cite, check={**check, "form": "rule"})
    if kind == SINGLE and undecided(fact, ctx.cache.get("rule_pool", [])):
        return None  # (a who-blank prints the consequence, which tells the two rules apart)
    if kind == BLANK:
        return _actor_blank(fact, ctx, doc, cite, check)
    if kind == MULTI:  # (a duty several bodies share: which of the document's bodies carry it)
        return shared_multi(fact, ctx, doc, cite, check) if ctx.cache.get("shared_multi") else None
    if kind != SINGLE or not fact.head:
        return None
    clauses = _wrong_pool(fact, ctx.cache.get("rule_pool", []), ctx)
    variants = key_variants(fact, ctx) if ctx.cache.get("scene_variants") else []  # (review 75)
    for _ in range(4):
        pool = compose(clauses, variants)
        if len(pool) < 3:
            return None  # (no three plausible wrong options: dropped, not padded with other matters)
        item = _scene_single(fact, pool[:3], ctx, doc, cite, check)
        if item is None:
            return None  # (no stem that says whose situation it is: dropped, not printed)
        if not form_giveaway(item) and not single_echo(item):
            if not all(related(fact.head, fact.key, o.head, o.key) for o in pool[:3]):
                item.check["echo"] = True  # (a wrong option on another matter: only to fill a paper, named in its advice)
            return item
        clauses = clauses[1:]  # (another rule in its place; the key's variants stay a pair)
    return None


def scene_stem(fact: Fact, doc) -> str | None:
    """The situation as a community worker meets it, and whose act the question asks: the body the
    key names (…由谁、怎样处理), else what the worker tells the person whose situation it is
    (社区工作者应当告诉业主…; review 8: “有关方面” named nobody). None when the situation names
    no such person (没有约定或者约定不明的): the stem cannot be made complete."""
    from .generate import ref

    if MODAL_LEAD.match(fact.key):
        who = subject_of(fact.extra["scene"])
        if not who:
            return None
        ask = f"社区工作者应当告诉{who}按规定怎样做？"
    else:
        ask = "这种情况按规定应当由谁、怎样处理？"
    return f"【情景】社区工作者在工作中遇到这种情况：{fact.extra['scene']}。{ref(doc)}{ask}"


def _scene_single(fact: Fact, others: list[Fact], ctx, doc, cite, check: dict) -> QuizItem | None:
    """The 单选: the key and three other situations' consequences, the 解析 naming each one's source."""
    from .generate import _choice, explain

    stem = scene_stem(fact, doc)
    if stem is None:
        return None
    wrong = [o.key for o in others]
    opts, ans = _choice(ctx, [fact.key], wrong)
    notes = "；".join(note(o, ctx.docs) for o in others)  # (by text: balance_keys reletters)
    why = f"。这一情形按规定是“{fact.key}”，故选{ans}。其余选项中，{notes}，都不适用于本情形。"
    return QuizItem(SINGLE, stem, ans, explain(doc, cite.quote, why), cite, opts,
                    check={**check, "wrong": wrong})


def named_actor(fact: Fact) -> str:
    """The body a rule's consequence opens with, when it is one a trainee names ("" otherwise)."""
    m = ACTOR.match(fact.key)
    if not m or (fact.head and m.group(1) in fact.head) or m.group(1).startswith(("其", "有关", "相关", "当地", "全", "各")):
        return ""  # (an actor named in the situation itself, or no named body, tells nothing)
    who = m.group(1)
    if "的" in who or VAGUE_ACTOR.search(who):
        return ""  # (居民较少的居民委员会, 任何单位和个人: a description, not a body a trainee names)
    if not fact.head and not BODY.search(who):
        return ""  # (a person's duty without a situation, 物业使用人应当遵守…的决定, binds 业主 as much)
    return who


NEAR_NAME = 0.4  # bigram overlap at which two bodies' names differ by a word (县级以上人民政府 / 县级以上地方人民政府)


def other_bodies(fact: Fact, who: str, ctx) -> list[str]:
    """The other bodies fact's document names as actors, in random order, to swap for `who`: not one
    whose name differs from it by a word (县级以上地方人民政府 → 县级以上人民政府民政部门 tests wording,
    not who does what: reviews 10 and 11), nor another name of it (医疗保障部门 → 医疗保险经办机构: review 59)."""
    others = sorted({o for f in ctx.cache.get("rule_pool", []) if f.doc_id == fact.doc_id and f.fact_id != fact.fact_id
                     and (o := named_actor(f)) and o not in fact.key and who not in o and o not in who
                     and _overlap(o, who) < NEAR_NAME and not (ctx.cache.get("synonym_swap") and o in synonyms(who))
                     and not same_head(o, who, ctx.cache.get("near_head", 0))})
    ctx.rng.shuffle(others)
    return others


LEVEL = re.compile(r"^(?:国务院|省级|市级|县级以上(?:地方)?|县级|乡镇|地方各级)")  # (a level, not what the body is)


def same_head(a: str, b: str, chars: int) -> bool:
    """Two bodies' names open alike past their level (医疗保障部门 / 医疗保险经办机构 share 医疗保): in practice
    one body, so a statement swapping them has a disputable key (trainer review 68's 第20题)."""
    a, b = LEVEL.sub("", a), LEVEL.sub("", b)
    return chars > 0 and len(os.path.commonprefix([a, b])) >= chars


SWAP_PROBE = 10  # leading characters of a duty (after its actor) another passage must not state of the swapped body


def _actor_swap(fact: Fact, ctx, doc, cite, check: dict) -> QuizItem | None:
    """A false 判断 naming another body of the same document as the one who acts (人民调解委员会应当… →
    村民委员会应当…): a subject swap, not a changed figure (review 9: 5 of 6 false 判断 swapped a number).
    None when no other body of the document fits, or a passage has that body do the same."""
    from .generate import explain, ref

    who = named_actor(fact)
    if not who:
        return None
    rest = fact.key[len(who):]
    others = other_bodies(fact, who, ctx)
    probe = norm(rest)[:SWAP_PROBE]
    sents = ctx.cache.get("sentences", [])
    for other in others:
        if ctx.is_true(fact.head or "", other) or any(other in s and probe in s for s in sents):  # (sents are normed)
            continue  # (another passage has this body do it too: the statement may be true)
        said = (f"{fact.head}，" if fact.head else "") + other + rest
        why = f"原文中是“{who}”，不是“{other}”，故表述错误。"
        return QuizItem(TRUE_FALSE, f"{ref(doc)}{said}。", FALSE, explain(doc, cite.quote, why), cite,
                        check={**check, "key": [who], "wrong": [other], "form": "rule", "swap": "subject"})
    return None


def _actor_blank(fact: Fact, ctx, doc, cite, check: dict) -> QuizItem | None:
    """Who acts in the situation: the consequence's opening body left blank (公示有异议的，______应当
    重新组织调查核实), a key the trainee must know to send a case to the right door. A higher body is
    never the key (trainer review 14): the community-level body the same rule sets to work is
    (县级民政部门负责审核确认工作，______负责受理、初审工作), else no 填空 (the rule may be another type)."""
    who = named_actor(fact)
    if not who and fact.extra.get("bodies") and ctx.cache.get("duty_blank"):
        return duty_blank(fact, ctx, doc, cite, check, fact.extra["bodies"])  # (who: several bodies, half-right alone)
    if not who:
        return None
    if not higher_body(who):
        if ctx.cache.get("duty_blank") and other_holder(fact, who):
            return duty_blank(fact, ctx, doc, cite, check, who)  # (another body's name is guessed: reviews 62, 64)
        return _blank_at(fact, ctx, doc, cite, check, 0, who)
    m = COMMUNITY_ACTOR.search(fact.key)
    item = _blank_at(fact, ctx, doc, cite, check, m.start(1), m.group(1)) if m else None
    if item is None and ctx.cache.get("weak_blank_fill"):  # (the higher body's blank only to fill a short
        item = _blank_at(fact, ctx, doc, cite, check, 0, who)  # paper, named in its advice: reviews 10, 11)
        if item is not None:
            item.check["defer"] = True
    elif item is None:
        ctx.cache.setdefault("higher_who", set()).add(fact.fact_id)  # (counted for a short paper's notice)
    return item


def _blank_at(fact: Fact, ctx, doc, cite, check: dict, at: int, who: str) -> QuizItem | None:
    """The 填空 with the body `who` at `at` in the consequence left blank; None when it has two keys."""
    from .generate import BLANK_MARK, explain, ref

    rest = fact.key[at + len(who):]
    stem = ref(doc) + (f"{fact.head}，" if fact.head else "") + f"{fact.key[:at]}{BLANK_MARK}{rest}。"
    if who in stem or (not fact.head and sum(d.text.count(rest) for d in ctx.docs.values()) > 1):
        return None  # (the stem names the actor, or another body's duty reads the same: two keys)
    if fact.head and other_actor(fact.head, rest, who, ctx.cache.get("sentences", [])):
        return None  # (another passage has another subject do it in this situation: a second key)
    if fact.head and other_body(fact, who, rest, ctx.cache.get("rule_pool", [])):
        return None  # (another rule has another body do what the stem leaves: a second key, review 13)
    return QuizItem(BLANK, stem, who, explain(doc, cite.quote, f"。故空白处应填“{who}”。"), cite,
                    check={**check, "key": [who], "blank": who}, accepted=[who, *synonyms(who)])
