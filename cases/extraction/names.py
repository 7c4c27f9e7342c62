"""People's names: UniDic's person-name tags (fugashi) for Japanese, the phrases people introduce themselves with in English."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cases.extraction.contacts import Found

# After a name: です is weak (大丈夫です), と申します is strong (anything named before it is a name).
_STRONG_AFTER = re.compile(
    r"^\s*(?:様|さん)?\s*(?:と申します|と申す|といいます|と言います|っていいます|って言います|と申しま|でございます)"
)
_WEAK_AFTER = re.compile(r"^\s*(?:様|さん)?\s*(?:です|だよ|だ[。、!\s]|っす|と申|よ[。!\s])")
_BEFORE = re.compile(
    r"(?:名前は|氏名は|名前:|氏名:|お名前は|名前は、|氏名は、|私は|わたしは|私、|わたくし|僕は|俺は)\s*$"
)
_RELATIONS = (
    "娘|息子|子ども|子供|こども|子|母|父|母親|父親|妻|夫|主人|家内|祖母|祖父|おばあちゃん|おじいちゃん|叔母|伯母|叔父|伯父|"
    "姉|兄|妹|弟|孫|本人|依頼人|依頼者"
)
_FOR_PRINCIPAL = re.compile(
    r"^\s*(?:さん|様|ちゃん|くん|君)?\s*(?:の代わり|の代理|に代わって|の分|の件|の情報|のデータ|の個人情報|のこと|について|の開示|の削除)"
)
_RELATION_BEFORE = re.compile(rf"(?:{_RELATIONS})(?:である|の|・|\s)\s*$")
# Before the name of the person a request is for: "本人は叔母の…", "息子の名前は…", "祖母は…".
_PRINCIPAL_BEFORE = re.compile(
    rf"(?:本人は|(?:{_RELATIONS})(?:の名前|の氏名)?は|依頼人|依頼者|(?:{_RELATIONS})・)\s*(?:(?:{_RELATIONS})の)?\s*$"
)
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z])([A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\s*(?:と申します|といいます|と言います|です)"
)
_HONORIFIC = re.compile(r"\s*(?:様|さま|さん|殿)$")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

_EN_CUE = re.compile(
    r"\b(?:my (?:full )?name is|my name's|this is|i am|i[’']m|im|it's|it is|from)\s+|\bname\s*:\s*",
    re.IGNORECASE,
)
_EN_WORD = re.compile(r"(?:[^\W\d_]\.(?=\s)|[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*)")
_EN_NOT_NAME = frozenset(
    (
        "a an the writing not sure trying from in at on interested contacting looking asking living based "
        "sorry afraid glad happy here just still also very so really going calling emailing requesting "
        "reaching wondering concerned worried unable able a customer customers resident user member the "
        "acting his her their parent mother father guardian lawyer attorney an only on behalf representative "
        "and or but with to for of about regarding please hello hi dear thanks thank you me my we our "
        "japanese german french american british californian english over under done fine ok okay yes no "
        "staying moving currently now being getting having doing making filing sending following requesting"
    ).split()
)
_EN_STOP = frozenset("and i my from in at of with , . please but who which living based email phone".split())
_SIGNOFF = re.compile(
    r"(?:regards|best|sincerely|thanks|thank you|cheers|yours truly|best wishes|kind regards),?\s*\n+\s*"
    r"([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-.]+){0,3})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_RELATION_EN = (
    r"(?:daughter|son|child|kid|mother|father|mum|mom|dad|wife|husband|client|grandmother|grandfather|grandma|"
    r"grandpa|sister|brother|parent|ward|aunt|uncle|niece|nephew|friend|partner)"
)
# Words after "my mother" that begin a sentence, not a name.
_VERB = (
    r"(?:is|was|has|had|got|and|who|he|she|they|lives|lived|asked|wants|wanted|received|can|cannot|can't|does|did|"
    r"doesn't|didn't|would|will|needs|passed|died|signed|uses|used|told|says|said|also|in|at|on|to|for|from|with)"
)
_EN_PRINCIPAL = re.compile(
    rf"\bmy\s+(?:\w+\s+)?{_RELATION_EN},?\s+(?!{_VERB}\b)"
    rf"([A-Za-z][A-Za-z'\-]+(?:\s+(?!{_VERB}\b)[A-Za-z][A-Za-z'\-]+){{0,2}})"
    r"|\b(?:on behalf of|representing|acting for|agent for|guardian for|guardian of|lawyer for|attorney for)\s+"
    rf"(?:my\s+(?:\w+\s+)?{_RELATION_EN},?\s+)?"
    r"([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,3})"
    rf"|\b{_RELATION_EN}(?:'s name is|, | is called | named | called )"
    r"([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,3})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Token:
    surface: str
    start: int
    end: int
    person: bool  # UniDic: 名詞,固有名詞,人名
    noun: bool


@lru_cache(maxsize=1)
def _tagger():
    import fugashi

    return fugashi.Tagger()


def tokens(text: str) -> list[Token]:
    found, position = [], 0
    for word in _tagger()(text):
        start = text.find(word.surface, position)
        if start < 0:
            continue
        position = start + len(word.surface)
        feature = word.feature
        person = feature.pos2 == "固有名詞" and feature.pos3 == "人名"
        noun = feature.pos1 == "名詞" and (feature.pos2 in {"固有名詞", "普通名詞"})
        found.append(Token(word.surface, start, position, person, noun))
    return found


def _runs(words: list[Token]) -> list[list[Token]]:
    """Runs of adjacent person-name words (a space between 姓 and 名 allowed)."""
    runs: list[list[Token]] = []
    for word in words:
        if word.person:
            if runs and runs[-1] and word.start - runs[-1][-1].end <= 1 and runs[-1][-1].person:
                runs[-1].append(word)
            else:
                runs.append([word])
    return runs


def japanese(text: str) -> tuple[Found | None, Found | None]:
    """(the writer's name, the name of the person the request is for)."""
    if not _JAPANESE.search(text):
        return None, None
    words = tokens(text)
    requester = principal = None
    latin = _LATIN_NAME.search(text)  # "Lisa Tanakaと申します": the tagger splits a romanised name
    if latin:
        requester = Found(latin.group(1), latin.start(1), latin.end(1))
    for run in _runs(words):
        start, end = run[0].start, run[-1].end
        # A name followed by katakana or kanji nouns the tagger did not tag (ヤマダ ハナコ, 山田 はるか).
        following = [word for word in words if word.start >= end]
        for word in following:
            if (
                word.start - end <= 1
                and word.noun
                and not _WEAK_AFTER.match(text[end:])
                and _is_name_part(word)
                and text[word.end : word.end + 1] not in ("は", "が", "を")
            ):
                end = word.end
            else:
                break
        before, after = text[:start], text[end:]
        value = Found(_clean(text[start:end]), start, end)
        if (_FOR_PRINCIPAL.match(after) and _RELATION_BEFORE.search(before)) or (
            _PRINCIPAL_BEFORE.search(before) and not re.search(r"(?:私|わたし|わたくし)は\s*$", before)
        ):
            principal = principal or value
        elif (
            _STRONG_AFTER.match(after)
            or (
                _WEAK_AFTER.match(after)
                and (
                    not before.strip()
                    or _BEFORE.search(before)
                    or _RELATION_BEFORE.search(before)
                    or before.rstrip().endswith(("。", "、", "!", ","))
                    or re.search(r"(?:の|は)\s*$", before)
                )
            )
            or _BEFORE.search(before)
        ):
            requester = requester or value
    if requester is None:
        requester = _introduced(text, words)
    return requester, principal


def _is_name_part(word: Token) -> bool:
    return bool(re.fullmatch(r"[\u30a0-\u30ff\u4e00-\u9fff]{1,4}", word.surface))


def _introduced(text: str, words: list[Token]) -> Found | None:
    """A name the tagger does not know, introduced by と申します or 名前は (ハナコと申します)."""
    match = re.search(
        r"(?:^|[\s/,、])(?:name|氏名|名前|お名前)\s*[:：]\s*([^/,、。\n]{1,40}?)\s*(?:[/,、。\n]|$)",
        text,
        re.IGNORECASE,
    )
    if match and _reads_as_name(match.group(1)):
        return Found(_clean(match.group(1)), match.start(1), match.end(1))
    match = re.search(
        r"(?:名前は|氏名は)\s*([^\s、。,]{1,12}?(?:\s[^\s、。,]{1,8}?)?)(?:\s*(?:です|と申します|。|、|$)|\s+(?=\S{1,6}は))",
        text,
    )
    if match and re.match(r"\s*(?:です|でしょう)?か[?？]?|\s*[?？]", text[match.end(1) :]):
        match = None  # "お名前は必要ですか？" asks a question
    someone_elses = match and re.search(rf"(?:{_RELATIONS})の(?:お?名前|氏名)は\s*$", text[: match.start(1)])
    if match and _reads_as_name(match.group(1)) and not someone_elses:
        return Found(_clean(match.group(1)), match.start(1), match.end(1))
    match = re.search(
        r"(?:^|[\s、。,!の])(?:私は|わたくし、?)?([\u30a0-\u30ff\u4e00-\u9fffA-Za-z]{1,10}(?:\s[\u30a0-\u30ff\u4e00-\u9fffA-Za-z]{1,10})?)\s*(?:様|さん)?\s*(?:と申します|といいます|と言います|っていいます)",
        text,
    )
    if match:
        return Found(_clean(match.group(1)), match.start(1), match.end(1))
    return None


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", _HONORIFIC.sub("", value.replace("\u3000", " "))).strip()


def english(text: str) -> tuple[Found | None, Found | None]:
    requester = principal = None
    for cue in _EN_CUE.finditer(text):
        if cue.group(0).lower().startswith("from") and cue.start() > 0:
            continue  # "from" introduces a name only at the very start ("From: ...")
        strict = not cue.group(0).lower().startswith(("my name", "my full name", "name", "signed"))
        words = []
        position = cue.end()
        for word in _EN_WORD.finditer(text, position):
            if text[position : word.start()].strip(" \t"):
                break  # punctuation ends the name
            if word.group(0).lower().rstrip(".") in _EN_STOP or len(words) == 4:
                break
            words.append(word)
            position = word.end()
        if not words:
            continue
        casual = text == text.lower()  # typed all in lower case: "i'm tom"
        if strict and (
            any(word.group(0).lower() in _EN_NOT_NAME for word in words)
            or not (words[0].group(0)[0].isupper() or casual)
            or (casual and not re.match(r"\s*(?:[,.!]|$)", text[words[-1].end() :]))
        ):
            continue
        start, end = words[0].start(), words[-1].end()
        requester = Found(text[start:end].rstrip("."), start, start + len(text[start:end].rstrip(".")))
        break
    if requester is None:
        match = _SIGNOFF.search(text)
        if match and match.group(1).lower() not in _EN_NOT_NAME:
            requester = Found(match.group(1), match.start(1), match.end(1))
    for match in _EN_PRINCIPAL.finditer(text):
        group = next(number for number in (1, 2, 3) if match.group(number))
        value = match.group(group)
        if value.split()[0].lower() in _EN_NOT_NAME or (group != 1 and not value[0].isupper()):
            continue
        if requester is not None and requester.start <= match.start(group) < requester.end:
            continue
        if group == 3 and re.search(
            r"\b(?:i'm|i am|im)\s+(?:her|his|their|the)\s+$", text[: match.start()], re.I
        ):
            requester = requester or Found(
                value, match.start(group), match.end(group)
            )  # "I'm her mother, Anna"
            continue
        principal = Found(value, match.start(group), match.end(group))
        break
    return requester, principal


def bare(text: str) -> str | None:
    """A whole answer to "what is your name?": the name, without the words around it."""
    value = re.sub(
        r"^(?:私は|わたしは|わたくしは|名前は|氏名は|my (?:full )?name is|my name's|i am|i'm|it's|this is|name\s*:)\s*",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    value = re.sub(
        r"\s*(?:です|と申します|といいます|と言います|でございます|だよ|っす)?\s*(?:よろしく(?:お願い(?:いた)?します)?(?:ね)?|宜しくお願いします)?[\s。、.!！?？]*$",
        "",
        value,
        flags=re.IGNORECASE,
    )
    value = _clean(value)
    if not 1 <= len(value) <= 60 or "@" in value or not re.search(r"[^\d\s\-+()]", value):
        return None
    if len(value.split()) > 5 or re.search(r"[?？!！。]", value) or not _reads_as_name(value):
        return None
    return value


_EN_SENTENCE = frozenset(
    "what how why when where which who is are do does can could would should will fee cost price data my your "
    "the a an to of for please i you it this that not no yes want need know".split()
)


def _reads_as_name(value: str) -> bool:
    """A name has no verbs, adjectives or particles (but の); an English one no function words."""
    if _JAPANESE.search(value):
        for word in _tagger()(value):
            feature = word.feature
            if feature.pos1 in {"動詞", "形容詞", "形状詞", "助動詞", "副詞", "接続詞", "感動詞"}:
                return False
            if feature.pos1 == "助詞" and word.surface != "の":
                return False
        return True
    return not any(word.lower() in _EN_SENTENCE for word in re.findall(r"[A-Za-z']+", value))
