"""The quick widgets write what Django's templates write, escaped the same way."""

import re

from django import forms

from ctip.web.widgets import QuickRadioSelect, QuickSelect

HOSTILE = [("", "—"), ('a"b', "<script>alert(1)</script>"), ("x&y", "Ā & ល"), ("TH", "Thailand")]


def _same_spacing(html) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def _form(select, radio, data=None):
    class Form(forms.Form):
        country = forms.ChoiceField(choices=HOSTILE, widget=select, required=False)
        grouped = forms.ChoiceField(
            choices=[("Asia", [("TH", "Thailand"), ("VN", "Viet Nam")]), ("", "none")],
            widget=select(attrs={"data-x": 'q"'}),
        )
        answer = forms.ChoiceField(choices=HOSTILE, widget=radio, required=True)

    return Form(data)


def test_a_quick_select_writes_what_djangos_select_writes_for_any_label_and_group():
    for data in (None, {"country": 'a"b', "grouped": "VN", "answer": "x&y"}):
        django_form = _form(forms.Select, forms.RadioSelect, data)
        quick_form = _form(QuickSelect, QuickRadioSelect, data)
        for name in ("country", "grouped"):
            assert _same_spacing(quick_form[name]) == _same_spacing(django_form[name])
    assert "<script>" not in str(quick_form["country"])


def test_each_quick_radio_button_is_the_tag_django_writes_with_or_without_its_label():
    for data in (None, {"answer": "x&y"}):
        django_buttons = list(_form(forms.Select, forms.RadioSelect, data)["answer"])
        quick_buttons = list(_form(QuickSelect, QuickRadioSelect, data)["answer"])
        for django_button, quick_button in zip(django_buttons, quick_buttons, strict=True):
            assert quick_button.tag() == django_button.tag()
            assert _same_spacing(quick_button.tag(wrap_label=True)) == _same_spacing(
                django_button.tag(wrap_label=True)
            )
    assert (
        "checked"
        in list(_form(QuickSelect, QuickRadioSelect, {"answer": "x&y"})["answer"])[2].tag()
    )
