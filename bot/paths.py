"""Where the project's data folders are, resolved once from the source tree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA_CONFIG = ROOT / "bot" / "config.yml"
RESPONSES_DIR = ROOT / "responses"
PROFILES_DIR = RESPONSES_DIR / "profiles"
TEMPLATES_DIR = RESPONSES_DIR / "templates"
LABELS_DIR = RESPONSES_DIR / "labels"
