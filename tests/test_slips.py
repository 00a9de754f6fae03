"""Tests found by mutation testing (issue 25, docs/mutation.md): each guards a slip of the product code that
survived the tests before it, and names that slip (module, line's code, the change) in its docstring."""
from tests.test_clock import clock_action, server_time, speaker_on_screen  # noqa: F401  (server_time: a fixture)

# ---- the speaker's clock (display/clock.py) ---------------------------------------------------------------------


def test_only_add_reads_the_seconds_a_pause_with_a_stray_value_pauses(mc, client, event_id, server_time):  # noqa: F811
    """Guards `if action != "add": return seconds` in display.clock.checked_seconds (`!=` turned into `<`): the
    seconds are checked for `add` alone, so a pause, resume or stop sent with a leftover `seconds` that `add` would
    refuse (text, more than an hour) still pauses, resumes or stops the speaker's clock."""
    version = speaker_on_screen(mc, client, event_id)["version"]
    clock_action(mc, event_id, "start", "một phút")
    server_time.at(20)
    paused = clock_action(mc, event_id, "pause", 100000)
    assert paused.status_code == 200, paused.get_json()
    assert paused.get_json()["version"] == version + 2
    assert (paused.get_json()["screen"]["clock"]["elapsed_s"], paused.get_json()["screen"]["clock"]["running"]) \
        == (20, False)
    server_time.at(50)
    assert clock_action(mc, event_id, "resume", True).get_json()["screen"]["clock"]["running"] is True
    server_time.at(60)
    stopped = clock_action(mc, event_id, "stop", "7").get_json()["screen"]["clock"]
    assert (stopped["elapsed_s"], stopped["running"]) == (30, False)
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 30


def test_a_server_clock_set_back_never_shows_less_than_nothing_spoken(mc, client, event_id, server_time):  # noqa: F811
    """Guards `max(0.0, elapsed)` in display.clock.elapsed_at (`0.0` turned into `-1.0`): the server's clock set back
    by a few seconds while a speaker talks (a time server's correction) must not leave the clock with less than
    nothing spoken, on the screens nor in the record."""
    speaker_on_screen(mc, client, event_id)
    server_time.at(10)
    clock_action(mc, event_id, "start")
    server_time.at(-5)  # set back 15 s, before the start
    stopped = clock_action(mc, event_id, "stop").get_json()["screen"]["clock"]
    assert (stopped["elapsed_s"], stopped["running"]) == (0, False)
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 0


def test_resume_pressed_twice_or_after_stop_changes_nothing(mc, client, event_id, server_time):  # noqa: F811
    """Guards `if clock["running"] or clock.get("stopped") or not clock["elapsed_s"]` in display.clock._clock_resume
    (the first `or` turned into `and`): a second press of resume on a running clock would restart its count from
    that press and lose the seconds spoken since the first one, and resume after stop would set a finished speaker's
    clock running again."""
    speaker_on_screen(mc, client, event_id)
    clock_action(mc, event_id, "start")
    server_time.at(30)
    clock_action(mc, event_id, "pause")
    server_time.at(40)
    resumed = clock_action(mc, event_id, "resume").get_json()
    server_time.at(60)
    again = clock_action(mc, event_id, "resume").get_json()
    assert again["version"] == resumed["version"] and again["screen"]["clock"] == resumed["screen"]["clock"]
    server_time.at(70)
    stopped = clock_action(mc, event_id, "stop").get_json()
    assert stopped["screen"]["clock"]["elapsed_s"] == 60  # 30 s, then 30 s from the first resume
    server_time.at(80)
    after = clock_action(mc, event_id, "resume").get_json()
    assert after["version"] == stopped["version"] and after["screen"]["clock"]["running"] is False
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 60
