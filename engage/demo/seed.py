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

DEMO_SLUG = "demo-fjordvik"
DEMO_EMAIL = "leder@demo.example"
LANGUAGE_WEIGHTS = {"nb": 0.62, "nn": 0.24, "en": 0.07, "pl": 0.07}

# (kind, title, place, status, days before today, number of responses)
ACTIVITIES = [
    (
        ActivityKind.WORKSHOP,
        "Innspillsmøte i samfunnshuset",
        "Fjordvik samfunnshus",
        ActivityStatus.OPEN,
        0,
        44,
    ),
    (
        ActivityKind.WORKSHOP,
        "Ungdomsverksted",
        "Fjordvik vidaregåande skule",
        ActivityStatus.CLOSED,
        14,
        16,
    ),
    (ActivityKind.SURVEY, "Innbyggerundersøkelse", "Nett", ActivityStatus.CLOSED, 30, 34),
    (
        ActivityKind.BUSINESS_SURVEY,
        "Næringslivsundersøkelse",
        "E-post",
        ActivityStatus.OPEN,
        21,
        18,
    ),
    (
        ActivityKind.INTERVIEW,
        "Intervjuer med nøkkelbedrifter",
        "Ulike steder",
        ActivityStatus.CLOSED,
        25,
        len(texts.INTERVIEWS),
    ),
    (
        ActivityKind.WORKSHOP,
        "Oppfølgingsmøte: prioritering",
        "Fjordvik samfunnshus",
        ActivityStatus.DRAFT,
        -30,
        0,
    ),
]
# Themes a firm writes about in the business survey.
BUSINESS_THEMES = ("jobs", "broadband", "ferry_road", "tourism", "housing")


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
        kommune="Fjordvik (demo)",
        name="Omstilling Fjordvik 2026–2032",
        language_form=LanguageForm.BOKMAAL,
        starts_on=today - timedelta(days=45),
        ends_on=today + timedelta(days=45),
        description=(
            "DEMODATA: Fjordvik er en oppdiktet kommune der fiskebruket legges ned. Alle "
            "aktiviteter og innspill i dette prosjektet er laget for å vise hvordan engage virker."
        ),
        slug=DEMO_SLUG,
    )
    project.is_demo = True
    project.areas = list(texts.AREAS)
    project.privacy_contact = "personvernombud@fjordvik.example (demo)"
    rng = random.Random(2026)  # noqa: S311  # nosec B311  # (demo data, reproducible)
    pool = _idea_pool(rng)
    # Firms' ideas are set aside first, so the citizens' activities do not use them up.
    firms = sum(n for kind, *_rest, n in ACTIVITIES if kind is ActivityKind.BUSINESS_SURVEY)
    firm_ideas = [_take(pool, BUSINESS_THEMES) for _ in range(firms)]
    strengths = list(texts.STRENGTHS)
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
            at = held_at + timedelta(hours=18, minutes=n)
            if kind is ActivityKind.INTERVIEW:
                _add_interview(activity, texts.INTERVIEWS[n], rng, at)
                continue
            business = kind is ActivityKind.BUSINESS_SURVEY
            language, idea = firm_ideas.pop(0) if business else _take(pool, None)
            strength = None
            if kind is ActivityKind.WORKSHOP and strengths and rng.random() < 0.45:
                strength = strengths.pop(0)[1]
            _add_response(activity, rng, at, language, idea, strength)
    db.session.flush()
    return project


def _idea_pool(rng: random.Random) -> list[tuple[str, str, str]]:
    """Every idea and noise text once, as (theme, language, text), in a shuffled order."""
    pool = [(theme, lang, text) for theme, items in texts.IDEAS.items() for lang, text in items]
    pool += [("noise", lang, text) for lang, text in texts.NOISE]
    rng.shuffle(pool)
    return pool


def _take(pool: list[tuple[str, str, str]], themes: tuple[str, ...] | None) -> tuple[str, str]:
    """The next idea (for a firm: on a business theme, not from the plant's workers)."""
    for n, (theme, language, text) in enumerate(pool):
        if themes is None or (theme in themes and language != "pl"):
            pool.pop(n)
            return language, text
    raise ValueError("the demo has fewer ideas than responses")


