# One way to write a date across the site, emails included: "3 Dec 2026", "3 Dec 2026, 14:05".
# Templates name these formats (|date, |date:"DATETIME_FORMAT", |time) and never spell one out;
# Python says dates with django.utils.formats.date_format. A locale's formats win over
# settings.DATE_FORMAT, hence this module (FORMAT_MODULE_PATH).
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
# Where only the month is known, as on a leadership record.
YEAR_MONTH_FORMAT = "M Y"
MONTH_DAY_FORMAT = "j M"
