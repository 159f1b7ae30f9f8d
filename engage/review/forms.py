"""Forms of the leader's set-up pages."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from engage.core.about import ABOUT_FIELDS, FIELD_LABELS, STAKEHOLDER_GROUPS
from engage.core.forms import (
    Date,
    MultiCheckbox,
    NoControlChars,
    Select,
    max_length,
    strip_filter,
)
from engage.core.i18n import LANGUAGE_NAMES
from engage.inputs import MAX_ANSWER_CHARS
from engage.models import ActivityKind, ActivityStatus, LanguageForm, MemberRole, QuestionKind
from engage.models.activity import QUESTION_LANGUAGES
from engage.models.labels import choices
from engage.review.services import MAX_OPTIONS

TEXT = [strip_filter]
ABOUT_MODES = {
    "off": _l("Not asked"),
    "optional": _l("Asked, may be skipped"),
    "required": _l("Asked, must be answered"),
}
MAX_OPTION_LENGTH = 200


def required(message: Any) -> list[Any]:
    return [DataRequired(message), NoControlChars()]


MAX_AREAS = 50
MAX_POSTIT_LINES = 500


def line_list(text: str | None) -> list[str]:
    """Non-empty lines without repeats, in the order given."""
    return list(dict.fromkeys(line.strip() for line in (text or "").splitlines() if line.strip()))


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
    areas_text = TextAreaField(
        _l("Areas (bygder/grender), one per line"),
        filters=TEXT,
        validators=[max_length(MAX_AREAS * 121), NoControlChars()],
    )
    privacy_contact = StringField(
        _l("Privacy contact"), filters=TEXT, validators=[max_length(200), NoControlChars()]
    )
    privacy_text = TextAreaField(
        _l("Own privacy text"), filters=TEXT, validators=[max_length(10000), NoControlChars()]
    )
    accessibility_text = TextAreaField(
        _l("Own accessibility statement"),
        filters=TEXT,
        validators=[max_length(10000), NoControlChars()],
    )
    retention_until = Date(_l("Delete input after"), validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language_form.choices = choices(LanguageForm)

    def validate_areas_text(self, field: TextAreaField) -> None:
        areas = line_list(field.data)
        if len(areas) > MAX_AREAS:
            raise ValidationError(_l("At most %(n)d areas.", n=MAX_AREAS))
        if any(len(area) > 120 for area in areas):
            raise ValidationError(_l("Each area can have at most %(n)d characters.", n=120))

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
    # Read from one "not asked / may skip / must answer" choice per field (ABOUT_MODES) when
    # the page sends them; the two lists can still be posted directly.
    about_fields = MultiCheckbox(_l("Questions about the participant shown on the form"))
    about_required = MultiCheckbox(_l("Questions about the participant that must be answered"))
    with_questions = BooleanField(_l("Start with the ready-made questions"), default=True)
    about_modes = ABOUT_MODES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(ActivityKind)
        self.status.choices = choices(ActivityStatus)
        about = [(name, str(FIELD_LABELS[name])) for name in ABOUT_FIELDS]
        self.about_fields.choices = about
        self.about_required.choices = about
        self._read_about_modes()

    def _read_about_modes(self) -> None:
        form = request.form if request and request.method == "POST" else {}
        modes = {name: form.get(f"about-{name}") for name in ABOUT_FIELDS}
        if not any(mode in ABOUT_MODES for mode in modes.values()):
            return
        self.about_fields.data = [n for n, m in modes.items() if m in ("optional", "required")]
        self.about_required.data = [n for n, m in modes.items() if m == "required"]

    def about_mode(self, name: str) -> str:
        """How the form asks about one field: "off", "optional" or "required"."""
        if name in (self.about_required.data or []) and name in (self.about_fields.data or []):
            return "required"
        return "optional" if name in (self.about_fields.data or []) else "off"

    def validate_about_required(self, field: MultiCheckbox) -> None:
        if set(field.data or []) - set(self.about_fields.data or []):
            raise ValidationError(_l("Only fields that are asked can be required."))


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
    internal = BooleanField(_l("Internal note: not analysed, quoted or published"))
    options = TextAreaField(
        _l("Options, one per line"),
        filters=TEXT,
        validators=[max_length(MAX_OPTIONS * (MAX_OPTION_LENGTH + 2)), NoControlChars()],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(QuestionKind)

    def translation_fields(self, language: str) -> tuple[Any, Any, Any]:
        """The prompt, help text and options fields of one other language."""
        return tuple(getattr(self, f"{name}_{language}") for name in TRANSLATED)

    def fill_translations(self, translations: dict[str, dict]) -> None:
        """Show the stored translations in the form."""
        for language in QUESTION_LANGUAGES:
            given = translations.get(language) or {}
            prompt, help_text, options = self.translation_fields(language)
            prompt.data, help_text.data = given.get("prompt", ""), given.get("help_text", "")
            options.data = "\n".join(given.get("options") or [])

    def translations(self, canonical: str) -> dict[str, dict]:
        """What the leader wrote for the other languages; languages left empty are left out."""
        result: dict[str, dict] = {}
        for language in QUESTION_LANGUAGES:
            prompt, help_text, options = self.translation_fields(language)
            if language == canonical or not (prompt.data or "").strip():
                continue
            result[language] = {
                "prompt": prompt.data.strip(),
                "help_text": (help_text.data or "").strip(),
                "options": _lines(options.data) if self._has_options() else [],
            }
        return result

    def _has_options(self) -> bool:
        kinds = {kind.value: kind for kind in QuestionKind}
        return self.kind.data in kinds and kinds[self.kind.data].has_options

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        count = len(self.option_list()) if self._has_options() else 0
        for language in QUESTION_LANGUAGES:
            prompt, help_text, options = self.translation_fields(language)
            labels = _lines(options.data) if self._has_options() else []
            if (help_text.data or labels) and not (prompt.data or "").strip():
                missing = str(_l("Write the question in this language too."))
                prompt.errors = [*prompt.errors, missing]
                valid = False
            if len(labels) > count:
                options.errors = [
                    *options.errors,
                    str(_l("One line per option, in the same order: %(n)d lines.", n=count)),
                ]
                valid = False
            elif any(len(label) > MAX_OPTION_LENGTH for label in labels):
                options.errors = [
                    *options.errors,
                    str(_l("Each option can have at most %(n)d characters.", n=MAX_OPTION_LENGTH)),
                ]
                valid = False
        return valid

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


TRANSLATED = ("prompt", "help_text", "options")


def _lines(text: str | None) -> list[str]:
    """Non-blank lines, trimmed, in order (repeats kept: they line up with the options)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


