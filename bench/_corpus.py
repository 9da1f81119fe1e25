"""A realistic multi-topic corpus of government documents for the search benchmark.

The worst-case corpus of ``search_bench.py`` (a Markov chain over five samples on one subject)
makes most queries hit most documents. Real portals publish on many subjects: a word such as 预算
or 乡村振兴 occurs in a few percent of the items, while 工作 or 通知 still occurs in most. This
generator draws each document from one or two topics (out of 40, each with its own vocabulary),
shared administrative phrasing, an agency (60, of which a few publish most), a genre with its own
title pattern and length, and a year (2010–2026, more recent years publishing more). Word choice
is Zipf-like inside each vocabulary. Deterministic for a given seed.

    from _corpus import generate, QUERIES
    for title, body, agency_no, genre, day in generate(1000): ...
"""

from __future__ import annotations

import datetime as dt
import random

TOPICS: dict[str, str] = {
    "预算财政": "预算 决算 财政资金 三公经费 转移支付 专项资金 绩效评价 政府采购 国库集中支付 预算公开 财政收入 一般公共预算 政府性基金 债务限额 专项债券",
    "教育": "义务教育 学前教育 中小学 教师队伍 招生入学 双减 课后服务 职业教育 高中阶段 教育督导 学校安全 校舍改造 营养改善计划 学位供给",
    "卫生健康": "医疗机构 公共卫生 疾病预防控制 基层医疗 家庭医生 医保报销 药品集中采购 传染病 健康体检 妇幼保健 中医药 医疗卫生服务 急救体系",
    "住房建设": "保障性住房 公租房 棚户区改造 老旧小区改造 住房公积金 建筑市场 工程质量 房地产市场 物业管理 城市更新 施工许可 竣工验收",
    "交通运输": "公共交通 道路运输 公路养护 城市轨道交通 出租汽车 交通安全 综合交通 客运站 货运物流 农村公路 停车设施 道路交通管理",
    "生态环境": "大气污染防治 水污染 环境影响评价 排污许可 碳达峰 碳中和 生态保护 河长制 垃圾分类 噪声污染 土壤污染 环境监测 自然保护地",
    "农业农村": "乡村振兴 高标准农田 粮食生产 农村人居环境 农产品质量安全 种业 农民合作社 耕地保护 动物防疫 农业机械 农村集体经济 惠农补贴",
    "市场监管": "市场主体 食品安全 特种设备 计量 标准化 知识产权 价格监督 广告监管 产品质量 反垄断 消费者权益 双随机一公开 信用监管",
    "人社就业": "就业创业 社会保险 养老保险 失业保险 工伤保险 职业技能培训 劳动关系 人才引进 工资支付 劳动仲裁 高校毕业生就业 稳岗返还",
    "民政": "最低生活保障 特困人员 养老服务 社会救助 婚姻登记 殡葬管理 社会组织 儿童福利 残疾人两项补贴 社区治理 慈善事业 区划地名",
    "应急安全": "安全生产 应急管理 防汛抗旱 森林防火 危险化学品 消防安全 自然灾害 应急预案 隐患排查 地质灾害 应急演练 救灾物资",
    "营商环境": "营商环境 一网通办 政务服务 证照分离 审批时限 企业开办 优化营商环境 放管服 一件事一次办 帮办代办 涉企收费 惠企政策",
    "科技创新": "科技创新 高新技术企业 研发投入 科技成果转化 创新平台 专精特新 科技型中小企业 孵化器 数字经济 人工智能 产学研",
    "文化旅游": "文化旅游 文物保护 公共文化服务 非物质文化遗产 旅游景区 图书馆 博物馆 文化市场 全民健身 体育赛事 旅游安全",
    "自然资源": "国土空间规划 土地出让 不动产登记 耕地占补平衡 矿产资源 测绘地理信息 林地 征地补偿 用地审批 地籍调查",
    "水利": "水利工程 水资源管理 河道管理 水土保持 农田水利 饮水安全 防洪 水库 取水许可 节水型社会",
    "商务": "招商引资 对外贸易 外商投资 消费促进 电子商务 商贸流通 口岸 进出口 展会 商业网点",
    "统计": "统计公报 国民经济 地区生产总值 居民收入 固定资产投资 规模以上工业 人口普查 经济普查 统计调查 价格指数",
    "司法法治": "法治政府 行政复议 行政诉讼 普法 公共法律服务 人民调解 法律援助 合法性审查 规范性文件备案 行政执法",
    "政务公开": "政务公开 信息公开 依申请公开 主动公开 政府信息公开工作年度报告 政策解读 政府网站 政务新媒体 公开目录 政府开放日 回应关切",
    "公安": "户籍管理 居住证 出入境 交通违法 治安管理 身份证办理 反诈宣传 社会治安 网络安全 道路交通事故",
    "退役军人": "退役军人 优抚对象 拥军优属 烈士褒扬 安置就业 光荣牌 双拥工作 军休服务",
    "城市管理": "城市管理 市容环境 园林绿化 市政设施 环境卫生 违法建设 户外广告 燃气安全 供水 排水防涝",
    "审计": "审计监督 审计整改 经济责任审计 审计报告 预算执行审计 专项审计 审计查出问题",
    "人大政协": "人大代表建议 政协委员提案 建议提案办理 办理结果 答复函 代表意见 提案办理",
    "信访": "信访事项 来信来访 网上信访 信访督查 矛盾纠纷 化解 接访",
    "粮食物资": "粮食储备 物资储备 粮食流通 收购 仓储设施 应急保供",
    "林业": "森林资源 湿地保护 国土绿化 林长制 古树名木 野生动植物保护 林业有害生物",
    "乡镇街道": "村民委员会 居民委员会 网格化管理 村务公开 便民服务中心 人居环境整治 基层治理",
    "国资": "国有资产 国有企业改革 资产处置 国企监管 产权登记 资本运营",
    "医保": "医疗保障 医保基金 异地就医 门诊统筹 长期护理保险 医保目录 定点医药机构",
    "气象": "天气预报 气象灾害预警 人工影响天气 气候 防雷安全",
    "档案": "档案管理 档案开放 数字档案 方志 地方志编纂",
    "机关事务": "公务用车 办公用房 节约型机关 公共机构节能 机关运行经费",
    "数据": "政务数据 数据共享 公共数据开放 大数据 电子证照 数字政府 一体化平台",
    "外事侨务": "外事 侨务 港澳台 友好城市 因公出国",
    "民族宗教": "民族团结 宗教事务 少数民族 民族政策",
    "体育": "体育设施 全民健身 体育彩票 运动会 青少年体育",
    "消防": "消防救援 火灾隐患 消防设施 消防宣传 高层建筑消防",
    "税务": "税收优惠 减税降费 纳税服务 发票管理 个人所得税 增值税留抵退税",
}
COMMON = [
    "工作",
    "加强",
    "推进",
    "落实",
    "进一步",
    "有关",
    "规定",
    "要求",
    "管理",
    "服务",
    "建设",
    "发展",
    "实施",
    "完善",
    "机制",
    "制度",
    "开展",
    "组织",
    "全面",
    "单位",
    "部门",
    "政府",
    "按照",
    "根据",
    "做好",
    "情况",
    "提高",
    "保障",
    "确保",
    "重点",
    "相关",
    "积极",
    "各级",
    "统筹",
    "监督",
    "检查",
    "责任",
    "依法",
    "规范",
    "年度",
    "计划",
    "方案",
    "目标",
    "任务",
    "措施",
    "体系",
    "质量",
    "安全",
    "群众",
    "社会",
    "经济",
    "人民",
    "领导",
    "协调",
    "考核",
    "宣传",
    "培训",
    "信息",
    "资金",
    "通知",
]
CONNECTORS = [
    "的",
    "和",
    "及",
    "与",
    "对",
    "在",
    "为",
    "将",
    "并",
    "由",
    "等",
    "是",
    "以",
    "中",
    "了",
    "向",
    "按",
]
PLACES = [
    "示范市",
    "东城区",
    "西城区",
    "南湖区",
    "北山县",
    "青河镇",
    "临江街道",
    "高新区",
    "经开区",
    "滨海新区",
]
AGENCY_NAMES = [
    "市人民政府办公室",
    "市发展和改革委员会",
    "市教育局",
    "市科学技术局",
    "市工业和信息化局",
    "市公安局",
    "市民政局",
    "市司法局",
    "市财政局",
    "市人力资源和社会保障局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房和城乡建设局",
    "市交通运输局",
    "市水务局",
    "市农业农村局",
    "市商务局",
    "市文化广电旅游局",
    "市卫生健康委员会",
    "市退役军人事务局",
    "市应急管理局",
    "市审计局",
    "市市场监督管理局",
    "市统计局",
    "市医疗保障局",
    "市城市管理局",
    "市林业局",
    "市政务服务和数据管理局",
    "市信访局",
    "市国资委",
    "市机关事务管理局",
    "市气象局",
    "市档案馆",
    "市体育局",
    "市消防救援支队",
    "市税务局",
    "市外事办公室",
    "市民族宗教事务局",
    "市粮食和物资储备局",
    "东城区人民政府",
    "西城区人民政府",
    "南湖区人民政府",
    "北山县人民政府",
    "青河镇人民政府",
    "临江街道办事处",
    "高新区管委会",
    "经开区管委会",
    "滨海新区管委会",
    "市人大常委会办公室",
    "市政协办公室",
    "东城区教育局",
    "西城区卫生健康局",
    "南湖区财政局",
    "北山县农业农村局",
    "东城区民政局",
    "西城区市场监督管理局",
    "南湖区住房和城乡建设局",
    "北山县应急管理局",
    "高新区财政金融局",
    "经开区建设局",
]
GENRES = ["notice", "normative_document", "news", "interpretation", "plan", "statistics", "budget", "other"]
# genre → (weight, title patterns, median body length in characters)
GENRE_SHAPES = {
    "notice": (
        30,
        ["关于{x}的通知", "关于做好{x}工作的通知", "关于印发{x}实施方案的通知", "关于开展{x}专项行动的通知"],
        900,
    ),
    "normative_document": (8, ["{p}{x}管理办法", "{p}{x}实施细则", "{p}关于加强{x}的若干规定"], 2600),
    "news": (28, ["{p}召开{x}工作会议", "{a}部署{x}工作", "{p}{x}取得新进展", "{a}开展{x}宣传活动"], 700),
    "interpretation": (6, ["《{p}{x}管理办法》政策解读", "图解：{x}", "一图读懂{x}"], 1200),
    "plan": (6, ["{p}{x}“十四五”规划", "{y}年{x}工作要点", "{p}{x}三年行动计划（{y}—{z}年）"], 3500),
    "statistics": (8, ["{y}年{p}{x}统计公报", "{y}年{m}月{x}情况", "{p}{y}年{x}数据"], 800),
    "budget": (6, ["{a}{y}年部门预算", "{a}{y}年部门决算", "{a}{y}年“三公”经费预算情况说明"], 1500),
    "other": (8, ["{a}{x}公示", "{x}公告", "{y}年{x}名单公示", "关于{x}的答复"], 500),
}
YEARS = list(range(2010, 2027))
YEAR_WEIGHTS = [1 + (y - 2010) * 0.4 for y in YEARS]


