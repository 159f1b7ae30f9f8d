"""The plan summary as plain data, built from the project and a stored analysis run.

The Word document, the Markdown export and the HTML preview all render this one structure,
so they always say the same. Quotes carry a short reference that the input
list in the appendix uses too: "I-<number>", the response's number within its project, the same
reference the app, the spreadsheet and the public page show. Quotes never come from input marked
not relevant in the run, nor from questions marked internal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from engage.core.about import AGE_BANDS
from engage.extensions import db
from engage.invite import survey_overview
from engage.models import (
    Activity,
    AnalysisRun,
    Answer,
    Project,
    QuestionKind,
    Response,
    Theme,
    ThemeEdit,
    ThemeMember,
)
from engage.models.response import response_ref
from engage.report.anonymise import mask
from engage.themes import adopted_run, pinned_themes, summarise
from engage.vote import results

IDEA_WORDS = ("invest", "satse", "tiltak", "measure", "gjøre", "gjere", "forslag", "idé")
QUOTES_PER_THEME = 4
IDEAS_PER_THEME = 10
YOUNG_BANDS = {"under 20", "20-29"}


def ref(answer: Answer) -> str:
    """The short reference a quote cites and the appendix lists: its response's number."""
    return response_ref(answer.response.number)


def is_internal(question: object) -> bool:
    """Questions marked internal are for the project team: never quoted."""
    return bool(getattr(question, "internal", False))


@dataclass
class Quote:
    ref: str
    text: str


@dataclass
class ActivityLine:
    title: str
    kind: str
    held_on: date | None
    place: str
    responses: int


@dataclass
class Participation:
    activities: list[ActivityLine]
    total: int
    by_channel: list[tuple[str, int]]
    by_group: list[tuple[str, int]]
    by_age: list[tuple[str, int]]
    by_area: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]
    by_language: list[tuple[str, int]]
    gaps: list[tuple[str, dict]]  # message id and its values, said plainly in the document
    business_rates: list[tuple[str, int, int, int]] = field(default_factory=list)
    interviewed_firms: int = 0


@dataclass
class QuestionSummary:
    activity: str
    number: int  # within its activity, as in the questionnaire
    prompt: str
    kind: str
    answered: int
    distribution: list[tuple[str, int]] = field(default_factory=list)
    themes: list[tuple[str, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class AreaSummary:
    label: str
    description: str
    size: int
    share: float
    by_group: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]
    quotes: list[Quote]
    ideas: list[Quote]
    indicators: list[str]
    terms: list[str]


@dataclass
class Summary:
    project: Project
    run: AnalysisRun | None
    generated_on: date
    participation: Participation
    questions: list[QuestionSummary]
    areas: list[AreaSummary]
    others: list[tuple[str, int]]  # themes considered and not chosen
    coverage: float
    edits: list[tuple[str, int]]
    questionnaires: list[tuple[str, list[str]]]
    inputs_by_theme: list[tuple[str, list[Quote]]]
    votes: list[VoteSummary] = field(default_factory=list)
    excluded: int = 0  # input marked not relevant in the run


@dataclass
class VoteSummary:
    title: str
    mode: str
    ballots: int
    rows: list  # engage.vote.services.OptionResult
    comments: dict[int, list[Quote]] = field(default_factory=dict)  # option id -> comments


def build_summary(
    project: Project, run: AnalysisRun | None = None, today: date | None = None
) -> Summary:
    """Everything the plan summary says, from the database and one stored run."""
    run = run or adopted_run(project)
    responses = list(
        db.session.scalars(
            select(Response)
            .join(Activity)
            .where(Activity.project_id == project.id, Response.is_hidden.is_(False))
            .options(selectinload(Response.answers))
            .order_by(Response.number)
        )
    )
    placement = _placement(run)
    hidden = _not_quoted(run, project)
    pinned = pinned_themes(run) if run else []
    stats = summarise(run) if run else None
    return Summary(
        project=project,
        run=run,
        generated_on=today or date.today(),
        participation=_participation(project, responses),
        questions=_questions(project, responses, placement, hidden),
        areas=[
            _area(run, theme, stats, responses, _idea_questions(project), hidden)
            for theme in pinned
        ],
        others=[(t.label, stats.sizes.get(t.id, 0)) for t in run.themes if not t.is_pinned]
        if run
        else [],
        coverage=stats.coverage(pinned) if stats else 0.0,
        edits=_edits(run),
        questionnaires=[
            (a.title, [q.prompt for q in a.questions if not is_internal(q)])
            for a in project.activities
            if not a.kind.is_ballot
        ],
        inputs_by_theme=_inputs_by_theme(run, placement, responses, hidden),
        votes=_votes(project, responses, hidden),
        excluded=stats.excluded if stats else 0,
    )


def _not_quoted(run: AnalysisRun | None, project: Project) -> set[int]:
    """Answers never quoted: marked not relevant in the run, or to an internal question."""
    excluded = set(
        db.session.scalars(
            select(ThemeMember.answer_id).where(
                ThemeMember.run_id == run.id, ThemeMember.is_excluded.is_(True)
            )
        )
        if run
        else []
    )
    internal = {q.id for a in project.activities for q in a.questions if is_internal(q)}
    if internal:
        excluded |= set(
            db.session.scalars(select(Answer.id).where(Answer.question_id.in_(internal)))
        )
    return excluded


def _votes(project: Project, responses: list[Response], hidden: set[int]) -> list[VoteSummary]:
    """Results of every vote on the candidate areas, the split by group, and the comments."""
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for r in responses:
        for a in r.answers:
            if a.text and a.id not in hidden:
                by_question[a.question_id].append(a)
    found = []
    for activity in project.activities:
        if activity.kind.is_ballot:
            rows, ballots = results(activity)
            comments = {
                r.option.id: [
                    Quote(ref(a), mask(a.text))
                    for a in sorted(by_question.get(r.option.question_id, []), key=lambda a: a.id)
                ]
                for r in rows
                if r.option.question_id
            }
            found.append(VoteSummary(activity.title, activity.vote_mode, ballots, rows, comments))
    return found


def _counts(values) -> list[tuple[str, int]]:
    return sorted(Counter(v for v in values if v).items(), key=lambda kv: (-kv[1], kv[0]))


def _participation(project: Project, responses: list[Response]) -> Participation:
    per_activity = Counter(r.activity_id for r in responses)
    lines = [
        ActivityLine(a.title, a.kind.value, a.held_on, a.place, per_activity[a.id])
        for a in project.activities
    ]
    order = list(AGE_BANDS)
    by_age = sorted(
        _counts(r.age_band for r in responses),
        key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order),
    )
    by_area = _counts(r.area for r in responses)
    return Participation(
        activities=lines,
        total=len(responses),
        by_channel=_counts(r.channel for r in responses),
        by_group=_counts(r.stakeholder_group for r in responses),
        by_age=by_age,
        by_area=by_area,
        by_sector=_counts(r.sector for r in responses),
        by_language=_counts(r.language for r in responses),
        gaps=_gaps(project, responses, by_age, by_area),
        business_rates=_business_rates(project),
        interviewed_firms=_interviewed_firms(project, responses),
    )


