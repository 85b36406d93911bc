# French as Le guide du rédacteur (Translation Bureau) writes it: "mardi 1er décembre
# 2026", "13 h 30", "13 h" for a whole hour, a non-breaking space between thousands and
# a decimal comma. Django's names left out here come from Django's French.
# In Django's format strings a backslash makes a letter literal: r"\h" is an "h".
DATE_FORMAT = "j F Y"
TIME_FORMAT = r"G \h i"
DATETIME_FORMAT = r"j F Y à G \h i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y G \h i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3

# The portal's own formats (citiesofmigration/formats/__init__.py).
LONG_DATE_FORMAT = "j F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
DAY_MONTH_FORMAT = "j F"
CLOCK_FORMAT = r"G \h i"
WHOLE_HOUR_CLOCK_FORMAT = r"G \h"
DATE_TIME_FORMAT = "{date} à {time}"
FIRST_DAY_OF_MONTH = "1er"
