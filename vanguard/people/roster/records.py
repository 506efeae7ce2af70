"""What a roster import reads and returns: raw rows, clean records, row problems, the result."""

import datetime as dt
from dataclasses import dataclass, field

# What a row makes of its person besides the Person row itself.
MEMBER = "member"
ACTIVIST = "activist"
PUBLIC = "public"


@dataclass(frozen=True)
class RawRow:
    """One data row: its number as the spreadsheet shows it, and its cell per known field."""

    number: int
    values: dict[str, object]


@dataclass(frozen=True)
class Sheet:
    """The readable part of a roster file."""

    rows: list[RawRow]
    header_row: int
    # field -> the header text as the file spells it, for messages that name the column
    labels: dict[str, str]
    ignored_headers: list[str] = field(default_factory=list)
    # the row of a trailing note ("注：", "合计" …) where reading stopped, if any
    stopped_at: int | None = None


@dataclass
class RosterRecord:
    """A row whose every cell made sense; None means the cell was blank (keep what is stored)."""

    row: int
    name: str
    status: str = PUBLIC
    gender: str | None = None
    birth_date: dt.date | None = None
    id_number: str | None = None
    phone: str | None = None
    branch: str | None = None
    category: str | None = None
    joined_on: dt.date | None = None
    staff_no: str | None = None
    department: str | None = None  # a department name of the person's school


@dataclass
class RowProblem:
    row: int
    reasons: list[str]


@dataclass(frozen=True)
class NewAccount:
    """An account the import made; the password is shown once and never stored in clear."""

    name: str
    login: str
    password: str = ""  # empty in a dry run: no account exists yet


@dataclass(frozen=True)
class SkippedAccount:
    row: int
    name: str
    reason: str


@dataclass
class ImportResult:
    filename: str
    header_row: int
    dry_run: bool
    ignored_headers: list[str] = field(default_factory=list)
    stopped_at: int | None = None
    rows_ok: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    accounts: list[NewAccount] = field(default_factory=list)
    skipped_accounts: list[SkippedAccount] = field(default_factory=list)
    written: bool = False

    @property
    def rows_with_errors(self) -> int:
        return len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ExportedRoster:
    content: bytes
    filename: str
    rows: int
