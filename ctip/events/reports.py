"""The events app's report and indicator: the series report (series.py), found with every
app's `reports` module when the report registry is first read (ctip.lib.registry)."""

from . import series  # noqa: F401  (the series report and indicator register themselves)
