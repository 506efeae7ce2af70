"""The built-in question set of a preparation survey: what a new survey starts from.

The topics are the hot and hard issues the seed plan names (三、1: 教育乱收费、校园安全、
重成绩轻素质、教师和学生心理健康) and the themes around them (师德师风, teaching quality, the
service and style of work, members as examples). They are the survey's content, in the
language its respondents read, and the office may change them before the survey opens.
"""

DEFAULT_TOPICS = [
    {"key": "fees", "label": "教育乱收费"},
    {"key": "safety", "label": "校园安全"},
    {"key": "scores", "label": "重成绩轻素质"},
    {"key": "mental_health", "label": "教师和学生心理健康"},
    {"key": "ethics", "label": "师德师风"},
    {"key": "teaching", "label": "教育教学质量"},
    {"key": "service", "label": "服务水平和工作作风"},
    {"key": "members", "label": "党员先锋模范作用"},
]
DEFAULT_INTRO = ("为做好先进性教育活动的准备工作，了解大家对活动的要求和期望，"
                 "找准群众关心的热点难点问题，请抽几分钟填写本问卷。问卷不记名。")
DEFAULT_EXPECTATION = "您对这次先进性教育活动有什么要求和期望？"
DEFAULT_MAX_CHOICES = 3
