"""Activity statistics of the facilitation network, for staff and the annual
activity report.

Every figure is computed for a `Period` (a calendar year or any range of
dates, in Europe/Paris) with a fixed number of SQL queries whatever the volume
of data: counts and sums that SQLite and PostgreSQL both aggregate are done in
SQL; time buckets (year, quarter in local time) and medians are computed in
Python from one flat `values()` fetch. The same `Table` objects feed the web
page, the charts and the CSV/XLSX exports, so the figures cannot disagree.

Counting rules (also shown on the statistics page):
- a facilitation is *followed* during the period when it was opened before the
  end of the period and not closed before its start; the breakdowns by
  territory, need and structure kind count followed facilitations;
- its territory is the structure's first EPCI in alphabetical order, or else
  the EPCI of the commune of its head office; its department is that EPCI's;
- sessions, hours and participants count the sessions dated within the period;
  a session with several help types counts its full duration for each type;
- the delay to the first session runs from the day the request was filed to the
  facilitation's first session, for first sessions within the period.

The package, by concept: `period` (the period asked for), `tables` (tables
and how cells are written), `queries` (what a period follows, territories),
`compute` (the page's tables, one step per family), `cache` (closed periods
kept), `exports` (the list of sessions).
"""

from .cache import forget_statistics, statistics_for
from .compute import Statistics, compute_statistics
from .exports import SESSION_COLUMNS, SESSION_KINDS, session_headers, session_rows
from .period import MAX_PERIOD_YEARS, Period, data_years, quarter_label, quarter_of
from .queries import epci_expression, epci_index, followed_facilitations
from .tables import (
    DATE,
    DAYS,
    DURATION,
    HOURS,
    INT,
    TABLE_NAMES,
    TEXT,
    Table,
    export_cell,
    format_cell,
    format_hours,
    format_number,
    minutes_to_hours,
    typed_cell,
)

__all__ = [
    "statistics_for",
    "DATE",
    "DAYS",
    "DURATION",
    "HOURS",
    "INT",
    "MAX_PERIOD_YEARS",
    "SESSION_COLUMNS",
    "SESSION_KINDS",
    "TABLE_NAMES",
    "TEXT",
    "Period",
    "Statistics",
    "Table",
    "compute_statistics",
    "data_years",
    "epci_expression",
    "epci_index",
    "export_cell",
    "followed_facilitations",
    "forget_statistics",
    "format_cell",
    "format_hours",
    "format_number",
    "minutes_to_hours",
    "quarter_label",
    "quarter_of",
    "session_headers",
    "session_rows",
    "typed_cell",
]
