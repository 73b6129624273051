"""Program content that carries translations (django-modeltranslation: one column per
language, English the fallback). See docs/programs.md."""

from modeltranslation.translator import TranslationOptions, register

from .models import Outcome, Program


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("blurb",)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("title",)
