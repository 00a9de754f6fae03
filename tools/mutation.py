"""Mutation testing of the modules that hold the hall's rules (issue 25), with cosmic-ray: each mutant is one small
change of the product code (a comparison turned, a decorator dropped, a number changed...), and the tests that
guard that module must fail against it.

    python tools/mutation.py                 every target below, one after the other (hours on a 2-core machine)
    python tools/mutation.py workbooks clock  only these targets
    python tools/mutation.py --list           the targets, their modules and tests
    python tools/mutation.py --report clock   the score and survivors of the last run, without running again
    python tools/mutation.py --survivors clock  after writing tests: the last run's survivors run again

`make mutation` runs it (MUTATION=... picks targets). Each target runs in a copy of the tree under .mutation/<target>/
(the work tree is never mutated, so one can go on working), only the test files that guard the module run against
each mutant (`-x`: the first failing test is enough), and the run can be stopped and resumed (the session database
keeps what was done). A mutant counts as killed when the tests fail or time out; the score is killed over killed plus
survived. Survivors that cannot change behaviour are listed in tools/mutation_equivalents.txt, with the reason, and
left out of the score. docs/mutation.md has the figures and what each survivor meant."""
import argparse
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import toml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
EQUIVALENTS = ROOT / "tools" / "mutation_equivalents.txt"


@dataclass(frozen=True)
class Target:
    module: str
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ()  # only mutants inside these definitions (empty: the whole module; MODULE: the
    # statements outside any definition, such as a statement built once at import)
    why: str = ""
    extra_env: dict = field(default_factory=dict)


MODULE = "<module>"
SLIPS = "tests/test_slips.py"  # the tests written for the survivors of earlier runs (each names its mutant)
G = "tests/test_guards.py::test_"
HALL_MATRIX = (G + "only_the_mc_commands_the_hall", G + "the_mc_commands_the_hall", G + "a_screen_joins_and_leaves_the_hall")
SCREEN_SOCKETS = (G + "a_screen_joins_and_leaves_the_hall",
                  "tests/test_sockets.py::test_no_socket_changes_the_live_programme")
EXPORTS = (G + "every_sheet_of_every_export_keeps_formula_like_text_as_text",
           G + "tab_and_carriage_return_starts_stay_text_too",
           "tests/test_hostile_input.py::test_exported_cells_that_look_like_formulas_are_text")
VOTES = (G + "counts_after_the_verdict_are_refused_and_the_verdict_stands", G + "an_open_or_closed_vote_cannot_be_deleted")

TARGETS = {
    "workbooks": Target("kiosk/workbooks.py", EXPORTS, why="the workbook writer: no formula in an exported cell"),
    "sockets": Target("display/sockets.py", SCREEN_SOCKETS,
                      why="a screen joins and leaves its event's room; the MC commands over HTTP alone"),
    "live-routes": Target("display/routes.py", HALL_MATRIX, why="the MC's commands and their role check"),
    "socket-core": Target("kiosk/realtime/sockets.py", (*SCREEN_SOCKETS,
                                               "tests/test_hostile_input.py::test_socket_events_refuse_bad_values_with_an_ack",
                                               "tests/test_sockets.py::test_bad_socket_input_gets_an_error_ack_not_a_crash"),
                          why="reading a socket event's event id, errors as acks"),
    "vote-rule": Target("models/vote.py", ("tests/test_votes.py::test_each_rule_at_its_boundary",
                                           "tests/test_votes.py::test_the_rule_arithmetic_is_exact_on_large_halls"),
                        functions=("passes",),
                        why="the verdict's rule at its boundaries"),
    "votes": Target("votes/service.py", ("tests/test_votes.py", *VOTES, SLIPS),
                    functions=("create_vote", "delete_vote", "open_vote", "_count", "enter_counts", "close_vote"),
                    why="the vote service: preparing, opening, counts, closing"),
    "ballots": Target("votes/ballots.py", ("tests/test_votes.py", *VOTES, SLIPS),
                      functions=("cast_ballot", "_why_not"), why="electronic ballots: one delegate, one ballot"),
    "clock": Target("display/clock.py", ("tests/test_clock.py", G + "pause_and_stop_take_the_servers_time_not_the_clients",
                                         SLIPS),
                    functions=("elapsed_at", "_clock_start", "_clock_pause", "_clock_resume", "_clock_stop",
                               "_clock_add", "checked_seconds", "keep_time_spoken"),
                    why="the speaker's clock in the live engine"),
    "live": Target("display/live.py", ("tests/test_live.py", *HALL_MATRIX, SLIPS),
                   functions=("next_step", "previous_step", "goto_item", "show_screen", "_commit_change", "_go"),
                   why="the live engine's steps: next, previous, goto, screen, one version each"),
    "steps": Target("display/steps.py", ("tests/test_live.py", *HALL_MATRIX),
                    functions=("forward", "backward", "_sub_step_here", "index"),
                    why="where → and ← go: the item's sub-steps, then the next or previous item"),
    # MODULE: the claim's UPDATE is built at import (and UNDOS_PER_MINUTE). undo itself (the reason, never while a
    # vote is open) is for a later run: "checkin" would take over 40 minutes on the shared machine with it.
    "checkin": Target("checkin/service.py", ("tests/test_checkin.py", SLIPS,
                                             "tests/test_door_events.py::test_many_undos_in_a_row_are_throttled_and_recorded"),
                      functions=(MODULE, "check_in", "_not_claimed"),
                      why="the check-in claim: once, revoked and wrong-event badges, offline scans"),
    "auth": Target("kiosk/identity/auth.py", ("tests/test_auth.py", "tests/test_sessions.py", "tests/test_door_events.py",
                                     *HALL_MATRIX, G + "the_sign_out_button_ends_the_session_a_copied_cookie_with_it",
                                     "tests/test_pairing.py::test_a_paired_tablet_works_for_its_event_only", SLIPS),
                   functions=("load_user", "start_session", "end_sessions", "check_role", "role_required",
                              "decorator", "wrapped", "_event_of_request", "authenticate", "api_logout",
                              "logout_page", "_safe_next", "_check_next"),
                   why="sign-in, sessions, sign-out and the role check"),
    "lists": Target("kiosk/lists/legacy.py", ("tests/test_import.py::test_legacy_encodings_are_recognised",
                                               "tests/test_import.py::test_a_tcvn3_name_in_a_file_is_converted_and_said_so",
                                               "tests/test_office_files.py::test_a_header_row_typed_in_a_legacy_encoding_is_recognised",
                                               "tests/test_speeches.py::test_nfd_and_tcvn3_names_are_stored_as_unicode_nfc",
                                               SLIPS),
                    why="the list reader's TCVN3/VNI header and encoding detection"),
}

