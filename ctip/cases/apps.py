from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Victim case data"

    # Not registered with django-auditlog on purpose: its log lives in the main database,
    # where administrators and MEL officers read it. Changes to cases are recorded in the
    # cases database itself (CaseChange), reads in CaseReadLog (docs/cases.md).
