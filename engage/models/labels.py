"""Translated names of enum values, for pages and forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from engage.models import (
    ActivityKind,
    ActivityStatus,
    LanguageForm,
    MemberRole,
    QuestionKind,
    Role,
    RunStatus,
)

LABELS = {
    RunStatus.QUEUED: _l("Waiting"),
    RunStatus.RUNNING: _l("Running"),
    RunStatus.DONE: _l("Finished"),
    RunStatus.FAILED: _l("Failed"),
    ActivityKind.WORKSHOP: _l("Workshop (input meeting)"),
    ActivityKind.SURVEY: _l("Online survey"),
    ActivityKind.BUSINESS_SURVEY: _l("Business survey"),
    ActivityKind.INTERVIEW: _l("Interview notes"),
    ActivityKind.VOTE: _l("Vote on the candidate areas"),
    ActivityStatus.DRAFT: _l("Draft"),
    ActivityStatus.OPEN: _l("Open"),
    ActivityStatus.CLOSED: _l("Closed"),
    QuestionKind.TEXT: _l("Free text"),
    QuestionKind.SINGLE: _l("Single choice"),
    QuestionKind.MULTI: _l("Multiple choice"),
    QuestionKind.SCALE: _l("Scale 1–5"),
    LanguageForm.BOKMAAL: _l("Bokmål"),
    LanguageForm.NYNORSK: _l("Nynorsk"),
    MemberRole.LEADER: _l("Project leader"),
    MemberRole.VIEWER: _l("Read only"),
    Role.ADMIN: _l("Administrator"),
    Role.LEADER: _l("Project leader"),
    Role.VIEWER: _l("Read only"),
}


def label(value: object) -> str:
    """The translated name of an enum value."""
    return str(LABELS.get(value, value))  # type: ignore[call-overload]


def choices(enum_cls: type) -> list[tuple[str, str]]:
    """(value, label) pairs for a select field, in declaration order."""
    return [(member.value, label(member)) for member in enum_cls]


CHANNEL_LABELS = {
    "workshop": _l("Workshop"),
    "survey": _l("Online survey"),
    "business_survey": _l("Business survey"),
    "interview": _l("Interview"),
    "postit": _l("Post-it"),
    "vote": _l("Vote"),
}

# The Utviklingsanalysen's three indicators (Panda) a theme can be tagged with.
INDICATORS = {
    "arbeidsplasser": _l("Jobs (Arbeidsplasser)"),
    "robusthet": _l("Robustness (Robusthet)"),
    "utviklingsevne": _l("Capacity to develop (Utviklingsevne)"),
}
