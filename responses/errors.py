"""The responses layer's errors: a profile or a template that cannot be used is an error, never a blank."""

from __future__ import annotations


class ResponsesError(Exception):
    """Base of every error the responses layer raises on purpose."""


class ProfileError(ResponsesError):
    """A profile is missing, unreadable or incomplete."""


class RenderError(ResponsesError):
    """A template or label is missing."""
