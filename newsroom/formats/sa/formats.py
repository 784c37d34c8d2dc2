# Sanskrit has no Django locale; day, month name (from the sa catalog), year.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d-m-Y"
FIRST_DAY_OF_WEEK = 0
