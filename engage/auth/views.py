"""Log in, log out, change password."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.auth import services
from engage.auth.forms import LoginForm, PasswordChangeForm
from engage.core import audit
from engage.core.urls import safe_next
from engage.extensions import db, limiter

bp = Blueprint("auth", __name__)


def _account_key() -> str:
    return "login-account:" + services.normalise_email(request.form.get("email", ""))[:254]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_account_key,
    methods=["POST"],
    # Only failed attempts count toward an account's lockout; a login that works is no attack.
    deduct_when=lambda response: response.status_code != 302,
)
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"])
def login() -> str | WerkzeugResponse:
    form = LoginForm()
    next_url = safe_next(request.values.get("next"), default=url_for("review.projects"))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            audit.record(audit.LOGIN, user=user)
            db.session.commit()
            login_user(user)
            return redirect(next_url)
        form.password.errors = [_("Wrong e-mail address or password.")]
    return render_template("auth/login.html", form=form, next_url=next_url)


@bp.post("/logout")
@login_required
def logout() -> WerkzeugResponse:
    current_user.revoke_sessions()
    db.session.commit()
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> str | WerkzeugResponse:
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data or "", form.new.data or "")
        except services.AccountError:
            form.current.errors = [_("The current password is wrong.")]
        else:
            db.session.commit()
            login_user(current_user)  # this session continues with the new token
            flash(_("Your password is changed. Other sessions are logged out."), "success")
            return redirect(url_for("review.projects"))
    return render_template("auth/password.html", form=form)
