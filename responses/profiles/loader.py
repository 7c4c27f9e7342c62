"""Load a company's policy profile from responses/profiles and refuse a bad one.

A profile that fails validation stops start-up with a message naming the
missing or wrong fact, so a desk never answers from a half-filled profile.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from responses import PROFILES_DIR
from responses.errors import ProfileError
from responses.profiles.schema import Profile


def available_profiles(directory: Path = PROFILES_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.yaml"))


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        what = "missing" if item["type"] == "missing" else item["msg"]
        lines.append(f"  {where}: {what}")
    return "\n".join(lines)


@lru_cache(maxsize=32)
def load_profile(profile_id: str, directory: Path = PROFILES_DIR) -> Profile:
    """Return the validated profile; cached because profiles change only on deploy."""
    if profile_id not in available_profiles(directory):
        known = ", ".join(available_profiles(directory)) or "none"
        raise ProfileError(f"unknown profile {profile_id!r} (available: {known})")
    path = directory / f"{profile_id}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"profile {profile_id!r} is not valid YAML: {exc}") from exc
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(f"profile {profile_id!r} is incomplete:\n{_describe(exc)}") from exc
    if profile.company.id != profile_id:
        raise ProfileError(f"profile {profile_id!r}: company.id must equal the file name")
    return profile
