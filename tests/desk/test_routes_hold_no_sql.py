"""Console routes call services and view functions; the queries live there, not in a handler.

Read from the source, so a handler that grows its own `select(...)` fails here
rather than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROUTES = sorted((Path(__file__).resolve().parents[2] / "desk" / "routes").glob("*.py"))
QUERYING = {"get", "scalar", "scalars", "execute", "query", "add", "delete"}
NOT_IMPORTED = ("sqlalchemy", "madoguchi")  # madoguchi.settings: a handler reads request.app.state.config


def _imports(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        names = [node.module or ""]
    elif isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        return []
    return [f"imports {name}" for name in names if name.split(".")[0] in NOT_IMPORTED]


def _queries(node: ast.AST) -> list[str]:
    if not isinstance(node, ast.Call):
        return []
    if isinstance(node.func, ast.Name) and node.func.id == "select":
        return ["calls select(...)"]
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "session":
        return [f"calls session.{func.attr}(...)"] if func.attr in QUERYING else []
    return []


def _offences(tree: ast.Module) -> list[str]:
    return [offence for node in ast.walk(tree) for offence in _imports(node) + _queries(node)]


@pytest.mark.parametrize("module", ROUTES, ids=lambda path: path.name)
def test_a_routes_module_runs_no_sql_and_reads_no_global_settings(module):
    assert _offences(ast.parse(module.read_text(encoding="utf-8"))) == []


def test_the_check_sees_a_query():
    handler = "from sqlalchemy import select\ndef h(session):\n    return session.scalars(select(X))\n"
    assert _offences(ast.parse(handler)) == [
        "imports sqlalchemy",
        "calls session.scalars(...)",
        "calls select(...)",
    ]
