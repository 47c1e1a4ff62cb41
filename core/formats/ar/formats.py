# Django's Arabic locale has no date-and-time formats, so they fell back to English order
# ("نوفمبر ٣٠, ٢٠٢٠, ١٠:٠٥ ص"): the day first, Arabic commas, as DATE_FORMAT has them.
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y، g:i A"
