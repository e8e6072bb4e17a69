"""State formats 2 to 4 end to end: migration from formats 1, 2 and 3, refusal of newer
formats, crash safety.

The crash tests run a writer in a child process and SIGKILL it at chosen points of a
save (the child patches the store's own file functions to stop there and say so), and
at random moments of a stream of saves; afterwards the state must be the old one or the
new one, never a mix, and the next writer must leave nothing behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from minikubectl.store import statefile
from minikubectl.store.layout import data_dir

POD = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels:
    app: web
spec:
  containers:
  - name: c
    image: nginx:1.25
"""


def _pods(cli: Any, count: int, prefix: str = "p") -> None:
    text = "---\n".join(POD.format(name=f"{prefix}{i}") for i in range(count))
    result = cli("create", "-f", "-", stdin=text)
    assert result.code == 0, result.stderr


def referenced_files(path: Path) -> set[str]:
    """Every data file the head (and the indexes it names) references."""
    head = json.loads(path.read_bytes())
    names = set()
    for part in ((head.get("simulation") or {}).get("parts") or {}).values():
        names.update(part.values() if isinstance(part, dict) else [part])
    for meta in head["collections"].values():
        names.add(meta["index"])
        index = json.loads((data_dir(path) / meta["index"]).read_bytes())
        names.update(chunk["file"] for chunk in index["chunks"].values())
        names.update(chunk["table"] for chunk in index["chunks"].values() if "table" in chunk)
    return names


def assert_no_leftovers(path: Path) -> None:
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    present = {p.name for p in data_dir(path).iterdir()}
    assert present == referenced_files(path)


def format1_state(cli_type: type, tmp_path: Path) -> dict[str, Any]:
    """A format-1 document: built in format 4 by the CLI, then flattened."""
    cli = cli_type(tmp_path / "build" / "state.json")
    _pods(cli, 3)
    assert cli("label", "pod", "p1", "tier=db").code == 0
    plain = statefile.read_plain(cli.state)
    plain["formatVersion"] = 1
    return plain


def test_format1_state_is_migrated_on_first_use(cli: Any, tmp_path: Path) -> None:
    plain = format1_state(type(cli), tmp_path)
    cli.state.write_text(json.dumps(plain))
    before = cli("get", "pods", "--show-labels").stdout
    assert "p1" in before and "tier=db" in before
    head = json.loads(cli.state.read_bytes())
    assert head["formatVersion"] == 4 and "objects" not in head
    assert set(head["collections"]) >= {"pods", "namespaces", "nodes"}
    migrated = statefile.read_plain(cli.state)
    assert migrated["objects"] == plain["objects"]
    assert migrated["sim"] == plain["sim"]
    assert migrated["resourceVersion"] == plain["resourceVersion"]
    assert_no_leftovers(cli.state)
    # And it keeps working as a cluster.
    assert cli("get", "pods", "--show-labels").stdout == before
    assert cli("delete", "pod", "p0", "--grace-period=0", "--force").code == 0
    assert cli("get", "pods", "-o", "name").stdout == "pod/p1\npod/p2\n"


def test_format2_state_is_migrated_to_sharded_simulation_records(cli: Any) -> None:
    _pods(cli, 6)
    cli.now = "2026-01-01T00:01:00Z"
    before = cli("get", "pods").stdout
    head = json.loads(cli.state.read_bytes())
    shards = head["simulation"]["parts"]["pods"]
    assert isinstance(shards, dict) and len(shards) > 1  # format 3: records in shards
    # Write it as format 2 did: every kubelet record in one part file.
    records: dict[str, Any] = {}
    for name in shards.values():
        records.update(json.loads((data_dir(cli.state) / name).read_bytes()))
    single = f"sim.pods.{head['generation']}.json"
    (data_dir(cli.state) / single).write_text(json.dumps(records))
    for name in shards.values():
        (data_dir(cli.state) / name).unlink()
    head["simulation"]["parts"]["pods"] = single
    head["formatVersion"] = 2
    cli.state.write_text(json.dumps(head))
    assert cli("get", "pods").stdout == before  # read as it is, and upgraded
    assert cli("label", "pod", "p1", "tier=db").code == 0
    head = json.loads(cli.state.read_bytes())
    assert head["formatVersion"] == 4 and isinstance(head["simulation"]["parts"]["pods"], dict)
    migrated = statefile.read_plain(cli.state)
    assert migrated["sim"]["pods"] == records
    assert_no_leftovers(cli.state)
    cli.now = "2026-01-01T00:02:00Z"
    assert cli("delete", "pod", "p0").code == 0
    assert "p0" not in cli("get", "pods").stdout


