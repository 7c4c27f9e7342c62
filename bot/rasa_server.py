"""The Rasa server's command line (`python -m bot.rasa_server run ...`), with one fix applied first.

Rasa 3.6 checks each action-server response with `jsonschema.validate()`, which
also checks the schema itself against the JSON Schema meta-schema on every call.
Under load that was a third of the server's CPU per chat turn (py-spy during
bench/chat_load.py). Here the validator is built once; what passes, what fails
and the error raised are as before. Runs in the Rasa environment.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import exceptions, validators
from rasa.__main__ import main
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once."""
    error = exceptions.best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            "Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


RemoteAction._validate_action_result = validate_action_result

if __name__ == "__main__":
    main()
