"""Reading one cell: names, genders, dates, ID numbers, phones and staff numbers as typed."""

import datetime as dt
import re
import unicodedata

from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from vanguard.core import clock
from vanguard.people import identity
from vanguard.people.models import Department, Person

NAME_MAX = Person._meta.get_field("name").max_length
PHONE_MAX = Person._meta.get_field("phone").max_length
STAFF_NO_MAX = Person._meta.get_field("staff_no").max_length

# Excel serial numbers of 1900-01-01 and 2099-12-31: outside them a number is not a date.
_SERIAL_MIN, _SERIAL_MAX = 1, 73050
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?E\+?\d+$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_CJK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·•\s\u3000\xa0]+$")


class ValueProblem(Exception):
    """A cell that cannot be read; the message says why and how to write it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def text_of(value: object) -> str:
    """The cell as text: numbers without a trailing ".0", surrounding spaces removed."""
    if value is None:
        return ""
    if is_number(value) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _nfkc(value: object) -> str:
    """Text with full-width digits, letters and signs folded: １２３－４ → 123-4."""
    return unicodedata.normalize("NFKC", text_of(value)).strip()


def _plain(value: object) -> str:
    return _SPACES.sub("", _nfkc(value))


def parse_name(value: object) -> str:
    text = text_of(value)
    # Chinese names are padded with spaces to line up in printed rosters ("张  三").
    text = _SPACES.sub("", text) if _CJK.match(text) else _SPACES.sub(" ", text)
    if not text:
        raise ValueProblem(_("The name is missing."))
    if len(text) > NAME_MAX:
        raise ValueProblem(_("The name is longer than %(max)d characters.") % {"max": NAME_MAX})
    return text


_GENDERS = {"男": "M", "男性": "M", "m": "M", "male": "M",
            "女": "F", "女性": "F", "f": "F", "female": "F"}


def parse_gender(value: object) -> str | None:
    text = _plain(value).lower()
    if not text:
        return None
    if text not in _GENDERS:
        raise ValueProblem(_("“%(value)s” is not a gender: write 男 or 女.") % {"value": text})
    return _GENDERS[text]


_DASHED = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
# A CSV saved from a date-time cell carries the time of day: "2003-07-01 00:00:00".
_TIME_OF_DAY = re.compile(r"[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_CHINESE = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})日?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


def parse_date(value: object) -> dt.date | None:
    """A date cell in any form the roster guide lists; a month alone means its first day."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif is_number(value):
        day = _date_from_number(value)
    else:
        day = _date_from_text(_SPACES.sub("", _TIME_OF_DAY.sub("", _nfkc(value))))
    if day.year < 1900:
        raise ValueProblem(_("%(date)s is too early to be right.") % {"date": day.isoformat()})
    if day > clock.today():
        raise ValueProblem(_("%(date)s lies in the future.") % {"date": day.isoformat()})
    return day


def _date_from_number(value: float) -> dt.date:
    if float(value).is_integer():
        digits = str(int(value))
        if len(digits) in (6, 8):  # 200307 or 20030701 typed as a number
            return _date_from_text(digits)
        if 1900 <= int(value) <= 2100:
            raise ValueProblem(_("A year alone is not a date: write the month too, like "
                                 "%(year)d-07.") % {"year": int(value)})
    elif 1900 <= value < 2100:
        return _year_dot_month(value)
    if not _SERIAL_MIN <= value <= _SERIAL_MAX:
        raise ValueProblem(_("%(value)s is not a date.") % {"value": text_of(value)})
    return from_excel(value).date()


def _year_dot_month(value: float) -> dt.date:
    """2003.07 typed into a number cell: Excel keeps 2003.07 but turns 2003.10 into 2003.1."""
    year, month = str(value).split(".")
    if month == "1":
        raise ValueProblem(_("%(value)s is stored as a number, so it may mean January or "
                             "October: type it as text, like %(year)s-01 or %(year)s-10.")
                           % {"value": value, "year": year})
    return _build(year, month, None)


def _date_from_text(text: str) -> dt.date:
    for pattern in (_DASHED, _CHINESE, _COMPACT):
        match = pattern.match(text)
        if match:
            return _build(*match.groups())
    raise ValueProblem(_("“%(value)s” is not a date: write it like 2003-07-01, 2003/7/1, "
                         "2003.07 or 2003年7月.") % {"value": text})


def _build(year: str, month: str, day: str | None) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day) if day else 1)
    except ValueError:
        text = "-".join(p for p in (year, month, day) if p)
        raise ValueProblem(_("%(value)s is not a day of the calendar.") % {"value": text}) \
            from None


def parse_id_number(value: object) -> str | None:
    """An 18-character resident ID number, upper-cased, its check digit right."""
    if is_number(value):
        raise ValueProblem(_number_id_message())
    text = _plain(value).upper()
    if not text:
        return None
    if _SCIENTIFIC.match(text):
        raise ValueProblem(_number_id_message())
    if len(text) != 18:
        raise ValueProblem(_("An ID number has 18 characters; this one has %(count)d.")
                           % {"count": len(text)})
    if not identity.id_number_is_valid(text):
        raise ValueProblem(_("The ID number's check digit does not match: look for a typing "
                             "error."))
    return text


def _number_id_message() -> str:
    return _("The ID number was stored as a number, and Excel keeps only 15 digits of a number: "
             "format the column as text and type the ID number again.")


_MOBILE = re.compile(r"^1\d{10}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def parse_phone(value: object) -> str | None:
    """An 11-digit mobile number, or a landline with its area code (0871-1234567)."""
    if is_number(value) and not float(value).is_integer():
        raise ValueProblem(_not_a_phone(text_of(value)))
    text = _plain(value).replace("（", "(").replace("）", ")")
    if not text:
        return None
    text = re.sub(r"^(\+86|0086)-?", "", text)
    text = re.sub(r"^\((0\d{2,3})\)", r"\1-", text)
    if _MOBILE.match(text.replace("-", "")):
        return text.replace("-", "")
    if _LANDLINE.match(text) and len(text) <= PHONE_MAX:
        return text
    raise ValueProblem(_not_a_phone(text))


def _not_a_phone(text: str) -> str:
    return _("“%(value)s” is not a phone number: give an 11-digit mobile number, or a landline "
             "with its area code like 0871-1234567.") % {"value": text}


def parse_staff_no(value: object) -> str | None:
    text = _plain(value)
    if not text:
        return None
    if _SCIENTIFIC.match(text) or (is_number(value) and not float(value).is_integer()):
        raise ValueProblem(_("The number was stored as a number and Excel shortened it: format "
                             "the column as text and type it again."))
    if len(text) > STAFF_NO_MAX:
        raise ValueProblem(_("The number is longer than %(max)d characters.")
                           % {"max": STAFF_NO_MAX})
    return text


def parse_branch(value: object) -> str | None:
    return text_of(value) or None


DEPARTMENT_MAX = Department._meta.get_field("name").max_length


def parse_department(value: object) -> str | None:
    """A department's name as typed; which department it names is checked against the school."""
    text = _SPACES.sub(" ", text_of(value)).strip()
    if not text:
        return None
    if len(text) > DEPARTMENT_MAX:
        raise ValueProblem(_("The department is longer than %(max)d characters.")
                           % {"max": DEPARTMENT_MAX})
    return text
