"""Select and radio widgets whose options are written in Python, not through a template each.

Django renders every <option> and every radio button through the template engine: a country list
of 250 options costs the public registration form ~70% of its time, which a conference's 1,000
phones in a minute feel (issue 14). These widgets write the same HTML as Django's own templates
(django/forms/widgets/select.html, select_option.html, input.html, attrs.html), escaped the same
way, without the engine.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its
    name alone, anything else name="value" escaped."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = (
        "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
    )
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{attributes(widget["attrs"])}>'
    )


class QuickSelect(forms.Select):
    def _render(self, template_name, context, renderer=None):
        if template_name != self.template_name:
            return super()._render(template_name, context, renderer)
        widget = context["widget"]
        html = [
            f'<select name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>'
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'<optgroup label="{conditional_escape(group_name)}">')
            html.extend(
                f'<option value="{conditional_escape(str(option["value"]))}"'
                f"{attributes(option['attrs'])}>{conditional_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("".join(html))  # noqa: S308 (every value escaped above)


class QuickRadioSelect(forms.RadioSelect):
    """Radio buttons; templates that lay them out themselves call `choice.tag` per option,
    which lands here."""

    def _render(self, template_name, context, renderer=None):
        if template_name != self.option_template_name:
            return super()._render(template_name, context, renderer)
        widget = context["widget"]
        tag = _input(widget)
        if not widget.get("wrap_label"):
            return mark_safe(tag)  # noqa: S308 (escaped in _input)
        label_for = widget["attrs"].get("id")
        opening = format_html('<label for="{}">', label_for) if label_for else "<label>"
        label = conditional_escape(widget["label"])
        return mark_safe(f"{opening}{tag}\n {label}</label>")  # noqa: S308
