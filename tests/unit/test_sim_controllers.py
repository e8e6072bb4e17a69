"""Controllers and engine against the ApiServer directly (no CLI)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from minikubectl.sim import engine
from minikubectl.store.apiserver import ApiServer
from minikubectl.store.cluster import fresh_state
from minikubectl.store.tracker import Tracker

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


class Cluster:
    """A state advanced command by command, like the CLI session does."""

    def __init__(self) -> None:
        self.state = fresh_state(T0)

    def run(self, seconds: float, fn=None):
        now = T0 + timedelta(seconds=seconds)
        api = ApiServer(Tracker(self.state), now)
        engine.advance(api, now)
        result = fn(api) if fn else None
        engine.settle(api)
        return result

    def objects(self, plural: str) -> list[dict]:
        return list(self.state["objects"].get(plural, {}).values())


def _deployment(replicas: int = 3, image: str = "nginx") -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "c", "image": image}]}}}}


def _create(plural: str, obj: dict):
    return lambda api: api.create(api.registry.by_qualified_plural(plural), obj, "default")


def test_deployment_creates_replicaset_and_pods():
    c = Cluster()
    c.run(0, _create("deployments.apps", _deployment()))
    (rs,) = c.objects("replicasets.apps")
    pod_hash = rs["metadata"]["labels"]["pod-template-hash"]
    assert rs["metadata"]["name"] == f"web-{pod_hash}"
    assert rs["metadata"]["annotations"] == {"deployment.kubernetes.io/desired-replicas": "3",
                                             "deployment.kubernetes.io/max-replicas": "4",
                                             "deployment.kubernetes.io/revision": "1"}
    assert rs["metadata"]["ownerReferences"][0]["controller"] is True
    pods = c.objects("pods")
    assert len(pods) == 3 and all(p["metadata"]["name"].startswith(rs["metadata"]["name"] + "-") for p in pods)
    c.run(30)
    (d,) = c.objects("deployments.apps")
    assert d["status"]["availableReplicas"] == 3
    assert [(x["type"], x["reason"]) for x in d["status"]["conditions"]] == [
        ("Available", "MinimumReplicasAvailable"), ("Progressing", "NewReplicaSetAvailable")]


def test_rolling_update_replaces_pods():
    c = Cluster()
    c.run(0, _create("deployments.apps", _deployment()))
    c.run(30)

    def change(api):
        res = api.registry.by_qualified_plural("deployments.apps")
        d = api.get(res, "default", "web")
        d["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.25"
        api.update(res, d)

    c.run(31, change)
    for t in range(32, 200, 5):
        c.run(t)
    sets = sorted(c.objects("replicasets.apps"), key=lambda r: r["metadata"]["annotations"][
        "deployment.kubernetes.io/revision"])
    assert [s["spec"]["replicas"] for s in sets] == [0, 3]
    pods = c.objects("pods")
    assert len(pods) == 3
    assert all(p["spec"]["containers"][0]["image"] == "nginx:1.25" for p in pods)


def test_background_and_foreground_cascade():
    c = Cluster()
    c.run(0, _create("deployments.apps", _deployment(2)))
    c.run(30)
    res = None

    def delete_fg(api):
        nonlocal res
        res = api.registry.by_qualified_plural("deployments.apps")
        return api.delete(res, "default", "web", propagation="Foreground")

    outcome = c.run(31, delete_fg)
    assert not outcome.gone
    assert c.objects("deployments.apps")[0]["metadata"]["finalizers"] == ["foregroundDeletion"]
    c.run(40)
    assert c.objects("deployments.apps") == [] and c.objects("replicasets.apps") == [] and c.objects("pods") == []


def test_idle_cluster_has_no_timers_left_but_event_ttls():
    c = Cluster()
    c.run(0, _create("deployments.apps", _deployment(2)))
    c.run(30)
    c.run(4000)  # events expired after one hour
    assert c.state["sim"]["queue"] == []
    assert c.objects("events") == []
