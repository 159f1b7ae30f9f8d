"""A project with one object of every kind, for tests that send strange input everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask

from engage.extensions import db
from engage.inputs import AnswerValue, Submission, record_response
from engage.invite.tokens import hash_token, new_token
from engage.models import (
    ActivityKind,
    ActivityStatus,
    AnalysisRun,
    Contact,
    Invitation,
    InvitationMail,
    MailKind,
    MailStatus,
    RunStatus,
    Theme,
    ThemeMember,
    User,
)
from engage.review import create_activity, create_project
from engage.vote.services import create_vote
from tests.conftest import log_in


@dataclass
class World:
    """One project with an object of every kind, and the values of their URL parts."""

    params: dict[str, list[str]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    ids: dict[str, Any] = field(default_factory=dict)  # by kind: 'vote', 'interview' …


def _build(app: Flask, leader_id: int) -> World:
    world = World()
    with app.app_context():
        leader = db.session.get(User, leader_id)
        project = create_project(leader, kommune="Fuzzvik", name="Omstilling Fuzzvik")
        activities = {
            kind: create_activity(project, kind, f"Aktivitet {kind.value}")
            for kind in ActivityKind
            if kind is not ActivityKind.VOTE
        }
        for activity in activities.values():
            activity.status = ActivityStatus.OPEN
        workshop = activities[ActivityKind.WORKSHOP]
        text_question = next(q for q in workshop.questions if q.kind.value == "text")
        responses = [
            record_response(
                workshop,
                Submission([AnswerValue(text_question, text=f"Innspill nummer {n}")]),
                language="nb",
            )[0]
            for n in range(4)
        ]
        db.session.flush()
        run = AnalysisRun(project_id=project.id, status=RunStatus.DONE, progress=100)
        db.session.add(run)
        db.session.flush()
        theme = Theme(run_id=run.id, label="Bredbånd", pin_order=0)
        db.session.add(theme)
        db.session.flush()
        for response in responses:
            db.session.add(
                ThemeMember(run_id=run.id, answer_id=response.answers[0].id, theme_id=theme.id)
            )
        vote = create_vote(project, run, "Stem")
        vote.status = ActivityStatus.OPEN
        contact = Contact(project_id=project.id, name="Kari", email="kari@fisk.example")
        db.session.add(contact)
        db.session.flush()
        business = activities[ActivityKind.BUSINESS_SURVEY]
        invitation = Invitation(activity_id=business.id, contact_id=contact.id)
        db.session.add(invitation)
        db.session.flush()
        token = new_token()
        db.session.add(
            InvitationMail(
                invitation_id=invitation.id,
                kind=MailKind.INVITATION,
                status=MailStatus.SENT,
                token_hash=hash_token(token),
            )
        )
        db.session.commit()
        all_activities = [*activities.values(), vote]
        world.ids = {kind.value: a.id for kind, a in activities.items()} | {
            "vote": vote.id,
            "vote_code": vote.join_code,
        }
        questions = [q.id for a in all_activities for q in a.questions]
        bogus = ["0", "99999999999999999999", "2147483648"]
        world.params = {
            "project_id": [str(project.id), *bogus],
            "activity_id": [str(a.id) for a in all_activities] + bogus,
            "question_id": [str(q) for q in questions] + bogus,
            "response_id": [str(r.id) for r in responses] + bogus,
            "run_id": [str(run.id), *bogus],
            "theme_id": [str(theme.id), *bogus],
            "contact_id": [str(contact.id), *bogus],
            "invitation_id": [str(invitation.id), *bogus],
            "code": [a.join_code for a in all_activities] + ["XXXXXX", "%00"],
            "token": [token, "A" * 43, "%00"],
            "slug": [project.slug, "%00", "x"],
            "fmt": ["docx", "xlsx", "csv", "md", "json", "exe"],
            "kind": ["png", "svg", "pdf", "x"],
        }
    return world


@pytest.fixture
def world(app: Flask, client: Any, make_user: Any) -> World:
    """The world, with the client logged in as its project's leader."""
    leader = make_user("leader")
    built = _build(app, leader.id)
    log_in(client, leader)
    return built