for _language in QUESTION_LANGUAGES:
    _name = LANGUAGE_NAMES[_language]
    setattr(
        QuestionForm,
        f"prompt_{_language}",
        StringField(
            _l("Question in %(language)s", language=_name),
            filters=TEXT,
            validators=[max_length(500), NoControlChars()],
        ),
    )
    setattr(
        QuestionForm,
        f"help_text_{_language}",
        StringField(
            _l("Help text in %(language)s", language=_name),
            filters=TEXT,
            validators=[max_length(1000), NoControlChars()],
        ),
    )
    setattr(
        QuestionForm,
        f"options_{_language}",
        TextAreaField(
            _l("Options in %(language)s, one per line in the same order", language=_name),
            filters=TEXT,
            validators=[max_length(MAX_OPTIONS * (MAX_OPTION_LENGTH + 2)), NoControlChars()],
        ),
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


HIDE_REASONS = {
    "spam": _l("Spam"),
    "off_topic": _l("Off topic"),
    "duplicate": _l("Duplicate"),
    "personal_data": _l("Contains personal data"),
    "other": _l("Other"),
}


class HideForm(FlaskForm):
    reason = Select(_l("Reason"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reason.choices = [(key, str(label)) for key, label in HIDE_REASONS.items()]


class PostItForm(FlaskForm):
    question = Select(_l("Question the post-its answer"))
    lines_text = TextAreaField(
        _l("Post-its, one per line"),
        validators=[
            DataRequired(_l("Paste at least one line.")),
            NoControlChars(),
            max_length(MAX_POSTIT_LINES * (MAX_ANSWER_CHARS + 1)),
        ],
    )
    group = Select(_l("Written by (optional)"))

    def __init__(self, activity: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._questions = {str(q.id): q for q in activity.questions if q.kind.value == "text"}
        self.question.choices = [(key, q.prompt) for key, q in self._questions.items()]
        self.group.choices = [("", str(_l("Not known")))] + [
            (key, str(label)) for key, label in STAKEHOLDER_GROUPS.items()
        ]

    def question_id(self) -> Any:
        return self._questions[self.question.data]

    def lines(self) -> list[str]:
        return [line.strip() for line in (self.lines_text.data or "").splitlines() if line.strip()]

    def validate_lines_text(self, field: TextAreaField) -> None:
        lines = self.lines()
        if len(lines) > MAX_POSTIT_LINES:
            raise ValidationError(_l("At most %(n)d lines at a time.", n=MAX_POSTIT_LINES))
        if any(len(line.strip()) > MAX_ANSWER_CHARS for line in lines):
            raise ValidationError(
                _l("Each line can have at most %(n)d characters.", n=MAX_ANSWER_CHARS)
            )


class DeleteProjectForm(FlaskForm):
    confirm_name = StringField(
        _l("Type the project name to confirm"),
        filters=TEXT,
        validators=[*required(_l("Type the project name.")), max_length(200)],
    )

    def __init__(self, project: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._name = project.name

    def validate_confirm_name(self, field: StringField) -> None:
        if (field.data or "").strip() != self._name.strip():
            raise ValidationError(_l("The name does not match. Type it exactly as shown."))
