"""Votes on the candidate innsatsområder: make one, read and cast ballots, count results."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from engage.core.about import ABOUT_FIELDS
from engage.core.urls import parse_int
from engage.extensions import db
from engage.inputs import Submission, queue_follow_up, read_submission, record_response
from engage.invite import link_voter_keys
from engage.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    AnalysisRun,
    Answer,
    Ballot,
    BallotMark,
    Project,
    Question,
    QuestionKind,
    Response,
    VoteOption,
)
from engage.models.base import utcnow_minute
from engage.review import create_activity
from engage.themes import pinned_themes

MODES = ("dots", "agree")
STANCES = ("agree", "neutral", "disagree")
MAX_DOTS = 10


def voter_key(token: str) -> str:
    """What is stored for a voter: a hash of their session's random ballot token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_vote(project: Project, run: AnalysisRun, title: str) -> Activity:
    """A draft vote whose options are the run's pinned themes, in order."""
    activity = create_activity(project, ActivityKind.VOTE, title, with_questions=False)
    activity.about_fields = ["stakeholder_group", "age_band", "area"]
    with force_locale(project.language_form.value):
        for position, theme in enumerate(pinned_themes(run)):
            question = Question(
                activity=activity,
                kind=QuestionKind.TEXT,
                position=position,
                prompt=str(_l("Comment on «%(label)s»", label=theme.label)),
            )
            db.session.add(question)
            db.session.add(
                VoteOption(
                    activity=activity,
                    position=position,
                    label=theme.label,
                    description=theme.description,
                    theme_id=theme.id,
                    question=question,
                )
            )
    db.session.flush()
    return activity


def options(activity: Activity) -> list[VoteOption]:
    return list(
        db.session.scalars(
            select(VoteOption)
            .where(VoteOption.activity_id == activity.id)
            .order_by(VoteOption.position)
        )
    )


@dataclass
class BallotInput:
    marks: dict[int, tuple[int, str | None]] = field(default_factory=dict)
    comments: Submission = field(default_factory=Submission)
    errors: dict[str, str] = field(default_factory=dict)


def read_ballot(activity: Activity, form: MultiDict) -> BallotInput:
    """Validate dots or stances, comments and about-you fields."""
    ballot = BallotInput()
    total = 0
    for option in options(activity):
        raw = form.get(f"o{option.id}", "").strip()
        if activity.vote_mode == "dots":
            dots = parse_int(raw or "0", high=activity.vote_dots)
            if dots is None:
                ballot.errors[f"o{option.id}"] = str(
                    _l("Give from 0 to %(n)d dots.", n=activity.vote_dots)
                )
                continue
            total += dots
            if dots:
                ballot.marks[option.id] = (dots, None)
        elif raw:
            if raw not in STANCES:
                ballot.errors[f"o{option.id}"] = str(_l("Choose among the options shown."))
                continue
            ballot.marks[option.id] = (0, raw)
    if activity.vote_mode == "dots" and total > activity.vote_dots:
        ballot.errors["form"] = str(
            _l(
                "You gave %(total)d dots, but you have %(n)d. Take some away.",
                total=total,
                n=activity.vote_dots,
            )
        )
    comments = read_submission(activity, form)
    ballot.comments = comments
    ballot.errors.update({k: v for k, v in comments.errors.items() if k != "form"})
    if not ballot.marks and not ballot.errors:
        ballot.errors["form"] = str(_l("Give at least one area your vote before sending."))
    return ballot


def current_ballot(activity: Activity, key: str) -> Ballot | None:
    return db.session.scalar(
        select(Ballot).where(Ballot.activity_id == activity.id, Ballot.voter_key == key)
    )


