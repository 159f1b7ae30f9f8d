"""Models, one module per aggregate."""

from engage.models.activity import Activity, ActivityKind, ActivityStatus, Question, QuestionKind
from engage.models.project import LanguageForm, MemberRole, Membership, Project
from engage.models.response import Answer, Response
from engage.models.theme import (
    AnalysisRun,
    AnswerEmbedding,
    RunStatus,
    Theme,
    ThemeEdit,
    ThemeMember,
)
from engage.models.user import Role, User

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityStatus",
    "AnalysisRun",
    "Answer",
    "AnswerEmbedding",
    "LanguageForm",
    "MemberRole",
    "Membership",
    "Project",
    "Question",
    "QuestionKind",
    "Response",
    "Role",
    "RunStatus",
    "Theme",
    "ThemeEdit",
    "ThemeMember",
    "User",
]
