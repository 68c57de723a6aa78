"""Understand: a question (and the questions before it in its thread) becomes one immutable Plan."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.qa.extract import amount_band, changes_in, running_tally
from bot.qa.plan import Constraints, Plan
from index.amounts import CURRENCIES, SCALE_WORDS, find_amounts
from index.amounts import UNITS as AMOUNT_UNITS
from index.deal_extraction import SIGN_VERB
from index.keyword import (
    chinese_words,
    counted_thing,
    event_kinds,
    question_terms,
    tokenize,
    with_same_meaning,
)
from index.lang import de, en
from index.lang import questions as cues
from index.lang.chinese import to_simplified
from index.lang.numbers import YEAR, find_numbers
from index.lang.ordinals import find_ordinals, find_relative_editions, resolve_relative_year
from index.lang.places import canonical_ids, find_places, place
from index.lang.spelling import corrected
from index.metadata import MONTHS, find_dates
from index.retrieval import place_token

MONTH_NAMES = {name.lower(): number for table in (en.MONTHS, de.MONTHS) for name, number in table.items()}
MONTH = re.compile(r"\b(" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
# "may" and "Mai" are months only beside a day or a year ("may 2020", "8. Mai"): otherwise a verb or a name.
AMBIGUOUS_MONTHS = frozenset({"may", "mai"})
MONTH_NUMBER_NEARBY = re.compile(r"^\W{0,3}\d|\d\W{0,3}$")
CHINESE_MONTH = re.compile(r"(?<![\d月-])(1[0-2]|[1-9])\s*月")
FOLLOW_UP_CUE = re.compile(
    r"^\s*(?:and|what\s+about|how\s+about|und|was\s+ist\s+mit|also|then)\b|^\s*(?:那|那么|还有)|呢\s*(?:[?？,，。]|$)",
    re.IGNORECASE,
)
# Words that point back at the previous answer: "how much of that", "how many of those", "davon", "其中".
ANAPHORA = re.compile(
    r"\b(?:of\s+(?:that|those|it|them)|that|those|davon|diese[rsnm]?)\b|其中|这些|那些", re.I
)
# "2022-24", "2022–2024", "2022 bis 2024", "2022年至2024年": every year from one to the other.
YEAR_RANGE = re.compile(
    r"(?<!\d)(?P<first>(?:19|20)\d\d)年?\s*(?:-|–|—|~|to|through|until|bis|至|到)\s*(?P<last>(?:19|20)\d\d|\d\d)(?!\d)",
    re.IGNORECASE,
)
MAX_YEAR_RANGE = 10
CJK_WORD = re.compile(r"[\u3400-\u9fff]")
# "investment" or 投资 this many words before a kind of event is a part of the event's name ("投资贸易博览会").
EVENT_NAME_WORDS = 3
# "two years later", "a year earlier", "im Jahr davor": a year relative to the previous question's.
YEAR_SHIFT = re.compile(
    r"\b(?P<n>\w+)\s+years?\s+(?P<dir>later|after|earlier|before)\b|"
    r"\b(?P<de>\w+)\s+Jahre?n?\s+(?P<dedir>später|danach|darauf|früher|zuvor|davor|vorher)\b|"
    r"(?P<zh>[一两二三四五\d])年(?P<zhdir>后|前|之后|之前)",
    re.IGNORECASE,
)
CLAIM_NUMBER_MIN = 1
# Earlier turns a follow-up may lean on: a thread's older questions no longer shape its reading.
MAX_HISTORY = 4
# The longest Chinese noun phrase read as the part a question leaves out ("重大合作项目以外").
CHINESE_PART_CHARS = 6
# A scale word after a number the question gives: "the 15.192bn" is an amount, its currency left out.
SCALE_AFTER = re.compile(rf"\s?({SCALE_WORDS})\.?(?![A-Za-zäöü])", re.IGNORECASE)
# Each currency's names, yuan last: 元 in 美元 is no yuan.
CURRENCY_NAMES = {
    code: re.compile(rf"(?<![a-z])(?:{CURRENCIES[code]})(?![a-z])", re.IGNORECASE)
    for code in sorted(CURRENCIES, key=lambda c: c == "CNY")
}
ITSELF_REACH = 16  # characters between a place and "itself" ("Chengdu city itself", "Provinz Sichuan allein")
# A year shift further than this ("and 10000 years later?") is no year a release can be about.
MAX_YEAR_SHIFT = 50
# Operations over two or more editions or years, each looked up on its own.
PART_OPERATIONS = ("difference", "sum", "max", "min", "average")
LATIN_WORD = re.compile(r"[^\W\d_\u3400-\u9fff]+")


def understand(question: str, history: Sequence[str] = (), today: date | None = None) -> Plan:
    """The plan of `question`; `history` holds the earlier questions of its thread, oldest first."""
    today = today or date.today()
    own = _read(question.strip(), today)
    if not history or not _is_follow_up(own, question):
        return own
    history = history[-MAX_HISTORY:]
    thread = [understand(turn, history[:n], today) for n, turn in enumerate(history)]
    return _resolve(own, thread[-1], thread)


def _read(text: str, today: date, context: Constraints | None = None) -> Plan:
    """The plan of one stand-alone question; with `context`, of one ask of a message whose other words (its
    event, period, places) are `context`."""
    asked = text
    normal = to_simplified(text)
    language = cues.question_language(normal)
    if language == "en":  # "foriegn-funded", "total invesment": typed in a hurry
        text = corrected(text)
        normal = to_simplified(text)
    operation = next((op for op, cue in cues.OPERATION_CUES.items() if cue.search(normal)), "none")
    wants = _cued_kinds(normal, operation)
    constraints = _constraints(normal, language, today)
    spanned = _year_range(normal)
    if spanned and operation not in ("difference", "share", "back"):  # "from 2021 to 2023" compares two years
        constraints = replace(constraints, years=spanned)
        # over a named event's editions, each year's figures added up; a bare period is the ledger's
        named = not _unnamed_period(constraints)
        if named and operation == "none" and {"count", "amount"} & set(wants or _asked_kinds(normal)):
            operation = "sum"  # "what did Zunyi sign 2022–2024?": each year's figures, added up
    own_terms, own_places = constraints.terms, constraints.places
    if context:
        constraints = _within(constraints, context)
    if operation == "back":
        constraints = _before_the_change(constraints, normal, language)
    if operation == "none" and len(_coordinated(normal, joined_by=cues.PLUS)) > 1:
        operation = "sum"  # "Energie + Logistik", "省级+市级"; not "how many + investment"
    if operation in ("max", "min") and not wants:
        wants = ("amount",)
    if operation == "share" and not {"count", "amount"} & set(wants):
        # A share the releases don't state is computed from a part and its whole, of amounts or counts.
        wants = (*wants, "count" if cues.COUNTED_NOUN_CUE.search(normal) else "amount")
    if not wants and cues.SIGNING_OUTCOME_CUE.search(normal):
        wants = ("count", "amount")
    if operation in ("difference", "sum") and "count" not in wants and cues.COUNTED_NOUN_CUE.search(normal):
        wants = ("count", *wants)
    digits = _in_digits(normal, language)  # number words read as digits: "a hundred bn" -> "a 100 bn"
    figures = _claimed(digits, language)  # the question's own figures
    if operation == "agree" and any(ch.isdigit() for ch in normal) and figures:
        operation = "check"  # "do the reports agree with 448 projects?" states a figure to check
    if operation == "agree" and not {"count", "amount"} & set(wants):  # "… agree on the totals?"
        wants = ("count", "amount")
    if operation == "back":  # the figure before the change: a count or an amount, never a percentage
        wants = tuple(kind for kind in wants if kind in ("count", "amount")) or ("count", "amount")
    qualifier = _qualifier(normal, language)
    if context and operation == "share" and not qualifier:
        # an ask of a message naming a place of its own asks for that place's share ("and what % stayed in X?")
        qualifier = tuple((place_token(p),) for p in sorted(own_places))
    band = amount_band(digits) if operation in ("none", "sum") else None
    left_out = _left_out_range(digits) if operation == "none" and _negates(normal) else None
    if left_out and {"count", "amount"} & set(wants):
        # all but a range ("扣掉50亿以上的项目,剩下…") is the range opposite it ("under 5 billion")
        band, qualifier = left_out, ()
    elif operation == "none" and {"count", "amount"} & set(wants) and qualifier and _negates(normal):
        operation = "rest"  # the count and the amount, as asked, of all but the part named
        wants = tuple(kind for kind in ("count", "amount") if kind in wants)
    if operation == "none" and _asks_period_total(normal, wants, constraints):
        operation = "period_total"
    plan = Plan(
        asked=asked,
        text=text,
        language=language,
        wants=wants or ("text",),
        operation=operation,
        constraints=constraints,
        focus=text,
        focus_terms=own_terms if context and own_terms else constraints.terms,
        counted=_counted(normal, language),
        running=running_tally(normal),
        signed=bool(SIGN_VERB.search(normal)),
        qualifier=qualifier,
        claim=figures if operation == "check" else (),
        given=_given(digits, figures, operation, language),
        change=next((c for _, c in changes_in(digits)), None) if operation == "back" else None,
        currency=_asked_currency(normal),
        whole=_given_whole(normal),
        whole_places=_whole_places(normal) if operation == "share" else frozenset(),
        amount_of=_amount_of(digits, figures) if wants == ("amount",) and operation == "none" else None,
        band=band,
        coordinated=_coordinated(normal, cues.ADDED_TO if cues.ADDED_TO.search(normal) else None)
        if operation == "sum"
        else (),
    )
    if operation == "none":
        asks = _asks(normal)
        if len(asks) > 1:
            parts = tuple(_ask(plan, ask, part, language) for ask, part in asks)
            return replace(plan, operation="each", parts=parts)
    elif context is None:
        # asks of a message each working a figure out its own way ("how much was not local, and what % stayed
        # local?": a rest and a share) are read one by one, within the message's event and period
        asks = [_read(ask, today, constraints) for ask, _ in _asks(normal)]
        if (
            len(asks) > 1
            and all(a.operation != "none" for a in asks)
            and len({a.operation for a in asks}) > 1
        ):
            return replace(plan, operation="each", parts=tuple(asks))
    parts = _parts(plan)
    return replace(plan, parts=parts, addends=() if parts else _addends(plan, language))


def _addends(plan: Plan, language: str) -> tuple[Plan, ...]:
    """For a sum of parts named side by side, one lookup per part: the question without the other parts, asking
    for the figures of the part it names."""
    if len(plan.coordinated) < 2:
        return ()
    addends = []
    for part in plan.coordinated:
        text = plan.text
        for other in plan.coordinated:
            if other == part or other in part:
                continue
            # the other part with the words listed before it ("前期京津冀/长三角/大湾区交流会"), unless they hold this one
            listed = re.search(rf"(?:[^\s,，:：;；/、]+\s*[/、]\s*)*{re.escape(other)}", text)
            cut = listed.group() if listed and part not in listed.group() else other
            text = text.replace(cut, " ")
        terms = content_terms(text, language)
        addends.append(
            replace(
                plan,
                operation="none",
                constraints=replace(plan.constraints, terms=terms),
                focus=text,
                focus_terms=terms,
                qualifier=content_terms(part, language)
                + tuple((place_token(p),) for p in sorted(canonical_ids(part))),
                coordinated=(),
            )
        )
    return tuple(addends)


def _qualifier(text: str, language: str) -> tuple[tuple[str, ...], ...]:
    """The words naming the part a question asks about ("… were foreign-funded?") or leaves out ("… were not
    foreign-funded?"), if it names one."""
    # What is counted may be a part by its place: "how many Vietnamese companies exhibited?" asks for a
    # figure stated of Vietnamese companies, not for the number of exhibitors. Only places before the counted
    # noun qualify it: in "projects in Shenzhen" and "deals Hunan signed" the place says where, or who.
    places = tuple(
        (place_token(p),)
        for m in cues.COUNTED_AFTER.finditer(text)  # not "在常州签了" before "几个项目"
        for g in m.groups()
        if g
        for p in sorted(_leading_places(g))
    )
    places += tuple((place_token(p),) for p in sorted(_places_itself(text) | _signing_places(text)))
    part = (cues.NOT_PART.search(text) if _negates(text) else None) or cues.PART_OF.search(text)
    part = part or cues.SHARE_PART.search(text)
    if not part:
        return tuple(dict.fromkeys(places))
    words = next(g for g in part.groups() if g)
    if part.lastgroup in ("zh_except", "zh_except_short", "zh_outside"):
        words = _chinese_part(words, reverse=True, limit=CHINESE_PART_CHARS)
    # A place names a part too ("how much of it was Sichuan alone?"): as the search token of the place.
    named = tuple((place_token(p),) for p in sorted(canonical_ids(words)))
    return content_terms(words, language) + tuple(dict.fromkeys(named + places))


def _coordinated(text: str, joined_by: re.Pattern | None = None) -> tuple[str, ...]:
    """The words of the parts a question names side by side, in order: "省级+市级签约项目" -> 省级, 市级;
    "leshan + liangshan + yibin signed" -> leshan, liangshan, yibin; "north district + south district" -> north,
    south. Of a Chinese run, the words next to the conjunction (jieba's cut). With `joined_by`, only parts
    joined by that conjunction ("+")."""
    parts: list[str] = []
    for match in cues.COORDINATED_LATIN.finditer(text):
        if joined_by and not joined_by.search(match.group()):
            continue
        before, left, right, after = match.groups()
        if before and after and left.lower() == after.lower():  # "north district + south district"
            left = before
        parts += [left.rstrip("-"), right]  # "NEV- und IT-Projekte": NEV
    for match in cues.COORDINATED_CHINESE.finditer(text):
        if joined_by and not joined_by.search(match.group()):
            continue
        parts += [_chinese_part(match.group(1), reverse=True), _chinese_part(match.group(2))]
    return tuple(
        dict.fromkeys(
            part
            for part in parts
            if part.lower()
            not in cues.QUESTION_WORDS  # nor "Anzahl und Volumen", "数量和金额": kinds of answer
            and not any(cue.search(part) for cue in (*cues.ANSWER_TYPE_CUES.values(), cues.AMOUNT_TOPIC_CUE))
        )
    )


def _chinese_part(run: str, reverse: bool = False, limit: int | None = None) -> str:
    """The words of a Chinese run next to a conjunction (or with `reverse`, its last words), up to the first word
    any question has and, with `limit`, to that many characters ("市级签约项目加起来多少" -> 市级; "数字经济项目" ->
    数字经济; reversed, limited to 6: "第三届博览会重大项目" -> 重大项目)."""
    words = chinese_words(run)
    if reverse:
        words = words[::-1]
    taken = words[:1]
    for word in words[1:]:
        if word in cues.CJK_QUESTION_WORDS or cues.COORDINATED_CHINESE_CONJUNCTION.fullmatch(word):
            break  # "凉山和宜宾": 凉山, and the next part is read from its own conjunction
        if limit is not None and sum(map(len, taken)) + len(word) > limit:
            break
        taken.append(word)
    return "".join(taken[::-1] if reverse else taken)


def _amount_of(text: str, figures: tuple[float, ...]) -> float | None:
    """The count of things a question asks the amount of ("the 109 projects", "die 1.172 Verträge"); none when
    it states an amount itself ("were the six deals worth 920 million?" asks whether that is so)."""
    match = cues.GIVEN_COUNT.search(text)
    digits = re.sub(r"[^\d]", "", next(g for g in match.groups() if g)) if match else ""
    count = float(digits) if digits else None
    # the count is a figure of the question (no year: "die 2023 unterzeichneten Verträge"), and its only one
    return count if count is not None and figures and all(math.isclose(f, count) for f in figures) else None


def _left_out_range(text: str) -> tuple[float | None, float | None] | None:
    """The range of amounts left when a question leaves out an open range: under 5 billion for "扣掉50亿以上的",
    5 billion or more for "leaving out those under 5 billion"."""
    part = cues.NOT_PART.search(text)
    band = amount_band(part.group(part.lastgroup)) if part else None
    if band is None or (band[0] is None) == (band[1] is None):
        return None
    return (None, band[0]) if band[1] is None else (band[1], None)


def _given(text: str, figures: tuple[float, ...], operation: str, language: str) -> tuple[float, ...]:
    """The question's figures that no answer repeats: none of a claim, and of a rest not those of the part it
    leaves out ("除了现场签的31个项目,剩下的…": 31 is the part's count, read from the release like its amount)."""
    if operation in ("check", "back"):
        return ()
    part = cues.NOT_PART.search(text) if operation == "rest" else None
    if part is None:
        return figures
    start, end = part.span(part.lastgroup)
    return _claimed(text[:start] + " " * (end - start) + text[end:], language)


def _whole_places(text: str) -> frozenset[str]:
    """The places whose figure a share is asked of, when the question names its whole ("占河南全省的比重")."""
    match = cues.SHARE_WHOLE.search(text)
    return canonical_ids(next(g for g in match.groups() if g)) if match else frozenset()


def _given_whole(text: str) -> float | None:
    """The count a question gives as the whole of the part it asks about ("how many of the 8 projects …")."""
    match = cues.GIVEN_WHOLE.search(text)
    if not match:
        return None
    digits = re.sub(r"[^\d]", "", next(g for g in match.groups() if g))
    return float(digits) if digits else None


def _negates(text: str) -> bool:
    """Whether a question leaves a part out ("were not foreign-funded", "非制造业项目"); a Chinese 非 only when
    jieba cuts it as a word of its own (not 南非, 非洲, 非常)."""
    match = cues.NOT_PART.search(text)
    if not match or not match.group("zh_prefix"):
        return match is not None
    return "非" in chinese_words(text)


def _asked_currency(text: str) -> str | None:
    """The currency an amount is asked in, when the question names one other than yuan and no other
    ("多少美元", "in US dollars"): a figure in yuan does not answer it."""
    named = set()
    for code, pattern in CURRENCY_NAMES.items():
        if pattern.search(text):
            named.add(code)
            text = pattern.sub(" ", text)
    return named.pop() if len(named) == 1 and "CNY" not in named else None


def _places_itself(text: str) -> set[str]:
    """The places a question singles out by "itself", "alone", "allein", "本身" ("Chengdu city itself"): the
    place named right before the word."""
    found: set[str] = set()
    for cue in cues.ITSELF.finditer(text):
        before = [m for m in find_places(text[: cue.start()]) if cue.start() - m.end <= ITSELF_REACH]
        if before:
            found |= {before[-1].id, *before[-1].alternatives}
    return found


def _signing_places(text: str) -> set[str]:
    """The places a question about an event asks what they signed there ("What did Daqing sign at the trade
    week?"): the event's figures are not theirs, their own are. A place where it happened ("signed in
    Daqing", "在大庆签约") is no such part."""
    if not event_kinds(v for term in question_terms(text) for v in term):
        return set()
    found: set[str] = set()
    for mention in find_places(text):
        before, after = text[: mention.start], text[mention.end :]
        german = cues.SIGNER_BEFORE.search(before) and cues.SIGNER_VERB_LATER.search(after)
        if cues.SIGNER_AFTER.search(after) or german:
            if not re.search(r"(?:\bin|\bat|\bim|\bin\s+der|在|于)\s*$", before, re.IGNORECASE):
                found |= {mention.id, *mention.alternatives}
    return found


def _leading_places(phrase: str) -> set[str]:
    """The places a phrase begins with ("Vietnamese companies", "越南企业"), before any other word."""
    places: set[str] = set()
    position = len(phrase) - len(phrase.lstrip())
    for mention in find_places(phrase):
        if phrase[position : mention.start].strip():
            break
        places |= {mention.id, *mention.alternatives}
        position = mention.end
    return places


def _asks(text: str) -> list[tuple[str, str]]:
    """The questions one message asks ("签约总额?集中签约多少?"), each with the part it names when it asks of
    several parts in one ("投资总额、拟利用外资各多少": 投资总额, 拟利用外资); each must ask for a kind of answer."""
    asks: list[str] = []
    chunks = [c for chunk in cues.SECOND_QUESTION.split(text) for c in _repeated_asks(chunk.strip())]
    for ask in (a for chunk in chunks for a in _spaced_asks(chunk) if a):
        if asks and not content_terms(ask, cues.question_language(ask)) and not cues.QUESTION_CUE.search(ask):
            asks[-1] = f"{asks[-1]} {ask}"  # "… (2022-24)? projects + value": the kinds the ask before wants
        else:
            asks.append(ask)
    if any(cues.SHARED_PREDICATE.match(a) for a in asks[1:]):
        return [(text, "")]  # "how many projects, and how much, came through referrals?" is one question
    # an ask of a message that is a question is one ("total signed & which sectors?": what was signed)
    if re.search(r"[?？]", text):
        asks = [a if re.search(r"[?？]\s*$", a) else f"{a}?" for a in asks]
    if not all(_asked_kinds(a) or cues.NON_FIGURE_QUESTION.search(a) for a in asks):
        return [(text, "")]  # each must ask for a figure, a person, a place, a date or which things
    split = []
    for ask in asks:
        each = cues.EACH_OF.search(ask)
        prefix, parts = _asked_each(each.group("run")) if each else ("", [])
        asked = each.group("asked") if each else ""
        if len(parts) > 1 and all(_asked_kinds(f"{part}{asked}") for part in parts):
            split += [(f"{ask[: each.start()]}{prefix}{part}{asked}", part) for part in parts]
        else:
            split.append((ask, ""))
    return split


def _repeated_asks(text: str) -> list[str]:
    """Asks one after another with a comma between ("wie viele Aussteller, wie viele Fachbesucher?"); words
    before the comma that ask nothing lead the ask after it."""
    asks: list[str] = []
    for piece in cues.REPEATED_QUESTION.split(text):
        if asks and not cues.QUESTION_CUE.search(asks[-1]):
            asks[-1] = f"{asks[-1]}, {piece}"
        else:
            asks.append(piece)
    return asks


def _spaced_asks(text: str) -> list[str]:
    """Chinese asks typed one after another with a space between ("参会企业几家 嘉宾多少人"): a space after a
    question word starts the next; the words before the first stay with it ("第八届洽谈会 参会企业几家")."""
    if not CJK_WORD.search(text):
        return [text]
    asks, current = [], ""
    for piece in text.split():
        current = f"{current} {piece}".strip()
        if cues.CHINESE_QUESTION_WORD.search(piece):
            asks.append(current)
            current = ""
    if current:
        asks = [*asks[:-1], f"{asks[-1]} {current}"] if asks else [current]
    return asks


def _asked_each(run: str) -> tuple[str, list[str]]:
    """The words before the parts of "…A、B各多少", and the parts, cut where jieba cuts a conjunction as a word of
    its own ("四川签约的国内项目和国际项目" -> 四川签约的, [国内项目, 国际项目]; not 参与's 与)."""
    words = chinese_words(run)
    joints = [i for i, word in enumerate(words) if cues.COORDINATED_CHINESE_CONJUNCTION.fullmatch(word)]
    if not joints:
        return "", []
    head = "".join(words[: joints[0]])
    first = _chinese_part(head, reverse=True, limit=CHINESE_PART_CHARS)
    later = ["".join(words[a + 1 : b]) for a, b in zip(joints, [*joints[1:], len(words)], strict=True)]
    return head[: len(head) - len(first)], [first, *later]


def _cued_kinds(text: str, operation: str = "none") -> tuple[str, ...]:
    """The kinds of answer a question's cues ask for. "investment", "投资" ask for an amount only where nothing
    else is asked: not in "who hosted the investment conference?" nor "投资博览会主宾国是哪个?"."""
    wants = tuple(kind for kind, cue in cues.ANSWER_TYPE_CUES.items() if cue.search(text))
    if "amount" not in wants and _names_an_amount(text):
        other = set(wants) - {"count", "percent"}
        if operation != "none" or not (other or cues.NON_FIGURE_QUESTION.search(text)):
            wants = (*wants, "amount")
    return tuple(kind for kind in cues.ANSWER_TYPE_CUES if kind in wants)


def _names_an_amount(text: str) -> bool:
    """Whether "investment", "capital", 投资… name an amount, not a part of an event's name ("Investitionswoche",
    "投资贸易博览会", "investment week")."""
    for match in cues.AMOUNT_TOPIC_CUE.finditer(text):
        if CJK_WORD.match(match.group()):  # the words after it, to the next break, up to a few
            following = chinese_words(re.split(r"[\s,，。?？!！、;；:：]", text[match.end() :])[0])
        else:
            word = re.search(r"\w*", text[match.start() :]).group()
            # the word and the next ("investment week"): one word more lowered the gold set, cross-validated
            following = [word, *re.findall(r"\w+", text[match.start() + len(word) :])[:1]]
        tokens = [t for w in following[:EVENT_NAME_WORDS] for t in _word_tokens(w)]
        if not event_kinds(tokens):
            return True
    return False


def _word_tokens(word: str) -> list[str]:
    """A word's search tokens: Chinese as it is, a Latin word stemmed as English and as German."""
    return [word] if CJK_WORD.match(word) else [*tokenize(word, "en"), *tokenize(word, "de")]


def _asked_kinds(text: str) -> tuple[str, ...]:
    """The kinds of answer a question's cues ask for; a signing's usual figures when it asks what was signed."""
    wants = _cued_kinds(text)
    if not wants and cues.SIGNING_OUTCOME_CUE.search(text) and cues.QUESTION_CUE.search(text):
        wants = ("count", "amount")
    return wants


def _ask(plan: Plan, ask: str, part: str, language: str) -> Plan:
    """One of several questions in a message: the message's event and period, its own words and figures, and
    the part it names, if it names one of several."""
    wants = _asked_kinds(ask) or ("text",)
    return replace(
        plan,
        wants=wants,
        focus=ask,
        focus_terms=content_terms(ask, language) or plan.focus_terms,
        counted=_counted(ask, language),
        qualifier=content_terms(part, language) if part else plan.qualifier,
    )


def _constraints(text: str, language: str, today: date) -> Constraints:
    ordinals = tuple(dict.fromkeys(o.value for o in find_ordinals(text, language)))
    years = [int(y) for y in YEAR.findall(text)]
    relative = resolve_relative_year(text, today.year)
    if relative and relative not in years:
        years.append(relative)
    editions = find_relative_editions(text)
    return Constraints(
        years=tuple(dict.fromkeys(years)),
        month=_month(text),
        ordinals=ordinals,
        relative_edition=editions[0].kind.value if editions else None,
        places=canonical_ids(text),
        terms=content_terms(text, language),
    )


def _within(own: Constraints, context: Constraints) -> Constraints:
    """An ask's constraints within its message's: the message's period, edition and places where the ask names
    none, and the message's words with its own."""
    return replace(
        own,
        years=own.years or context.years,
        month=own.month or context.month,
        ordinals=own.ordinals or context.ordinals,
        relative_edition=own.relative_edition or context.relative_edition,
        places=own.places or context.places,
        terms=tuple(dict.fromkeys(context.terms + own.terms)),
    )


def _before_the_change(c: Constraints, text: str, language: str) -> Constraints:
    """A figure worked back from a change is of the year or edition before the one the release reports: the
    question's "上一年", "the year before" or "the 28th" (next to "the 29th") is what is asked, not where to
    look."""
    ordinals = tuple(o for o in c.ordinals if o + 1 not in c.ordinals)
    return replace(
        c, years=tuple(int(y) for y in YEAR.findall(text)), ordinals=ordinals, relative_edition=None
    )


def _month(text: str) -> int | None:
    match = CHINESE_MONTH.search(text)
    if match:
        return int(match.group(1))
    for match in MONTH.finditer(text):
        name = match.group(1).lower()
        around = text[max(0, match.start() - 4) : match.start()], text[match.end() : match.end() + 4]
        if name in AMBIGUOUS_MONTHS and not (
            MONTH_NUMBER_NEARBY.search(around[0]) or MONTH_NUMBER_NEARBY.search(around[1])
        ):
            continue
        return MONTH_NAMES[name]
    return None


def content_terms(text: str, language: str | None = None) -> tuple[tuple[str, ...], ...]:
    """The stemmed words that say what the question is about (question words, years and editions aside)."""
    names_month = _month(text) is not None
    text = _without_editions(CHINESE_MONTH.sub(" ", YEAR.sub(" ", text)), language)
    if names_month:
        text = MONTH.sub(" ", text)
    text = LATIN_WORD.sub(lambda m: " " if m.group().lower() in cues.QUESTION_WORDS else m.group(), text)
    terms = [
        variants
        for variants in question_terms(text)
        if any(len(v) > 1 for v in variants) and not any(v in cues.CJK_QUESTION_WORDS for v in variants)
    ]
    return tuple(dict.fromkeys(terms))


def _without_editions(text: str, language: str | None) -> str:
    """The text without its edition numbers, relative editions and years, and place names: those are
    constraints of their own."""
    spans = [(m.start, m.end) for m in find_ordinals(text, language)] + [
        (m.start, m.end) for m in find_places(text)
    ]
    # an edition or year named relative to the thread's ("the next edition", "下一届", "the year after")
    spans += [(m.start, m.end) for m in find_relative_editions(text)]
    spans += [m.span() for m in YEAR_SHIFT.finditer(text)]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _counted(text: str, language: str) -> frozenset[str]:
    """The stems of what a count question counts."""
    stems: set[str] = set()
    for match in [*cues.COUNTED_AFTER.finditer(text), *cues.COUNTED_BEFORE.finditer(text)]:
        words = " ".join(group for group in match.groups() if group)
        stems |= {v for term in question_terms(words) for v in with_same_meaning(term)}
    return frozenset(stems)


def _asks_period_total(text: str, wants: tuple[str, ...], constraints: Constraints) -> bool:
    """'total signed in 2025', 'total signed in Shenzhen': a figure over a period or a place, and no words
    naming a particular event."""
    figure = any(kind in ("count", "amount") for kind in wants) or cues.PERIOD_TOTAL_CUE.search(text)
    return bool(figure) and _unnamed_period(constraints)


def _unnamed_period(constraints: Constraints) -> bool:
    c = constraints
    return not _word_terms(c) and not c.ordinals and bool(c.years or c.month or c.places)


def _word_terms(constraints: Constraints) -> list[tuple[str, ...]]:
    """The topic terms that are words, not figures (a claim's or an edition's number)."""
    return [term for term in constraints.terms if not any(ch.isdigit() for ch in term[0])]


def is_period_question(plan: Plan) -> bool:
    """Whether the plan is about everything signed in a period or place rather than one event."""
    return _unnamed_period(plan.constraints)


def _claimed(text: str, language: str) -> tuple[float, ...]:
    """The figures a claim (or any question) states, editions and dates aside: amounts in yuan-equivalent units as
    written, counts as numbers. `text` has its number words in digits already ("ninety-eight projects" -> "98
    projects", by `_in_digits`)."""
    amounts = find_amounts(text)
    values = [a.value_yuan for a in amounts]
    spans = [(a.start, a.end) for a in amounts] + [(o.start, o.end) for o in find_ordinals(text, language)]
    # "apr 24" is a date, no figure
    spans += [(d.start, d.end) for d in find_dates(MONTH_WORD.sub(_capitalised, text))]
    for number in find_numbers(text, language):
        if YEAR.fullmatch(str(int(number.value))) or any(s <= number.start < e for s, e in spans):
            continue
        scale = SCALE_AFTER.match(text, number.end)  # "the 15.192bn": an amount, its currency left out
        values.append(number.value * (AMOUNT_UNITS[scale.group(1).lower().rstrip(".")] if scale else 1))
    return tuple(v for v in values if v >= CLAIM_NUMBER_MIN)


# A month typed in lower case ("apr 24"), which dates are read from only capitalised ("Apr 24").
MONTH_WORD = re.compile(rf"\b(?:{'|'.join(MONTHS)})[a-zä]*\.?(?=\s*\d)", re.IGNORECASE)


def _capitalised(match: re.Match) -> str:
    return match.group().capitalize()


def _in_digits(text: str, language: str) -> str:
    """The text with its number words written in digits ("a hundred bn" -> "a 100 bn")."""
    for number in reversed(find_numbers(text, language)):
        if not number.surface[:1].isdigit():
            value = number.value
            digits = str(int(value)) if value == int(value) else str(value)
            text = text[: number.start] + digits + text[number.end :]
    return text


def _parts(plan: Plan) -> tuple[Plan, ...]:
    """Sub-lookups of an operation over two editions or years: one plan per edition (or year)."""
    if plan.operation not in PART_OPERATIONS:
        return ()
    c = plan.constraints
    if len(c.ordinals) >= 2:
        if len(c.years) == len(c.ordinals):
            years = [(y,) for y in c.years]
        else:  # a lone year is of the edition written next to it: "the 5th (2019) vs the 4th"
            owner = _written_next_to(_year_spans(plan.text, c.years), _ordinal_spans(plan, c.ordinals))
            years = [c.years if o == owner else () for o in c.ordinals]
        splits = [replace(c, ordinals=(o,), years=y) for o, y in zip(c.ordinals, years, strict=True)]
    elif len(c.years) >= 2:
        # a lone edition is of the year written next to it: "2019 (5th, hangzhou) vs 2017"
        owner = _written_next_to(_ordinal_spans(plan, c.ordinals), _year_spans(plan.text, c.years))
        splits = [replace(c, years=(y,), ordinals=c.ordinals if owner in (None, y) else ()) for y in c.years]
    else:
        return ()
    # The combined figures are counts and amounts; a percentage change between them is computed, not read; an
    # average per edition divides each edition's amount by its count.
    wants = tuple(kind for kind in plan.wants if kind != "percent") or ("count", "amount")
    if plan.operation == "average":
        wants = ("count", "amount")
    return tuple(
        replace(
            plan,
            text=_only_edition(plan, split),
            wants=wants,
            operation="none",
            constraints=split,
            parts=(),
            claim=(),
            headline=True,
        )
        for split in splits
    )


def _written_next_to(lone: list[tuple[int, int, int]], others: list[tuple[int, int, int]]) -> int | None:
    """When the question writes one value of `lone` (spans as (value, start, end)), the value of `others` written
    nearest to it; None when it writes `lone` other than once."""
    if len({value for value, _, _ in lone}) != 1 or not others:
        return None
    _, start, end = lone[0]
    return min(others, key=lambda o: max(o[1] - end, start - o[2], 0))[0]


def _year_spans(text: str, years: tuple[int, ...]) -> list[tuple[int, int, int]]:
    return [(int(m.group()), m.start(), m.end()) for m in YEAR.finditer(text) if int(m.group()) in years]


def _ordinal_spans(plan: Plan, ordinals: tuple[int, ...]) -> list[tuple[int, int, int]]:
    return [(m.value, m.start, m.end) for m in find_ordinals(plan.text, plan.language) if m.value in ordinals]


def _only_edition(plan: Plan, split: Constraints) -> str:
    """The question's text without the other editions and years, so a sub-lookup searches for its own."""
    spans = [
        (m.start, m.end) for m in find_ordinals(plan.text, plan.language) if m.value not in split.ordinals
    ]
    spans += [(m.start(), m.end()) for m in YEAR.finditer(plan.text) if int(m.group()) not in split.years]
    text = plan.text
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + text[end:]
    return re.sub(r"\s+", " ", text).strip()


def _is_follow_up(own: Plan, question: str) -> bool:
    """A reply that leans on the thread: 'and the 5th edition?', 'how much of that came from overseas?'."""
    if FOLLOW_UP_CUE.search(question) or ANAPHORA.search(question):
        return True
    c = own.constraints
    if c.ordinals or c.places:
        return False
    # naming no edition or place, it is about the thread's event unless it names a kind of event of its own
    return len(c.terms) < 2 or not event_kinds(v for term in c.terms for v in term)


def _resolve(own: Plan, previous: Plan, thread: Sequence[Plan] = ()) -> Plan:
    """The follow-up's own constraints replace the previous question's; the rest carries over. `thread` holds
    the earlier questions' plans, oldest first: a comparison compares the editions (or years) they name."""
    prev, mine = previous.constraints, own.constraints
    shift = _year_shift(own.asked)
    years = mine.years or tuple(y + (shift or 0) for y in prev.years)
    step = {"previous": -1, "next": 1}.get(mine.relative_edition or "")
    if step is None and shift and prev.ordinals and not prev.years:
        step = shift  # a year after an edition of a yearly event is the next one
    ordinals = mine.ordinals or _bare_edition(own, prev)
    if not ordinals and step and prev.ordinals:
        ordinals = tuple(o + step for o in prev.ordinals if o + step > 0)
        years = mine.years
    elif not ordinals and not mine.years:
        ordinals = prev.ordinals
    if mine.relative_edition == "previous" and not ordinals and not mine.years:
        years = prev.years  # the previous edition is found through its own release ("上届")
    elif mine.relative_edition == "next" and not ordinals and not mine.years:
        years = tuple(y + 1 for y in prev.years)
    if own.operation in PART_OPERATIONS and len(ordinals) < 2 and len(years) < 2:
        # "两届差多少?", "und bei der 7. – wie viel mehr?": the thread's editions (or years) and its own
        ordinals, years = _compared(mine, thread or [previous], ordinals, years)
    constraints = Constraints(
        years=tuple(years),
        month=mine.month if mine.month else (prev.month if not mine.years else None),
        ordinals=tuple(ordinals),
        relative_edition=mine.relative_edition,
        places=mine.places or prev.places,
        terms=tuple(dict.fromkeys(prev.terms + mine.terms)),
    )
    own_asks = own.wants != ("text",) or own.operation != "none"
    substituted = _substitute(previous, constraints, own.asked) if not _has_own_topic(own) else None
    text = substituted or f"{own.text.strip()} [{previous.text.strip(' ?？')}]"
    plan = replace(
        own,
        text=text,
        wants=own.wants if own.wants != ("text",) else previous.wants,
        operation=own.operation if own_asks else previous.operation,
        constraints=constraints,
        focus=own.focus if _has_own_topic(own) else previous.focus,
        focus_terms=own.focus_terms if _has_own_topic(own) else previous.focus_terms,
        # "and exhibitors?" after "how many visitors…?": the thing it names is what it counts (not when it asks
        # for another kind of figure: "guiyang city's share")
        counted=own.counted
        or (_counted_things(own.constraints) if own.wants in (("text",), ("count",)) else frozenset())
        or previous.counted,
        qualifier=own.qualifier or _carried_qualifier(own, previous, substituted),
        follow_up=True,
    )
    if own.operation == "each":  # several asks in one follow-up: each read within the thread
        return replace(plan, parts=tuple(_resolve(part, previous, thread) for part in own.parts))
    return replace(plan, parts=_parts(plan))


def _carried_qualifier(own: Plan, previous: Plan, substituted: str | None) -> tuple[tuple[str, ...], ...]:
    """The part the thread asks about, unless the follow-up names a topic of its own: "and the 8th?" after "how
    many Taiwan-funded projects?" asks for the 8th's Taiwan-funded ones; "and Qiqihar?" after "What did Daqing
    sign at the week?" for what Qiqihar signed there."""
    if _word_terms(own.constraints):
        return ()
    if substituted:
        return _qualifier(to_simplified(substituted), previous.language)
    return previous.qualifier


def _counted_things(constraints: Constraints) -> frozenset[str]:
    """The tokens of every language naming the things a figure counts that the words name ("exhibitors")."""
    return frozenset().union(*(counted_thing(v) for term in constraints.terms for v in term))


def _compared(
    mine: Constraints, thread: Sequence[Plan], ordinals: tuple[int, ...], years: tuple[int, ...]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The editions a comparison follow-up compares: the thread's latest others and its own, oldest first; else
    the years, alike; else the ones it has."""
    for kind in ("ordinals", "years"):
        own = getattr(mine, kind)
        earlier = [
            value
            for plan in reversed(thread)
            for value in getattr(plan.constraints, kind)
            if value not in own
        ]
        chosen = list(dict.fromkeys(earlier))[: max(2 - len(own), 0)][::-1] + list(own)
        if len(chosen) >= 2:
            return (tuple(chosen), ()) if kind == "ordinals" else ((), tuple(chosen))
    return ordinals, years


def _bare_edition(own: Plan, previous: Constraints) -> tuple[int, ...]:
    """'und auf der 29.?' after a question about the 24th: a lone number in a follow-up names an edition."""
    if not previous.ordinals or _word_terms(own.constraints) or own.constraints.years:
        return ()
    numbers = [n.value for n in find_numbers(own.asked, own.language) if n.surface.strip().isdigit()]
    return (int(numbers[0]),) if len(numbers) == 1 and numbers[0] == int(numbers[0]) else ()


def _has_own_topic(own: Plan) -> bool:
    """Whether the follow-up asks about something of its own rather than another edition or year."""
    return own.wants != ("text",) or bool(_word_terms(own.constraints))


def _year_range(text: str) -> tuple[int, ...]:
    """The years of a range the question names ("2022-24": 2022, 2023, 2024); none for a longer or backward one."""
    match = YEAR_RANGE.search(text)
    if not match:
        return ()
    first, last = int(match["first"]), match["last"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    return tuple(range(first, end + 1)) if first < end <= first + MAX_YEAR_RANGE else ()


def _year_shift(text: str) -> int | None:
    """The years a follow-up moves by: "two years later" +2, "the year before" -1, "一年前" -1."""
    match = YEAR_SHIFT.search(text)
    if not match:
        return None
    if match.group("zh"):
        count = _small_number(match.group("zh"), "zh")
        later = match.group("zhdir").endswith("后")
    elif match.group("de"):
        count = _small_number(match.group("de"), "de")
        later = match.group("dedir").lower() in ("später", "danach", "darauf")
    else:
        count = _small_number(match.group("n"), "en")
        later = match.group("dir").lower() in ("later", "after")
    if count is None or count > MAX_YEAR_SHIFT:
        return None
    return count if later else -count


def _small_number(word: str, language: str) -> int | None:
    if word.lower() in ("a", "one", "the", "ein", "einem", "im"):  # "the year after", "im Jahr danach"
        return 1
    found = find_numbers(word, language)
    return int(found[0].value) if found else None


def _substitute(previous: Plan, constraints: Constraints, asked: str) -> str | None:
    """The previous question with its edition, year or place replaced: 'and the 5th?' after '... the 4th ...',
    'and Qiqihar?' after 'What did Daqing sign …?'."""
    text = previous.text
    old = previous.constraints
    if constraints.ordinals and old.ordinals and constraints.ordinals != old.ordinals:
        mentions = find_ordinals(text, previous.language)
        for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
            text = (
                text[: mention.start]
                + ordinal_text(constraints.ordinals[0], previous.language)
                + text[mention.end :]
            )
        return text
    if constraints.years and old.years and constraints.years != old.years:
        return YEAR.sub(str(constraints.years[0]), text, count=1)
    named = find_places(asked)
    if len(named) == 1 and constraints.places != old.places:
        # the previous question's place of the same level (a city for a city) gives way to the new one
        kind = place(named[0].id).kind
        same = [m for m in find_places(text) if place(m.id).kind == kind and m.id != named[0].id]
        if same:
            return text[: same[0].start] + named[0].surface + text[same[0].end :]
    return None


def ordinal_text(n: int, language: str) -> str:
    """An edition number as the language writes it: '5th', '5.', '第5届'."""
    if language == "zh":
        return f"第{n}届"
    if language == "de":
        return f"{n}."
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
