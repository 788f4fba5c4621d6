"""Dates and times: month and day names, time zones, units of time, dateline words.

Entries are lower case; case-sensitive patterns take them capitalised.
"""

from __future__ import annotations

#: The months, spelled out.
MONTHS = (
    "april",
    "august",
    "december",
    "february",
    "january",
    "july",
    "june",
    "march",
    "may",
    "november",
    "october",
    "september",
)
#: Short forms of month names ("Sept." as well as "Sep."); patterns add the full stop.
MONTH_ABBREVIATIONS = (
    "apr",
    "aug",
    "dec",
    "feb",
    "jan",
    "jul",
    "jun",
    "mar",
    "nov",
    "oct",
    "sep",
    "sept",
)
#: The days of the week.
WEEKDAYS = ("friday", "monday", "saturday", "sunday", "thursday", "tuesday", "wednesday")
#: Days named by where they stand from today.
RELATIVE_DAYS = ("today", "yesterday")
#: Time zones written after a clock time ("14:32 GMT", "5.30pm EDT"): British and North
#: American standard and daylight times, and UTC.
TIME_ZONES = ("bst", "cdt", "cst", "edt", "est", "gmt", "pdt", "pst", "utc")
#: Further time zones a dateline names: the North American zones without season, and
#: zones of Asia, Australia and Europe.
OTHER_TIME_ZONES = ("aedt", "aest", "cest", "cet", "ct", "et", "hkt", "ist", "jst", "pt", "sgt")
#: Units of time spelled as words: "3 hours ago", "5 min read".
TIME_UNITS = ("day", "days", "hour", "hours", "min", "mins", "minute", "minutes")
#: Further units an age takes ("4h ago", "2 wks ago"): the short forms, and weeks.
AGE_UNITS = ("d", "h", "hr", "hrs", "m", "w", "week", "weeks", "wk", "wks")
#: Words around a date on a dateline: "Published 3 May, updated 4h ago", "5 min read".
DATELINE_WORDS = (
    "ago",
    "am",
    "at",
    "by",
    "first",
    "last",
    "modified",
    "on",
    "pm",
    "posted",
    "published",
    "read",
    "time",
    "updated",
)