def test_newer_format_is_refused_and_nothing_is_touched(proc_cli: Any) -> None:
    _pods(proc_cli, 2)
    head = json.loads(proc_cli.state.read_bytes())
    head["formatVersion"] = statefile.FORMAT_VERSION + 1
    raw = json.dumps(head).encode()
    proc_cli.state.write_bytes(raw)
    files = {p.name: p.read_bytes() for p in data_dir(proc_cli.state).iterdir()}
    for args in (("get", "pods"), ("label", "pod", "p0", "x=y"), ("create", "namespace", "n")):
        result = proc_cli(*args)
        assert result.code == 1 and f"format version {statefile.FORMAT_VERSION + 1}" in result.stderr, \
            result.stderr
    assert proc_cli.state.read_bytes() == raw
    assert {p.name: p.read_bytes() for p in data_dir(proc_cli.state).iterdir()} == files


def test_files_are_plain_json_and_a_write_copies_untouched_lines(cli: Any) -> None:
    _pods(cli, 4)
    index_name = json.loads(cli.state.read_bytes())["collections"]["pods"]["index"]
    index = json.loads((data_dir(cli.state) / index_name).read_bytes())
    (chunk,) = index["chunks"].values()
    lines = (data_dir(cli.state) / chunk["file"]).read_bytes().split(b"\n")
    assert lines[-1] == b""
    lines = lines[:-1]
    assert [json.loads(line)["metadata"]["name"] for line in lines] == ["p0", "p1", "p2", "p3"]
    assert index["items"]["default/p2"][4] == {"app": "web"}
    _, offset, length, _, _, table_offset, table_length = index["items"]["default/p2"]
    assert (data_dir(cli.state) / chunk["file"]).read_bytes()[offset:offset + length] == lines[2]
    assert cli("label", "pod", "p2", "tier=fe").code == 0
    index_name = json.loads(cli.state.read_bytes())["collections"]["pods"]["index"]
    index = json.loads((data_dir(cli.state) / index_name).read_bytes())
    (chunk,) = index["chunks"].values()
    after = (data_dir(cli.state) / chunk["file"]).read_bytes().split(b"\n")[:-1]
    assert [a == b for a, b in zip(lines, after)] == [True, True, False, True]
    assert index["items"]["default/p2"][4] == {"app": "web", "tier": "fe"}
    assert index["items"]["default/p2"][3] == json.loads(after[2])["metadata"]["resourceVersion"]
    # Beside the chunk, each pod's table projection: the new one for p2, the others copied.
    table = (data_dir(cli.state) / chunk["table"]).read_bytes()
    _, _, _, rv, _, table_offset, table_length = index["items"]["default/p2"]
    row = json.loads(table[table_offset:table_offset + table_length])
    assert row["metadata"]["labels"] == {"app": "web", "tier": "fe"} and row["metadata"]["resourceVersion"] == rv
    assert "managedFields" not in row["metadata"] and "image" not in row["spec"]["containers"][0]
    assert_no_leftovers(cli.state)


def _as_format3(path: Path) -> None:
    """Rewrite a format-4 state as format 3 wrote it: no table projections."""
    head = json.loads(path.read_bytes())
    for meta in head["collections"].values():
        index_path = data_dir(path) / meta["index"]
        index = json.loads(index_path.read_bytes())
        for chunk in index["chunks"].values():
            if "table" in chunk:
                (data_dir(path) / chunk.pop("table")).unlink()
        index["items"] = {key: entry[:5] for key, entry in index["items"].items()}
        index_path.write_text(json.dumps(index))
    head["formatVersion"] = 3
    path.write_text(json.dumps(head))


