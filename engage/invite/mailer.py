"""SMTP: one connection per batch, settings from configuration, text and HTML parts."""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from typing import Any

from engage.invite.messages import Mail, one_line
from engage.models.base import utcnow

# Connection trouble is worth another try later; a refused recipient is not.
TRANSIENT_ERRORS = (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)


class PermanentMailError(Exception):
    """The server refused this recipient or message for good (5xx)."""


# Mail services read these only as written: a URL in angle brackets and a fixed token
# (RFC 2369, RFC 8058). The default policy turns a line longer than 78 characters into
# RFC 2047 encoded-words, which no mail service reads as a URL, so they go out unfolded.
PLAIN_HEADERS = frozenset({"list-unsubscribe", "list-unsubscribe-post"})
MAX_HEADER_LINE = 998  # RFC 5322 section 2.1.1


class MailPolicy(EmailPolicy):
    """The default e-mail policy, but the unsubscribe headers are never encoded or folded."""

    def fold(self, name: str, value: str) -> str:
        if self._plain(name, value):
            return f"{name}: {value}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        if self._plain(name, value):
            return self.fold(name, value).encode("ascii")
        return super().fold_binary(name, value)

    @staticmethod
    def _plain(name: str, value: str) -> bool:
        text = str(value)
        return (
            name.lower() in PLAIN_HEADERS
            and text.isascii()
            and len(name) + len(text) + 2 <= MAX_HEADER_LINE
        )


MAIL_POLICY = MailPolicy()


def build_message(mail: Mail, config: dict[str, Any], name: str, email: str) -> EmailMessage:
    """A multipart message with an unsubscribe header and no tracking of any kind."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = mail.subject
    message["From"] = config["MAIL_FROM"]
    local, _at, domain = email.rpartition("@")
    message["To"] = Address(display_name=one_line(name), username=local, domain=domain)
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=config["MAIL_FROM"].rpartition("@")[2].strip(">"))
    message["List-Unsubscribe"] = f"<{mail.unsubscribe_link}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message


class Mailer:
    """An SMTP connection opened on first use and reopened after a failure."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        """Send one message; raises PermanentMailError or a transient error."""
        try:
            if self.smtp is None:
                self.smtp = self._connect()
            self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            self.close()
            codes = [code for code, _text in error.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise PermanentMailError(f"{codes} {error.recipients!r}") from error
            raise
        except smtplib.SMTPResponseException as error:
            self.close()
            if 500 <= error.smtp_code < 600:
                raise PermanentMailError(f"{error.smtp_code} {error.smtp_error!r}") from error
            raise
        except Exception:
            self.close()
            raise

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        host, port, timeout = cfg["MAIL_SERVER"], int(cfg["MAIL_PORT"]), cfg["MAIL_TIMEOUT"]
        context = ssl.create_default_context()
        if cfg["MAIL_USE_SSL"]:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls(context=context)
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        return smtp

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(Exception):  # the connection may already be gone
                self.smtp.quit()
            self.smtp = None