def _interviewed_firms(project: Project, responses: list[Response]) -> int:
    """How many firms were interviewed (distinct names, else one per interview). The model
    records no consent to be named, so the document gives the count, never the names."""
    interviews = {a.id for a in project.activities if a.kind.value == "interview"}
    named = {
        (r.company_name or r.org_number or f"#{r.id}").strip().lower()
        for r in responses
        if r.activity_id in interviews
    }
    return len(named)


def _business_rates(project: Project) -> list[tuple[str, int, int, int]]:
    """(survey, invited, answered, percent) for each business survey sent by e-mail."""
    rates = []
    for activity in project.activities:
        if activity.kind.takes_invitations:
            counts = survey_overview(activity)
            if counts.invited:
                rates.append((activity.title, counts.invited, counts.answered, counts.percent))
    return rates


def _gaps(project: Project, responses: list[Response], by_age, by_area) -> list[tuple[str, dict]]:
    """Groups that are thin or missing, as (message, values) for the document to say."""
    gaps: list[tuple[str, dict]] = []
    stated = sum(n for _, n in by_age)
    young = sum(n for band, n in by_age if band in YOUNG_BANDS)
    if stated and young / stated < 0.15:
        gaps.append(("few_young", {"share": round(100 * young / stated), "n": young}))
    heard = {area for area, _ in by_area}
    for area in project.areas or []:
        if area not in heard:
            gaps.append(("no_area", {"area": area}))
    groups = {r.stakeholder_group for r in responses}
    for group in ("business", "youth"):
        if group not in groups:
            gaps.append(("no_group", {"group": group}))
    return gaps


def _placement(run: AnalysisRun | None) -> dict[int, Theme | None]:
    if run is None:
        return {}
    themes = {t.id: t for t in run.themes}
    return {
        m.answer_id: themes.get(m.theme_id)
        for m in db.session.scalars(
            select(ThemeMember).where(
                ThemeMember.run_id == run.id, ThemeMember.is_excluded.is_(False)
            )
        )
    }


