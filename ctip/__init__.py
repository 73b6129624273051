"""CTIP MERL: monitoring, evaluation, reporting and learning for counter-trafficking programs."""