# Realistic slips only: an arithmetic or comparison operator turned into its neighbour, not into a bit shift.
_BINARY_KEPT = {("Add", "Sub"), ("Sub", "Add"), ("Mul", "Div"), ("Div", "Mul"), ("FloorDiv", "Div"),
                ("Div", "FloorDiv"), ("Mod", "FloorDiv"), ("BitOr", "BitAnd"), ("BitAnd", "BitOr")}
_ORDER = {"Lt", "LtE", "Gt", "GtE"}


def kept(operator: str) -> bool:
    name = operator.removeprefix("core/")
    if m := re.fullmatch(r"ReplaceBinaryOperator_(\w+)_(\w+)", name):
        return (m[1], m[2]) in _BINARY_KEPT
    if m := re.fullmatch(r"ReplaceComparisonOperator_(\w+)_(\w+)", name):
        a, b = m[1], m[2]
        return {a, b} == {"Eq", "NotEq"} or {a, b} == {"Is", "IsNot"} or (a in _ORDER and b in _ORDER | {"Eq"}) \
            or (a in {"Eq", "NotEq"} and b in _ORDER)
    if name.startswith("ReplaceUnaryOperator_"):
        return name in {"ReplaceUnaryOperator_Delete_Not", "ReplaceUnaryOperator_USub_UAdd"}
    return name not in {"VariableReplacer", "VariableInserter"}


def equivalents() -> dict[tuple, str]:
    """`module:line:operator  why` lines: mutants that cannot change what anyone sees."""
    found = {}
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines() if EQUIVALENTS.exists() else ():
        line = line.strip()
        if line and not line.startswith("#"):
            where, _, why = line.partition(" ")
            module, number, operator = where.split(":", 2)
            found[(module, int(number), operator)] = why.strip()
    return found


def copy_tree(dest: Path) -> None:
    """The files git knows (and new ones not ignored), as they are in the work tree now."""
    if dest.exists():
        shutil.rmtree(dest)
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def test_command(target: Target) -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
            "-p", "no:xdist", "--timeout=300", "-o", "addopts=", "-m", "not browser", *target.tests]


def run(name: str, target: Target, fresh: bool, survivors: bool = False) -> None:
    base = WORK / name
    tree, session, config = base / "tree", base / "session.sqlite", base / "config.toml"
    base.mkdir(parents=True, exist_ok=True)
    if fresh:
        session.unlink(missing_ok=True)
    elif survivors:
        _run_survivors_again(session, target)
    copy_tree(tree)  # afresh each run: a run stopped mid-mutant may have left its mutant in the copy
    env = {**os.environ, "KIOSK_FUZZ_SCALE": "0.05", **target.extra_env}
    started = time.monotonic()
    baseline = subprocess.run(test_command(target), cwd=tree, env=env, capture_output=True, text=True)
    took = time.monotonic() - started
    if baseline.returncode != 0:
        sys.exit(f"{name}: the tests fail without any mutant:\n{baseline.stdout[-3000:]}")
    timeout = max(60.0, 4 * took)
    config.write_text(toml.dumps({"cosmic-ray": {
        "module-path": target.module, "timeout": round(timeout), "excluded-modules": [],
        "test-command": shlex.join(test_command(target)), "distributor": {"name": "local"}}}), encoding="utf-8")
    cosmic = [sys.executable, "-m", "cosmic_ray.cli"]
    if not _has_items(session):
        subprocess.run([*cosmic, "init", str(config), str(session)], cwd=tree, env=env, check=True)
        _skip_out_of_scope(session, target)
    print(f"{name}: {target.module}, baseline {took:.1f} s, timeout {timeout:.0f} s per mutant", flush=True)
    subprocess.run([*cosmic, "exec", str(config), str(session)], cwd=tree, env=env, check=True)


