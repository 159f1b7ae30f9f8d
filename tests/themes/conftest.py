"""A project with enough varied input to form themes."""

from __future__ import annotations

import pytest

from engage.core import jobs
from engage.inputs import AnswerValue, Submission, record_response
from engage.models import Activity

TEXTS = {
    "broadband": [
        "Bredbånd og fiber til alle grendene",
        "Bedre mobildekning og bredbånd i bygda",
        "Fiber til hele kommunen så folk kan jobbe hjemmefra",
        "Raskere bredbånd på landet",
        "Meir breiband og betre mobildekning",
        "Reliable broadband so people can work remotely",
    ],
    "tourism": [
        "Satse på reiseliv og turisme rundt fjorden",
        "Flere overnattingsplasser for turister",
        "Guidede turer og opplevelser for turister",
        "Helårsturisme, ikke bare om sommeren",
        "Meir reiseliv og opplevingar for turistar",
        "Develop tourism and tours around the fjord",
    ],
    "housing": [
        "Utleieboliger for unge og tilflyttere",
        "Flere boliger og tomter for barnefamilier",
        "Billige leiligheter i sentrum for unge",
        "Boliger til nye innbyggere som flytter hit",
        "Fleire bustader og tomter for tilflyttarar",
        "More rental homes for newcomers",
    ],
}


def add_inputs(
    db, activity_id: int, texts: list[str], group: str = "citizen", run_jobs: bool = True
) -> None:
    """Store input through the one write path; with run_jobs=False its follow-up jobs are
    dropped, as when the queue was down, so a test can see input that waits."""
    with db as session:
        activity = session.get(Activity, activity_id)
        question = activity.questions[3]
        for text in texts:
            record_response(
                activity,
                Submission([AnswerValue(question, text=text)], about={"stakeholder_group": group}),
                language="nb",
            )
        if not run_jobs:
            session.info.pop(jobs.PENDING_KEY, None)
        session.commit()


@pytest.fixture
def themed(make_user, make_project, make_activity, db):
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id)
    add_inputs(db, activity_id, [t for texts in TEXTS.values() for t in texts])
    return {
        "leader": leader,
        "project": project_id,
        "activity": activity_id,
        "base": f"/manage/projects/{project_id}/themes",
    }
