"""German word tables: months, scale words, articles, relative years and editions, sentence-initial words."""

from __future__ import annotations

MONTHS = {
    "Januar": 1, "Jänner": 1, "Februar": 2, "Feber": 2, "März": 3, "Maerz": 3, "April": 4, "Mai": 5,
    "Juni": 6, "Juli": 7, "August": 8, "September": 9, "Oktober": 10, "November": 11, "Dezember": 12,
    "Jan": 1, "Feb": 2, "Mär": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Okt": 10,
    "Nov": 11, "Dez": 12,
}  # fmt: skip
# After a figure: "3,2 Milliarden", "20,663 Mrd."; a German Billion is 10**12.
SCALE_WORDS = {"tausend": 10**3, "million": 10**6, "millionen": 10**6, "mio": 10**6, "milliarde": 10**9,
               "milliarden": 10**9, "mrd": 10**9, "billion": 10**12, "billionen": 10**12}  # fmt: skip
# Units a figure measures in: "140.000 Quadratmeter" is no count of 140.000 things.
MEASURE_UNITS = frozenset(
    "quadratmeter quadratkilometer qm km km² m² kilometer meter hektar tonne tonnen kilogramm kg kilowatt "
    "kilowattstunden megawatt gigawatt liter kubikmeter teu".split()
)
# Indefinite articles: text2num reads "ein" as 1, but "ein Projekt" is "a project".
ARTICLES = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
VAGUE_NUMBER_WORDS = frozenset({"hunderte", "tausende", "zehntausende", "hunderttausende", "dutzende"})
NUMBER_CONNECTORS = frozenset({"und"})
EDITION_NOUNS = ("ausgabe", "auflage", "messe", "ausstellung", "konferenz", "forum", "gipfel", "veranstaltung",
                 "sitzung", "tagung", "runde", "kongress", "festival", "expo", "charge")  # fmt: skip
# Regular expressions (case-insensitive) -> offset from the current year.
RELATIVE_YEARS = {
    r"(?:dieses|diesem|diesen|laufenden|laufendes) Jahr(?:es)?": 0,
    r"(?:letztes|letzten|vergangenes|vergangenen|voriges|vorigen) Jahr(?:es)?|Vorjahr\w*": -1,
    r"(?:vorletztes|vorletzten) Jahr(?:es)?": -2,
    r"(?:nächstes|nächsten|kommendes|kommenden) Jahr(?:es)?": 1,
}
# Regular expressions (case-insensitive, {noun} = an edition noun, compounds allowed) -> relative edition.
RELATIVE_EDITIONS = {
    r"(?:neueste|jüngste|diesjährige)[nrs]?(?: {noun})?|aktuelle[nrs]? {noun}": "latest",
    r"(?:vorige|vorherige|vergangene|letzte)[nrs]? {noun}|vorjährige[nrs]?(?: {noun})?|Vorjahres\w*"
    r"|(?:letztes|letzten|vergangenes|vergangenen|voriges|vorigen) Jahr(?:es)?": "previous",
    r"{noun} (?:davor|zuvor)": "previous",
    r"(?:nächste|folgende|darauffolgende|darauf folgende)[nrs]? {noun}|{noun} danach": "next",
}
# Capitalised words that begin sentences: "stieg auf 24. Die Messe..." ends a sentence after "24.".
SENTENCE_STARTERS = frozenset(
    "Die Der Das Den Dem Des Ein Eine Einer Es Er Sie Wir Ich Ihr Im In Am An Auf Aus Bei Mit Nach Seit Von "
    "Vom Zu Zum Zur Für Über Unter Vor Laut Dies Diese Dieser Dieses Damit Dabei Dazu Davon Zudem Außerdem "
    "Auch Als Bis Und Aber Doch Insgesamt So Nun Heute Gestern Wie Was Wo Wann Man Darüber Hier Dort Jedoch "
    "Allerdings Somit Mehr Rund Etwa".split()
)
# The commonest function words: a text where they are frequent, and English ones are not, is German.
FUNCTION_WORDS = frozenset(
    "der die das und den dem des ist sind wurde wurden mit für von auf im zu eine einer nicht auch sich bei"
    " aus".split()
)
