"""A deterministic generator of realistic-looking ``ArticleDraft``s for benchmarks.

Text is built from word statistics, not copied from anywhere: a Zipf-weighted vocabulary of common
English words and generated words, mixed with topic words, topic phrases and capitalised names.
A few percent of the articles are Chinese, a few carry aggregator card sections.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.core.models import ArticleDraft, CardSection, CardSectionKind, DatePrecision


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(","))


COMMON_WORDS = _split(
    "the of and to a in that is for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if "
    "so no will more what up out who about its than can only other new some could time "
    "these two may first then do any like my now over such our man me even most made after "
    "also did many before must through back years where much your way well down should "
    "because each just those people how too little state good very make world still own "
    "see men work long get here between both life being under never day same another know "
    "while last might us great old year off come since against go came right used take "
    "three said week government company market officials percent told report according "
    "country last plan policy public since industry business group billion million data"
)

TOPICS: dict[str, tuple[str, ...]] = {
    "chips": _phrases(
        "chip, chips, semiconductor, semiconductors, wafer, foundry, lithography, fab,  "
        "transistor, export controls, supply chain, chipmaker, TSMC, Nvidia, ASML, node,  "
        "packaging, memory, processor, fabs"
    ),
    "ai": _phrases(
        "artificial intelligence, AI, model, models, training, inference, GPU, chatbot,  "
        "OpenAI, dataset, language model, compute, safety, benchmark, agents, regulation,  "
        "automation, algorithm, neural, startup"
    ),
    "climate": _phrases(
        "climate, emissions, carbon, warming, drought, flooding, renewable, solar, wind,  "
        "heatwave, climate change, net zero, methane, glacier, wildfire, adaptation, COP,  "
        "temperature, sea level, coal"
    ),
    "trade": _phrases(
        "trade, tariff, tariffs, exports, imports, sanctions, WTO, deficit, trade war,  "
        "customs, quota, shipping, supply chain, dumping, subsidies, negotiations,  "
        "free trade, port, container, embargo"
    ),
    "energy": _phrases(
        "oil, gas, pipeline, OPEC, barrel, refinery, electricity, grid, nuclear, reactor,  "
        "battery, batteries, lithium, hydrogen, power plant, LNG, utilities, prices,  "
        "energy security, turbine"
    ),
    "elections": _phrases(
        "election, vote, voters, ballot, campaign, candidate, polls, parliament,  "
        "coalition, referendum, turnout, opposition, primary, debate, senate, congress,  "
        "minister, president, party, electoral"
    ),
    "health": _phrases(
        "vaccine, hospital, virus, pandemic, outbreak, patients, drug, clinical, trial,  "
        "FDA, WHO, cancer, treatment, doctors, public health, infection, variant,  "
        "healthcare, insurance, mental health"
    ),
    "finance": _phrases(
        "inflation, interest rates, central bank, Fed, bonds, stocks, earnings, recession,  "
        "bank, banks, investors, currency, dollar, yuan, debt, IPO, valuation, hedge fund,  "
        "credit, markets"
    ),
    "space": _phrases(
        "rocket, launch, satellite, satellites, orbit, NASA, SpaceX, moon, mars,  "
        "astronaut, spacecraft, telescope, mission, lunar, payload, booster,  "
        "space station, asteroid, probe, constellation"
    ),
    "sports": _phrases(
        "football, match, league, coach, goal, tournament, championship, striker, stadium, "
        "transfer, season, playoffs, World Cup, Olympics, medal, referee, injury, fans"
    ),
    "culture": _phrases(
        "film, festival, album, concert, museum, exhibition, novel, director, actor, "
        "streaming, box office, premiere, gallery, theatre, author, award, series, artist"
    ),
    "crime": _phrases(
        "police, arrest, court, trial, judge, verdict, prosecutors, fraud, murder, robbery, "
        "investigation, suspect, sentence, prison, lawsuit, indictment, jury, detectives"
    ),
    "science": _phrases(
        "research, study, scientists, genome, physics, particle, species, fossil, "
        "experiment, laboratory, peer review, quantum, protein, evolution, discovery, cells"
    ),
    "transport": _phrases(
        "airline, flights, airport, railway, train, strike, commuters, highway, traffic, "
        "electric vehicles, charging, aviation, ferry, metro, congestion, freight, pilots"
    ),
    "housing": _phrases(
        "housing, rent, mortgage, homebuyers, construction, property, landlords, tenants, "
        "zoning, affordability, developers, real estate, home prices, eviction, apartments"
    ),
}

CJK_WORDS = _split(
    "芯片 半导体 人工智能 气候 贸易 出口 管制 中国 美国 公司 市场 "
    "技术 企业 政府 发展 创新 研究 投资 产业 政策 经济 能源 电池 "
    "模型 数据 全球 国家 合作 安全 供应链 光刻机 晶圆 华为 台积电 "
    "虎嗅 关税 制裁 排放 碳中和 新能源 汽车 银行 利率 通胀 火箭 "
    "卫星 选举 疫苗 医院"
)

PUBLISHERS = _phrases(
    "Reuters, Associated Press, Bloomberg, Financial Times, The Guardian,  "
    "The New York Times, The Wall Street Journal, BBC News, CNN, Al Jazeera, Nikkei Asia,  "
    "South China Morning Post, Le Monde, Der Spiegel, The Economist, Politico, Axios,  "
    "The Verge, Ars Technica, Wired, TechCrunch, CNBC, NPR, The Hindu, Straits Times,  "
    "Caixin, 虎嗅, 36氪, Yonhap, ABC News"
)
_SYLLABLES = _split(
    "ka to ri mo sa ne lu vi an ber con dis tor mar pel ex in ter gra ston val ing ment "
    "tion pro re de ble ous al ly er est ic um ra lo fi"
)
_FIRST_NAMES = _split(
    "James Maria Wei Anna Carlos Priya Olga Kenji Fatima John Sarah Ahmed Li Elena David "
    "Mei Tom Yuki Sofia Omar"
)
# A milder Zipf (exponent 0.8) over publishers: a few wires dominate, the tail still has articles.
_PUBLISHER_WEIGHTS = tuple(
    itertools.accumulate(1.0 / (r + 1) ** 0.8 for r in range(len(PUBLISHERS)))
)
_START_AT = datetime(2019, 1, 1, tzinfo=UTC)
_SPAN_DAYS = 6 * 365


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    words: tuple[str, ...]
    cumulative: tuple[float, ...]
    names: tuple[str, ...]


def _make_vocabulary(rng: random.Random, size: int = 6000) -> _Vocabulary:
    generated: dict[str, None] = {}
    while len(generated) < size:
        generated["".join(rng.choices(_SYLLABLES, k=rng.choice((1, 2, 2, 3, 3, 4))))] = None
    words = tuple(dict.fromkeys([*COMMON_WORDS, *generated]))
    # Zipf's law with exponent ~1: the rank-r word has weight 1/r.
    cumulative = tuple(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))
    surnames = [w.capitalize() for w in list(generated)[:400]]
    names = tuple(f"{rng.choice(_FIRST_NAMES)} {rng.choice(surnames)}" for _ in range(600))
    orgs = tuple(f"{s} {rng.choice(('Corp', 'Group', 'Labs', 'Holdings'))}" for s in surnames[:200])
    return _Vocabulary(words, cumulative, names + orgs)


class CorpusGenerator:
    """Deterministic drafts: the same seed and index always give the same article."""

    def __init__(self, seed: int = 7, *, cjk_share: float = 0.03, card_share: float = 0.05) -> None:
        self.seed = seed
        self.cjk_share = cjk_share
        self.card_share = card_share
        self._vocabulary = _make_vocabulary(random.Random(seed))
        self._chinese_words = _chinese_words(random.Random(seed + 1))
        self._chinese_weights = tuple(
            itertools.accumulate(1 / (r + 1) for r in range(len(self._chinese_words)))
        )

    def drafts(self, count: int, *, start: int = 0) -> Iterator[ArticleDraft]:
        """``count`` drafts, numbered from ``start``."""
        for index in range(start, start + count):
            yield self.draft(index)

    def batches(self, count: int, batch_size: int) -> Iterator[list[ArticleDraft]]:
        """``count`` drafts in lists of ``batch_size``, generated lazily."""
        for start in range(0, count, batch_size):
            yield list(self.drafts(min(batch_size, count - start), start=start))

    def draft(self, index: int) -> ArticleDraft:
        """The article number ``index``."""
        rng = random.Random(self.seed * 1_000_003 + index)
        topics = [
            term
            for topic in rng.sample(sorted(TOPICS), k=rng.choice((1, 1, 2)))
            for term in _focus(rng, TOPICS[topic])
        ]
        publisher = rng.choices(PUBLISHERS, cum_weights=_PUBLISHER_WEIGHTS)[0]
        published_at, precision = _date(rng)
        chinese = rng.random() < self.cjk_share
        if chinese:
            title, paragraphs = _chinese(rng, self._chinese_words, self._chinese_weights)
        else:
            title = self._title(rng, topics)
            paragraph_count = min(40, max(1, int(rng.lognormvariate(2.0, 0.6))))
            paragraphs = [self._paragraph(rng, topics) for _ in range(paragraph_count)]
        card: tuple[CardSection, ...] = ()
        if not chinese and rng.random() < self.card_share:
            card = (
                CardSection(CardSectionKind.TLDR, (self._sentence(rng, topics),)),
                CardSection(
                    CardSectionKind.KEY_TAKEAWAYS,
                    tuple(self._sentence(rng, topics) for _ in range(3)),
                ),
            )
        domain = publisher.lower().replace(" ", "") if publisher.isascii() else "cn-news"
        url = f"https://{domain}.example/{published_at.year if published_at else 'x'}/a{index}"
        return ArticleDraft(
            title=title,
            body="\n\n".join(paragraphs),
            publisher=publisher,
            author=rng.choice(self._vocabulary.names) if rng.random() < 0.7 else None,
            url=url,
            canonical_url=url,
            language="zh" if chinese else "en",
            published_at=published_at,
            published_precision=precision,
            card=card,
            origin=f"bench:{index}",
        )

    def _words(self, rng: random.Random, count: int, topics: Sequence[str]) -> list[str]:
        vocabulary = self._vocabulary
        words = rng.choices(vocabulary.words, cum_weights=vocabulary.cumulative, k=count)
        for position in range(count):
            roll = rng.random()
            if roll < 0.05:
                words[position] = rng.choice(topics)
            elif roll < 0.11:
                words[position] = rng.choice(vocabulary.names)
        return words

    def _sentence(self, rng: random.Random, topics: Sequence[str]) -> str:
        words = self._words(rng, rng.randint(8, 30), topics)
        text = " ".join(words)
        if rng.random() < 0.1:
            text = f"{text}, said {rng.choice(self._vocabulary.names)}"
        return text[0].upper() + text[1:] + rng.choice("....?")

    def _paragraph(self, rng: random.Random, topics: Sequence[str]) -> str:
        return " ".join(self._sentence(rng, topics) for _ in range(rng.randint(1, 5)))

    def _title(self, rng: random.Random, topics: Sequence[str]) -> str:
        return " ".join(w.capitalize() for w in self._words(rng, rng.randint(5, 12), topics))


def _focus(rng: random.Random, terms: Sequence[str]) -> list[str]:
    """The few topic terms one article uses: early (general) terms are picked more often."""
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(terms))]
    return list(dict.fromkeys(rng.choices(terms, weights=weights, k=rng.randint(3, 8))))


def _date(rng: random.Random) -> tuple[datetime | None, DatePrecision]:
    moment = _START_AT + timedelta(days=rng.randrange(_SPAN_DAYS), minutes=rng.randrange(1440))
    roll = rng.random()
    if roll < 0.85:
        return moment, DatePrecision.DAY
    if roll < 0.93:
        return moment.replace(day=1, hour=0, minute=0), DatePrecision.MONTH
    if roll < 0.97:
        return moment.replace(month=1, day=1, hour=0, minute=0), DatePrecision.YEAR
    return None, DatePrecision.UNKNOWN


# Common Han characters; pairs of them stand in for the long tail of everyday two-character words.
_HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"


def _chinese_words(rng: random.Random, count: int = 3000) -> tuple[str, ...]:
    words: dict[str, None] = {}
    while len(words) < count - len(CJK_WORDS):
        words["".join(rng.choices(_HAN, k=rng.choice((2, 2, 2, 3))))] = None
    # Topic words sit in the middle of the Zipf ranks: present, but not in every article.
    generated = [w for w in words if w not in CJK_WORDS]
    return (*generated[:500], *CJK_WORDS, *generated[500:])


def _chinese(
    rng: random.Random, words: Sequence[str], weights: Sequence[float]
) -> tuple[str, list[str]]:
    focus = rng.sample(CJK_WORDS, k=4)

    def pick(count: int) -> list[str]:
        picked = rng.choices(words, cum_weights=weights, k=count)
        return [rng.choice(focus) if rng.random() < 0.04 else w for w in picked]

    def sentence() -> str:
        return "".join(pick(rng.randint(6, 18))) + "。"

    title = "".join(pick(rng.randint(4, 8)))
    count = min(30, max(1, int(rng.lognormvariate(1.6, 0.6))))
    return title, ["".join(sentence() for _ in range(rng.randint(2, 5))) for _ in range(count)]


def average_body_chars(generator: CorpusGenerator, sample: int = 500) -> float:
    """The mean body length of the first ``sample`` drafts, for reporting the corpus shape."""
    return math.fsum(len(d.body) for d in generator.drafts(sample)) / sample
