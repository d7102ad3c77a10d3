"""The quiz section of the one settings object (Settings.quiz): which extracted facts may become quiz
items, and how items and papers are formed. It lives apart from settings.py only for length; import it
from there (assistant.settings.QuizSettings)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

QUIZ_FILTERS = ("table_row", "anonymised", "no_context", "report_statistic", "rate_target", "facility_size",
                "expired_target", "penalty", "operational_spec", "whole_share", "list_count", "closing_section", "dated_target", "award_or_weight", "service_standard",
                "higher_authority", "unissued_norm", "paperwork", "old_policy", "local_brand", "place_attribution",
                "operator_standard", "local_amount", "local_figure", "list_fragment", "other_organ", "local_pilot",
                "higher_duty", "internal_step")


class QuizSettings(BaseModel):
    """Which extracted facts may become quiz items, and how items are formed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_claim: int = Field(110, ge=30, le=300, description="Longest statement (characters) a stem may quote; "
                           "a rule that needs more context than this is not asked.")
    near_dup: float = Field(0.6, ge=0, le=1, description="Character-bigram overlap at which two items' quotes or "
                            "stems count as the same question.")
    same_rule: float = Field(0.45, ge=0, le=1, description="Overlap at which two number facts (from any "
                             "documents, with any figure) count as one rule, asked once per quiz.")
    multi_rights: int = Field(3, ge=0, description="Most 多选 of a quiz on one side of 权利 and 义务 (which items are "
                              "a body's rights, which its duties); the other 多选 ask other lists.")
    minutes_per_mark: float = Field(0.7, gt=0, le=5, description="Exam minutes a paper's cover states per mark, "
                                    "rounded up to ten minutes (125 marks: 90 minutes).")
    giveaway_share: float = Field(0.25, ge=0, le=1, description="Character-bigram overlap with an item's statement "
                                  "at which another item's stem or option printing its key figure tells that key "
                                  "(the later of the two is not taken).")
    giveaway_near: int = Field(400, ge=0, description="Characters between two passages of one document within which "
                               "an item printing the other's written key (筹备组) tells it (neighbouring articles).")
    giveaway_rate: float = Field(3.0, ge=0, description="Occurrences per 1000 characters of its document at or below "
                                 "which a 填空's written key is one of the document's rarer names (村民选举委员会: 12 in "
                                 "村民委员会组织法's 6300), told by any item on the document that prints it, however far "
                                 "apart (a law's main body, 人民调解委员会 in 人民调解法, tells nothing).")
    leak_check: bool = Field(True, description="No item of a paper prints another's answer (leaks.py, trainer "
                             "review 59); False: the check is off (ablation).")
    synonym_check: bool = Field(True, description="A false 判断 never swaps a body for another name of it (the "
                                "synonym groups of echo_words.json); False: off (ablation).")
    guess_check: bool = Field(True, description="True: a 填空 a trainee can guess is kept only to fill a short paper "
                              "(review.py, trainer review 71): its key a value word (社会责任感, 技术指导), most of its "
                              "document's title (人民调解委员会 of 人民调解法), printed by another item's stem, or keyed "
                              "by another 填空 or 单选. False: any such 填空 may be chosen.")
    guess_title: float = Field(0.5, ge=0, le=1, description="Share of a 填空 key's character bigrams its document's "
                               "title holds at which the title tells the key (review.py).")
    leak_long: int = Field(8, ge=2, description="Characters of a written key (a 情景's consequence) from which another "
                           "item printing most of it tells it, whatever the words around (leaks.py, trainer review 59).")
    leak_cover: float = Field(0.8, ge=0, le=1, description="Share of a long key's character bigrams another item's "
                              "sentence or option must hold to tell it (应当事先告知物业服务人 for …物业服务企业).")
    leak_context: int = Field(1, ge=0, description="Bigrams of the clause a 填空 asks (less generic_pairs of "
                              "echo_words.json) that another item's sentence printing the key must share to tell it "
                              "(乡镇人民政府（街道办事处）…受理 for ______负责…受理、初审工作).")
    leak_points: int = Field(1, ge=1, description="简答 points, most of whose 得分关键词 another item prints, at which "
                             "that item tells the 简答 (review 59: 2 of 5 points in one 填空's stem).")
    doc_share: float = Field(0.1, gt=0, le=1, description="Most items one document may give, as a share of the "
                             "quiz (never below an even split over the documents in scope).")
    number_share: float = Field(0.5, gt=0, le=1, description="Most items whose key is a figure (a count, a "
                                "time limit, a share), as a share of the quiz (review 58 found ~15 of 60 too many, but at "
                                "0.25 seeds 61/62 kept 17/18: the cap lifts before a paper is cut short).")
    same_key: int = Field(2, ge=1, description="Most items of one type with the same figure as key (一次) in "
                          "a quiz; one document's figure is asked once.")
    place_share: float = Field(0.15, gt=0, le=1, description="Most items from the texts of one province or "
                               "municipality, as a share of the quiz (national texts hold for every trainee).")
    local_share: float = Field(0.0, ge=0, le=1, description="Most items from local texts (all provinces and "
                               "municipalities together) when no region is chosen, as a share of the quiz; a paper that "
                               "would be short takes more, and the advice says so. 0 = national texts first, local ones "
                               "only to fill the paper (a class from several regions cannot use one place's rules: "
                               "trainer review 15); 1 = off.")
    per_notice: int = Field(2, ge=1, description="Most items from one 通知/意见/实施方案 in a quiz.")
    local_agree: float = Field(0.45, ge=0, le=1, description="Share of the (corpus-rarity weighted) words around a "
                               "local figure another document's statement must hold to state the same rule.")
    local_subject: int = Field(4, ge=1, description="Leading characters of a local figure's claim (its subject) "
                               "another document's statement must contain to state the same rule.")
    local_window: int = Field(20, ge=4, description="Characters before a local figure compared with other documents.")
    point_chars: int = Field(80, ge=20, le=400, description="Longest 要义 of one 简答 point (characters): whole "
                             "sentences of the source that fit, else a first sentence's leading clauses.")
    point_cover: int = Field(2, ge=0, le=6, description="Later sentences a 简答 point's 要义 may add (within twice "
                             "point_chars) for what its heading names and its first sentences do not, or a figure of a "
                             "unit they state (the rule's exception: 特殊情况下可以延长至45个工作日).")
    point_whole: int = Field(240, ge=20, le=1000, description="Longest whole explanation (characters) a 简答 "
                             "point's 要义 may give when the first sentences leave one out; a point whose explanation "
                             "is longer is not asked as a 简答 (a key never cuts a point's explanation).")
    part_chars: int = Field(30, ge=2, le=60, description="Longest heading (characters) of a sub-section among a "
                            "document part's measures (（一）X…（n）Z) asked as such, as for 一是…二是… steps (16 until stop "
                            "39 kept an 意见's 促进流动人口有效参与农村社区服务管理 out); a longer one is taken for a sentence.")
    part_count: tuple[int, int] = Field((3, 8), description="Fewest and most sub-sections a document part's "
                                        "measures may have to be asked as such (most: a 简答 at 中 keys up to 8 points).")
    heading_chars: int = Field(14, ge=0, le=60, description="Longest heading (characters) of every point of a "
                               "简答 for which the key gives the headings, each with a one-line gloss, and the rubric "
                               "marks the headings (医疗救助（含疾病应急救助）: 13); longer points are keyed with their "
                               "要义 (review 16: a policy section's keys of 700 characters, marked “及其要义”). 0 = off.")
    gloss_chars: int = Field(30, ge=0, le=120, description="Longest gloss (characters, whole clauses of the 要义) "
                             "beside a heading in such a key: one line of the answer part less the heading's number.")
    short_share: float = Field(0.4, gt=0, le=1, description="Most of a quiz's marks that 简答题 may carry at "
                               "difficulty 中 (review 58 found 39% too many, but at 0.3 the freed slots went to local "
                               "texts: seeds 61/62 local items 7/2 → 11/9).")
    short_step: float = Field(0.1, ge=0, le=0.5, description="short_share less this at difficulty 易, more at 难 "
                              "(a harder paper asks more written recall).")
    scenario_share: float = Field(0.25, ge=0, le=1, description="Most items from a norm's conditional rules "
                                  "and bodies' duties (情景单选, the rule stated as a 判断, who acts as a 填空), as a share of the quiz, passed only when the "
                                  "paper would otherwise be short; 0 = none.")
    rules_overflow: int = Field(5, ge=0, description="Items past scenario_share a quiz may reach when it fills "
                                "itself with higher bodies' duties (filters.LAST_RESORT) for want of other facts.")
    topic_share: float = Field(0.25, gt=0, le=1, description="Most items from one topic cluster of documents "
                               "(社会救助's 办法, 通知 and 意见 together), as a share of the quiz (never below an "
                               "even split over the clusters in scope); past it by topic_rescue only to fill a short paper (review 58 "
                               "found 10 of 60 on property too many, but at 0.15–0.2 the papers came out short or took "
                               "more local items: the national supply is the limit).")
    topic_rescue: int = Field(0, ge=0, description="Items past topic_share per cluster a paper may take in its very "
                              "last pass, when it would be short even with a higher body's own work past last_resort_max.")
    topic_link: float = Field(0.08, gt=0, le=1, description="Cosine (tf-idf of character bigrams) at which a "
                              "document joins a topic cluster's centroid.")
    swap_share: float = Field(0.5, ge=0, le=1, description="Most of a paper's false 判断 that change a figure "
                              "(one always allowed); the others swap a list's item or the body who acts (review 9).")
    last_resort_max: int = Field(2, ge=0, description="Most items of a paper asking a higher body's own duty or "
                                 "internal step (filters.LAST_RESORT: ______应当… keyed 县级以上人民政府); past it only "
                                 "in the last passes of a paper that would otherwise be short (review 9: 12 of 18 填空).")
    duty_blank: bool = Field(True, description="A 填空 on a rule of another body than the community's (医疗机构, "
                             "养老机构: plan/actor.py's reading) blanks the duty's object (______应当做好…诊疗记录 → 医疗机构"
                             "应当做好…的______, keyed 诊疗记录), not the body's name, which its duty tells (trainer reviews "
                             "62 and 64); False: the name is blanked as for a community body.")
    holder_order: bool = Field(False, description="Within a document's facts of one tier, the community level's duties "
                               "(居民委员会, 街道办事处: plan/actor.py's reading) before facts naming no holder, and those before "
                               "another body's (医疗机构, 社区矫正机构, 父母: trainer review 76). Off by default (stop 40): "
                               "community_holder rose on every seed set, but local items and 多选 moved the wrong way (README).")
    flat_check: bool = Field(False, description="A duty's object blank (duty_blank.py) is asked only when a word of its "
                             "key is its own (flat_key.py: not printed by the title or stem, no main word of its document, "
                             "no word most texts say). Off by default: on, flat blanks fell 115 → 36 (seeds 1–20) but local "
                             "items rose 88 → 99, 74 → 94 (21–40), 29 → 48 (101–110): the national supply it removes is "
                             "filled from local texts (stop 40).")
    flat_share: float = Field(0.33, ge=0, le=1, description="Share of the library's documents past which a key's word is "
                              "one most texts say (时间 0.45, 方案 0.39, 环境 0.46; 动员 0.27, 商业 0.23, 协议 0.21 stay own).")
    shared_multi: bool = Field(True, description="A duty several bodies share (居民委员会、村民委员会应当…) is also a 多选 on "
                               "which bodies carry it: the bodies it names the keys, other bodies of its document that no "
                               "passage has do the same the wrong options (issue 13: one 多选 in 60 items).")
    near_head: int = Field(3, ge=0, description="Leading characters (past a level, 县级以上) two bodies' names share at "
                           "which they are one body's names in practice (医疗保障部门 / 医疗保险经办机构: trainer review 68's "
                           "disputable key); a false 判断 never swaps one for the other. 业主大会 / 业主委员会 share 2 and stay "
                           "a contrast; 0: off.")
    scene_variants: bool = Field(True, description="A 情景's wrong options include the key with one part changed (the "
                                 "same act by another body of the document, another usual value of its time limit), two "
                                 "at most and never one alone, when no passage states the change (trainer review 75).")
    scene_sources: bool = Field(True, description="A 情景's wrong options from another document only on the situation's "
                                "matter (echo.related) and never from one place's text beside a national stem (review 75: "
                                "北京 and 上海 rules beside the national 物业管理条例); False: any rule of the topic cluster.")
    blank_alternatives: bool = Field(True, description="A written 填空 key also accepts the library's other wordings of it: "
                                     "short_forms, and a phrase that fills the same slot (after the same verb) in another "
                                     "passage, shares a word with the key and is never listed beside it (服务协议 / 服务合同).")
    blank_parallel: bool = Field(True, description="A 填空 whose slot (its lead's last words) its document fills with a "
                                 "phrase listed beside the key elsewhere is not asked (review 75: "
                                 "记录志愿者的______ keyed 培训情况, where 个人基本信息 and 志愿服务情况 are recorded too).")
    weak_blank_fill: bool = Field(False, description="A 填空 asking which body above the community acts (______负责全国"
                                  "…工作) or whose stem tells its key (在本组织获得表彰 keyed 志愿服务组织) may fill a paper that "
                                  "would be short, named in the advice (True); False: never asked, the paper comes out "
                                  "short and its notice says why (trainer review 13b). With the seven national laws in the "
                                  "corpus, the 60-item papers of the review tests stay full without them.")
    procedures: bool = Field(False, description="A procedure a regulation states as consecutive step articles (申请→受理→"
                             "调查核实→公示→审核→确认) is asked as a 简答 (the steps in order, who carries each) and a 单选 on "
                             "their order (issue 13, trainer review 76; quiz/procedure.py). Off until its cost is fixed: "
                             "seeds 1-40 scene_off_matter 62 -> 79 with both switches on (README).")
    distinctions: bool = Field(False, description="Two kinds a text defines side by side (急难型 / 支出型救助对象) are "
                               "asked as a 简答 on how they differ (issue 13, trainer review 76; quiz/distinction.py). Off "
                               "until its cost is fixed: local items rise (seeds 101-110: 30 -> 43 with both on; README).")
    disabled: tuple[str, ...] = Field((), description=f"Fact filters switched off (ablation): any of "
                                      f"{', '.join(QUIZ_FILTERS)}.")

    def __init__(self, **data):
        super().__init__(**data)
        from .settings import _refuse_unknown  # (settings imports this module: resolved at call time)

        _refuse_unknown(self.disabled, QUIZ_FILTERS, "出题筛选规则")

    def on(self, name: str) -> bool:
        return name not in self.disabled
