"""The participant feedback form as an XLSForm for KoboToolbox/ODK: its question names are
the columns of `ctip import feedback`, so the form's exports import as they are."""

from __future__ import annotations


def feedback_xlsform(program, actor) -> bytes:
    """The participant feedback form as an XLSForm, labelled in every language of the
    program. Its question names are the feedback import's columns, so a KoboToolbox/ODK
    export (with labels or XML values) imports as it is with `ctip import feedback`."""
    from ctip.imports.xlsforms import feedback_form, write_xlsform

    return write_xlsform(feedback_form(program, actor))
