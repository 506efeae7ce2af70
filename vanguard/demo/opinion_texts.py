"""What the demo school's staff, students, parents, retired cadres and democratic-party
members said about its teachers, leaders and party organization (征求意见), with the office's
neutral summaries.

Subjects are named for the demo school: "principal" and "leader:N" (the team, N = 1..3),
"team", "party_org", "branch:B1", "b1:N" / "b2:N" / "b3:N" (the Nth member of that branch).
Channels: "sym1" (the school's symposium), "sym2" (branch B1's symposium with students and
parents), "talk", "box", "form" (paper forms typed in), "hotline", "web" (named, by a member),
"web_anon" (anonymous, by a member), "public" (the public form, anonymous).
Fates: "sort" (summarised), "merge" (folded into the opinion before it about the same
subject), "aside" (set aside; the summary column holds the reason), "wait" (not sorted yet).
"""

from typing import NamedTuple


class Said(NamedTuple):
    channel: str
    group: str
    subject: str
    category: str
    text: str
    summary: str
    fate: str = "sort"
    giver: str = ""  # a typed-in opinion given by name (the office sees it, the subject not)


OPINIONS = [
    # The school's symposium: retired cadres, democratic parties, non-member staff.
    Said("sym1", "retired", "principal", "style",
         "书记深入课堂听课的次数比前几年少了，有时候一周都见不到人在教学楼。希望书记多到教研组、"
         "到班级走走，听听一线老师的心里话。",
         "希望党委书记多深入课堂和教研组，听取一线教师的意见。"),
    Said("sym1", "retired", "principal", "thought",
         "书记在全校大会上讲话很有水平，但对离退休老同志的关心还不够，重阳节的慰问这两年都是工会"
         "代办的，老同志们有些想法。",
         "对离退休老同志关心不够，节日慰问多由工会代办。"),
    Said("sym1", "democratic", "principal", "work",
         "学校重大事项决策前，征求民主党派教师意见的渠道不多，教代会之外很少专门召开党外人士"
         "座谈会，建议形成制度。",
         "重大事项决策前征求党外人士意见的渠道较少，建议建立座谈制度。"),
    Said("sym1", "staff", "principal", "work",
         "书记工作很忙，但布置任务有时过于仓促。上学期迎检材料要求三天内交齐，老师们只好连续"
         "加班，希望工作安排更有计划性。",
         "布置工作有时过于仓促，希望更有计划性。"),
    Said("sym1", "retired", "principal", "work",
         "老书记交接时提出的校史陈列室建设，到现在还没有落实，希望给老同志们一个说法。",
         "校史陈列室建设尚未落实，希望给予答复。"),
    Said("sym1", "retired", "principal", "style",
         "书记作风民主，能听取不同意见，这一点老同志们是认可的。希望继续保持，把好作风带到班子"
         "里去。",
         "作风民主，能听取不同意见，希望继续保持并带动班子。"),
    Said("sym1", "democratic", "team", "work",
         "领导班子抓升学率很有成效，但对学生综合素质培养重视不够，音体美课时经常被挤占，希望"
         "班子统筹考虑。",
         "重视升学率，对学生综合素质培养重视不够，音体美课时被挤占。"),
    Said("sym1", "staff", "party_org", "style",
         "党委组织的活动形式比较单一，多是开会念文件，青年教师参与的积极性不高，建议多搞些结合"
         "教学实际的主题活动。",
         "党组织活动形式较单一，建议结合教学实际开展主题活动。"),
    Said("sym1", "democratic", "leader:1", "work",
         "校长在课程改革上思路清楚，但对青年教师的培养缺乏长远规划，师徒结对有流于形式的现象。",
         "青年教师培养缺乏长远规划，师徒结对有流于形式的现象。"),
    # Branch B1's symposium with students and parents.
    Said("sym2", "parent", "b1:9", "work",
         "孩子说语文课上老师讲得多、学生练得少，作文批改比较慢，一篇作文要两周才发下来。",
         "作文批改周期较长，课堂上学生练习的时间偏少。"),
    Said("sym2", "student", "b1:10", "style",
         "老师上课很有激情，但有时对成绩差的同学不够耐心，当着全班批评让人下不来台。",
         "对学习有困难的学生耐心不够，批评方式欠妥。"),
    Said("sym2", "parent", "b1:15", "work",
         "班主任和家长沟通及时，每周都在家校联系本上写评语，家长很放心。",
         "家校沟通及时，家长评价较好。"),
    Said("sym2", "student", "b1:11", "work",
         "希望老师多推荐一些课外阅读书目，多组织几次读书交流活动。",
         "建议多推荐课外读物，组织读书交流。"),
    Said("sym2", "parent", "branch:B1", "work",
         "语文组老师有偿补课的现象基本没有了，这一点家长是满意的；但寒暑假作业量还是偏大。",
         "有偿补课现象已基本杜绝；寒暑假作业量偏大。"),
    # Individual talks, typed in by the branch secretary or the office.
    Said("talk", "member", "b1:8", "work",
         "他教学认真负责，但参加集体备课时发言不多，好的经验没有拿出来和大家分享。",
         "教学认真，在集体备课中分享经验不够。", giver="同组党员教师"),
    Said("talk", "staff", "b1:12", "thought",
         "作为党员，政治学习时常常找理由请假，对学校的中心工作关心不够。",
         "政治学习请假较多，对学校中心工作关心不够。"),
    Said("talk", "member", "leader:2", "style",
         "副校长分管后勤，工作踏实，但对食堂、宿舍的问题处理不够及时，学生反映的热水问题拖了"
         "一个多月。",
         "分管工作踏实，但对后勤问题处理不够及时。", giver="后勤党员职工"),
    Said("talk", "member", "b1:13", "style",
         "工作中有时怕得罪人，看到不良现象不敢批评，有些好人主义思想。",
         "存在怕得罪人的好人主义思想。"),
    Said("talk", "staff", "b2:3", "work",
         "数学组这位老师出题水平高，但作业布置偏多，学生负担重，晚上要做到十一点。",
         "", fate="wait"),
    # The opinion box, opened by the office.
    Said("box", "student", "b1:10", "style",
         "老师经常拖堂，课间十分钟都被占了，上厕所都来不及。",
         "课堂经常拖堂，占用课间休息时间。"),
    Said("box", "student", "b1:10", "style",
         "语文课经常拖堂，下课铃响了还要讲十几分钟。",
         "", fate="merge"),
    Said("box", "parent", "b1:9", "work",
         "希望老师对学生作文的批改再细致一些，不要只写一个“阅”字。",
         "作文批改不够细致。"),
    Said("box", "staff", "team", "style",
         "学校评优评先的名额向行政人员倾斜，一线教师意见较大，希望公开评选过程。",
         "评优评先向行政人员倾斜，建议公开评选过程。"),
    Said("box", "student", "party_org", "other",
         "食堂饭菜价格上涨太快，希望学校管一管。",
         "与本次征求意见的内容无关，已转总务处处理。", fate="aside"),
    Said("box", "parent", "b1:14", "work",
         "老师布置的家庭作业要求家长批改签字，家长压力很大。",
         "家庭作业要求家长批改签字，家长负担较重。"),
    Said("box", "staff", "b3:2", "style",
         "行政后勤的这位同志办事效率不高，报销一张发票要跑好几趟。",
         "", fate="wait"),
    # Paper opinion forms, typed in by the office.
    Said("form", "parent", "b1:11", "thought",
         "老师思想开放，鼓励学生发表不同意见，孩子很喜欢上他的课。",
         "鼓励学生表达不同意见，学生喜爱。"),
    Said("form", "retired", "team", "thought",
         "班子成员要带头学习，不能学习动员阶段热热闹闹，到了分析评议阶段走过场。",
         "希望班子成员带头学习，防止走过场。"),
    Said("form", "democratic", "leader:1", "style",
         "校长对党外教师一视同仁，在职称评定中坚持公开公正，这一点值得肯定。",
         "职称评定坚持公开公正，对党外教师一视同仁。"),
    Said("form", "staff", "leader:3", "work",
         "分管德育的副校长活动多、检查多，班主任疲于应付各种表格。",
         "德育活动和检查较多，班主任填表负担重。"),
    # The hotline, logged by the office.
    Said("hotline", "parent", "principal", "work",
         "学校择校生收费的标准家长不太清楚，希望书记关注一下，把收费政策公开。",
         "招生收费政策公开不够，希望公开。"),
    Said("hotline", "democratic", "party_org", "work",
         "建议党委在先进性教育活动中多听党外人士的意见，整改情况要向社会公布。",
         "希望多听党外人士意见，整改情况向社会公布。"),
    Said("hotline", "parent", "b1:12", "style",
         "孩子反映老师上课时接听手机，影响上课。",
         "上课时接听手机，影响教学。"),
    Said("hotline", "retired", "principal", "thought",
         "先进性教育不能只在党内搞，要让群众看到实实在在的变化。",
         "活动要让群众看到实际变化。"),
    # Members on the web form, by name and anonymously.
    Said("web", "member", "leader:1", "work",
         "建议校长在教学工作会上多给一线教研组长发言的时间，让基层的意见能直接反映上来。",
         "建议在教学工作会上多听教研组长的意见。"),
    Said("web", "member", "branch:B1", "work",
         "支部活动可以和教研活动结合起来，比如开展党员示范课、党员先锋岗，效果会更好。",
         "建议支部活动与教研活动结合，如开展党员示范课。"),
    Said("web", "member", "b1:8", "work",
         "希望他在青年教师听评课中多给一些具体的指导意见，不要只说“挺好”。",
         "听评课中对青年教师的具体指导不够。"),
    Said("web_anon", "member", "team", "style",
         "班子成员之间沟通要加强，有时两位副校长布置的任务互相冲突，下面无所适从。",
         "班子成员之间沟通不够，布置任务有时相互冲突。"),
    Said("web_anon", "member", "leader:3", "work",
         "德育处的活动希望开学前就发学期计划，不要临时通知。",
         "德育活动安排临时性较强，建议提前发布学期计划。"),
    Said("web_anon", "member", "b1:13", "work",
         "该同志在教研组分配任务时多次推诿，公开课总是推给年轻老师。",
         "教研组分配任务时有推诿现象。"),
    Said("web_anon", "member", "party_org", "thought",
         "党委要关心青年教师的政治成长，及时把优秀青年教师吸收到党组织中来。",
         "希望关心青年教师政治成长，做好发展党员工作。"),
    Said("web_anon", "member", "b1:14", "style",
         "和同事相处融洽，乐于帮助新教师，是大家信得过的好党员。",
         "团结同事，乐于帮助新教师。"),
    # The public opinion form (link and QR code): always anonymous.
    Said("public", "parent", "b1:9", "work",
         "希望语文老师多和家长交流孩子的阅读情况，推荐适合的书。",
         "希望多与家长交流学生阅读情况。"),
    Said("public", "student", "b1:10", "thought",
         "老师讲课有激情，希望课堂上多一些讨论的机会。",
         "希望课堂上多安排讨论。"),
    Said("public", "parent", "principal", "style",
         "学校开放日办得很好，希望每学期都办，让家长了解学校。",
         "肯定学校开放日，希望每学期举办。"),
    Said("public", "student", "team", "work",
         "学校社团活动希望多安排一些场地和指导老师。",
         "希望为社团活动增加场地和指导教师。"),
    Said("public", "parent", "b1:11", "work",
         "老师对孩子的鼓励很多，孩子变得爱学习了，谢谢老师。",
         "多鼓励学生，家长表示感谢。"),
    Said("public", "retired", "party_org", "thought",
         "我是学校的退休教师，希望先进性教育活动不要给一线教师增加太多负担。",
         "希望活动不要给一线教师增加过多负担。"),
    Said("public", "democratic", "team", "style",
         "领导班子公布整改措施的时候，请写明时间表和责任人，便于群众监督。",
         "建议整改措施写明时间表和责任人。"),
    Said("public", "parent", "b2:2", "work",
         "数学老师答疑很耐心，晚自习经常留下来给学生讲题。",
         "答疑耐心，常在晚自习为学生讲题。"),
]

# The subject's response to the opinion whose text holds the word: {subject: (word, text)}.
RESPONSES = {
    "b1:9": ("作文", "感谢提出的意见。我将把作文批改周期缩短到一周以内，并写出有针对性的评语。"),
    "b1:10": ("拖堂", "意见很中肯。今后我会控制讲课时间，按时下课，把课间还给学生。"),
    "b1:13": ("得罪人", "接受批评。今后我要敢于坚持原则，对不良现象敢抓敢管，在教研组里"
                        "主动承担任务。"),
    "principal": ("校史", "感谢老同志们的关心。校史陈列室建设已列入整改方案，本学期内落实，"
                          "届时请老同志们参与布展。"),
}
