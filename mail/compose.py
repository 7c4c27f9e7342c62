"""Build the e-mails a case sends: headers right for Japanese mail, wording from responses/."""

from __future__ import annotations

import email.policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from bot.cases.views import CaseView, RequesterView
from bot.profiles.schema import Profile
from bot.rendering import renderer
from mail.request_form import request_form_pdf


def sender_address(profile: Profile, override: str | None, lang: str) -> str:
    address = override or profile.desk.email or "privacy-desk@localhost"
    return formataddr((getattr(profile.desk.name, lang), address))


def case_opened_mail(
    case: CaseView, requester: RequesterView, profile: Profile, mail_from: str | None
) -> EmailMessage:
    """The acknowledgement with the request form attached and, where needed, ID instructions."""
    lang = case.language
    text = renderer(lang)
    context = {"case": case, "requester": requester}
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = sender_address(profile, mail_from, lang)
    message["To"] = formataddr((requester.name, requester.email))
    message["Subject"] = text.render("mail/case_opened.subject", profile, **context)
    message["Date"] = formatdate(localtime=False)
    domain = (mail_from or profile.desk.email or "madoguchi.localhost").rpartition("@")[2]
    message["Message-ID"] = make_msgid(idstring=case.reference, domain=domain)
    message["Auto-Submitted"] = "auto-replied"
    message["X-Madoguchi-Case"] = case.reference
    message.set_content(text.render("mail/case_opened.body", profile, **context), charset="utf-8")
    pdf = request_form_pdf(lang, profile, **context)
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=f"{case.reference}-{case.request_type}.pdf"
    )
    return message
