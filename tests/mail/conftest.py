from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import _require, free_port
from tests.mail.dovecot import DOVECOT, Dovecot


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A fresh, empty Dovecot per test (it starts in well under a second)."""
    _require(Path(DOVECOT).exists(), "Dovecot is not installed (Debian package dovecot-imapd)")
    _require(os.geteuid() == 0, "the test Dovecot runs as root")
    # Dovecot's unprivileged processes must reach the folder, so not pytest's 0700 tmp_path.
    root = Path(tempfile.mkdtemp(prefix="madoguchi-dovecot-"))
    root.chmod(0o755)
    server = Dovecot(root, free_port())
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)
