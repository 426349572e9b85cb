"""An offer's facts in Danish words: read the way providers write them, written the way we show and
export them (and the reader reads what the writer writes, so an export imports unchanged).

Each reader takes a cell's text and returns a typed value, or raises Unreadable with what is
accepted. Readers are pure: no database, no settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from directory.vocabulary import normalise

ALL_MONTHS = 0b1111_1111_1111
SCHOOL_YEAR = ALL_MONTHS & ~(1 << 6)  # August to June: no teaching in July
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]  # fmt: skip
_NUMBER_WORDS = {"en": 1, "én": 1, "et": 1, "eet": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6}


class Unreadable(ValueError):
    """The text cannot be read; `accepted` says what would have been."""

    def __init__(self, accepted: str):
        super().__init__(accepted)
        self.accepted = accepted


# --- duration ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Duration:
    minutes: int | None = None
    max_minutes: int | None = None
    days: int | None = None


_UNIT_MINUTES = {"min": 1, "minut": 1, "minutter": 1, "m": 1, "t": 60, "tim": 60, "time": 60, "timer": 60,
                 "timers": 60, "lektion": 45, "lektioner": 45, "modul": 90, "moduler": 90}  # fmt: skip
_AMOUNT = r"(\d*[.,]?\d+)"
_DURATION_PART = re.compile(
    rf"{_AMOUNT}(?:\s?-\s?{_AMOUNT})?\s?(minutter|minut|min|lektioner|lektion|moduler|modul|timers|timer|time|tim|t|"
    r"dage|dag|doegn|m)\b\.?"
)
DURATION_ACCEPTED = (
    "fx '45 min.', '1 time', '1½ time', '2-3 timer', '1 t. 30 min.', 'hele dagen', '2 dage' eller '90'"
)


def _amount(text: str) -> float:
    return float(text.replace(",", "."))


def read_duration(text: str) -> Duration | None:
    """'45 min.' → 45; '1½ time' → 90; '2-3 timer' → 120–180; 'hele dagen' → 1 day; '90' → 90."""
    text = re.sub(r"(\d)\s?½", r"\1,5", str(text or "")).replace("½", "0,5")
    words = normalise(text).removeprefix("ca.").removeprefix("ca ").removeprefix("cirka").strip()
    words = re.sub(r"\b(?:inkl|inklusive|incl|heraf|med|excl|ekskl)\b.*$", "", words).strip()
    if not words:
        return None
    if re.fullmatch(r"\d+", words):
        return Duration(minutes=int(words)) if int(words) > 0 else _unreadable(DURATION_ACCEPTED)
    if re.fullmatch(r"(?:hele dagen|en hel dag|hel dag|heldag|heldagstur|heldagsforloeb)", words):
        return Duration(days=1)
    if re.fullmatch(r"(?:en )?halv dag|halvdag|halvdagsforloeb", words):
        return Duration(minutes=180)
    low = high = 0.0
    days: int | None = None
    rest = words
    for match in _DURATION_PART.finditer(words):
        first = _amount(match.group(1))
        last = _amount(match.group(2)) if match.group(2) else first
        unit = match.group(3)
        if unit in {"dag", "dage", "doegn"}:
            days = round(first)
        else:
            low, high = low + first * _UNIT_MINUTES[unit], high + last * _UNIT_MINUTES[unit]
        rest = rest.replace(match.group(0), " ", 1)
    if re.sub(r"\b(?:og|\+|ca\.?|cirka|a|pr\.? gang|i alt)\b|[\s,.()+]", "", rest) or not (days or low):
        raise Unreadable(DURATION_ACCEPTED)
    if days:
        return Duration(days=days) if not low else _unreadable(DURATION_ACCEPTED)
    return Duration(minutes=round(low), max_minutes=round(high) if high != low else None)


def _unreadable(accepted: str):
    raise Unreadable(accepted)


def duration_text(minutes: int | None, max_minutes: int | None = None, days: int | None = None) -> str:
    """'45 min.', '2-3 timer', '1 time', '1 dag', '2 dage' (what read_duration reads back)."""
    if days:
        return "1 dag" if days == 1 else f"{days} dage"
    if not minutes:
        return ""
    top = max_minutes or minutes
    if minutes % 60 == 0 and top % 60 == 0 and minutes >= 60:
        hours = f"{minutes // 60}" if top == minutes else f"{minutes // 60}-{top // 60}"
        return f"{hours} time" if hours == "1" else f"{hours} timer"
    return f"{minutes} min." if top == minutes else f"{minutes}-{top} min."


# --- price ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Price:
    kind: str  # Offer.PriceKind value
    amount: Decimal = Decimal("0")
    unit: str = ""  # Offer.PriceUnit value
    note: str = ""  # what the text says beyond kind, amount and unit ("ca.", an entrance fee on top)


_UNITS = [("elev", r"elev|elever|barn|boern|deltager|deltagere|person|pers"), ("klasse", r"klasse|klasser|hold"),
          ("gruppe", r"gruppe|grupper")]  # fmt: skip
_MONEY = re.compile(
    r"(?:(?:kr|dkk)\.?\s?)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2})|,-+|\.-+)?(?:\s?(?:kr|dkk)\b\.?)?(?:\s?,-)?"
)
_UNKNOWN_PRICE = re.compile(
    r"n/t|ukendt|ikke oplyst|\?+|-+|se (?:hjemmeside|hjemmesiden|web)|kontakt os|efter aftale|pris efter aftale|"
    r"oplyses ved henvendelse|varierer|tbd|na|n/a"
)
_FREE = re.compile(r"gratis|free|intet|ingen betaling|uden beregning|gratis adgang|gratis entre")
_FREE_LOCAL = re.compile(r"gratis for (?:kommunens|egne|vores|skoler i|kommunale|[\w ]*kommune)")
PRICE_ACCEPTED = (
    "fx 'Gratis', '2100,- kr.', 'kr. 1.500', 'DKK 50 pr. elev', 'ca. 800 kr. pr. klasse', "
    "'Gratis for kommunens skoler, ellers 500 kr.' eller 'Ukendt'"
)


def read_price(text: str) -> Price | None:
    words = normalise(text)
    if not words:
        return None
    if _UNKNOWN_PRICE.fullmatch(words):
        return Price("ukendt")
    if _FREE.fullmatch(words):
        return Price("gratis")
    local = _FREE_LOCAL.search(words)
    kind = "gratis-kommune" if local else "beloeb"
    if local:
        words = (words[: local.start()] + words[local.end() :]).strip()
    money = _MONEY.search(words)
    if money is None:
        if local:
            return Price(kind, note="" if _plain(words) else text.strip())
        raise Unreadable(PRICE_ACCEPTED)
    whole = money.group(1).replace(".", "")
    amount = Decimal(whole + (f".{money.group(2)}" if money.group(2) else ""))
    unit = ""
    after = words[money.end() :]
    for value, pattern in _UNITS:
        unit_match = re.match(rf"\s?(?:pr\.?|per|/|a)\s?(?:{pattern})\b\.?", after)
        if unit_match:
            unit, after = value, after[unit_match.end() :]
            break
    leftover = words[: money.start()] + " " + after
    return Price(kind, amount, unit, "" if _plain(leftover) else text.strip())


def _plain(leftover: str) -> bool:
    """Nothing worth keeping beyond the amount: currency, 'ca.', 'pris', punctuation."""
    plain_words = r"ca|cirka|kr|dkk|pris|ellers|andre|skoler|egne|kommunens|for|inkl|moms"
    return not re.sub(rf"\b(?:{plain_words})\b|[\s.,:;()/-]", "", leftover)


def money_text(amount: Decimal) -> str:
    """1250.5 → '1.250,50'; 2100 → '2.100' (Danish notation)."""
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return text.translate(str.maketrans(",.", ".,"))


def price_text(kind: str, amount: Decimal, unit: str) -> str:
    """'Gratis', 'Ukendt', '2.100 kr. pr. klasse', 'Gratis for kommunens egne skoler, ellers 500 kr.'."""
    per = {"elev": " pr. elev", "klasse": " pr. klasse", "gruppe": " pr. gruppe"}.get(unit, "")
    if kind == "ukendt":
        return "Ukendt"
    if kind == "gratis":
        return "Gratis"
    if kind == "gratis-kommune":
        return "Gratis for kommunens egne skoler" + (
            f", ellers {money_text(amount)} kr.{per}" if amount else ""
        )
    return f"{money_text(amount)} kr.{per}"


# --- participants --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    min_pupils: int | None = None
    max_pupils: int | None = None
    max_classes: int | None = None
    adults: int | None = None


_COUNT = r"\b(\d+|en|et|eet|to|tre|fire|fem|seks)\b"
_PUPILS = re.compile(
    rf"(?:(min|mindst|max|maks|hoejst|op til)\.?\s?)?{_COUNT}(?:\s?-\s?(\d+))?\s?"
    r"(elever|elev|boern|barn|deltagere|deltager|personer|pers)?\b\.?"
)
_CLASSES = re.compile(rf"(?:(?:max|maks|hoejst|op til)\.?\s?)?{_COUNT}\s?(?:klasser|klasse|hold)\b\.?")
_ADULTS = re.compile(
    rf"(?:(?:min|mindst)\.?\s?)?{_COUNT}\s?(?:voksne|voksen|laerere|laerer|paedagoger|paedagog)\b"
)
GROUP_ACCEPTED = (
    "fx 'max. 28 elever', '15-28 elever', '1 klasse', 'max 2 klasser', '28 elever + 2 voksne' eller '28'"
)


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def read_group(text: str) -> Group | None:
    """'max. 28 elever' → at most 28; '1 klasse' → one class; '28 elever + 2 voksne'."""
    words = normalise(text)
    if not words:
        return None
    found: dict[str, int | None] = {}
    adults = _ADULTS.search(words)
    if adults:
        found["adults"] = _count(adults.group(1))
        words = words.replace(adults.group(0), " ", 1)
    classes = _CLASSES.search(words)
    if classes:
        found["max_classes"] = _count(classes.group(1))
        words = words.replace(classes.group(0), " ", 1)
    pupils = _PUPILS.search(words)
    if pupils and pupils.group(2):
        first = _count(pupils.group(2))
        if pupils.group(3):
            found["min_pupils"], found["max_pupils"] = first, int(pupils.group(3))
        elif pupils.group(1) in {"min", "mindst"}:
            found["min_pupils"] = first
        else:
            found["max_pupils"] = first
        words = words.replace(pupils.group(0), " ", 1)
    if not found or re.sub(r"\b(?:og|samt|pr|gang|besoeg|ad gangen|i alt|ca)\b|[\s,.;()+/-]", "", words):
        raise Unreadable(GROUP_ACCEPTED)
    if any(value is not None and value < 1 for value in found.values()):
        raise Unreadable(GROUP_ACCEPTED)
    return Group(**found)


def group_text(group: Group) -> str:
    """'15-28 elever; 1 klasse; 2 voksne' (what read_group reads back)."""
    parts = []
    if group.min_pupils and group.max_pupils:
        parts.append(f"{group.min_pupils}-{group.max_pupils} elever")
    elif group.max_pupils:
        parts.append(f"max. {group.max_pupils} elever")
    elif group.min_pupils:
        parts.append(f"min. {group.min_pupils} elever")
    if group.max_classes:
        parts.append("1 klasse" if group.max_classes == 1 else f"max. {group.max_classes} klasser")
    if group.adults:
        parts.append("1 voksen" if group.adults == 1 else f"{group.adults} voksne")
    return "; ".join(parts)


# --- months and periods --------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    months: int  # 12-bit mask, bit 0 = January (Offer.months)
    detailed: bool = False  # the text names days, weekdays, weeks or times: keep it as the period note


_MONTH = (
    r"(?:\d{1,2}\.\s?)?(jan(?:uar)?|feb(?:ruar)?|mar(?:ts)?|apr(?:il)?|maj|jun(?:i)?|jul(?:i)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTH_RANGE = re.compile(rf"{_MONTH}(?:\s?(?:-|til)\s?{_MONTH})?")
_NUMERIC_DATE = re.compile(r"(?<![\d:])(\d{1,2})[./](\d{1,2})(?:[./](?:\d{4}|\d{2}))?\.?(?![\d:])")
_WEEKS = re.compile(r"uge\s?(\d{1,2})(?:\s?-\s?(\d{1,2}))?")
_SEASONS = {"foraar": (3, 5), "sommer": (6, 8), "efteraar": (9, 11), "vinter": (12, 2)}
_DETAIL = re.compile(
    r"kl\.?\s?\d{1,2}(?:[.:]\d{2})?(?:\s?-\s?\d{1,2}(?:[.:]\d{2})?)?|"
    r"(?:mandag|tirsdag|onsdag|torsdag|fredag|loerdag|soendag)e?(?:\s?-\s?(?:mandag|tirsdag|onsdag|torsdag|fredag"
    r"|loerdag|soendag)e?)?|hverdage|weekender|weekend|formiddag(?:e)?|eftermiddag(?:e)?|dagligt|efter aftale"
)
_FILLER = (
    r"\b(?:fra|i|og|samt|hele|perioden|periode|alle|undtagen|dog|ikke|ca|kun|paa|om|den|d|med|start|slut)\b"
)
PERIOD_ACCEPTED = (
    "månedsnavne eller 1–12 ('marts; april', 'sep.-jun.'), datoer ('1. november - 1. april', '1/11-1/4'), "
    "'uge 10-20', årstider ('forår'), 'hele året' eller 'hele skoleåret'; ugedage og klokkeslæt gemmes som note"
)


def _month_number(token: str) -> int:
    return next(number for number, name in enumerate(MONTHS, start=1) if name.startswith(token[:3]))


def _span(first: int, last: int) -> int:
    """Months first..last, across New Year when last comes before first (november-april)."""
    mask, month = 0, first
    while True:
        mask |= 1 << (month - 1)
        if month == last:
            return mask
        month = month % 12 + 1


def read_period(text: str) -> Period | None:
    """'1. november - 1. april' → Nov–Apr (detailed); 'hele skoleåret' → Aug–Jun; 'fredag kl. 10-14' → all
    year (detailed); 'marts; april; 3' → Mar–Apr."""
    words = normalise(text)
    if not words:
        return None
    if re.fullmatch(r"(?:hele )?(?:aaret|aaret rundt|hele aaret rundt)|alle|all|aaret rundt|altid", words):
        return Period(ALL_MONTHS)
    if re.fullmatch(r"(?:i |hele )?skoleaaret|(?:hele )?skoleaaret rundt", words):
        return Period(SCHOOL_YEAR)
    detailed = bool(_DETAIL.search(words) or _NUMERIC_DATE.search(words) or _WEEKS.search(words))
    detailed = detailed or bool(re.search(r"\d{1,2}\.\s?[a-z]", words))
    words = _DETAIL.sub(" ", words)
    words = _NUMERIC_DATE.sub(
        lambda match: (
            f" {MONTHS[int(match.group(2)) - 1][:3]} " if 1 <= int(match.group(2)) <= 12 else match.group(0)
        ),
        words,
    )  # noqa: E501
    mask = 0
    for match in _WEEKS.finditer(words):
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if not (1 <= first <= 53 and 1 <= last <= 53):
            raise Unreadable(PERIOD_ACCEPTED)
        mask |= _span(min(12, (first - 1) * 7 // 30 + 1), min(12, (last - 1) * 7 // 30 + 1))
    words = _WEEKS.sub(" ", words)
    for season, (first, last) in _SEASONS.items():
        if re.search(rf"\b{season}(?:et)?\b", words):
            mask |= _span(first, last)
            words = re.sub(rf"\b{season}(?:et)?\b", " ", words)
    for match in _MONTH_RANGE.finditer(words):
        first = _month_number(match.group(1))
        mask |= _span(first, _month_number(match.group(2))) if match.group(2) else 1 << (first - 1)
    words = _MONTH_RANGE.sub(" ", words)
    for number in re.findall(r"\b\d{1,2}\b", words):
        if not 1 <= int(number) <= 12:
            raise Unreadable(PERIOD_ACCEPTED)
        mask |= 1 << (int(number) - 1)
    words = re.sub(r"\b\d{1,2}\b", " ", words)
    if re.sub(rf"{_FILLER}|[\s,.;:()/+-]", "", words):
        raise Unreadable(PERIOD_ACCEPTED)
    if not mask and not detailed:
        raise Unreadable(PERIOD_ACCEPTED)
    return Period(mask or ALL_MONTHS, detailed)


def months_text(mask: int) -> str:
    """'' for all year, else 'marts; april; maj' (what read_period reads back)."""
    if mask == ALL_MONTHS:
        return ""
    return "; ".join(name for number, name in enumerate(MONTHS, start=1) if mask & (1 << (number - 1)))


def months_label(mask: int) -> str:
    """'hele året', 'august–juni', 'marts–juni, august–oktober': runs of months, across New Year."""
    if mask & ALL_MONTHS == ALL_MONTHS:
        return "hele året"
    inside = [bool(mask & (1 << month)) for month in range(12)]
    start = next((month for month in range(12) if inside[month] and not inside[month - 1]), None)
    if start is None:
        return ""
    runs, month = [], start
    for _step in range(12):
        if inside[month] and not inside[month - 1]:
            runs.append([month, month])
        elif inside[month]:
            runs[-1][1] = month
        month = (month + 1) % 12
    return ", ".join(
        MONTHS[first] if first == last else f"{MONTHS[first]}–{MONTHS[last]}" for first, last in runs
    )


# --- e-mail and web address ----------------------------------------------------------------------


def read_email(text: str) -> str:
    """'booking(at)moesgaard.dk' → 'booking@moesgaard.dk'; 'mailto:' and spaces dropped."""
    text = str(text or "").strip().removeprefix("mailto:").strip().rstrip(".")
    text = re.sub(r"\s*(?:\(at\)|\[at\]|\{at\}|\(snabel-a\)| at )\s*", "@", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", text)


def read_url(text: str) -> str:
    """'www.moesgaard.dk/skole' → 'https://www.moesgaard.dk/skole'."""
    text = str(text or "").strip()
    if text and not re.match(r"(?i)https?://", text) and re.match(r"(?i)[\w-]+(\.[\w-]+)+(/|$)", text):
        return "https://" + text
    return text
