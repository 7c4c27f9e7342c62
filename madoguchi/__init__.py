"""The composition root: settings, the CLI, the process supervisor, the migrations.

It wires the other packages together; nothing imports it (docs/architecture.md).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
