"""Survey statements in the program's languages (django-modeltranslation; docs/programs.md)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Statement


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ("text",)
