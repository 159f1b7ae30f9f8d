"""Forms of the leader's invitation pages."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from engage.core.about import NACE_SECTIONS
from engage.core.forms import NoControlChars, Select, max_length, strip_filter
from engage.core.validators import clean_org_number, is_valid_org_number
from engage.invite.fields import COMPANY_SIZES, clean_email
from engage.invite.messages import PLACEHOLDERS, unknown_placeholders

TEXT = [strip_filter]
LANGUAGE_CHOICES = [("nb", _l("Bokmål")), ("nn", _l("Nynorsk")), ("en", _l("English"))]


class ContactForm(FlaskForm):
    name = StringField(_l("Name"), filters=TEXT, validators=[max_length(200), NoControlChars()])
    email = StringField(
        _l("E-mail"),
        filters=TEXT,
        validators=[
            DataRequired(_l("Enter the e-mail address.")),
            max_length(254),
            NoControlChars(),
        ],
    )
    phone = StringField(_l("Phone"), filters=TEXT, validators=[max_length(40), NoControlChars()])
    company = StringField(
        _l("Company"), filters=TEXT, validators=[max_length(200), NoControlChars()]
    )
    org_number = StringField(_l("Org.nr"), filters=TEXT, validators=[Optional(), max_length(20)])
    sector = Select(_l("Sector"))
    company_size = Select(_l("Number of employees"))
    area = Select(_l("Area"))

    def __init__(self, areas: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        empty = [("", "–")]
        self.sector.choices = empty + [(k, f"{k} {v}") for k, v in NACE_SECTIONS.items()]
        self.company_size.choices = empty + [(k, str(v)) for k, v in COMPANY_SIZES.items()]
        self.area.choices = empty + [(a, a) for a in areas]

    def validate_email(self, field: Any) -> None:
        if clean_email(field.data or "") is None:
            raise ValidationError(_l("This is not a valid e-mail address."))

    def validate_org_number(self, field: Any) -> None:
        if field.data and not is_valid_org_number(field.data):
            raise ValidationError(_l("Not a valid org.nr: 9 digits with a correct check digit."))

    def values(self) -> dict[str, str]:
        names = ("name", "phone", "company", "sector", "company_size", "area")
        values = {name: getattr(self, name).data or "" for name in names}
        values["email"] = clean_email(self.email.data) or ""
        values["org_number"] = clean_org_number(self.org_number.data or "")
        return values


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or XLSX file"))


class MessageForm(FlaskForm):
    language = Select(_l("Language of the mail"))
    subject = StringField(
        _l("Subject"),
        filters=TEXT,
        validators=[DataRequired(_l("Write a subject.")), max_length(200), NoControlChars()],
    )
    body = TextAreaField(
        _l("Text"),
        filters=TEXT,
        validators=[
            DataRequired(_l("Write the text of the invitation.")),
            max_length(5000),
            NoControlChars(),
        ],
        description=_l(
            "Placeholders: {name}, {company}, {kommune}, {survey}. The personal link and an "
            "unsubscribe link are added below the text."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = [(code, str(name)) for code, name in LANGUAGE_CHOICES]

    def validate_subject(self, field: Any) -> None:
        _no_unknown(field)

    def validate_body(self, field: Any) -> None:
        _no_unknown(field)


def _no_unknown(field: Any) -> None:
    unknown = unknown_placeholders(field.data or "")
    if unknown:
        raise ValidationError(
            _l(
                "Unknown placeholder %(found)s. Use %(known)s.",
                found=", ".join(unknown),
                known=", ".join(f"{{{k}}}" for k in PLACEHOLDERS),
            )
        )