def test_format3_state_gets_table_projections_on_first_use(cli: Any) -> None:
    _pods(cli, 5)
    cli.now = "2026-01-01T00:01:00Z"
    before = cli("get", "pods", "-o", "wide", "--show-labels").stdout
    _as_format3(cli.state)
    plain = statefile.read_plain(cli.state)
    assert cli("get", "pods", "-o", "wide", "--show-labels").stdout == before  # read, then upgraded
    head = json.loads(cli.state.read_bytes())
    assert head["formatVersion"] == statefile.FORMAT_VERSION
    index = json.loads((data_dir(cli.state) / head["collections"]["pods"]["index"]).read_bytes())
    assert all("table" in chunk for chunk in index["chunks"].values())
    assert all(len(entry) == 7 for entry in index["items"].values())
    assert statefile.read_plain(cli.state)["objects"] == plain["objects"]
    assert_no_leftovers(cli.state)
    assert cli("get", "pods", "-o", "wide", "--show-labels").stdout == before


def test_a_stale_or_lost_table_projection_is_not_printed(cli: Any) -> None:
    """A projection is printed only when its resourceVersion is the object's."""
    _pods(cli, 3)
    cli.now = "2026-01-01T00:01:00Z"
    assert cli("label", "pod", "p1", "tier=db").code == 0
    before = cli("get", "pods", "--show-labels").stdout
    head = json.loads(cli.state.read_bytes())
    index = json.loads((data_dir(cli.state) / head["collections"]["pods"]["index"]).read_bytes())
    (chunk,) = index["chunks"].values()
    table_path = data_dir(cli.state) / chunk["table"]
    rows = [json.loads(line) for line in table_path.read_bytes().split(b"\n")[:-1]]
    for row in rows:  # projections of other revisions that say something else
        row["metadata"]["resourceVersion"] = "1"
        row["metadata"]["labels"] = {"stale": "yes"}
        row["status"]["phase"] = "Failed"
    lines = [json.dumps(row, separators=(",", ":")).encode() for row in rows]
    offset = 0
    for key, line in zip(sorted(index["items"], key=lambda k: index["items"][k][5]), lines):
        index["items"][key][5:] = [offset, len(line)]
        offset += len(line) + 1
    table_path.write_bytes(b"\n".join(lines) + b"\n")
    (data_dir(cli.state) / head["collections"]["pods"]["index"]).write_text(json.dumps(index))
    assert cli("get", "pods", "--show-labels").stdout == before
    table_path.unlink()
    assert cli("get", "pods", "--show-labels").stdout == before


def test_a_read_of_an_idle_cluster_neither_simulates_nor_writes(cli: Any) -> None:
    _pods(cli, 2)
    cli.now = "2026-01-01T00:10:00Z"
    assert cli("get", "pods").code == 0  # catches up (pods start), writes
    stamp = cli.state.stat().st_mtime_ns
    head = json.loads(cli.state.read_bytes())
    due = head["simulation"]["nextDue"]
    assert due is None or due > 1767226200000
    assert cli("get", "pods").code == 0
    assert cli.state.stat().st_mtime_ns == stamp


KILL_CHILD = """
import os, sys, time
sys.path[:0] = {paths!r}
from minikubectl.store import layout, statefile
where = sys.argv[1]
def stop():
    open(sys.argv[2], "w").close()
    time.sleep(60)
if where == "before-rename":
    original = statefile._replace_atomically
    def replace(path, payload):
        import tempfile
        fd, name = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
        os.write(fd, payload[: len(payload) // 2])
        stop()
    statefile._replace_atomically = replace
elif where == "after-rename":
    original = statefile._replace_atomically
    def replace(path, payload):
        original(path, payload)
        stop()
    statefile._replace_atomically = replace
elif where == "mid-chunk":
    original = layout.write_new
    def write_new(path, payload):
        with open(path, "wb") as handle:
            handle.write(payload[: len(payload) // 2])
        stop()
    layout.write_new = write_new
from minikubectl.__main__ import main
sys.exit(main(sys.argv[3:]))
"""


