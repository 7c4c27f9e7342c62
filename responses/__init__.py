"""Every customer-facing word and the one way to render it: profiles, templates, labels.

The lowest layer: it imports no other Madoguchi package (docs/architecture.md).
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
PROFILES_DIR = HERE / "profiles"
TEMPLATES_DIR = HERE / "templates"
LABELS_DIR = HERE / "labels"
