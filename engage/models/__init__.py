"""Models, one module per aggregate."""

from engage.models.activity import Activity, ActivityKind, ActivityStatus, Question, QuestionKind
from engage.models.audit import AuditEvent
from engage.models.invitation import (
    Contact,
    ContactImport,
    Invitation,
    InvitationMail,
    InvitationMessage,
    MailKind,
    MailStatus,
)
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
from engage.models.vote import Ballot, BallotMark, VoteOption

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityStatus",
    "AnalysisRun",
    "Answer",
    "AnswerEmbedding",
    "AuditEvent",
    "Ballot",
    "BallotMark",
    "Contact",
    "ContactImport",
    "Invitation",
    "InvitationMail",
    "InvitationMessage",
    "LanguageForm",
    "MailKind",
    "MailStatus",
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
    "VoteOption",
]
