"""State formats 2 and 3 through the store itself: chunking, what a save rewrites, laziness."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from minikubectl.store import statefile
from minikubectl.store.cluster import fresh_state
from minikubectl.store.layout import CHUNK_SIZE, Collection, data_dir

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _pod(namespace: str, name: str, rv: int) -> dict:
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": namespace, "resourceVersion": str(rv),
                         "labels": {"app": "web" if rv % 2 else "db"}},
            "spec": {"containers": [{"name": "c", "image": "nginx"}]}}


def _saved(tmp_path: Path, pods: dict[str, list[str]]) -> Path:
    state = fresh_state(T0)
    collection = state["objects"].setdefault("pods", {})
    rv = 100
    for namespace, names in pods.items():
        for name in names:
            rv += 1
            collection[f"{namespace}/{name}"] = _pod(namespace, name, rv)
    path = tmp_path / "state.json"
    statefile.write_state(path, state)
    return path


def _index(path: Path, key: str = "pods") -> dict:
    head = json.loads(path.read_bytes())
    return json.loads((data_dir(path) / head["collections"][key]["index"]).read_bytes())


def test_objects_are_chunked_per_namespace_and_read_back(tmp_path: Path) -> None:
    names = [f"p{i:04d}" for i in range(CHUNK_SIZE * 2 + 7)]
    path = _saved(tmp_path, {"default": names, "team": ["a", "b"]})
    chunks = _index(path)["chunks"].values()
    assert sorted((c["namespace"], c["count"]) for c in chunks) == [
        ("default", 7), ("default", CHUNK_SIZE), ("default", CHUNK_SIZE), ("team", 2)]
    plain = statefile.read_plain(path)
    assert list(plain["objects"]["pods"]) == [f"default/{n}" for n in names] + ["team/a", "team/b"]
    assert plain["objects"]["pods"]["team/b"]["metadata"]["name"] == "b"


def test_a_save_rewrites_only_the_chunk_that_changed(tmp_path: Path) -> None:
    path = _saved(tmp_path, {"default": [f"p{i:04d}" for i in range(CHUNK_SIZE + 10)]})
    before = {c["file"] for c in _index(path)["chunks"].values()}
    state = statefile.read_state(path)
    pods = state["objects"]["pods"]
    assert isinstance(pods, Collection)
    pod = pods["default/p0003"]
    pod["metadata"]["labels"]["tier"] = "x"
    pods["default/p0003"] = pod
    statefile.write_state(path, state)
    after = {c["file"] for c in _index(path)["chunks"].values()}
    assert len(before - after) == 1 and len(after - before) == 1
    # Only the touched object was decoded; untouched collections kept their index files.
    assert list(pods.cache) == ["default/p0003"]
    assert statefile.read_plain(path)["objects"]["pods"]["default/p0003"]["metadata"]["labels"]["tier"] == "x"
    # The superseded chunk and index are gone: every file left is referenced.
    collections = json.loads(path.read_bytes())["collections"]
    referenced = {meta["index"] for meta in collections.values()}
    referenced |= {c[kind] for key in collections for c in _index(path, key)["chunks"].values()
                   for kind in ("file", "table") if kind in c}
    assert {p.name for p in data_dir(path).iterdir()} == referenced


def test_deleting_every_object_of_a_chunk_removes_its_file(tmp_path: Path) -> None:
    path = _saved(tmp_path, {"default": ["a"], "gone": ["x", "y"]})
    state = statefile.read_state(path)
    pods = state["objects"]["pods"]
    del pods["gone/x"]
    pods.pop("gone/y")
    statefile.write_state(path, state)
    index = _index(path)
    assert [c["namespace"] for c in index["chunks"].values()] == ["default"]
    assert list(index["items"]) == ["default/a"]
    assert len(list(data_dir(path).glob("pods.*.jsonl"))) == 1


def test_labels_and_versions_come_from_the_index_without_decoding(tmp_path: Path) -> None:
    path = _saved(tmp_path, {"default": ["a", "b", "c"]})
    pods = statefile.read_state(path)["objects"]["pods"]
    assert [pods.labels_of(k) for k in pods] == [{"app": "web"}, {"app": "db"}, {"app": "web"}]
    assert [pods.resource_version_of(k) for k in pods] == ["101", "102", "103"]
    assert "default/b" in pods and "default/z" not in pods and len(pods) == 3
    assert pods.cache == {}


def test_the_simulation_is_read_only_when_touched(tmp_path: Path) -> None:
    state = fresh_state(T0)
    state["sim"] = {"rv": state["resourceVersion"], "seq": 3, "queue": [[5, 1, {"k": "x"}]],
                    "pods": {"u": {"name": "a"}}}
    path = tmp_path / "state.json"
    statefile.write_state(path, state)
    head = json.loads(path.read_bytes())
    assert head["simulation"]["values"] == {"rv": state["resourceVersion"], "seq": 3}
    assert head["simulation"]["nextDue"] == 5
    loaded = statefile.read_state(path)
    assert not loaded.sim_loaded
    sim = loaded["sim"]
    assert sim["seq"] == 3 and not sim.is_loaded("queue") and sim.due_hint == 5
    sim["pods"]["u"]["name"] = "b"
    loaded["resourceVersion"] += 1
    statefile.write_state(path, loaded)
    new = json.loads(path.read_bytes())["simulation"]
    assert new["parts"]["queue"] == head["simulation"]["parts"]["queue"]  # not rewritten
    assert new["parts"]["pods"] != head["simulation"]["parts"]["pods"]
    assert statefile.read_plain(path)["sim"]["pods"] == {"u": {"name": "b"}}


def test_completion_looks_again_when_a_writer_replaced_the_index(tmp_path: Path) -> None:
    from minikubectl.cli.complete import IndexSnapshot, builtin_types

    path = _saved(tmp_path, {"default": ["web-1", "web-2"]})
    stale_head = path.read_bytes()
    state = statefile.read_state(path)
    state["objects"]["pods"]["default/web-3"] = _pod("default", "web-3", 200)
    statefile.write_state(path, state)  # removes the index the stale head names
    pods = next(t for t in builtin_types() if t.qualified == "pods")
    snapshot = IndexSnapshot(str(path), stale_head)
    assert snapshot.names(pods, "default", "web") == ["web-1", "web-2", "web-3"]
    assert snapshot.get(pods, "default", "web-3")["metadata"]["name"] == "web-3"


def test_a_selector_decodes_only_matching_objects_and_asks_once_per_label_set(tmp_path: Path) -> None:
    from minikubectl.api.registry import builtin_registry
    from minikubectl.store.tracker import Tracker

    path = _saved(tmp_path, {"default": [f"p{i}" for i in range(40)]})
    state = statefile.read_state(path)
    asked = []

    def web(labels: dict) -> bool:
        asked.append(dict(labels))
        return labels.get("app") == "web"

    pods = builtin_registry().by_qualified_plural("pods")
    found = list(Tracker(state).iter_stored(pods, "default", web))
    assert sorted(p["metadata"]["name"] for p in found) == sorted(f"p{i}" for i in range(0, 40, 2))
    assert asked == [{"app": "web"}, {"app": "db"}]
    assert sorted(state["objects"]["pods"].cache) == sorted(f"default/p{i}" for i in range(0, 40, 2))


def test_sharded_records_load_one_shard_per_lookup() -> None:
    import copy

    from minikubectl.store.layout import ShardedDict, shard_of

    records = {f"uid-{i}": {"n": i} for i in range(64)}
    by_shard: dict[str, dict] = {}
    for key, value in records.items():
        by_shard.setdefault(shard_of(key), {})[key] = value
    opened: list[str] = []

    def loader(shard: str):
        def load():
            opened.append(shard)
            return dict(by_shard[shard]), b"raw"
        return load
    sharded = ShardedDict({shard: loader(shard) for shard in by_shard})
    assert len(by_shard) > 4 and all(len(s) == 1 for s in by_shard)  # spread over hex digits
    assert sharded.get("uid-7") == {"n": 7} and opened == [shard_of("uid-7")]
    assert "uid-8" in sharded and len(opened) <= 2
    sharded["new"] = {"n": -1}
    assert sharded.shards()[shard_of("new")]["new"] == {"n": -1}
    assert bool(sharded)
    assert copy.deepcopy(sharded) == {**records, "new": {"n": -1}}  # whole-dict use loads all
    assert sorted(opened) == sorted(by_shard)
