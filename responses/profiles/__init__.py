"""Company policy profiles: loading and validation."""

from responses.profiles.loader import ProfileError, available_profiles, load_profile

__all__ = ["ProfileError", "available_profiles", "load_profile"]
