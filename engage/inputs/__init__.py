"""Input from every channel: reading a submitted form, and the one path that stores it."""

from engage.inputs.record import (
    count_responses,
    queue_follow_up,
    record_response,
    replace_answers,
)
from engage.inputs.submission import (
    MAX_ANSWER_CHARS,
    AnswerValue,
    Submission,
    clean_text,
    error_labels,
    question_field,
    read_submission,
    typed_texts,
)

__all__ = [
    "MAX_ANSWER_CHARS",
    "AnswerValue",
    "Submission",
    "clean_text",
    "count_responses",
    "error_labels",
    "question_field",
    "queue_follow_up",
    "read_submission",
    "record_response",
    "replace_answers",
    "typed_texts",
]