def _zipf(words: list[str]) -> list[float]:
    return [1 / (rank + 1) ** 0.9 for rank in range(len(words))]


def generate(n: int, seed: int = 20261205):
    """Deterministic items: (title, body, agency index, genre, date)."""
    rng = random.Random(seed)
    topics = [(name, words.split()) for name, words in TOPICS.items()]
    topic_weights = _zipf(topics)
    common_weights = _zipf(COMMON)
    agency_weights = _zipf(AGENCY_NAMES)
    genre_names = list(GENRE_SHAPES)
    genre_weights = [GENRE_SHAPES[g][0] for g in genre_names]
    for _ in range(n):
        genre = rng.choices(genre_names, genre_weights)[0]
        _, patterns, median = GENRE_SHAPES[genre]
        agency_no = rng.choices(range(len(AGENCY_NAMES)), agency_weights)[0]
        agency = AGENCY_NAMES[agency_no]
        chosen = rng.choices(topics, topic_weights, k=2 if rng.random() < 0.3 else 1)
        vocabulary = [w for _, words in chosen for w in words]
        weights = _zipf(vocabulary)
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        if day.year != year:
            day = dt.date(year, 12, 31)
        subject = rng.choices(vocabulary, weights)[0]
        if rng.random() < 0.4:
            subject += rng.choices(vocabulary, weights)[0]
        title = rng.choice(patterns).format(
            x=subject, p=rng.choice(PLACES), a=agency, y=year, z=year + 2, m=rng.randrange(1, 13)
        )
        length = int(rng.lognormvariate(0, 0.6) * median)
        sentences, size = [], 0
        while size < length:
            words = []
            for _ in range(rng.randrange(4, 10)):
                r = rng.random()
                if r < 0.5:
                    words.append(rng.choices(vocabulary, weights)[0])
                elif r < 0.8:
                    words.append(rng.choices(COMMON, common_weights)[0])
                else:
                    words.append(rng.choice(CONNECTORS))
            if rng.random() < 0.1:
                words.insert(0, rng.choice([*PLACES, agency]))
            if rng.random() < 0.05:
                words.append(f"{rng.randrange(1, 999)}万元")
            sentence = "".join(words)
            cut = rng.randrange(len(sentence) // 2 + 1, len(sentence) + 1)
            sentence = sentence[:cut] + "，" + sentence[cut:] + "。"
            sentences.append(sentence)
            size += len(sentence)
        yield title, "".join(sentences), agency_no, genre, day


# A query mix for this corpus: very common administrative words, topic words of a few percent,
# rare phrases, several terms, exclusions, one character, a year, Traditional characters.
QUERIES = [
    "工作",
    "通知",
    "政府",
    "管理 服务",
    "预算",
    "三公经费",
    "乡村振兴",
    "营商环境",
    "一网通办",
    "政府信息公开工作年度报告",
    "安全生产",
    "食品安全",
    "养老保险",
    "老旧小区改造",
    "义务教育 -双减",
    "碳达峰",
    "防汛",
    "医保",
    "公",
    "2023",
    "統計公報",
    "政策解读",
    "专项债券",
    "东城区 教育",
    "河长制",
    "法律援助",
    "非物质文化遗产",
    "数字政府",
    "工作 -通知",
    "人居环境整治",
    '"住房 公积金"',
    "森林防火",
]
