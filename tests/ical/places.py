"""Where and by whom: the LOCATION, GEO and ORGANIZER of each VEVENT of a calendar,
read by a second implementation (Python's `icalendar`).

Used by tests/testsuite/venues.rs on a venue's own `calendar.ics`.

Usage: places.py CALENDAR.ics
Prints one line per VEVENT, sorted:
    URL-PATH[ RECURRENCE-DAY] | LOCATION | LAT LON | ORGANIZER CN
with `-` for a missing ORGANIZER.
"""

import sys
from urllib.parse import urlsplit

import icalendar


def main(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    lines = []
    for event in calendar.walk("VEVENT"):
        what = urlsplit(str(event["URL"])).path
        if "RECURRENCE-ID" in event:
            what += " " + event["RECURRENCE-ID"].dt.strftime("%Y-%m-%d")
        geo = event.get("GEO")
        geo = f"{geo.latitude} {geo.longitude}" if geo else "-"
        organizer = event.get("ORGANIZER")
        if organizer is not None:
            organizer = f"{organizer} {organizer.params.get('CN')}"
        else:
            organizer = "-"
        lines.append(f"{what} | {event.get('LOCATION', '')} | {geo} | {organizer}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
