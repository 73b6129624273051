"""Victim case data lives in its own database (docs/cases.md): the `cases` app reads and
writes only there, and nothing else is migrated into it."""

from __future__ import annotations

CASES_DATABASE = "cases"
CASES_APPS = frozenset({"cases"})


class CasesRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in CASES_APPS:
            return CASES_DATABASE
        return None

    def db_for_write(self, model, **hints):
        return self.db_for_read(model, **hints)

    def allow_relation(self, obj1, obj2, **hints):
        inside = {obj._meta.app_label in CASES_APPS for obj in (obj1, obj2)}
        if len(inside) == 2:
            return False  # no relation crosses between case data and the rest
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label in CASES_APPS:
            return db == CASES_DATABASE
        if db == CASES_DATABASE:
            return False
        return None
