"""Fixed wording of the 实施方案 sections. No names, numbers or dates: those come only from
the user's input or from cited precedents (the grounding check enforces it)."""
from __future__ import annotations

import re

from .model import Item, Phase

BLANK_DATE = "____年__月"
DEFAULT_UNIT = "本单位"

EMPTY_TOPIC = "实施方案的主题不能为空，请输入要开展的工作，例如“推进社区协商”。"
PUNCT_TOPIC = "主题只有标点或符号，请输入具体的工作名称，例如“加强网格化管理”。"
LONG_TOPIC = "主题太长（{n} 个字，上限 {limit} 个字），请用一句简短的话概括要开展的工作。"
UNSUPPORTED = ("资料库中没有找到能作为“{topic}”工作措施的先例（街道、社区可以承担的具体做法或职责），无法起草有依据的实施方案。"
               "请换一个主题，或先在“资料库”页上传相关文件后再起草。命令行用户可用 shequ ingest 文件路径 导入。")
NO_DOCUMENTS = "按所选的文档或地区（{what}）在资料库中找不到任何文档，请检查筛选条件。"
BAD_DATE = "无法识别时间“{value}”，请写成 2025-03、2025年3月 或 2025-03-01 这样的格式。"
BAD_RANGE = "结束时间（{end}）早于开始时间（{start}），请检查时间范围。"
UNGROUNDED = "草稿未通过依据核查（{n} 处问题），未予输出：{first}"
FEW_MEASURES = ("资料库中可以直接改写为本单位措施的先例较少，只整理出 {n} 条有出处的措施。资料库中可能还有"
                "相关条文（如其他单位的职责、办理程序），未能改写为本单位的措施，请对照参考依据所列文件原文补充；"
                "经费保障、考核评估、宣传动员等措施请结合本单位实际补充。")
TITLED_AFTER = ("您的要求是口语表述，本方案按措施主要依据的《{doc}》拟题为“{topic}”；"
                "如题目与您要办的事不符，请改用书面工作主题重新起草（例如“做好……工作”）。")
FURTHER = "资料库中另有{docs}与本主题相关，其中条文未能改写为本单位的措施（多为其他单位的职责或办理程序），请查阅原文补充。"
VERBATIM = "参照先例原文："  # a measure whose adapted wording failed the grounding check
FOCUS_ONE_UNUSABLE = ("本方案只有 1 条措施，且不能直接作为本单位的措施，是其他单位的职责或需要改写的条文，"
                "资料库中可以直接改写为本单位措施的先例较少；请对照参考依据所列文件原文补充、改写。")
UNCOVERED = ("主题中提出的重点“{items}”在资料库中没有找到可改写为本单位措施的先例，本方案未列出相关措施；"
                   "请补充这方面的措施（如宣传提示、排查走访、部门协作、纠纷调解等），并查阅相关政策文件原文。")
FEW_USABLE = ("本方案 {n} 条措施中只有 {k} 条可以直接作为本单位的措施，其余多为其他单位的职责或需要改写的条文，"
              "资料库中可以直接改写为本单位措施的先例较少；请对照参考依据所列文件原文补充、改写。")
NONE_USABLE = ("本方案 {n} 条措施都不能直接作为本单位的措施，多为其他单位的职责或需要改写的条文，"
               "资料库中可以直接改写为本单位措施的先例较少；请对照参考依据所列文件原文补充、改写。")
ONE_UNUSABLE = ("本方案只有 1 条措施，且不能直接作为本单位的措施，是其他单位的职责或需要改写的条文，"
                "资料库中可以直接改写为本单位措施的先例较少；请对照参考依据所列文件原文补充、改写。")
UNCOVERED = ("资料库中没有找到可用于本方案的关于“{items}”的内容（相关条文可能仍在资料库中，但未能改写为本单位的措施，"
             "可在“问答”页查阅），以下措施只涉及“{covered}”，请结合本单位实际补充其余部分的措施。")
UNCOVERED_FOUND = ("资料库中没有找到可用于本方案的关于“{items}”的内容：{docs}提到了“{found}”，但这些条文未能改写为本单位的措施"
                   "（可在“问答”页查阅原文），以下措施只涉及“{covered}”，请结合本单位实际补充其余部分的措施。")
FOUND_ELSEWHERE = "资料库中{docs}提到了“{found}”，但这些条文未能改写为本单位的措施，可在“问答”页查阅原文。"
NEAR_WORD = "资料库的文档中没有“{term}”一词，但{docs}提到了“{near}”，请查阅原文，看是否可以补充相关措施。"
UNCOVERED_ALL = ("以下措施所依据的先例原文没有直接提到“{items}”，是按相近内容选出的，请逐条核对是否适用于本主题，"
                 "并结合本单位实际补充。")
