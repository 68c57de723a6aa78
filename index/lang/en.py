"""English word tables: months, scale words, relative years and editions, sentence-initial words."""

from __future__ import annotations

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
    "Nov": 11, "Dec": 12,
}  # fmt: skip
# After a figure: "5 million", "3.2 bn".
SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "billion": 10**9,
               "bn": 10**9, "trillion": 10**12}  # fmt: skip
# Words text2num reads as a value although they are vague ("tens of thousands", "hundreds of firms") or no
# number at all ("the foreign ones").
VAGUE_NUMBER_WORDS = frozenset(
    {"ones", "tens", "dozens", "hundreds", "thousands", "millions", "billions", "trillions"}
)
# Units a figure measures in: "140,000 square metres" is no count of 140,000 things.
MEASURE_UNITS = frozenset(
    "square sq km km² m² kilometre kilometres kilometer kilometers metre metres meter meters hectare hectares "
    "ha acre acres mu tonne tonnes ton tons kg kilogram kilograms kw kilowatt kilowatts kwh mw megawatt "
    "megawatts gw gigawatt gigawatts litre litres liter liters cubic teu".split()
)
ARTICLES: frozenset[str] = frozenset()  # "a" and "an" are no number words to text2num
NUMBER_CONNECTORS = frozenset({"and"})
# Nouns an edition ordinal or a relative edition qualifies ("the 12th session", "the previous fair").
EDITION_NOUNS = ("edition", "session", "fair", "expo", "exhibition", "conference", "forum", "summit", "event",
                 "meeting", "festival", "congress", "convention", "show", "round", "batch")  # fmt: skip
# Regular expressions (case-insensitive) -> offset from the current year.
RELATIVE_YEARS = {
    r"this year|the current year": 0,
    r"last year|the previous year": -1,
    r"the year before last": -2,
    r"next year|the coming year": 1,
}
# Regular expressions (case-insensitive, {noun} = an edition noun) -> "latest", "previous" or "next".
RELATIVE_EDITIONS = {
    r"(?:(?<!at the )latest|most recent|newest|this year['\u2019]?s)(?: {noun})?|current {noun}": "latest",
    r"(?:previous|last year['\u2019]?s)(?: {noun})?|last year|(?:prior|preceding|last) {noun}"
    r"|(?:{noun}|one) before(?=\s*(?:$|[.,;:?!)]|that\b|it\b))": "previous",
    r"(?:next|following|subsequent) {noun}|(?:{noun}|one) after(?=\s*(?:$|[.,;:?!)]|that\b|it\b))": "next",
}
# Capitalised words that begin sentences: "grew by 24. The fair..." ends a sentence after "24.".
SENTENCE_STARTERS = frozenset(
    "The This That These Those It Its In On At As A An We He She They There And But By For From With Of To "
    "According Since During After Before Meanwhile Also Total Overall Here What When Where How".split()
)
# The commonest function words: a text where they are frequent, and German ones are not, is English.
FUNCTION_WORDS = frozenset(
    "the of and to in for on with by is was are were that this from at as be has have it its will".split()
)
