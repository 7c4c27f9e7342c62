"""Build the e-mails a case sends: headers right for Japanese mail, wording from responses/."""

from __future__ import annotations

import email.policy
from collections.abc import Sequence
from dataclasses import asdict
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from sqlalchemy.orm import Session

from cases.models import Case, OutboxMessage
from cases.outbox import sender_address
from cases.requirements import missing_details
from cases.views import CaseView, RequesterView
from mail.outbox.form_pdf import request_form_pdf
from responses.profiles import load_profile
from responses.profiles.schema import Profile
from responses.rendering import renderer


def _envelope(
    profile: Profile,
    mail_from: str | None,
    lang: str,
    to: tuple[str, str],
    subject: str,
    message_id: str,
    in_reply_to: str | None,
) -> EmailMessage:
    """Headers every reply carries: we are an automatic responder (RFC 3834) and thread properly."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = formataddr((getattr(profile.desk.name, lang), sender_address(profile, mail_from)))
    message["To"] = formataddr(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message["Auto-Submitted"] = "auto-replied"
    return message


def case_opened_mail(
    case: CaseView,
    requester: RequesterView,
    profile: Profile,
    mail_from: str | None,
    message_id: str,
    in_reply_to: str | None = None,
) -> EmailMessage:
    """The acknowledgement with the request form attached and, where needed, ID instructions."""
    text = renderer(case.language)
    missing = missing_details(case.request_type, profile, asdict(requester))
    context = {"case": case, "requester": requester, "missing": missing}
    subject = text.render("mail/case_opened.subject", profile, **context)
    message = _envelope(
        profile, mail_from, case.language, (requester.name, requester.email), subject, message_id, in_reply_to
    )
    message["X-Madoguchi-Case"] = case.reference
    message.set_content(text.render("mail/case_opened.body", profile, **context), charset="utf-8")
    pdf = request_form_pdf(case.language, profile, **context)
    filename = f"{case.reference}-{case.request_type}.pdf"
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return message


class CaseOpenedComposer:
    """Composes a queued acknowledgement (kind case_opened) as it leaves; an `OutboxComposer`.

    Only acknowledgements are queued without their bytes: rendering the PDF form is
    slow, so mail.outbox.sender calls this when the message is due, not at intake.
    """

    def __init__(self, mail_from: str | None) -> None:
        self.mail_from = mail_from

    def __call__(self, session: Session, row: OutboxMessage) -> bytes:
        if row.kind != "case_opened" or row.case_id is None:
            raise ValueError(f"outbox row {row.id}: nothing composes kind {row.kind!r}")
        case = session.get(Case, row.case_id)
        profile = load_profile(case.profile_id)
        message = case_opened_mail(
            CaseView.of(case),
            RequesterView.of(case),
            profile,
            self.mail_from,
            row.message_id,
            row.in_reply_to,
        )
        return message.as_bytes()


def answer_mail(
    lang: str,
    topics: Sequence[str],
    profile: Profile,
    mail_from: str | None,
    to: tuple[str | None, str],
    subject: str,
    message_id: str,
    in_reply_to: str | None,
) -> EmailMessage:
    """An answer to a policy question that came by mail, worded as the chat answers it: one
    answer per topic asked about (`responses.topics.answer_topics`)."""
    text = renderer(lang)
    name, address = to
    reply_subject = text.render("mail/answer.subject", profile, subject=subject.strip())
    message = _envelope(
        profile, mail_from, lang, (name or "", address), reply_subject, message_id, in_reply_to
    )
    message.set_content(
        text.render("mail/answer.body", profile, name=name, topics=list(topics)), charset="utf-8"
    )
    return message


def staff_reply_mail(
    case: CaseView,
    requester: RequesterView,
    profile: Profile,
    mail_from: str | None,
    subject: str,
    body: str,
    message_id: str,
) -> EmailMessage:
    """A reply a person wrote (from the staff_reply template, edited); not an automatic message."""
    message = _envelope(
        profile, mail_from, case.language, (requester.name, requester.email), subject, message_id, None
    )
    del message["Auto-Submitted"]
    message["X-Madoguchi-Case"] = case.reference
    message.set_content(body, charset="utf-8")
    return message