NAME_ONLY = ("资料库中只找到名称含有“{names}”的{docs}，其内容没有涉及主题中的“{items}”，与本主题只是名称相同，"
             "不能作为起草依据，因此未起草方案。请查阅相关政策文件后，结合本单位实际自行起草。")
NO_USABLE = ("本方案的措施都不能直接作为本单位的措施（是其他单位的职责，或只能照录原文、需要改写的条文），"
             "请把本稿当作资料摘编，不要直接印发。资料库中找到的条文是：{passages}；请查阅原文，结合本单位实际改写措施。")
LOCAL_RULES = ("本方案引用的{docs}是{places}的地方性法规、规章或政策文件，只在当地适用，对本单位仅供参考；"
               "相关措施请以本地的法规、规章和政策为准。")
FOCUS_MISSING = "以下重点在资料库中没有找到可改写为本单位措施的先例，未列入措施（请结合实际自行补充）：{items}。"


def title(unit: str, topic: str) -> str:
    return f"{unit}关于{topic}的实施方案" if unit else f"关于{topic}的实施方案"


def work(core: str) -> str:
    """The topic as a piece of work: 救急难 → 救急难工作 (never 开展开展…工作工作); a topic of two
    parts (小区物业，推动业委会规范运作) is named in quotes: “…”各项工作, never …规范运作工作 after a comma."""
    if re.search(r"[，,；;]", core):
        return f"“{core}”各项工作"
    return core if core.endswith("工作") else f"{core}工作"


def guiding(unit: str, core: str) -> list[str]:
    who = unit or DEFAULT_UNIT
    return [f"坚持党建引领，坚持以人民为中心，认真学习借鉴各地{work(core)}的成功做法，紧密结合{who}实际，"
            f"把{work(core)}作为加强基层治理、提升服务群众水平的重要抓手，推动各项措施落地见效。"]


def goals(unit: str, core: str, end: str) -> list[str]:
    who = unit or DEFAULT_UNIT
    return [f"通过扎实推进{work(core)}，推动本方案所列各项措施落实到位，使{who}的组织体系更加健全、"
            f"工作机制更加完善、服务群众更加有力，群众的认同感和参与度进一步提高。",
            f"到{end or BLANK_DATE}，各项措施全面落实，形成一批可复制、可推广的经验做法。"]


def _without_place(who: str, core: str) -> str:
    """The topic without a leading place word the unit's name already says (和平街道办事处 + 街道突发事件…
    → 和平街道办事处突发事件…, never …办事处街道…)."""
    m = re.match(r"(?:本|全)?(街道|社区|乡镇|镇|乡|村)(?=[\u4e00-\u9fff]{2})", core)
    return core[m.end():] if m and m.group(1) in who else core


def leadership(unit: str, core: str) -> list[str]:
    who = unit or DEFAULT_UNIT
    return [f"成立{who}{work(_without_place(who, core))}领导小组，由{who}主要负责同志任组长，统筹推进各项工作。",
            "组长：____", "副组长：____", "成员：____",
            "领导小组下设办公室，负责日常工作。办公室主任：____，联系电话：____。"]


def schedule(periods: list[tuple[str, str]]) -> list[Phase]:
    """Three steps over the periods from timeframe.spread (dates only from the user's range)."""
    (a1, b1), (a2, b2), (a3, b3) = periods
    return [Phase("动员部署阶段", _period(a1, b1), "制定实施方案，召开动员部署会议，明确责任分工，营造良好氛围。"),
            Phase("组织实施阶段", _period(a2, b2),
                  "对照主要措施逐项推进，建立工作台账，定期调度进展，及时解决工作中遇到的问题。"),
            Phase("总结提升阶段", _period(a3, b3), "全面总结工作成效，梳理形成经验做法，对照目标查漏补缺，建立长效机制。")]


def _period(a: str, b: str) -> str:
    """“2027年12月”, not “2027年12月—2027年12月”, for a phase of one month (two reviewers' point)."""
    return a if a == b and BLANK_DATE not in a else f"{a}—{b}"


def requirements(core: str) -> list[Item]:
    return [Item("加强组织领导", f"要把{work(core)}摆上重要议事日程，主要负责同志亲自抓，分管负责同志具体抓，"
                               "层层压实责任，确保各项工作有人管、有人抓、有人落实。"),
            Item("强化跟踪问效", "领导小组办公室要定期调度工作进展，对措施落实情况跟踪问效，"
                               "确保各项工作按时间节点推进。"),
            Item("坚持因地制宜", "借鉴外地做法要结合本地实际，不照搬照抄；方案中引用的做法均注明出处，"
                               "具体数据和细节以原文为准。"),
            Item("注重宣传总结", "及时总结推广好经验、好做法，营造共建共治共享的良好氛围。")]
