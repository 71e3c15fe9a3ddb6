"""Two situations in one conversation: one overview of all steps, each step opens its own plan."""

from __future__ import annotations

import json

from devtools.chat import Chat, customs, texts


def _to_plan(chat: Chat) -> None:
    for _ in range(8):
        if customs(chat.last, "plan_overview"):
            return
        buttons = [b["title"] for r in chat.last.replies for b in r.buttons] if chat.last else []
        chat.click("Ja, nu" if any(b.startswith("Ja, nu") for b in buttons) else "Weet ik niet")
    raise AssertionError("no plan")


def test_a_second_plan_comes_with_the_overview_of_both_situations(chat: Chat) -> None:
    chat.say("ik ben gisteren ontslagen door mijn werkgever", "job_loss", 0.97)
    _to_plan(chat)
    assert not [c for c in customs(chat.last, "plan_overview") if c.get("merged")]  # one plan: no merge
    chat.say("en ik ben ook verhuisd naar Gent vorige week", "moving", 0.95)
    _to_plan(chat)
    merged = [c for c in customs(chat.last, "plan_overview") if c.get("merged")]
    assert len(merged) == 1
    overview = merged[0]
    assert {e["id"] for e in overview["events"]} == {"job_loss", "moving"}
    assert "'Verhuizen'" in texts(chat.last) and "Alles samen" in texts(chat.last)
    step_ids = [s["step_id"] for s in overview["steps"]]
    assert len(step_ids) == len(set(step_ids))  # a step two situations share is listed once
    dated = [s["due_date"] for s in overview["steps"] if s["due_date"]]
    assert dated == sorted(dated)  # the most urgent first
    # A step of the earlier plan opens its card, and that plan becomes the current one.
    job_step = next(s for s in overview["steps"] if '"job_loss:' in s["payload"])
    intent, _, raw = job_step["payload"][1:].partition("{")
    chat.say(job_step["payload"], intent, 1.0, **json.loads("{" + raw))
    cards = customs(chat.last, "step_card")
    assert cards and cards[0]["event_id"] == "job_loss" and cards[0]["step_id"] == job_step["step_id"]
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"
    assert [j.event_id for j in chat.state.finished] == ["moving"]
