"""The Rasa server's one fix: responses are judged exactly as Rasa's own check judges them."""

import copy

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import bot.rasa_server  # importing it applies the fix

GOOD = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "こんにちは"}]}
BAD = [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"events": [{"event": "slot", "name": "x"}, 3]},
    {"events": [{"event": "slot", "timestamp": "yesterday"}]},
]


def original_check(result: dict) -> None:
    from jsonschema import validate

    validate(result, RemoteAction.action_response_format_spec())


def test_the_fix_is_in_place():
    assert RemoteAction._validate_action_result is bot.rasa_server.validate_action_result


def test_a_valid_response_passes():
    original_check(GOOD)
    assert bot.rasa_server.validate_action_result(None, copy.deepcopy(GOOD)) is True


@pytest.mark.parametrize("response", BAD)
def test_an_invalid_response_fails_with_rasa_s_error(response):
    with pytest.raises(ValidationError) as theirs:
        original_check(response)
    with pytest.raises(ValidationError, match="Failed to validate Action server response") as ours:
        bot.rasa_server.validate_action_result(None, response)
    assert ours.value.message.startswith(theirs.value.message)
    assert list(ours.value.path) == list(theirs.value.path)
