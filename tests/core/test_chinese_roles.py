"""Chinese sentences take brief roles, speakers and topic stems like English ones."""

from __future__ import annotations

from bot.core.brief.lexicon import load_topic_lexicon
from bot.core.brief.sections import Role, is_boilerplate, role_of
from bot.core.brief.stemming import content_stems, word_count
from bot.core.brief.topic import resolve_topic
from bot.core.brief.voices import attribute, quoted_span

# Sentences written for these tests in the register of Chinese business news.


def test_roles_from_chinese_cues() -> None:
    assert role_of("公司预计明年2月公布全年业绩。") is Role.FORWARD
    assert role_of("新规定于2026年12月1日起生效。") is Role.CHANGE
    assert role_of("业内人士指出，国产替代仍面临人才和供应链等多重挑战。") is Role.STAKES
    assert role_of("专家建议企业提前做好供应链备份。") is Role.RECOMMENDATION
    # 将 before a noun is the object marker, not the future.
    assert role_of("有关部门将更多设备列入清单。") is not Role.FORWARD


def test_chinese_sentence_is_not_boilerplate_for_lacking_spaces() -> None:
    assert not is_boilerplate("中芯国际第三季度营收同比增长百分之十二。")
    assert is_boilerplate("相关阅读")
    assert word_count("中芯国际营收增长") == 4


def test_speaker_and_role_before_the_speech_verb() -> None:
    found = attribute("行业分析师王磊认为，出口管制短期内会影响部分企业的设备采购；")
    assert found is not None
    assert (found.speaker, found.role, found.quoted) == ("王磊", "行业分析师", False)
    spokesman = attribute("商务部新闻发言人11月10日表示，“我们将采取必要措施，维护企业合法权益。”")
    assert spokesman is not None
    assert (spokesman.speaker, spokesman.quoted) == ("商务部新闻发言人", True)
    assert attribute("他补充说，新厂明年投产。") is None
    assert attribute("新规定于2026年12月1日起生效。") is None


def test_quoted_span_of_a_chinese_quotation() -> None:
    text = "公司负责人表示，“我们的目标是到2028年实现批量供货。”"
    assert quoted_span(text) == "我们的目标是到2028年实现批量供货。"


def test_chinese_runs_stem_to_the_bigrams_the_index_holds() -> None:
    assert content_stems("光刻机") == ["光刻", "刻机"]
    assert content_stems("ASML光刻机chips") == ["asml", "光刻", "刻机", "chip"]


def test_lexicon_links_chinese_and_english_topic_names() -> None:
    lexicon = load_topic_lexicon()
    chinese = resolve_topic("芯片", lexicon)
    assert "chips" in chinese.topics
    assert ("chip",) in {t.stems for t in chinese.weighted}
    english = resolve_topic("chips", lexicon)
    assert ("芯片",) in {t.stems for t in english.weighted}
    assert english.admits(frozenset(content_stems("中芯国际芯片出货量创新高")))
