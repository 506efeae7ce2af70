"""The words generated records carry: place names, school names, study titles, notes and posts."""

import random

DISTRICTS = ("五华区", "盘龙区", "官渡区", "西山区", "呈贡区", "晋宁区", "东川区", "安宁市",
             "富民县", "宜良县", "石林县", "嵩明县")
SCHOOL_KINDS = ("中学", "小学", "实验学校", "中学", "小学", "职业技术学校")
# (branch name, the category of its members); a school has the first `branches_per_school`.
BRANCHES = (("教师第一党支部", "teacher"), ("教师第二党支部", "teacher"),
            ("行政后勤党支部", "staff"), ("离退休党支部", "retired"),
            ("学生党支部", "student"))
PUBLIC_MIX = (("teacher", 40), ("staff", 15), ("student", 35), ("parent", 10))
DEPARTMENTS = ("党政办公室", "教务处", "政教处", "总务处")
LEADER_TITLES = ("党委书记", "校长", "副校长", "副校长", "副书记", "工会主席")

# Organized study as schools list it: (title, kind, hours).
SESSIONS = (
    ("集中学习《保持共产党员先进性教育读本》第一专题", "concentrated", "3.0"),
    ("集中学习《中国共产党章程》总纲", "concentrated", "3.0"),
    ("党课：新时期共产党员的先进性", "party_lecture", "2.5"),
    ("专题辅导：学习贯彻党章", "tutoring", "3.0"),
    ("形势报告会：教育改革与发展", "situation_report", "2.5"),
    ("集中学习《保持共产党员先进性教育读本》第二专题", "concentrated", "3.5"),
    ("先进事迹报告会", "exemplary_deeds", "2.5"),
    ("警示教育：观看专题片", "warning_education", "2.0"),
    ("参观革命纪念馆", "visit", "4.0"),
    ("集中学习有关讲话精神", "concentrated", "3.0"),
    ("专题辅导：师德师风建设", "tutoring", "3.0"),
    ("集中学习《保持共产党员先进性教育读本》第三专题", "concentrated", "3.5"),
    ("党课：立足岗位创先争优", "party_lecture", "3.0"),
    ("集中学习《保持共产党员先进性教育读本》第四专题", "concentrated", "4.0"),
)
BRANCH_SESSIONS = (("支部学习讨论：如何保持先进性", "discussion", "2.0"),
                   ("支部座谈交流学习体会", "discussion", "2.0"))
SELF_STUDY = ("自学《保持共产党员先进性教育读本》", "自学党章", "自学有关讲话",
              "观看学习视频", "自学先进人物事迹", "网上学习专题课程")

READINGS = (("《保持共产党员先进性教育读本》", "", True), ("《中国共产党章程》", "", True),
            ("胡锦涛《在新时期保持共产党员先进性专题报告会上的重要讲话》", "", True),
            ("中央、省委和市委领导有关讲话", "近期就开展教育活动的有关讲话", False))
QUESTION = "如何认识新时期学校党员先进性的具体要求？"
ABSENCE_REASONS = ("外出参加教研活动", "病假", "带学生参加比赛", "事假", "外出培训")

_SENTENCES = (
    "通过这一阶段的学习，我对保持共产党员先进性的重要意义有了更深刻的认识。",
    "作为一名教师党员，要把先进性体现在教书育人的每一个环节之中。",
    "党章是党的根本大法，是全党必须共同遵守的根本行为规范。",
    "学习中我对照党员标准，认真查找自己在思想、工作和作风方面存在的不足。",
    "新时期学校党员的先进性，首先体现在坚定理想信念、忠诚党的教育事业上。",
    "要坚持以学生为本，关心每一个学生的成长，做学生的良师益友。",
    "在日常工作中，要做到平时工作看得出来，关键时刻站得出来，危急关头豁得出来。",
    "我将以这次教育活动为契机，进一步加强理论学习，提高自身素质。",
    "联系自己的教学实际，我感到在课堂教学改革方面还需要下更大的功夫。",
    "读本中的典型事迹深深打动了我，他们是我们学习的榜样。",
    "我们支部的同志在讨论中畅所欲言，交流了各自的体会和认识。",
    "保持先进性不是一句空话，要落实到具体行动上，体现在工作实绩中。",
    "要自觉接受群众监督，虚心听取师生员工的意见和建议。",
    "今后我要在团结协作、服务群众方面发挥党员的模范带头作用。",
    "这次学习使我受到了一次深刻的党性教育，思想上得到了进一步的提高。",
    "我们要把学习成果转化为推动学校改革发展的实际行动。",
)


class Texts:
    """Ready-made bodies, chosen at random: writing them one by one would cost minutes."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.notes = [self._body(rng.randint(320, 700)) for _ in range(40)]
        self.reflections = [self._body(rng.randint(820, 1500)) for _ in range(30)]
        self.short = [self._body(rng.randint(80, 250)) for _ in range(20)]
        self.posts = ["".join(rng.sample(_SENTENCES, rng.randint(1, 3))) for _ in range(60)]

    def _body(self, at_least: int) -> tuple[str, int]:
        """(sanitized HTML, visible characters): paragraphs of whole sentences."""
        paragraphs, count = [], 0
        while count < at_least:
            paragraph = "".join(self.rng.sample(_SENTENCES, self.rng.randint(3, 5)))
            paragraphs.append(f"<p>{paragraph}</p>")
            count += len(paragraph)
        return "".join(paragraphs), count

    def note(self) -> tuple[str, int]:
        return self.rng.choice(self.notes)

    def reflection(self) -> tuple[str, int]:
        return self.rng.choice(self.reflections)

    def draft(self) -> tuple[str, int]:
        return self.rng.choice(self.short)

    def post(self) -> str:
        return self.rng.choice(self.posts)
