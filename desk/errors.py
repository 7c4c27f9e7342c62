"""The desk's errors: one tree, turned into HTTP answers or polite text only at the edge."""

from __future__ import annotations


class DeskError(Exception):
    """Base of every error the desk raises on purpose."""


class NotSignedIn(DeskError):
    """Raised for a console page without a valid session; answered with the sign-in page."""


class AuthError(DeskError):
    """Wrong e-mail or password, or an account that may not sign in; never says which."""


class ConversationError(DeskError):
    """A change the conversation's state does not allow."""


class HeldMailError(DeskError):
    """A settlement the message's state does not allow; shown to staff as a conflict."""


class RasaUnavailable(DeskError):
    """The Rasa server did not answer; the customer is told, nothing is lost."""
