"""Forms of the theme workspace."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import IntegerField, RadioField
from wtforms.validators import NumberRange, Optional

from engage.core.about import STAKEHOLDER_GROUPS
from engage.core.forms import CONTROL_CHARS, MultiCheckbox
from engage.models import Project, QuestionKind
from engage.models.labels import CHANNEL_LABELS

MAX_LABEL = 200
MAX_DESCRIPTION = 2000


class RunForm(FlaskForm):
    activities = MultiCheckbox(_l("Activities"))
    questions = MultiCheckbox(_l("Questions"))
    channels = MultiCheckbox(_l("Channels"))
    groups = MultiCheckbox(_l("Groups"))
    mode = RadioField(_l("Number of themes"), default="auto")
    min_themes = IntegerField(
        _l("At least"), default=3, validators=[Optional(), NumberRange(2, 12)]
    )
    max_themes = IntegerField(_l("At most"), default=8, validators=[Optional(), NumberRange(2, 12)])
    n_themes = IntegerField(_l("Exactly"), default=4, validators=[Optional(), NumberRange(2, 12)])

    def __init__(self, project: Project, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activities.choices = [(str(a.id), a.title) for a in project.activities]
        self.questions.choices = [
            (str(q.id), f"{a.title}: {q.prompt}")
            for a in project.activities
            for q in a.questions
            if q.kind is QuestionKind.TEXT
        ]
        self.channels.choices = [(k, str(v)) for k, v in CHANNEL_LABELS.items()]
        self.groups.choices = [(k, str(v)) for k, v in STAKEHOLDER_GROUPS.items()]
        self.mode.choices = [
            ("auto", str(_l("Automatic, between"))),
            ("fixed", str(_l("Fixed number"))),
        ]

    def selection(self) -> dict[str, list]:
        return {
            name: getattr(self, name).data or []
            for name in ("activities", "questions", "channels", "groups")
        }

    def params(self) -> dict[str, Any]:
        fixed = self.mode.data == "fixed"
        return {
            "n_themes": self.n_themes.data if fixed else None,
            "min_themes": self.min_themes.data or 3,
            "max_themes": self.max_themes.data or 8,
        }


def read_ids(form: MultiDict, name: str, limit: int = 5_000) -> list[int]:
    """Integer ids from repeated form fields; anything else is ignored."""
    return [int(v) for v in form.getlist(name)[:limit] if v.isdigit() and len(v) < 12]


def read_label(form: MultiDict) -> tuple[str, str, str | None]:
    """Label and description from a form, with a translated error when they are not usable."""
    label = form.get("label", "").strip()
    description = form.get("description", "").strip()
    if not label:
        return label, description, _("Give the theme a name.")
    if len(label) > MAX_LABEL or len(description) > MAX_DESCRIPTION:
        return (
            label,
            description,
            _(
                "The name can have at most %(label)d characters and the "
                "description %(description)d.",
                label=MAX_LABEL,
                description=MAX_DESCRIPTION,
            ),
        )
    if CONTROL_CHARS.search(label + description):
        return label, description, _("The text contains characters that are not allowed.")
    return label, description, None


ACTION_LABELS = {
    "rename": _l("Renamed"),
    "create": _l("Created a theme"),
    "merge": _l("Merged themes"),
    "split": _l("Split a theme"),
    "move": _l("Moved input"),
    "exclude": _l("Marked input as not relevant"),
    "include": _l("Brought input back"),
    "reviewed": _l("Reviewed new input"),
    "pin": _l("Chose as innsatsområde"),
    "unpin": _l("Removed as innsatsområde"),
    "reorder": _l("Changed the order of innsatsområder"),
    "adopt": _l("Adopted for the plan"),
}