def _run_survivors_again(session: Path, target: Target) -> None:
    """After new tests were written: the last run's survivors (not those listed as equivalent) are pending again,
    to run against the tests as they are now; the killed ones stay killed (a test added never revives a mutant)."""
    from cosmic_ray.work_item import TestOutcome
    same = equivalents()
    again = [item.job_id for item, result in _results(session) if result.test_outcome == TestOutcome.SURVIVED
             and (target.module, item.mutations[0].start_pos[0],
                  item.mutations[0].operator_name.removeprefix("core/")) not in same]
    with closing(sqlite3.connect(session)) as db, db:  # cosmic-ray's WorkDB can set a result, not take one back
        db.executemany("DELETE FROM work_results WHERE job_id = ?", [(job_id,) for job_id in again])
    print(f"{len(again)} survivors to run again", flush=True)


def _has_items(session: Path) -> bool:
    from cosmic_ray.work_db import WorkDB, use_db
    if not session.exists():
        return False
    with use_db(str(session), WorkDB.Mode.open) as db:
        return db.num_work_items > 0


def _results(session: Path):
    from cosmic_ray.work_db import WorkDB, use_db
    if not session.exists():
        return
    with use_db(str(session), WorkDB.Mode.open) as db:
        yield from list(db.completed_work_items)


def _skip_out_of_scope(session: Path, target: Target) -> None:
    """Marks skipped (as cosmic-ray's own filters do) the operators we do not keep and the definitions outside the
    target."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in list(db.pending_work_items):
            spec = item.mutations[0]
            outside = target.functions and (spec.definition_name or MODULE) not in target.functions
            if outside or not kept(spec.operator_name):
                db.set_result(item.job_id, WorkResult(output="out of scope", worker_outcome=WorkerOutcome.SKIPPED))


def report(name: str, target: Target) -> dict:
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome
    same = equivalents()
    killed = survived = equivalent = incompetent = 0
    survivors = []
    for item, result in _results(WORK / name / "session.sqlite"):
        if result.worker_outcome == WorkerOutcome.SKIPPED:
            continue
        spec = item.mutations[0]
        key = (target.module, spec.start_pos[0], spec.operator_name.removeprefix("core/"))
        if result.test_outcome == TestOutcome.KILLED:
            killed += 1
        elif result.test_outcome == TestOutcome.INCOMPETENT or result.worker_outcome != WorkerOutcome.NORMAL:
            incompetent += 1
        elif key in same:
            equivalent += 1
        else:
            survived += 1
            first = next((line for line in (result.diff or "").splitlines()
                          if line.startswith("+") and not line.startswith("+++")), "")
            survivors.append(f"  {target.module}:{key[1]}:{key[2]}  ({spec.definition_name})  {first[1:].strip()}")
    score = 100.0 * killed / (killed + survived) if killed + survived else 100.0
    pending = _pending(WORK / name / "session.sqlite")
    print(f"{name:12} {target.module:22} killed {killed:4}  survived {survived:3}  equivalent {equivalent:3}  "
          f"incompetent {incompetent:3}  pending {pending:4}  score {score:5.1f} %")
    for line in survivors:
        print(line)
    return {"killed": killed, "survived": survived, "score": score}


def _pending(session: Path) -> int:
    from cosmic_ray.work_db import WorkDB, use_db
    if not session.exists():
        return 0
    with use_db(str(session), WorkDB.Mode.open) as db:
        return sum(1 for _ in db.pending_work_items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help=f"some of: {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--list", action="store_true", help="the targets, their modules and tests")
    parser.add_argument("--report", action="store_true", help="the last run's figures, without running")
    parser.add_argument("--fresh", action="store_true", help="forget a stopped run and start again")
    parser.add_argument("--survivors", action="store_true",
                        help="run the last run's survivors again, against the tests as they are now")
    args = parser.parse_args()
    names = args.targets or list(TARGETS)
    if unknown := [n for n in names if n not in TARGETS]:
        parser.error(f"no target {', '.join(unknown)}; the targets are {', '.join(TARGETS)}")
    if args.list:
        for name in names:
            t = TARGETS[name]
            print(f"{name:12} {t.module:22} {t.why}\n" + "".join(f"{'':14}{test}\n" for test in t.tests))
        return
    if not args.report:
        for name in names:
            run(name, TARGETS[name], args.fresh, args.survivors)
    print("\nMutation score (killed / (killed + survived)); equivalent mutants in tools/mutation_equivalents.txt")
    for name in names:
        report(name, TARGETS[name])


if __name__ == "__main__":
    main()
