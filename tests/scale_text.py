"""The bilingual text of the database at scale (tests/scale_data.py): phrase tables, each English phrase with its
Chinese twin, and the ``Writer`` that draws titles, summaries and bodies from them with the build's random.Random.

It imports nothing, so that bench/seed.py runs it in the site's virtual environment as it does tests/scale_data.py.
"""

ACTIONS = [
    ("keep food and medicine in supply", "保障食品和药品供应"), ("trace close contacts", "追踪密切接触者"),
    ("build temporary hospitals", "建设临时医院"), ("reopen factories", "推动企业复工复产"),
    ("support small businesses", "支持小微企业"), ("protect medical staff", "保护医务人员"),
    ("keep schools teaching online", "组织学校开展线上教学"), ("inform the public", "向公众发布信息"),
    ("coordinate partner assistance", "协调对口支援"), ("test the population at scale", "开展大规模检测"),
    ("care for elderly residents", "照顾老年居民"), ("keep public transport safe", "保障公共交通安全"),
    ("restore rural incomes", "恢复农村收入"), ("train community volunteers", "培训社区志愿者"),
    ("manage quarantine at ports of entry", "加强口岸检疫"), ("fund emergency treatment", "保障救治经费"),
    ("organise vaccination", "组织疫苗接种"), ("stabilise employment", "稳定就业"),
    ("rebuild after the disaster", "开展灾后重建"), ("consolidate poverty reduction", "巩固脱贫成果"),
]
MEASURES = [
    ("setting up joint task forces", "成立联合工作组"), ("sending medical teams", "派遣医疗队"),
    ("publishing daily figures", "每日公布数据"), ("issuing special bonds", "发行专项债券"),
    ("cutting fees and taxes", "减免税费"), ("mobilising neighbourhood committees", "动员居委会"),
    ("using health codes", "使用健康码"), ("buying supplies centrally", "集中采购物资"),
    ("pairing provinces with cities", "安排省市结对"), ("training local staff", "培训基层人员"),
    ("opening services online", "开通线上服务"), ("keeping transport corridors open", "保障运输通道畅通"),
]
SUBJECTS = [("China", "中国"), ("local governments", "地方政府"), ("the government of {p}", "{pz}政府"),
            ("community workers in {p}", "{pz}的社区工作者"), ("hospitals in {p}", "{pz}的医院"),
            ("China's cities", "中国各城市"), ("rural counties", "农村各县")]
TITLES = [("How did {s} {a}?", "{sz}如何{az}？"), ("Why did {s} {a}?", "{sz}为什么要{az}？"),
          ("What did {s} do to {a}?", "{sz}采取了哪些措施来{az}？"),
          ("How can {s} {a} in a future epidemic?", "未来发生疫情时，{sz}如何{az}？")]
SUMMARY = ("The answer explains how {s} worked to {a} by {m} and {m2}, and what this achieved in {p} and in the "
           "provinces that followed its example. It draws on official figures and on interviews with officials, "
           "doctors and residents.",
           "本文介绍了{sz}如何通过{mz}和{m2z}来{az}，以及这些做法在{pz}和借鉴其经验的省份取得的成效。"
           "文章依据官方数据以及对干部、医生和居民的访谈。")
SENTENCES = [
    ("In {y}, the government of {p} began to {a}.", "{y}年，{pz}政府开始{az}。"),
    ("The work relied on {m} and on {m2}.", "这项工作依靠{mz}，也依靠{m2z}。"),
    ("Under partner assistance, {p} sent {n:,} medical staff to {q}, and the two provinces shared their plans "
     "week by week.", "在对口支援机制下，{pz}向{qz}派出{n}名医务人员，两省每周交流工作方案。"),
    ("Within {k} days, officials in {p} reported that {n:,} households had been reached.",
     "{k}天内，{pz}的工作人员报告已覆盖{n}户家庭。"),
    ("Costs were shared between the central government and the province, so the work went on when local "
     "revenue fell.", "费用由中央和省级财政共同承担，地方收入下降时工作仍能继续。"),
    ("Researchers later found that {m} mattered most, because it let each county {a} without waiting for "
     "instructions.", "研究人员后来发现，{mz}最为关键，因为它使各县无需等待指示就能{az}。"),
    ("Neighbouring provinces such as {q} adopted the same approach a few weeks later.",
     "几周后，{qz}等周边省份也采用了同样的做法。"),
    ("The lessons of this period are now written into the emergency plans of {p}.",
     "这一时期的经验已写入{pz}的应急预案。"),
    ("Each city kept a public record of what had been done, which reporters and residents could consult.",
     "各市公开记录已开展的工作，供记者和居民查阅。"),
    ("By the end of the year, {n:,} people in the province had taken part, most of them volunteers.",
     "到年底，全省共有{n}人参与，其中大多数是志愿者。"),
]


class Writer:
    """Bilingual text drawn from the phrase tables: each English sentence has its Chinese twin."""

    def __init__(self, rng, provinces):
        self.rng, self.provinces = rng, provinces

    def words(self):
        rng = self.rng
        (p, pz), (q, qz) = rng.sample(self.provinces, 2)
        (a, az), ((m, mz), (m2, m2z)) = rng.choice(ACTIONS), rng.sample(MEASURES, 2)
        s, sz = (part.format(p=p, pz=pz) for part in rng.choice(SUBJECTS))
        return {"p": p, "pz": pz, "q": q, "qz": qz, "a": a, "az": az, "m": m, "mz": mz, "m2": m2, "m2z": m2z,
                "s": s, "sz": sz, "y": rng.randint(2008, 2022), "n": rng.randint(40, 9000), "k": rng.randint(3, 30)}

    def pair(self, templates, words=None):
        words = words or self.words()
        en, zh = templates
        return en.format(**words), zh.format(**words)

    def title_and_summary(self):
        words = self.words()
        title = self.pair(self.rng.choice(TITLES), words)
        return title[0][0].upper() + title[0][1:], title[1], *self.pair(SUMMARY, words)

    def body(self, paragraphs):
        english, chinese = [], []
        for _ in range(paragraphs):
            sentences = [self.pair(template) for template in self.rng.sample(SENTENCES, 4)]
            english.append(" ".join(en for en, _zh in sentences))
            chinese.append("".join(zh for _en, zh in sentences))
        return "\n\n".join(english), "\n\n".join(chinese)
