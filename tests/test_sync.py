"""`mentorlog sync`: two machines, a bare remote on local disk, journals built through the CLI."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests._sync import Machine, git, git_env, make_remote, settle


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git_env(tmp_path, monkeypatch)
    return make_remote(tmp_path)


@pytest.fixture
def pair(tmp_path: Path, remote: Path) -> tuple[Machine, Machine]:
    """Machine A with a mentor and a goal, published; machine B joined from the remote."""
    a, b = Machine(tmp_path / "a"), Machine(tmp_path / "b")
    a.ok("mentor", "add", "Zoë Fernández", "--org", "Acme", "--expertise", "hiring")
    a.ok("goal", "add", "Public speaking")
    assert "Published" in a.ok("sync", "init", str(remote)).stdout
    out = b.ok("sync", "init", str(remote)).stdout
    assert "Brought in the journal" in out
    assert "1 mentor added" in out
    return a, b


def mentor_id(machine: Machine) -> str:
    return str(machine.data("mentors.json")["mentors"][0]["id"])


def test_second_machine_brings_in_the_journal_byte_for_byte(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    assert a.synced_files() == b.synced_files()
    assert a.head() == b.head()
    ignored = (b.root / ".gitignore").read_text()
    for local in ("/backups/", "/mentorlog.lock", "/pending-commit.json", "/drafts/"):
        assert local in ignored
    assert "merge=binary" in (b.root / ".gitattributes").read_text()
    assert stat.S_IMODE((b.root / ".git").stat().st_mode) == 0o700
    assert git(b.root, "status", "--porcelain") == ""
    # bringing a journal in is not a change undo would delete
    assert b("undo", "--yes").exit_code == 1


def test_changes_on_both_sides_to_different_records_are_all_kept(
    pair: tuple[Machine, Machine],
) -> None:
    a, b = pair
    a.ok("mentor", "add", "Søren Kierkegaard")
    a.ok("meet", mentor_id(a), "--date", "2024-03-01", "--takeaway", "listen more")
    b.ok("mentor", "add", "李 明")
    b.ok("goal", "add", "Delegation")
    settle(a, b)
    names = {m["name"] for m in a.data("mentors.json")["mentors"]}
    assert names == {"Zoë Fernández", "Søren Kierkegaard", "李 明"}
    assert {g["title"] for g in b.data("goals.json")["goals"]} == {"Public speaking", "Delegation"}
    assert (b.root / "meetings-2024.json").exists()
    log = git(a.root, "log", "--format=%s")
    assert "1 mentor added, 1 meeting added" in log or "1 meeting added" in log


def test_different_fields_of_one_record_are_both_taken(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    zoe = mentor_id(a)
    a.ok("mentor", "edit", zoe, "--role", "CTO")
    b.ok("mentor", "edit", zoe, "--location", "Lisbon")
    settle(a, b)
    mentor = b.data("mentors.json")["mentors"][0]
    assert (mentor["role"], mentor["location"]) == ("CTO", "Lisbon")
    assert b.json("sync", "conflicts")["conflicts"] == []


def test_list_fields_are_united(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    zoe = mentor_id(a)
    a.ok("mentor", "edit", zoe, "--expertise", "strategy")
    b.ok("mentor", "edit", zoe, "--expertise", "negotiation")
    meeting = a.json("meet", zoe, "--date", "2026-11-02", "--takeaway", "ask early")["meeting"]
    settle(a, b)
    a.ok("meeting", "edit", meeting["id"], "--takeaway", "say no")
    b.ok("meeting", "edit", meeting["id"], "--takeaway", "write it down")
    settle(a, b)
    # each side replaced `hiring` with its own tag: both additions kept, the removal honoured
    assert set(a.data("mentors.json")["mentors"][0]["expertise"]) == {"strategy", "negotiation"}
    [merged] = b.data("meetings-2026.json")["meetings"]
    assert sorted(merged["takeaways"]) == ["ask early", "say no", "write it down"]


def test_same_field_goes_to_the_later_change_and_the_other_is_logged(
    pair: tuple[Machine, Machine],
) -> None:
    a, b = pair
    zoe = mentor_id(a)
    a.ok("mentor", "edit", zoe, "--role", "CTO")
    b.ok("mentor", "edit", zoe, "--role", "VP Engineering")  # later: it wins
    a.sync()
    out = b.sync().stdout
    assert "1 conflict settled by the later change" in out
    parents = git(b.root, "rev-list", "--parents", "-n", "1", "HEAD").split()
    assert len(parents) == 3  # a merge commit with both parents
    settle(a, b)
    assert a.data("mentors.json")["mentors"][0]["role"] == "VP Engineering"
    for machine in (a, b):  # the log is synced: both machines see the choice
        entries = machine.json("sync", "conflicts")["conflicts"]
        assert [(e["field"], e["kept"], e["lost"]) for e in entries] == [
            ("role", "VP Engineering", "CTO")
        ]
    listing = a.ok("sync", "conflicts").stdout
    assert "Zoë Fernández" in listing
    assert '"CTO"' in listing
    assert "1 conflict" in a.ok("sync", "status").stdout
    assert [n["code"] for n in a.json("nudge")].count("sync-conflict") == 1
    entry = a.json("sync", "conflicts")["conflicts"][0]["id"]
    assert "Dismissed 1" in a.ok("sync", "conflicts", "--dismiss", entry[:6]).stdout
    assert a.json("sync", "conflicts")["conflicts"] == []
    assert "sync-conflict" not in [n["code"] for n in a.json("nudge")]
    assert "sync-conflict" in [n["code"] for n in b.json("status")["nudges"]]
    assert len(b.json("sync", "conflicts")["conflicts"]) == 1  # dismissed only where read
    assert a.json("sync", "status")["uncommitted"] == []  # the dismissal stays local
    assert a("sync", "conflicts", "--dismiss", "all").exit_code == 1


def test_delete_on_one_side_and_edit_on_the_other_keeps_the_edit(
    pair: tuple[Machine, Machine],
) -> None:
    a, b = pair
    goal = a.data("goals.json")["goals"][0]["id"]
    a.ok("goal", "rm", goal, "--yes")
    b.ok("goal", "edit", goal, "--why", "to lead the guild")
    settle(a, b)
    goals = a.data("goals.json")["goals"]
    assert [(g["id"], g["why"]) for g in goals] == [(goal, "to lead the guild")]


def test_a_delete_against_no_change_is_a_delete(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    goal = a.data("goals.json")["goals"][0]["id"]
    a.ok("goal", "rm", goal, "--yes")
    b.ok("mentor", "add", "Ada")
    settle(a, b)
    assert b.data("goals.json")["goals"] == []


def test_a_session_moved_to_another_year_is_one_record(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    meeting = a.json("meet", mentor_id(a), "--date", "2025-12-30")["meeting"]["id"]
    settle(a, b)
    a.ok("meeting", "edit", meeting, "--date", "2026-01-02")  # into another file
    b.ok("meeting", "edit", meeting, "--takeaway", "write it down")
    settle(a, b)
    assert b.data("meetings-2025.json")["meetings"] == []
    [moved] = b.data("meetings-2026.json")["meetings"]
    assert (moved["id"], moved["date"], moved["takeaways"]) == (
        meeting,
        "2026-01-02",
        ["write it down"],
    )


def test_an_action_closed_on_one_side_and_changed_on_the_other_is_one_record(
    pair: tuple[Machine, Machine],
) -> None:
    a, b = pair
    action = a.json("action", "add", "Send the deck", "--mentor", mentor_id(a))["id"]
    other = a.json("action", "add", "Ask for feedback", "--mentor", mentor_id(a))["id"]
    settle(a, b)
    a.ok("action", "done", action)  # moves to actions-2026.json
    a.ok("action", "done", other)
    b.ok("action", "add", "Book the room")
    b.ok("action", "drop", other)  # later: it wins, the other choice is logged
    settle(a, b)
    open_ids = [x["id"] for x in b.data("actions.json")["actions"]]
    closed = {x["id"]: x["status"] for x in b.data("actions-2026.json")["actions"]}
    assert action not in open_ids
    assert other not in open_ids
    assert closed == {action: "done", other: "dropped"}
    assert len(open_ids) == 1
    logged = b.json("sync", "conflicts")["conflicts"]
    assert ("status", "dropped", "done") in [(e["field"], e["kept"], e["lost"]) for e in logged]


def test_an_id_created_on_both_sides_gets_a_new_id_and_references_follow(
    pair: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    import mentorlog.models as models

    with monkeypatch.context() as patched:
        patched.setattr(models.secrets, "token_hex", lambda n: "c0ffee00")
        a.ok("goal", "add", "Writing")
        b.ok("goal", "add", "Hiring")
    a.ok("milestone", "add", "c0ffee00", "Draft an essay")  # refers to A's goal
    a.sync()
    out = b.sync().stdout  # B merges: the other side's record gets the new id
    assert "new id" in out
    settle(a, b)
    goals = {g["title"]: g["id"] for g in a.data("goals.json")["goals"]}
    assert goals["Hiring"] == "c0ffee00"
    assert goals["Writing"] != "c0ffee00"
    [milestone] = a.data("milestones.json")["milestones"]
    assert milestone["goal"] == goals["Writing"]


def test_dry_run_says_what_would_change_and_changes_nothing(
    pair: tuple[Machine, Machine],
) -> None:
    a, b = pair
    a.ok("mentor", "add", "Ada")
    a.sync()
    b.ok("goal", "add", "Delegation")
    before, head = b.synced_files(), b.head()
    out = b.ok("sync", "--dry-run").stdout
    assert "Would bring in from the remote: 1 mentor added" in out
    assert "Would commit local changes: 1 goal added" in out
    assert "Nothing was changed" in out
    assert (b.synced_files(), b.head()) == (before, head)
    planned = b.json("sync", "--dry-run")
    assert planned["dry_run"] is True
    assert planned["received"] == "1 mentor added"
    assert (b.synced_files(), b.head()) == (before, head)


def test_a_sync_can_be_undone(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    a.ok("mentor", "add", "Ada")
    a.sync()
    b.ok("goal", "add", "Delegation")
    before = b.data("mentors.json")
    b.sync()
    assert len(b.data("mentors.json")["mentors"]) == 2
    b.ok("undo", "--yes")
    assert b.data("mentors.json") == before


def test_sync_auto_commits_each_change_locally_and_never_pushes(
    pair: tuple[Machine, Machine], tmp_path: Path, remote: Path
) -> None:
    a, _ = pair
    a.ok("config", "set", "sync.auto", "true")
    remote_head = git(remote, "rev-parse", "main")
    before = int(git(a.root, "rev-list", "--count", "HEAD"))
    a.ok("mentor", "add", "Ada")
    a.ok("goal", "add", "Delegation")
    assert int(git(a.root, "rev-list", "--count", "HEAD")) == before + 2
    assert git(a.root, "status", "--porcelain") == ""
    assert git(remote, "rev-parse", "main") == remote_head
    assert a.json("sync", "status")["ahead"] == 2


def test_status_in_words_and_json(pair: tuple[Machine, Machine]) -> None:
    a, _ = pair
    a.ok("mentor", "add", "Ada")
    status = a.json("sync", "status")
    assert status["set_up"]
    assert status["uncommitted"] == ["mentors.json"]
    assert status["uncommitted_changes"] == "1 mentor added"
    assert status["ahead"] == status["behind"] == 0
    assert status["last_sync"] is not None
    shown = a.ok("sync", "status").stdout
    # what the next sync sends, in records as `sync` itself says them, and nothing contradicts it
    assert "To send on the next `mentorlog sync`: 1 mentor added (not committed yet)." in shown
    assert "Nothing to send" not in shown
    # It never asks the remote: what it says of it is dated by the last sync.
    assert "Nothing to bring in (as of the last sync, " in shown
    assert "In step" not in shown
    a.sync()
    shown = a.ok("sync", "status").stdout
    assert "Nothing to send or bring in (as of the last sync, " in shown
    assert "To send" not in shown


def test_status_counts_commits_apart_from_what_is_not_committed_yet(
    pair: tuple[Machine, Machine],
) -> None:
    a, _ = pair
    a.ok("mentor", "add", "Ada")
    git(a.root, "commit", "-qam", "by hand")
    a.ok("goal", "add", "Delegation")
    (a.root / "notes.txt").write_text("not a record\n")
    status = a.json("sync", "status")
    assert (status["ahead"], status["uncommitted_changes"]) == (1, "1 goal added")
    shown = " ".join(a.ok("sync", "status").stdout.split())
    assert "1 commit to send, 0 commits to bring in (as of the last sync, " in shown
    assert "To send on the next `mentorlog sync`: 1 goal added (not committed yet)." in shown
    git(a.root, "add", "goals.json")
    git(a.root, "commit", "-qm", "by hand again")
    # a file that holds no record is named as a file
    shown = " ".join(a.ok("sync", "status").stdout.split())
    assert "next `mentorlog sync`: changes to notes.txt (not committed yet)." in shown


def test_long_sync_messages_wrap_at_words_without_trailing_spaces(
    pair: tuple[Machine, Machine],
) -> None:
    a, _ = pair
    zoe = mentor_id(a)
    a.ok("goal", "add", "Delegation")
    a.ok(
        "meet", zoe, "--goal", "public", "--action", "Read", "--action", "Write",
        "--topic", "Consensus", "--topic", "Elections", "--notes", "Raft",
    )  # fmt: skip
    outputs = [a.ok(*args).stdout for args in (["sync", "status"], ["sync", "--dry-run"])]
    outputs.append(a.sync().stdout)
    wanted = "1 goal added, 1 meeting added, 2 actions added, 2 topics added"
    for out in outputs:
        assert wanted in " ".join(out.split())
        assert wanted not in out  # (wrapped: the test can fail)
        assert max(map(len, out.splitlines())) <= 80
        assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_status_and_sync_of_a_journal_not_set_up(tmp_path: Path, remote: Path) -> None:
    c = Machine(tmp_path / "c")
    assert c.json("sync", "status") == {
        "set_up": False,
        "remote": None,
        "ahead": 0,
        "behind": 0,
        "uncommitted": [],
        "uncommitted_changes": "",
        "last_sync": None,
        "open_conflicts": 0,
    }
    result = c("sync")
    assert result.exit_code == 1
    assert "sync init" in result.stderr
    assert not c.root.exists()


def test_a_plain_git_pull_never_writes_conflict_markers(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    zoe = mentor_id(a)
    a.ok("mentor", "edit", zoe, "--role", "CTO")
    a.sync()
    b.ok("mentor", "edit", zoe, "--role", "VP")
    git(b.root, "commit", "-qam", "by hand")
    git(b.root, "pull", "--no-rebase", "--no-edit", check=False)
    assert b"<<<<<<<" not in (b.root / "mentors.json").read_bytes()
    assert b.ok("mentor", "list").exit_code == 0  # still a journal that loads
    b.sync()  # finishes what the pull could not: by record, the other value logged
    settle(a, b)
    assert a.data("mentors.json")["mentors"][0]["role"] == "VP"
    [entry] = a.json("sync", "conflicts")["conflicts"]
    assert (entry["kept"], entry["lost"]) == ("VP", "CTO")


def test_joining_two_journals_is_deliberate(tmp_path: Path, remote: Path) -> None:
    a, c = Machine(tmp_path / "a"), Machine(tmp_path / "c")
    a.ok("mentor", "add", "Ada")
    a.ok("sync", "init", str(remote))
    c.ok("mentor", "add", "Grace")
    before = c.synced_files()
    refused = c("sync", "init", str(remote))
    assert refused.exit_code == 1
    assert "--join" in refused.stderr
    assert c.synced_files() == before
    assert not (c.root / ".git").exists()
    plan = " ".join(c.ok("sync", "init", str(remote), "--join", "--dry-run").stdout.split())
    assert "Would join" in plan
    assert "1 mentor added" in plan
    assert c.synced_files() == before
    assert not (c.root / ".git").exists()
    c.ok("sync", "init", str(remote), "--join")
    settle(a, c)
    names = {m["name"] for m in a.data("mentors.json")["mentors"]}
    assert names == {"Ada", "Grace"}


def test_a_merge_written_but_not_committed_is_finished_by_the_next_sync(
    pair: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.sync import engine

    a, b = pair
    zoe = mentor_id(a)
    a.ok("mentor", "edit", zoe, "--role", "CTO")
    a.sync()
    b.ok("mentor", "edit", zoe, "--role", "VP")
    with monkeypatch.context() as crashing:

        def killed(git: object, marker: object) -> None:
            raise MemoryError  # the process stops between writing and committing

        crashing.setattr(engine, "_commit_marked", killed)
        crashed = b("sync")
        assert crashed.exit_code != 0, crashed.output
    assert (b.root / ".git" / engine.MARKER).exists()
    assert b.data("mentors.json")["mentors"][0]["role"] == "VP"  # merged, loads
    b.sync()
    assert not (b.root / ".git" / engine.MARKER).exists()
    assert len(git(b.root, "rev-list", "--parents", "-n", "1", "HEAD").split()) == 3
    settle(a, b)
    assert len(a.json("sync", "conflicts")["conflicts"]) == 1  # the choice logged once
    assert "backups/" not in git(a.root, "ls-files")


def test_three_machines_end_identical(
    pair: tuple[Machine, Machine], tmp_path: Path, remote: Path
) -> None:
    a, b = pair
    c = Machine(tmp_path / "c")
    c.ok("sync", "init", str(remote))
    zoe = mentor_id(a)
    a.ok("mentor", "edit", zoe, "--role", "CTO")
    b.ok("meet", zoe, "--date", "2026-11-20", "--takeaway", "breathe")
    c.ok("mentor", "add", "Kofi Mensah")
    c.ok("mentor", "edit", zoe, "--location", "Accra")
    for machine in (a, b, c, a, b):
        machine.sync()
    assert a.synced_files() == b.synced_files() == c.synced_files()
    assert a.head() == b.head() == c.head()
    mentor = next(m for m in c.data("mentors.json")["mentors"] if m["id"] == zoe)
    assert (mentor["role"], mentor["location"]) == ("CTO", "Accra")
    assert len(c.data("meetings-2026.json")["meetings"]) == 1


def test_an_init_stopped_before_its_first_commit_is_redone(
    pair: tuple[Machine, Machine], tmp_path: Path, remote: Path
) -> None:
    a, _ = pair
    c = Machine(tmp_path / "c")
    c.root.mkdir()
    git(c.root, "init", "-q")
    git(c.root, "remote", "add", "origin", str(remote))  # then the process was killed
    refused = c("sync")
    assert refused.exit_code == 1
    assert "sync init REMOTE` again" in refused.stderr
    c.ok("sync", "init", str(remote))
    assert c.synced_files() == a.synced_files()


def test_a_global_gitignore_cannot_keep_the_journal_out_of_sync(
    tmp_path: Path, remote: Path
) -> None:
    home = Path(os.environ["HOME"])
    (home / "ignore").write_text("*.json\n")
    with (home / ".gitconfig").open("a") as config:
        config.write(f"[core]\n\texcludesFile = {home / 'ignore'}\n")
    a = Machine(tmp_path / "a")
    a.ok("mentor", "add", "Ada")
    a.ok("sync", "init", str(remote))
    tracked = git(a.root, "ls-files").split()
    assert "mentors.json" in tracked
    assert "sync-dismissed.json" not in tracked


def test_json_of_sync_and_init(pair: tuple[Machine, Machine], tmp_path: Path) -> None:
    a, b = pair
    a.ok("mentor", "add", "Ada")
    done = a.json("sync")
    assert set(done) == {
        "dry_run", "committed", "received", "sent", "merged", "fast_forward", "pushed",
        "attempts", "conflicts", "renamed", "revived", "written",
    }  # fmt: skip
    assert (done["committed"], done["sent"], done["pushed"]) == ("1 mentor added", 1, True)
    brought = b.json("sync")
    assert (brought["received"], brought["fast_forward"], brought["merged"]) == (
        "1 mentor added",
        True,
        False,
    )
    assert brought["written"] == ["mentors.json"]
    again = a.json("sync", "init", str(tmp_path / "remote.git"))
    assert again["mode"] == "already"
