"""A heading that acts on a problem (补短板, 查找重点问题) is a task, not a problem section: its
practices are precedents (《上海市完整社区建设实施方案》 三、主要任务 （一）补短板、可持续，不断完善社区
服务设施 was dropped whole as a problem section). Headings that describe problems stay out."""
from __future__ import annotations

from assistant.plan.precedents import problem_section


def test_a_task_heading_naming_a_problem_is_no_problem_section():
    assert not problem_section("三、主要任务 › （一）补短板、可持续，不断完善社区服务设施")
    assert not problem_section("二、重点任务 › （二）查找重点问题")
    assert not problem_section("（一）实施社区社会组织培育发展计划 › 4.补齐工作短板")


def test_problem_and_reflection_headings_stay_out():
    assert problem_section("一、存在的问题 › （一）服务设施短板明显")
    assert problem_section("三、启示和思考 › 1.优化城市党组织设置")
    assert problem_section("五、探讨与评论")