def _child(tmp_path: Path, state: Path, where: str, args: list[str]) -> subprocess.Popen:
    script = tmp_path / "child.py"
    repo = Path(__file__).resolve().parents[2]
    script.write_text(KILL_CHILD.format(paths=[str(repo), str(repo / "tests")]))
    env = dict(os.environ, MINIKUBECTL_STATE=str(state), MINIKUBECTL_NOW="2026-01-01T00:00:00Z")
    marker = tmp_path / "stopped"
    marker.unlink(missing_ok=True)
    proc = subprocess.Popen([sys.executable, str(script), where, str(marker), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return proc


@pytest.mark.parametrize("where,new", [("before-rename", False), ("mid-chunk", False), ("after-rename", True)])
def test_writer_killed_mid_save_leaves_old_or_new_state_and_no_leftovers(
        cli: Any, tmp_path: Path, where: str, new: bool) -> None:
    _pods(cli, 3)
    before = cli("get", "pods", "--show-labels").stdout
    _child(tmp_path, cli.state, where, ["label", "pod", "p1", "killed=yes"])
    after = cli("get", "pods", "--show-labels").stdout
    if new:
        assert after.splitlines() == [line + ",killed=yes" if line.startswith("p1 ") else line
                                      for line in before.splitlines()]
    else:
        assert after == before
    leftovers = [p for p in cli.state.parent.iterdir() if p.name.endswith(".tmp")]
    if where == "before-rename":
        assert leftovers  # the killed writer's temp head is there until the next writer
    # The next writer cleans up under the lock.
    assert cli("label", "pod", "p2", "next=1").code == 0
    assert_no_leftovers(cli.state)
    final = cli("get", "pods", "--show-labels").stdout
    assert final.count("next=1") == 1 and final.count("killed=yes") == (1 if new else 0)


def test_writers_killed_at_random_moments_never_tear_the_state(cli: Any, tmp_path: Path) -> None:
    _pods(cli, 30)
    env = dict(os.environ, MINIKUBECTL_STATE=str(cli.state), MINIKUBECTL_NOW="2026-01-01T00:00:00Z")
    code = textwrap.dedent("""
        import sys
        from minikubectl.__main__ import main
        start = int(sys.argv[1])
        for i in range(start, start + 1000):
            main(["label", "pod", "p%d" % (i % 30), "round=%d" % i, "--overwrite"])
    """)
    rng = random.Random(13)
    start = 0
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", code, str(start)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        listing = cli("get", "pods", "-o", "json")
        assert listing.code == 0, listing.stderr
        rounds = [int(p["metadata"]["labels"].get("round", -1)) for p in json.loads(listing.stdout)["items"]]
        assert len(rounds) == 30
        # Labels were written in order: what is there is a prefix of the sequence.
        done = max(rounds)
        assert all(r == -1 or done - r < 30 for r in rounds), rounds
        start = done + 1
        assert cli("label", "pod", "p0", "probe=1", "--overwrite").code == 0
        assert_no_leftovers(cli.state)


def _imported_modules(proc_cli: Any, *args: str) -> set[str]:
    """The modules a command imports (beyond what the interpreter's start-up loaded)."""
    env = proc_cli.env()
    code = ("import sys; before = set(sys.modules); from minikubectl.__main__ import main; "
            "code = main(sys.argv[1:]); sys.stdout.flush(); "
            "sys.stderr.write('\\n'.join(sorted(set(sys.modules) - before))); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return set(result.stderr.split())


def test_reads_of_an_idle_cluster_do_not_import_the_simulation(proc_cli: Any) -> None:
    assert proc_cli("create", "-f", "-", stdin=POD.format(name="a")).code == 0
    proc_cli.now = "2026-01-01T00:10:00Z"
    assert proc_cli("get", "pods").code == 0  # catches up once
    modules = _imported_modules(proc_cli, "get", "pods", "-o", "wide")
    assert "minikubectl.store.statefile" in modules
    assert not [m for m in modules if m.startswith("minikubectl.sim")]
    # A write does start it (controllers react to the verb's writes).
    modules = _imported_modules(proc_cli, "label", "pod", "a", "x=y")
    assert "minikubectl.sim.engine" in modules


def test_version_client_imports_nothing_heavy(proc_cli: Any) -> None:
    modules = _imported_modules(proc_cli, "version", "--client")
    assert not modules & {"dataclasses", "inspect", "pathlib", "json", "minikubectl.store.statefile"}
