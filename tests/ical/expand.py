"""The occurrences of an iCalendar file, computed by a second implementation.

Used by tests/testsuite/event_expansion.rs: kepu writes a calendar, and this script
expands it with the `icalendar` and `recurring-ical-events` packages from PyPI
(installed by .ci/run into target/ical-venv), independently of kepu's own expansion.

Usage: expand.py CALENDAR.ics
Prints one line per occurrence, sorted:
    URL-PATH START END STATUS
START and END are UTC instants (2018-10-14T06:00:00Z); an all-day occurrence starts
and ends at midnight in the calendar's X-WR-TIMEZONE (kepu shows whole days in the
site's zone). STATUS is `cancelled` (STATUS:CANCELLED), `moved` (an override whose
start differs from the occurrence it replaces) or `scheduled`.
"""

import datetime
import sys
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events


def instant(value, zone):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return value.astimezone(datetime.timezone.utc)
    return datetime.datetime.combine(value, datetime.time(0), zone).astimezone(
        datetime.timezone.utc
    )


def text(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    zone = ZoneInfo(str(calendar.get("X-WR-TIMEZONE", "UTC")))
    lines = []
    window = (datetime.date(1970, 1, 1), datetime.date(2100, 1, 1))
    for event in recurring_ical_events.of(calendar).between(*window):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt if "DTEND" in event else start
        status = str(event.get("STATUS", "CONFIRMED")).upper()
        if status == "CANCELLED":
            shown = "cancelled"
        elif "RECURRENCE-ID" in event and instant(
            event["RECURRENCE-ID"].dt, zone
        ) != instant(start, zone):
            shown = "moved"
        else:
            shown = "scheduled"
        url = urlsplit(str(event["URL"])).path
        lines.append(f"{url} {text(instant(start, zone))} {text(instant(end, zone))} {shown}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
