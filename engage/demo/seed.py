"""The demo project: an invented kommune with input in bokmål, nynorsk and English."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from engage.auth.passwords import generate_password, hash_password
from engage.auth.services import find_user
from engage.demo import texts
from engage.extensions import db
from engage.inputs import AnswerValue, Submission
from engage.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    AnalysisRun,
    Answer,
    LanguageForm,
    Project,
    Question,
    QuestionKind,
    Response,
    Role,
    User,
)
from engage.review.services import create_activity, create_project
from engage.themes import edits, runs, stats
from engage.vote import services

DEMO_SLUG = "demo-nordfjell"
DEMO_EMAIL = "leder@demo.example"
LANGUAGE_WEIGHTS = {"nb": 0.68, "nn": 0.22, "en": 0.10}

# (kind, title, place, status, days before today, number of responses)
ACTIVITIES = [
    (
        ActivityKind.WORKSHOP,
        "Innspillsmøte i samfunnshuset",
        "Nordfjell samfunnshus",
        ActivityStatus.OPEN,
        0,
        120,
    ),
    (
        ActivityKind.WORKSHOP,
        "Ungdomsverksted",
        "Nordfjell vidaregåande skule",
        ActivityStatus.CLOSED,
        14,
        40,
    ),
    (ActivityKind.SURVEY, "Innbyggerundersøkelse", "Nett", ActivityStatus.CLOSED, 30, 100),
    (
        ActivityKind.BUSINESS_SURVEY,
        "Næringslivsundersøkelse",
        "E-post",
        ActivityStatus.OPEN,
        21,
        48,
    ),
    (
        ActivityKind.INTERVIEW,
        "Intervjuer med nøkkelbedrifter",
        "Ulike steder",
        ActivityStatus.CLOSED,
        25,
        12,
    ),
    (
        ActivityKind.WORKSHOP,
        "Oppfølgingsmøte: prioritering",
        "Nordfjell samfunnshus",
        ActivityStatus.DRAFT,
        -30,
        0,
    ),
]


@dataclass
class DemoResult:
    project: Project
    leader: User
    password: str | None  # set only when the account was created or reset now
    open_workshop: Activity
    created: bool


def seed_demo(reset_password: bool = False, today: date | None = None) -> DemoResult:
    """Create the demo project once; running again changes nothing (but may reset the password)."""
    leader, password = _demo_leader(reset_password)
    project = db.session.scalar(select(Project).where(Project.slug == DEMO_SLUG))
    created = project is None
    if project is None:
        project = _create_demo_project(leader, today or date.today())
    workshop = next(
        a
        for a in project.activities
        if a.kind is ActivityKind.WORKSHOP and a.status is ActivityStatus.OPEN
    )
    return DemoResult(project, leader, password, workshop, created)


def _demo_leader(reset_password: bool) -> tuple[User, str | None]:
    user = find_user(DEMO_EMAIL)
    if user is not None and not reset_password:
        return user, None
    password = generate_password()
    if user is None:
        user = User(email=DEMO_EMAIL, name="Demo Leder", role=Role.LEADER)
        db.session.add(user)
    user.password_hash = hash_password(password)
    user.revoke_sessions()
    db.session.flush()
    return user, password


def _create_demo_project(leader: User, today: date) -> Project:
    project = create_project(
        leader,
        kommune="Nordfjell (demo)",
        name="Omstilling Nordfjell 2026–2032",
        language_form=LanguageForm.BOKMAAL,
        starts_on=today - timedelta(days=45),
        ends_on=today + timedelta(days=45),
        description=(
            "DEMODATA: Nordfjell er en oppdiktet kommune. Alle aktiviteter og innspill "
            "i dette prosjektet er laget for å vise hvordan engage virker."
        ),
        slug=DEMO_SLUG,
    )
    project.is_demo = True
    project.areas = list(texts.AREAS)
    project.privacy_contact = "personvernombud@nordfjell.example (demo)"
    rng = random.Random(2026)  # noqa: S311  # nosec B311  # (demo data, reproducible)
    for kind, title, place, status, days_ago, count in ACTIVITIES:
        activity = create_activity(
            project,
            kind,
            title,
            held_on=today - timedelta(days=days_ago),
            place=place,
            status=status,
        )
        activity.about_fields = ["stakeholder_group", "age_band", "area"]
        if kind is ActivityKind.BUSINESS_SURVEY:
            activity.about_fields = ["area", "sector"]
        held_at = datetime.combine(activity.held_on or today, datetime.min.time(), UTC)
        for n in range(count):
            _add_response(activity, rng, held_at + timedelta(hours=18, seconds=37 * n))
    db.session.flush()
    return project


def _add_response(activity: Activity, rng: random.Random, at: datetime) -> None:
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    business = activity.kind in (ActivityKind.BUSINESS_SURVEY, ActivityKind.INTERVIEW)
    response = Response(
        activity=activity,
        language=language,
        stakeholder_group="business" if business else rng.choice(texts.GROUPS),
        age_band=None if business else rng.choice([*texts.AGE_BANDS, None]),
        area=rng.choice([*texts.AREAS, None]),
        sector=rng.choice(texts.SECTORS) if business else None,
        channel=activity.kind.value,
        submitted_at=at.replace(second=0, microsecond=0),
    )
    db.session.add(response)
    for question in activity.questions:
        answer = _answer(question, language, rng)
        if answer is not None:
            response.answers.append(answer)


def _answer(question: Question, language: str, rng: random.Random) -> Answer | None:
    if not question.is_required and rng.random() < 0.25:
        return None
    if question.kind is QuestionKind.SCALE:
        return Answer(question=question, scale=rng.choice([2, 3, 3, 4, 4, 5]))
    if question.kind is QuestionKind.SINGLE:
        return Answer(question=question, choices=[rng.choice(question.options)])
    if question.kind is QuestionKind.MULTI:
        return Answer(question=question, choices=rng.sample(question.options, rng.randint(1, 3)))
    return Answer(question=question, text=_idea(question, language, rng))


def _idea(question: Question, language: str, rng: random.Random) -> str:
    if question.position == 0 and question.activity.kind is ActivityKind.WORKSHOP:
        return rng.choice(texts.STRENGTHS[language])
    if rng.random() < 0.06:
        return rng.choice(texts.NOISE[language])
    theme = rng.choice(list(texts.IDEAS))
    idea = rng.choice(texts.IDEAS[theme][language])
    opener = rng.choice(texts.OPENERS[language])
    return opener + (idea[0].lower() + idea[1:] if opener else idea)


def demo_analysis(project: Project, leader: User, use_embeddings: bool = True) -> AnalysisRun:
    """A stored analysis of the demo input with the four largest themes pinned."""
    run = runs.create_run(project, leader, {}, {"n_themes": 6, "use_embeddings": use_embeddings})
    db.session.commit()
    run = runs.execute_run(run)
    sizes = stats.summarise(run).sizes
    for theme in sorted(run.themes, key=lambda t: -sizes.get(t.id, 0))[:4]:
        edits.pin(run, leader, theme, True)
    db.session.commit()
    return run


VOTE_BALLOTS = 64
VOTE_COMMENTS = {
    "nb": "Dette kjenner jeg meg igjen i.",
    "nn": "Dette kjenner eg meg att i.",
    "en": "This is what we need most.",
}


def demo_vote(project: Project, run: AnalysisRun) -> Activity:
    """An open dot vote on the pinned themes, with ballots from the follow-up meeting."""
    vote = services.create_vote(project, run, "Stem på innsatsområdene")
    vote.status, vote.vote_mode, vote.vote_dots = ActivityStatus.OPEN, "dots", 3
    db.session.flush()
    options = services.options(vote)
    rng = random.Random(2032)  # noqa: S311  # nosec B311  # (demo data, reproducible)
    # The first areas get more dots, as a room usually agrees on one or two.
    weights = [len(options) - i + 1 for i in range(len(options))]
    for n in range(VOTE_BALLOTS):
        language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
        marks: dict[int, tuple[int, str | None]] = {}
        for option in rng.choices(options, weights=weights, k=3):
            marks[option.id] = (marks.get(option.id, (0, None))[0] + 1, None)
        about = {"stakeholder_group": rng.choice(texts.GROUPS), "area": rng.choice(texts.AREAS)}
        answers = []
        if rng.random() < 0.15 and options[0].question is not None:
            answers.append(AnswerValue(options[0].question, text=VOTE_COMMENTS[language]))
        given = services.BallotInput(marks=marks, comments=Submission(answers=answers, about=about))
        services.cast(vote, services.voter_key(f"demo-ballot-{n}"), given, language=language)
    db.session.flush()
    return vote