def cast(activity: Activity, key: str, given: BallotInput, language: str) -> Ballot:
    """Store or replace this voter's ballot; one per voter key, whatever the timing."""
    if activity.status is not ActivityStatus.OPEN:
        raise ValueError("vote is closed")
    ballot = current_ballot(activity, key)
    if ballot is None:
        try:
            with db.session.begin_nested():
                ballot = Ballot(activity_id=activity.id, voter_key=key)
                db.session.add(ballot)
        except IntegrityError:  # a simultaneous submit from the same voter won
            ballot = current_ballot(activity, key)
    # Updating the ballot row first takes its lock, so two submits of one ballot replace
    # the marks one after the other instead of colliding.
    about = {name: given.comments.about.get(name) for name in ABOUT_FIELDS}
    db.session.execute(
        update(Ballot)
        .where(Ballot.id == ballot.id)
        .values(language=language, cast_at=utcnow_minute(), **about)
    )
    db.session.execute(delete(BallotMark).where(BallotMark.ballot_id == ballot.id))
    if given.marks:
        db.session.execute(
            insert(BallotMark),
            [
                {"ballot_id": ballot.id, "option_id": option_id, "dots": dots, "stance": stance}
                for option_id, (dots, stance) in given.marks.items()
            ],
        )
    _store_comments(activity, ballot.id, given.comments, language)
    db.session.expire(ballot)
    return ballot


def _answer_ids(response_id: int) -> list[int]:
    return list(db.session.scalars(select(Answer.id).where(Answer.response_id == response_id)))


def _store_comments(
    activity: Activity, ballot_id: int, comments: Submission, language: str
) -> None:
    """Comments flow into the input like any other response (channel "vote")."""
    response_id = db.session.scalar(select(Ballot.response_id).where(Ballot.id == ballot_id))
    if response_id is not None:
        db.session.execute(delete(Answer).where(Answer.response_id == response_id))
        if comments.answers:
            db.session.execute(
                insert(Answer),
                [
                    {"response_id": response_id, "question_id": v.question.id, "text": v.text}
                    for v in comments.answers
                ],
            )
            queue_follow_up(activity.project_id, _answer_ids(response_id))
            return
        db.session.execute(update(Ballot).where(Ballot.id == ballot_id).values(response_id=None))
        db.session.execute(delete(Response).where(Response.id == response_id))
        return
    if comments.answers:
        response, _created = record_response(activity, comments, language=language, channel="vote")
        db.session.flush()
        db.session.execute(
            update(Ballot).where(Ballot.id == ballot_id).values(response_id=response.id)
        )


@dataclass
class OptionResult:
    option: VoteOption
    dots: int = 0
    agree: int = 0
    neutral: int = 0
    disagree: int = 0
    by_group: dict[str, int] = field(default_factory=dict)


def results(activity: Activity) -> tuple[list[OptionResult], int]:
    """Totals per area (dots, or agree/neutral/disagree) and by group; and ballots cast."""
    by_option = {o.id: OptionResult(o) for o in options(activity)}
    rows = db.session.execute(
        select(BallotMark.option_id, BallotMark.dots, BallotMark.stance, Ballot.stakeholder_group)
        .join(Ballot, BallotMark.ballot_id == Ballot.id)
        .where(Ballot.activity_id == activity.id)
    ).all()
    groups: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for option_id, dots, stance, group in rows:
        result = by_option.get(option_id)
        if result is None:
            continue
        weight = dots if activity.vote_mode == "dots" else (1 if stance == "agree" else 0)
        result.dots += dots
        if stance:
            setattr(result, stance, getattr(result, stance) + 1)
        groups[option_id][group or ""] += weight
    for option_id, counts in groups.items():
        by_option[option_id].by_group = dict(sorted(counts.items(), key=lambda kv: -kv[1]))
    ballots = (
        db.session.scalar(
            select(db.func.count()).select_from(Ballot).where(Ballot.activity_id == activity.id)
        )
        or 0
    )
    return list(by_option.values()), ballots


def comment_values(activity: Activity, ballot: Ballot | None) -> dict[str, str]:
    """The voter's earlier comments, for showing the ballot again."""
    if ballot is None or not ballot.response_id:
        return {}
    response = db.session.get(Response, ballot.response_id)
    return {f"q{a.question_id}": a.text or "" for a in (response.answers if response else [])}


def link_ballots(vote: Activity) -> int:
    """Ballots cast through business contacts' personal links in this vote."""
    keys = link_voter_keys(vote.project_id)
    count = 0
    for start in range(0, len(keys), 500):  # bounded IN lists
        count += (
            db.session.scalar(
                select(db.func.count())
                .select_from(Ballot)
                .where(
                    Ballot.activity_id == vote.id, Ballot.voter_key.in_(keys[start : start + 500])
                )
            )
            or 0
        )
    return count