def _add_response(
    activity: Activity,
    rng: random.Random,
    at: datetime,
    language: str,
    idea: str,
    strength: str | None,
) -> None:
    business = activity.kind is ActivityKind.BUSINESS_SURVEY
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
    text_questions = [q for q in activity.questions if q.kind is QuestionKind.TEXT]
    strength_question = text_questions[0] if activity.kind is ActivityKind.WORKSHOP else None
    idea_questions = [q for q in text_questions if q is not strength_question]
    required = [q for q in idea_questions if q.is_required]
    idea_question = required[0] if required else rng.choice(idea_questions)
    for question in activity.questions:
        if question is idea_question:
            response.answers.append(Answer(question=question, text=idea))
        elif question is strength_question and strength:
            response.answers.append(Answer(question=question, text=strength))
        elif question.kind is not QuestionKind.TEXT:
            answer = _choice(question, rng)
            if answer is not None:
                response.answers.append(answer)


def _add_interview(
    activity: Activity, notes: dict[str, str], rng: random.Random, at: datetime
) -> None:
    """One interview note, typed in by the leader; background and follow-up are internal."""
    response = Response(
        activity=activity,
        language="nb",
        stakeholder_group="business",
        area=rng.choice(texts.AREAS),
        sector=notes["sector"],
        company_name=notes["company"],
        channel="interview",
        submitted_at=at.replace(second=0, microsecond=0),
    )
    db.session.add(response)
    keys = ("background", "points", "measures", "follow_up")
    for question, key in zip(activity.questions, keys, strict=False):
        response.answers.append(Answer(question=question, text=notes[key]))


def _choice(question: Question, rng: random.Random) -> Answer | None:
    if not question.is_required and rng.random() < 0.2:
        return None
    if question.kind is QuestionKind.SCALE:
        return Answer(question=question, scale=rng.choice([2, 3, 3, 4, 4, 5]))
    if question.kind is QuestionKind.SINGLE:
        return Answer(question=question, choices=[rng.choice(question.options)])
    return Answer(question=question, choices=rng.sample(question.options, rng.randint(1, 3)))


def demo_analysis(project: Project, leader: User, use_embeddings: bool = True) -> AnalysisRun:
    """A stored analysis of the demo input with the four largest themes pinned."""
    # What people want done, not the strengths they named: those are no innsatsområde.
    strengths = [a.questions[0].id for a in project.activities if a.kind is ActivityKind.WORKSHOP]
    ideas = [
        q.id
        for a in project.activities
        for q in a.questions
        if q.kind is QuestionKind.TEXT and q.id not in strengths
    ]
    selection = {"questions": ideas}
    params = {"n_themes": 6, "use_embeddings": use_embeddings}
    run = runs.create_run(project, leader, selection, params)
    db.session.commit()
    run = runs.execute_run(run)
    sizes = stats.summarise(run).sizes
    for theme in sorted(run.themes, key=lambda t: -sizes.get(t.id, 0))[:4]:
        edits.pin(run, leader, theme, True)
    db.session.commit()
    return run


VOTE_BALLOTS = 64


def demo_vote(project: Project, run: AnalysisRun) -> Activity:
    """An open dot vote on the pinned themes, with ballots from the follow-up meeting."""
    vote = services.create_vote(project, run, "Stem på innsatsområdene")
    vote.status, vote.vote_mode, vote.vote_dots = ActivityStatus.OPEN, "dots", 3
    db.session.flush()
    options = services.options(vote)
    rng = random.Random(2032)  # noqa: S311  # nosec B311  # (demo data, reproducible)
    # The first areas get more dots, as a room usually agrees on one or two.
    weights = [len(options) - i + 1 for i in range(len(options))]
    comments = list(texts.VOTE_COMMENTS)
    for n in range(VOTE_BALLOTS):
        language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
        marks: dict[int, tuple[int, str | None]] = {}
        for option in rng.choices(options, weights=weights, k=3):
            marks[option.id] = (marks.get(option.id, (0, None))[0] + 1, None)
        about = {"stakeholder_group": rng.choice(texts.GROUPS), "area": rng.choice(texts.AREAS)}
        answers = []
        if n % 10 == 3 and comments and options[0].question is not None:
            language, comment = comments.pop(0)
            answers.append(AnswerValue(options[0].question, text=comment))
        given = services.BallotInput(marks=marks, comments=Submission(answers=answers, about=about))
        services.cast(vote, services.voter_key(f"demo-ballot-{n}"), given, language=language)
    db.session.flush()
    return vote
