"""End-to-end: ``kubectl events`` (sorted, its own columns) and ``get events``."""

from __future__ import annotations

EVENTS = (
    "LAST SEEN   TYPE     REASON      OBJECT             MESSAGE\n"
    "60s         Normal   Scheduled   Pod/kubia-manual   Successfully assigned default/kubia-manual to minikube\n"
    "58s         Normal   Pulling     Pod/kubia-manual   Pulling image \"luksa/kubia\"\n"
    "52s         Normal   Pulled      Pod/kubia-manual   Successfully pulled image \"luksa/kubia\" in 6.309s "
    "(6.309s including waiting). Image size: 66207788 bytes.\n"
    "52s         Normal   Created     Pod/kubia-manual   Created container: kubia\n"
    "52s         Normal   Started     Pod/kubia-manual   Started container kubia\n")


def test_events_sorted_with_own_columns(cli):
    assert cli("create", "-f", "manifests/kubia-manual.yaml").code == 0
    cli.now = "2026-01-01T00:01:00Z"
    r = cli("events")
    assert (r.stdout, r.stderr, r.code) == (EVENTS, "", 0)
    r = cli("events", "-A", "--for", "pod/kubia-manual", "--types=Normal")
    assert r.stdout.splitlines()[0] == "NAMESPACE   LAST SEEN   TYPE     REASON      OBJECT             MESSAGE"
    assert len(r.stdout.splitlines()) == 6
    r = cli("get", "events")
    assert r.stdout.splitlines()[1] == ("60s         Normal   Scheduled   pod/kubia-manual   "
                                        "Successfully assigned default/kubia-manual to minikube")


def test_events_empty_and_errors(cli):
    r = cli("events", "-n", "kube-system")
    assert (r.stdout, r.stderr, r.code) == ("", "No events found in kube-system namespace.\n", 0)
    r = cli("events", "--types=bad")
    assert (r.stderr, r.code) == ("error: valid --types are Normal or Warning\n", 1)
    r = cli("events", "--for", "pod")
    assert (r.stderr, r.code) == ("error: --for must be in resource/name form\n", 1)
