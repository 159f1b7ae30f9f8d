"""Read a submitted form into answers, with a translated message per field that is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from engage.core.about import ABOUT_FIELDS, FIELD_LABELS, field_choices
from engage.core.forms import CONTROL_CHARS
from engage.core.text import without_bidi
from engage.models import Activity, Question, QuestionKind

MAX_ANSWER_CHARS = 2000
MAX_CHOICES = 20


@dataclass
class AnswerValue:
    question: Question
    text: str | None = None
    choices: list[str] | None = None
    scale: int | None = None


@dataclass
class Submission:
    """What a person sent: answers, about-you values, and what was wrong with them."""

    answers: list[AnswerValue] = field(default_factory=list)
    about: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def is_empty(self) -> bool:
        return not self.answers


def question_field(question: Question) -> str:
    return f"q{question.id}"


def read_submission(
    activity: Activity,
    form: MultiDict,
    about_fields: tuple[str, ...] | None = None,
    staff: bool = False,
) -> Submission:
    """Validate every question and about-you field of the activity (or the fields given).
    Internal questions are read only from the project group's own entry (`staff`)."""
    submission = Submission()
    for question in activity.questions if staff else activity.public_questions:
        name = question_field(question)
        try:
            value = _read_answer(question, form)
        except ValueError as error:
            submission.errors[name] = str(error)
            continue
        if value is None and question.is_required:
            submission.errors[name] = str(_l("Please answer this question."))
        elif value is not None:
            submission.answers.append(value)
    _read_about(activity, form, submission, about_fields)
    if submission.is_valid and submission.is_empty:
        submission.errors["form"] = str(_l("Write or choose at least one answer before sending."))
    return submission


def _read_answer(question: Question, form: MultiDict) -> AnswerValue | None:
    name = question_field(question)
    if question.kind is QuestionKind.TEXT:
        text = clean_text(form.get(name, ""))
        return AnswerValue(question, text=text) if text else None
    if question.kind is QuestionKind.SCALE:
        raw = form.get(name, "").strip()
        if not raw:
            return None
        if raw not in {"1", "2", "3", "4", "5"}:
            raise ValueError(_l("Choose a number from 1 to 5."))
        return AnswerValue(question, scale=int(raw))
    chosen = [value for value in form.getlist(name)[: MAX_CHOICES + 1] if value]
    if not chosen:
        return None
    if len(chosen) > MAX_CHOICES or any(value not in question.options for value in chosen):
        raise ValueError(_l("Choose among the options shown."))
    if question.kind is QuestionKind.SINGLE and len(chosen) > 1:
        raise ValueError(_l("Choose only one option."))
    return AnswerValue(question, choices=list(dict.fromkeys(chosen)))


def clean_text(raw: str) -> str:
    """Trimmed text; raises ValueError for control characters or too much text."""
    text = without_bidi(raw.replace("\r\n", "\n")).strip()
    if CONTROL_CHARS.search(text):
        raise ValueError(_l("The text contains characters that are not allowed."))
    if len(text) > MAX_ANSWER_CHARS:
        raise ValueError(
            _l(
                "At most %(max)d characters, you wrote %(n)d. Please shorten it.",
                max=MAX_ANSWER_CHARS,
                n=len(text),
            )
        )
    return text


def _read_about(
    activity: Activity, form: MultiDict, submission: Submission, fields: tuple[str, ...] | None
) -> None:
    for name in ABOUT_FIELDS:
        if name not in (activity.about_fields if fields is None else fields):
            continue
        value = form.get(f"about_{name}", "").strip()
        if not value:
            if name in activity.about_required and fields is None:
                submission.errors[f"about_{name}"] = str(_l("Please choose one."))
            continue
        if value not in field_choices(name, activity.project.areas or []):
            submission.errors[f"about_{name}"] = str(_l("Choose among the options shown."))
            continue
        submission.about[name] = value


def error_labels(activity: Activity, language: str | None = None) -> dict[str, str]:
    """What each field is called, so an error summary can say which question is meant
    (in the language the form shows its questions in, when given)."""
    labels = {
        f"q{q.id}": q.text_in(language).prompt if language else q.prompt for q in activity.questions
    }
    labels.update({f"about_{name}": str(label) for name, label in FIELD_LABELS.items()})
    return labels


def typed_texts(activity: Activity, form: MultiDict) -> list[str]:
    """The free texts someone sent, to show back when they cannot be stored (at most 20)."""
    texts = (form.get(f"q{q.id}", "").strip() for q in activity.questions)
    return [text for text in texts if text][:20]
