"""Default statements, editable per program in the admin. Marked for translation so the
public forms show them in the respondent's language (a program's own wording stays as
written)."""

from django.utils.translation import gettext_noop as _

FEEDBACK = [
    ("objectives", _("The event achieved its objectives")),
    ("relevant", _("The content was relevant to my work")),
    ("knowledge", _("I gained new knowledge or skills")),
    ("apply", _("I will apply what I learned in my work")),
    ("inclusive", _("The event was inclusive of women, people with disability and other groups")),
    ("facilitation", _("The facilitators and speakers were effective")),
]
PARTNER = [
    ("priorities", _("The program's support responds to our organisation's priorities")),
    ("capacity", _("The program's support has strengthened our capacity to counter trafficking")),
    ("gedsi", _("The program's support has helped us advance GEDSI in our work")),
    (
        "locally-led",
        _("The program works with us as a partner and supports locally led approaches"),
    ),
    ("victim-rights", _("The program's support has helped us uphold the rights of victims")),
    ("cooperation", _("The program has helped us cooperate with other agencies and countries")),
]
