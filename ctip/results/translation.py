"""Achievement titles (the fact sheet's highlights) in the country's language
(django-modeltranslation; docs/programs.md)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Evidence


@register(Evidence)
class EvidenceTranslation(TranslationOptions):
    fields = ("title",)
