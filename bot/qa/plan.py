"""The plan: everything later stages need to know about a question, decided once by `understand`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Constraints:
    """What singles out the releases that can answer: periods, editions, places, the question's words."""

    years: tuple[int, ...] = ()
    month: int | None = None
    ordinals: tuple[int, ...] = ()  # edition numbers: "12th", "第十二届", "24."
    relative_edition: str | None = None  # "latest", "previous" or "next", when no number is given
    places: frozenset[str] = frozenset()  # gazetteer ids, whatever language named them
    # Content words that pick the release (event, organiser, topic), each as its stems in every language.
    terms: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Plan:
    """An immutable reading of one question; no later stage looks at the raw question again."""

    asked: str  # the question as typed
    text: str  # the stand-alone question it was read as (a follow-up gets its topic back)
    language: str  # en | de | zh
    # Answer types, several when asked together: count, amount, percent, date, person, place, or text.
    wants: tuple[str, ...] = ("text",)
    # none | period_total | sum | difference | average | share | rest (a whole less a named part) | max | min
    # | check | each (several asks) | back (a figure before a stated change: "倒推去年同期") | agree (two
    # reports of one event compared)
    operation: str = "none"
    constraints: Constraints = field(default_factory=Constraints)
    focus: str = ""  # the words that pick the answering sentence (the last turn's own words)
    focus_terms: tuple[tuple[str, ...], ...] = ()
    counted: frozenset[str] = frozenset()  # stems of what a count question counts ("projects", "企业")
    # For a part of a whole ("how many of the 8 projects were foreign-funded?", or for "rest" the part taken
    # away: "how many were not foreign-funded?"): the words naming the part, which the sentence stating its
    # figure should contain.
    qualifier: tuple[tuple[str, ...], ...] = ()
    running: bool = False  # asks for a running tally ("so far", "累计", "over the previous five fairs")
    signed: bool = False  # asks what was signed ("signed", "签约", "unterzeichnet"), not what was planned
    claim: tuple[float, ...] = ()  # figures a claim states (operation "check"), in their own units
    # Figures any other question gives ("how many of the 8 projects…", "how much of the 2.5 trillion…"): what
    # it asks is another figure, so none of them is read as its answer.
    given: tuple[float, ...] = ()
    currency: str | None = None  # the one currency other than yuan an amount is asked in ("多少美元")
    whole: float | None = None  # the count a part is asked of ("how many of the 8 projects …": 8)
    # the places whose figure a share is asked of ("郑州签约额占河南全省的比重": Henan's, not the event's)
    whole_places: frozenset[str] = frozenset()
    # The count naming the things an amount alone is asked of ("the total investment of the 109 projects"): a
    # sentence stating the amount states that count too.
    amount_of: float | None = None
    # For "back": the change in percent the question states ("736bn was +12% yoy"), if it states one.
    change: float | None = None
    # The parts a sum names side by side ("省级+市级", "Leshan + Liangshan + Yibin"), each as its words.
    coordinated: tuple[str, ...] = ()
    # The range of amounts that defines the part asked about ("projects under 1 billion yuan": (None, 1e9)).
    band: tuple[float | None, float | None] | None = None
    # A sub-lookup of a comparison between editions or years: it asks for the event's headline figures (the
    # largest its release states), not those of a signing within it.
    headline: bool = False
    parts: tuple[Plan, ...] = ()  # sub-lookups of a difference, sum or comparison, or each ask of a message
    # For a sum of parts named side by side: one sub-lookup per part, asked when no one release lists them all
    # ("the talks held before the congress + its on-site signing", reported before and after it).
    addends: tuple[Plan, ...] = ()
    follow_up: bool = False
    # A follow-up about the previous answer ("how much of that came from overseas?") is answered from the
    # releases that answer cited; set by the pipeline, which alone knows them.
    within: tuple[str, ...] = ()

    @property
    def resolved(self) -> str | None:
        """The stand-alone question, when it differs from what was typed (a follow-up with its topic back,
        misspelt words corrected)."""
        return self.text if self.text != self.asked else None

    def wants_figure(self) -> bool:
        """Whether a count, amount or percentage is asked for."""
        return any(kind in ("count", "amount", "percent") for kind in self.wants)
