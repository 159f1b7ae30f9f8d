"""Validators shared by every form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, SelectMultipleField
from wtforms.validators import Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from engage.core.text import UNSAFE_CHARS, without_bidi

# Characters refused where people type (see engage.core.text).
CONTROL_CHARS = UNSAFE_CHARS


class NoControlChars:
    """Refuse NUL bytes and other control characters in text."""

    def __init__(self, message: Any = None) -> None:
        self.message = message or _l("The text contains characters that are not allowed.")

    def __call__(self, _form: Any, field: Any) -> None:
        if isinstance(field.data, str) and CONTROL_CHARS.search(field.data):
            raise ValidationError(self.message)


def strip_filter(value: Any) -> Any:
    """Trim surrounding whitespace and drop bidi controls from text input."""
    return without_bidi(value).strip() if isinstance(value, str) else value


class Select(SelectField):
    """A select whose "not one of the choices" message is ours, so it is translated."""

    def pre_validate(self, form: Any) -> None:
        values = {str(value) for value, *_ in self.iter_choices()}
        if self.data is None or str(self.data) not in values:
            raise ValidationError(_l("Choose one of the options."))


class Date(DateField):
    """A date field with our own translated message for a wrong date."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(_l("Write the date as YYYY-MM-DD."))) from error


def max_length(limit: int) -> Length:
    """A length limit with a translated message."""
    return Length(max=limit, message=_l("At most %(max)d characters, please shorten it."))


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""


class MultiCheckbox(SelectMultipleField):
    """Checkboxes for a multiple choice; unknown values get our translated message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: Any) -> None:
        allowed = {str(value) for value, *_ in self.iter_choices()}
        if any(str(value) not in allowed for value in self.data or []):
            raise ValidationError(_l("Choose one of the options."))
