"""The projector screen, its live data feed, the printable poster and QR downloads."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core import access
from engage.core.about import STAKEHOLDER_GROUPS
from engage.core.links import public_url
from engage.extensions import db
from engage.inputs import count_responses
from engage.live import themes as live_themes
from engage.live.qr import qr_png, qr_svg
from engage.live.words import top_words
from engage.models import Activity, Answer, Question
from engage.models import Response as Input
from engage.vote import results

bp = Blueprint("live", __name__)
RECENT_ANSWERS = 500


@bp.before_request
@login_required
def require_login() -> None:
    """The leader's laptop drives the projector; every live page needs login."""


CODE_WIDTH = {"W": 1.95, "M": 1.75, **{digit: 1.25 for digit in "0123456789"}}


@dataclass(frozen=True)
class JoinAddress:
    """The short address as the projector prints it: the host, then /j/ and the code, with
    a size class by length so it is scaled to fit rather than broken inside the code."""

    host: str
    path: str
    code: str

    @property
    def size(self) -> str:
        # In widths of an average lower-case letter: capitals are wider, W and M most.
        length = len(self.host) + len(self.path) + sum(CODE_WIDTH.get(c, 1.4) for c in self.code)
        return next((f"len-{n}" for n in (20, 26, 32, 40, 50) if length <= n), "len-long")


def join_address(url: str, code: str) -> JoinAddress:
    """Split a public URL such as https://host/j/CODE for display; without the scheme."""
    bare = url.split("://", 1)[-1]
    host, slash, rest = bare.partition("/")
    path = slash + rest
    if path.endswith(code):
        path = path[: -len(code)]
    else:
        code = ""
    return JoinAddress(host, path, code)


def _activity(project_id: int, activity_id: int, write: bool = False) -> Activity:
    """A public activity of the project; an interview has no screen, poster or QR code."""
    activity = access.get_activity(project_id, activity_id, write=write)
    if not activity.kind.is_public:
        abort(404)
    return activity


@bp.get("/screen")
def screen(project_id: int, activity_id: int) -> str:
    activity = _activity(project_id, activity_id)
    url = public_url(activity)
    show_themes = request.args.get("view") == "themes"
    if activity.kind.is_ballot:
        return _vote_screen(activity, url)
    live = live_themes.view(activity) if show_themes else None
    return render_template(
        "live/screen.html",
        activity=activity,
        project=activity.project,
        url=url,
        join=join_address(url, activity.join_code),
        qr=qr_svg(url),
        count=count_responses(activity),
        words=[] if show_themes else _words(activity),
        live=live,
        live_state=_live_state(live) if live else "",
        can_edit=access.can_edit(current_user, activity.project),
        show_themes=show_themes,
    )


@bp.post("/screen/themes")
def start_themes(project_id: int, activity_id: int) -> WerkzeugResponse:
    """Start the room's live themes (or fit them again now); the worker does the fitting."""
    activity = _activity(project_id, activity_id, write=True)
    if not activity.kind.is_ballot:
        live_themes.start(activity, current_user)
        db.session.commit()
    return redirect(
        url_for("live.screen", project_id=project_id, activity_id=activity_id, view="themes")
    )


@bp.get("/screen.json")
def feed(project_id: int, activity_id: int) -> Response:
    """Small JSON for the projector; all state is in the database, so any worker answers."""
    activity = _activity(project_id, activity_id)
    if request.args.get("view") == "themes":
        live = live_themes.view(activity)
        return jsonify(
            count=count_responses(activity),
            status=activity.status.value,
            words=[],
            themes=[{"label": t.label, "count": t.count, "terms": t.terms} for t in live.themes],
            state=_live_state(live),
        )
    return jsonify(
        count=count_responses(activity),
        status=activity.status.value,
        words=[{"word": word, "count": n} for word, n in _words(activity)],
        themes=[],
    )


@bp.get("/poster")
def poster(project_id: int, activity_id: int) -> str:
    activity = _activity(project_id, activity_id)
    url = public_url(activity)
    return render_template(
        "live/poster.html", activity=activity, project=activity.project, url=url, qr=qr_svg(url)
    )


@bp.get("/qr.<fmt>")
def qr(project_id: int, activity_id: int, fmt: str) -> Response:
    activity = _activity(project_id, activity_id)
    url = public_url(activity)
    name = f"engage-{activity.join_code}.{fmt}"
    if fmt == "svg":
        body, mimetype = qr_svg(url), "image/svg+xml"
    elif fmt == "png":
        body, mimetype = qr_png(url), "image/png"
    else:
        abort(404)
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _vote_screen(activity: Activity, url: str) -> str:
    """Live results of a vote as bars with the numbers; by group on the leader's command."""
    rows, ballots = results(activity)
    value = (lambda r: r.dots) if activity.vote_mode == "dots" else (lambda r: r.agree)
    top = max((value(r) for r in rows), default=0) or 1
    return render_template(
        "live/vote_screen.html",
        activity=activity,
        project=activity.project,
        url=url,
        join=join_address(url, activity.join_code),
        qr=qr_svg(url),
        ballots=ballots,
        rows=[(r, value(r), value(r) / top) for r in rows],
        split=request.args.get("split") == "group",
        groups={k: str(v) for k, v in STAKEHOLDER_GROUPS.items()},
    )


def _live_state(live: live_themes.LiveView) -> str:
    """One line under the live themes: what is not in them yet, or why there are none. The
    themes count inputs (one response may give several), so this line does too."""
    if live.themes:
        return (
            ngettext(
                "%(num)d input is not in a theme yet",
                "%(num)d inputs are not in a theme yet",
                live.waiting,
            )
            if live.waiting
            else ""
        )
    if live.fitting:
        return _("The themes are being made from the answers so far …")
    if live.started:
        return _("Themes appear here when the room has given a few more answers.")
    return ""


def _words(activity: Activity) -> list[tuple[str, int]]:
    texts = db.session.scalars(
        select(Answer.text)
        .join(Input)
        .where(
            Input.activity_id == activity.id,
            Input.is_hidden.is_(False),
            Answer.text.is_not(None),
            Answer.question_id.not_in(select(Question.id).where(Question.internal.is_(True))),
        )
        .order_by(Input.id.desc())
        .limit(RECENT_ANSWERS)
    )
    return top_words([t for t in texts if t])
