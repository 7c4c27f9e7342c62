"""How a mail's subject and body are read by the NLU: the body first, the subject only to help."""

from mail.intake.triage import nlu_intent


class ScriptedNlu:
    """Answers /model/parse from a table and records what it was asked (the logic under test is ours)."""

    def __init__(self, answers: dict[str, tuple[str, float]]) -> None:
        self.answers, self.asked = answers, []

    def parse(self, text: str) -> dict:
        self.asked.append(text)
        name, confidence = self.answers.get(text, ("nlu_fallback", 0.45))
        ranking = [{"name": name, "confidence": confidence}]
        if name == "nlu_fallback":
            ranking.append({"name": "inform", "confidence": 0.2})
        return {"intent": ranking[0], "intent_ranking": ranking}


def test_a_clear_body_is_read_once_whatever_the_subject():
    nlu = ScriptedNlu({"消してください": ("request_deletion", 0.9)})
    assert nlu_intent(nlu, "お問い合わせ", "消してください") == ("request_deletion", 0.9)
    assert nlu.asked == ["消してください"]


def test_an_unsure_body_is_read_again_with_its_subject():
    nlu = ScriptedNlu(
        {
            "Please see subject": ("inform", 0.3),
            "Delete my data\nPlease see subject": ("request_deletion", 0.8),
        }
    )
    assert nlu_intent(nlu, "Delete my data", "Please see subject") == ("request_deletion", 0.8)
    generic = ScriptedNlu(
        {"利用目的は?": ("ask_purpose", 0.4), "個人情報\n利用目的は?": ("ask_purpose", 0.35)}
    )
    assert nlu_intent(generic, "個人情報", "利用目的は?") == ("ask_purpose", 0.4)  # the surer reading counts


def test_an_empty_mail_is_not_understood_and_a_fallback_gives_the_best_real_intent():
    assert nlu_intent(ScriptedNlu({}), "", "  ") == (None, 0.0)
    assert nlu_intent(ScriptedNlu({}), "", "asdf") == ("inform", 0.2)
