"""One error tree per package: every exception a package defines descends from its base."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from cases.service import CaseError
from desk.errors import DeskError
from mail.errors import MailError
from responses.errors import ResponsesError


def defined_exceptions(package: str) -> list[type[BaseException]]:
    """The exception classes written in the package's own modules (not the ones they import)."""
    found = []
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == info.name:
                found.append(value)
    return found


TREES = [("cases", CaseError), ("desk", DeskError), ("mail", MailError), ("responses", ResponsesError)]


@pytest.mark.parametrize(("package", "base"), TREES)
def test_every_error_a_package_defines_is_one_of_its_tree(package, base):
    errors = defined_exceptions(package)
    assert base in errors
    assert [error.__name__ for error in errors if not issubclass(error, base)] == []
