"""Company policy profiles: loading and validation (a bad profile raises `responses.errors.ProfileError`)."""

from responses.profiles.loader import available_profiles, load_profile

__all__ = ["available_profiles", "load_profile"]
