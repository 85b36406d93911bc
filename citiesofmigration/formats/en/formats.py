# English as the portal writes it (British and Canadian order: "22 December 2026").
# Django's names left out here (the admin's DATE_FORMAT…) come from Django's English.
# The portal's own formats: see citiesofmigration/formats/__init__.py.
LONG_DATE_FORMAT = "j F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
DAY_MONTH_FORMAT = "j F"
CLOCK_FORMAT = "g:i A"
WHOLE_HOUR_CLOCK_FORMAT = "g:i A"
DATE_TIME_FORMAT = "{date}, {time}"
FIRST_DAY_OF_MONTH = "1"
