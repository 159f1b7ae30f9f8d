"""Ready-made questions for each kind of activity, so a leader starts in seconds.

Source strings are English; they are written into the project's language form
(bokmål or nynorsk) when the activity is created.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from engage.models import ActivityKind, Question, QuestionKind
from engage.models.activity import QUESTION_LANGUAGES


@dataclass(frozen=True)
class QuestionTemplate:
    kind: QuestionKind
    prompt: object
    help_text: object = ""
    is_required: bool = False
    options: tuple[object, ...] = field(default_factory=tuple)
    internal: bool = False  # notes for the project group, never analysed or published

    def texts(self) -> dict[str, object]:
        """Prompt, help text and options in the current locale."""
        return {
            "prompt": str(self.prompt),
            "help_text": str(self.help_text),
            "options": [str(option) for option in self.options],
        }

    def build(self, canonical: str, position: int) -> Question:
        """The question in the project's language form, with the other languages beside it."""
        texts = {}
        for language in QUESTION_LANGUAGES:
            with force_locale(language):
                texts[language] = self.texts()
        main = texts.pop(canonical)
        return Question(
            kind=self.kind,
            is_required=self.is_required,
            internal=self.internal,
            position=position,
            translations=texts,
            **main,
        )


WORKSHOP = (
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("What is the greatest strength of our community?"),
        _l("Think of people, nature, businesses, culture, location."),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("What is the biggest challenge we must solve?"),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("Which opportunities should we grasp in the next five years?"),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("What should the kommune invest in first?"),
        _l("One concrete idea is enough."),
        True,
    ),
)

SURVEY = (
    QuestionTemplate(
        QuestionKind.SCALE,
        _l("How optimistic are you about the future of the community?"),
        _l("1 = not at all, 5 = very optimistic"),
    ),
    QuestionTemplate(
        QuestionKind.MULTI,
        _l("Which areas matter most for new jobs here?"),
        _l("Choose up to three."),
        options=(
            _l("Tourism and experiences"),
            _l("Industry and manufacturing"),
            _l("Aquaculture and fisheries"),
            _l("Agriculture and food"),
            _l("Energy and green transition"),
            _l("Public services"),
            _l("Start-ups and entrepreneurship"),
        ),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("What would make you or your family stay or move here?"),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("What should the kommune invest in first?"),
        _l("One concrete idea is enough."),
        True,
    ),
)

BUSINESS_SURVEY = (
    QuestionTemplate(
        QuestionKind.SINGLE,
        _l("What are your plans for the business in the next three years?"),
        options=(
            _l("Grow"),
            _l("Keep the current size"),
            _l("Reduce"),
            _l("Close down or sell"),
            _l("Do not know"),
        ),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("What stands in the way of growth for your business?"),
        _l("For example skills, premises, capital, transport, broadband, regulations."),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("Which skills will you need that are hard to find locally?"),
    ),
    QuestionTemplate(
        QuestionKind.SCALE,
        _l("How interested are you in working with other local businesses?"),
        _l("1 = not at all, 5 = very interested"),
    ),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("What could the omstilling programme do for your business?"),
    ),
)

# The leader types these in; background and follow-up stay with the project group.
INTERVIEW = (
    QuestionTemplate(
        QuestionKind.TEXT, _l("Background: who was interviewed (role, sector)"), internal=True
    ),
    QuestionTemplate(QuestionKind.TEXT, _l("Main points from the conversation"), is_required=True),
    QuestionTemplate(QuestionKind.TEXT, _l("Proposed measures")),
    QuestionTemplate(
        QuestionKind.TEXT,
        _l("Follow-up"),
        _l("Agreements, who calls whom and when. Internal: not analysed or published."),
        internal=True,
    ),
)

QUESTION_SETS: dict[ActivityKind, tuple[QuestionTemplate, ...]] = {
    ActivityKind.WORKSHOP: WORKSHOP,
    ActivityKind.SURVEY: SURVEY,
    ActivityKind.BUSINESS_SURVEY: BUSINESS_SURVEY,
    ActivityKind.INTERVIEW: INTERVIEW,
    ActivityKind.VOTE: (),  # a vote's questions are the comments on its areas
}
