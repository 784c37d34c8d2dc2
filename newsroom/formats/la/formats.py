# Latin dates read "26 Novembris 2026": the month in the genitive, which the
# catalog gives as the "alt. month" form (format character E).
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
FIRST_DAY_OF_WEEK = 1