def _questions(project, responses, placement, hidden: set[int]) -> list[QuestionSummary]:
    answers: dict[int, list[Answer]] = defaultdict(list)
    for r in responses:
        for a in r.answers:
            answers[a.question_id].append(a)
    result = []
    for activity in project.activities:
        if activity.kind.is_ballot:
            continue  # ballot comments are under Forankring
        for number, q in enumerate(activity.questions, start=1):
            given = answers.get(q.id, [])
            item = QuestionSummary(activity.title, number, q.prompt, q.kind.value, len(given))
            if q.kind is QuestionKind.SCALE:
                item.distribution = [
                    (str(n), sum(1 for a in given if a.scale == n)) for n in range(1, 6)
                ]
            elif q.kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
                counts = Counter(c for a in given for c in a.choices or [])
                item.distribution = [(o, counts.get(o, 0)) for o in q.options]
            else:
                themes = Counter(
                    placement[a.id].label for a in given if placement.get(a.id) is not None
                )
                item.themes = themes.most_common(5)
                quotable = [a for a in given if a.id not in hidden]
                item.quotes = [Quote(ref(a), mask(a.text)) for a in _varied(quotable, 3)]
            if given:
                result.append(item)
    return result


def _varied(answers: list[Answer], limit: int) -> list[Answer]:
    """Up to `limit` answers that do not repeat each other, longer ones first."""
    seen, chosen = set(), []
    for a in sorted(answers, key=lambda a: (-len(a.text or ""), a.id)):
        key = (a.text or "").lower()[:40]
        if a.text and key not in seen and 12 <= len(a.text) <= 400:
            seen.add(key)
            chosen.append(a)
        if len(chosen) == limit:
            break
    return chosen


def _idea_questions(project: Project) -> set[int]:
    """Questions that ask what to do: their answers are the raw material for tiltak."""
    return {
        q.id
        for a in project.activities
        for q in a.questions
        if any(word in q.prompt.lower() for word in IDEA_WORDS)
    }


def _area(
    run, theme: Theme, stats, responses: list[Response], idea_ids: set[int], hidden: set[int]
) -> AreaSummary:
    member_ids = set(
        db.session.scalars(
            select(ThemeMember.answer_id).where(
                ThemeMember.run_id == run.id, ThemeMember.theme_id == theme.id
            )
        )
    )
    owners = [r for r in responses if any(a.id in member_ids for a in r.answers)]
    texts = [a for r in responses for a in r.answers if a.id in member_ids and a.id not in hidden]
    by_id = {a.id: a for a in texts}
    quotes = [by_id[i] for i in theme.quotes if i in by_id]
    quotes += [a for a in _varied(texts, QUOTES_PER_THEME) if a not in quotes]
    ideas = [a for a in texts if a.question_id in idea_ids]
    return AreaSummary(
        label=theme.label or ", ".join((theme.terms or [])[:3]) or "–",
        description=theme.description,
        size=stats.sizes.get(theme.id, 0),
        share=stats.share(stats.sizes.get(theme.id, 0)),
        by_group=_counts(r.stakeholder_group for r in owners),
        by_sector=_counts(r.sector for r in owners),
        quotes=[Quote(ref(a), mask(a.text)) for a in quotes[:QUOTES_PER_THEME]],
        ideas=[Quote(ref(a), mask(a.text)) for a in _varied(ideas or texts, IDEAS_PER_THEME)],
        indicators=list(theme.indicators or []),
        terms=list(theme.terms or []),
    )


def _edits(run: AnalysisRun | None) -> list[tuple[str, int]]:
    """What people changed, as (kind, count): inputs marked not relevant, themes merged (how
    many were folded in), renamed, split, created, inputs moved, areas chosen."""
    if run is None:
        return []
    counts: Counter[str] = Counter()
    renamed: set[int] = set()
    for action, details in db.session.execute(
        select(ThemeEdit.action, ThemeEdit.details).where(ThemeEdit.run_id == run.id)
    ):
        details = details or {}
        if action == "merge":
            counts["merged"] += len(details.get("merged") or [])
        elif action == "rename":
            renamed.add(details.get("theme"))
        elif action == "move":
            counts["moved"] += len(details.get("answers") or [])
        elif action in ("split", "create"):
            counts[action] += 1
    counts["renamed"] = len(renamed)
    counts["excluded"] = int(
        db.session.scalar(
            select(func.count()).where(
                ThemeMember.run_id == run.id, ThemeMember.is_excluded.is_(True)
            )
        )
        or 0
    )
    counts["pinned"] = sum(1 for t in run.themes if t.is_pinned)
    order = ("excluded", "merged", "split", "create", "renamed", "moved", "pinned")
    return [(kind, counts[kind]) for kind in order if counts[kind]]


def _inputs_by_theme(run, placement, responses, hidden) -> list[tuple[str, list[Quote]]]:
    """The full anonymised input list, grouped by theme, each with its reference."""
    groups: dict[str, list[Quote]] = defaultdict(list)
    order = [
        t.label
        for t in (
            sorted(run.themes, key=lambda t: (t.pin_order is None, t.pin_order or 0, t.position))
            if run
            else []
        )
    ]
    for r in responses:
        for a in r.answers:
            if a.text and a.id not in hidden:
                theme = placement.get(a.id)
                key = theme.label if theme else ""
                groups[key].append(Quote(ref(a), mask(a.text)))
    return [(label, groups[label]) for label in [*order, ""] if groups.get(label)]
