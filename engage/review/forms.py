"""Forms of the leader's set-up pages."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from engage.core.forms import Date, NoControlChars, Select, max_length, strip_filter
from engage.models import ActivityKind, ActivityStatus, LanguageForm, MemberRole, QuestionKind
from engage.models.labels import choices
from engage.review.services import MAX_OPTIONS

TEXT = [strip_filter]
MAX_OPTION_LENGTH = 200


def required(message: Any) -> list[Any]:
    return [DataRequired(message), NoControlChars()]


class ProjectForm(FlaskForm):
    kommune = StringField(
        _l("Kommune"),
        filters=TEXT,
        validators=[*required(_l("Enter the kommune.")), max_length(120)],
    )
    name = StringField(
        _l("Project name"),
        filters=TEXT,
        validators=[*required(_l("Give the project a name.")), max_length(200)],
    )
    language_form = Select(_l("Language form for citizen pages"))
    starts_on = Date(_l("Starts"), validators=[Optional()], render_kw={"placeholder": "2026-01-31"})
    ends_on = Date(_l("Ends"), validators=[Optional()])
    description = TextAreaField(
        _l("Description"), filters=TEXT, validators=[max_length(5000), NoControlChars()]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language_form.choices = choices(LanguageForm)

    def validate_ends_on(self, field: Date) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end date must be after the start date."))


class ActivityForm(FlaskForm):
    kind = Select(_l("Kind"))
    title = StringField(
        _l("Title"), filters=TEXT, validators=[*required(_l("Give it a title.")), max_length(200)]
    )
    held_on = Date(_l("Date"), validators=[Optional()])
    place = StringField(_l("Place"), filters=TEXT, validators=[max_length(200), NoControlChars()])
    status = Select(_l("Status"))
    description = TextAreaField(
        _l("Description"), filters=TEXT, validators=[max_length(5000), NoControlChars()]
    )
    with_questions = BooleanField(_l("Start with the ready-made questions"), default=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(ActivityKind)
        self.status.choices = choices(ActivityStatus)


class QuestionForm(FlaskForm):
    kind = Select(_l("Kind of question"))
    prompt = StringField(
        _l("Question"),
        filters=TEXT,
        validators=[*required(_l("Write the question.")), max_length(500)],
    )
    help_text = StringField(
        _l("Help text"), filters=TEXT, validators=[max_length(1000), NoControlChars()]
    )
    is_required = BooleanField(_l("An answer is required"))
    options = TextAreaField(
        _l("Options, one per line"),
        filters=TEXT,
        validators=[max_length(MAX_OPTIONS * (MAX_OPTION_LENGTH + 2)), NoControlChars()],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(QuestionKind)

    def option_list(self) -> list[str]:
        """The options as a list without blanks and repeats, in the order given."""
        seen: dict[str, None] = {}
        for line in (self.options.data or "").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
        return list(seen)

    def validate_options(self, _field: TextAreaField) -> None:
        kinds = {kind.value: kind for kind in QuestionKind}
        if self.kind.data not in kinds or not kinds[self.kind.data].has_options:
            return
        options = self.option_list()
        if len(options) < 2:
            raise ValidationError(_l("A choice question needs at least two options."))
        if len(options) > MAX_OPTIONS:
            raise ValidationError(_l("At most %(n)d options.", n=MAX_OPTIONS))
        if any(len(option) > MAX_OPTION_LENGTH for option in options):
            raise ValidationError(
                _l("Each option can have at most %(n)d characters.", n=MAX_OPTION_LENGTH)
            )


class MemberForm(FlaskForm):
    email = EmailField(
        _l("E-mail of an existing account"),
        filters=TEXT,
        validators=[*required(_l("Enter an e-mail address.")), max_length(254)],
    )
    role = Select(_l("Access"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = choices(MemberRole)


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""
