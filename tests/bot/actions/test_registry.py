"""The action server serves exactly the actions bot/domain.yml names, and can hand them to its workers."""

from __future__ import annotations

import inspect
import pickle

from rasa_sdk.executor import ActionExecutor

from bot.actions import questions
from bot.actions.request_form import ValidateRequestForm
from cases.requirements import FORM_SLOTS


def registered() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("bot.actions")  # as `python -m rasa_sdk --actions bot.actions` does
    return executor


def test_the_registered_actions_are_the_domains(domain):
    assert len(domain["actions"]) == len(set(domain["actions"]))
    assert sorted(registered().actions) == sorted(domain["actions"])


def test_the_registry_survives_the_pickling_into_sanic_workers(domain):
    copied = pickle.loads(pickle.dumps(registered()))
    assert sorted(copied.actions) == sorted(domain["actions"])


def test_the_question_base_is_abstract_and_each_slot_has_one_question():
    assert inspect.isabstract(questions.AskForSlot)
    asked = [cls.slot for cls in questions.AskForSlot.__subclasses__()]
    assert sorted(asked) == sorted(FORM_SLOTS)


def test_the_form_is_read_whole_not_slot_by_slot(domain):
    assert not [name for name in vars(ValidateRequestForm) if name.startswith("validate_")]
    assert domain["forms"]["request_form"]["required_slots"] == list(FORM_SLOTS)
