"""English dates as staff pages print them (ctip/web/templatetags/ctip_ui.py: day, moment)."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
