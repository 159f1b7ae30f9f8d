"""Input the leader enters or manages: interview notes, post-it walls, hiding."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from engage.core.validators import clean_org_number, is_valid_org_number
from engage.inputs import AnswerValue, Submission, clean_text, record_response
from engage.models import Activity, Question, Response, User
from engage.models.base import utcnow

MAX_COMPANY_NAME = 200


@dataclass
class CompanyFields:
    name: str = ""
    org_number: str = ""


def read_company(form: MultiDict, submission: Submission) -> CompanyFields:
    """Company name and org.nr from the entry form; problems go into the submission."""
    company = CompanyFields(form.get("company_name", "").strip(), form.get("org_number", ""))
    try:
        company.name = clean_text(company.name)[: MAX_COMPANY_NAME + 1]
        if len(company.name) > MAX_COMPANY_NAME:
            raise ValueError(
                _l("At most %(max)d characters, please shorten it.", max=MAX_COMPANY_NAME)
            )
    except ValueError as error:
        submission.errors["company_name"] = str(error)
    if company.org_number.strip():
        if not is_valid_org_number(company.org_number):
            submission.errors["org_number"] = str(
                _l("An org.nr has 9 digits and a valid check digit. Check the number.")
            )
        else:
            company.org_number = clean_org_number(company.org_number)
    else:
        company.org_number = ""
    return company


def add_post_its(
    activity: Activity, question: Question, lines: list[str], by: User, group: str | None = None
) -> list[Response]:
    """One response per line, channel "postit"; returns the responses added."""
    added = []
    for line in lines:
        submission = Submission(answers=[AnswerValue(question, text=line)])
        if group:
            submission.about["stakeholder_group"] = group
        response, _created = record_response(
            activity,
            submission,
            language=activity.project.language_form.value,
            channel="postit",
            entered_by=by,
        )
        added.append(response)
    return added


def hide(response: Response, by: User, reason: str) -> None:
    """Hide a response as spam or off-topic; it is kept and can be restored."""
    response.is_hidden = True
    response.hidden_reason = reason
    response.hidden_by_id = by.id
    response.hidden_at = utcnow()


def restore(response: Response) -> None:
    """Show a hidden response again."""
    response.is_hidden = False
    response.hidden_reason = None
    response.hidden_by_id = None
    response.hidden_at = None
