"""Objects made by ``create <generator>``, ``run`` and ``expose`` live in the simulated cluster."""

from __future__ import annotations

from typing import Any

LATER = "2026-01-01T00:01:00Z"


def test_created_deployment_gets_pods(cli: Any) -> None:
    assert cli("create", "deployment", "web", "--image=nginx", "-r", "3", "--port=80").stdout == \
        "deployment.apps/web created\n"
    cli.now = LATER
    out = cli("get", "deploy", "web", "--no-headers").stdout.split()
    assert out[:4] == ["web", "3/3", "3", "3"]
    pods = cli("get", "pods", "-l", "app=web", "-o", "name").stdout.split()
    assert len(pods) == 3


def test_create_deployment_twice_is_wrapped_error(cli: Any) -> None:
    assert cli("create", "deploy", "web", "--image=nginx").code == 0
    result = cli("create", "deploy", "web", "--image=nginx")
    assert (result.code, result.stderr) == (
        1, 'error: failed to create deployment: deployments.apps "web" already exists\n')


def test_server_dry_run_creates_nothing(cli: Any) -> None:
    result = cli("create", "cm", "c", "--from-literal=a=b", "--dry-run=server")
    assert result.stdout == "configmap/c created (server dry run)\n"
    assert cli("get", "cm", "c").code == 1


def test_save_config_then_apply_sees_the_annotation(cli: Any) -> None:
    assert cli("create", "sa", "bot", "--save-config").code == 0
    out = cli("get", "sa", "bot", "-o",
              "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}").stdout
    assert out.startswith('{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"bot"')


def test_secret_and_configmap_data(cli: Any) -> None:
    assert cli("create", "secret", "generic", "s", "--from-literal=k=v").code == 0
    assert cli("get", "secret", "s", "-o", "jsonpath={.type} {.data.k}").stdout == "Opaque dg=="
    assert cli("create", "cm", "c", "--from-literal=k=v", "-n", "default").code == 0
    assert cli("get", "cm", "c", "-o", "jsonpath={.data.k}").stdout == "v"


def test_create_service_row(cli: Any) -> None:
    assert cli("create", "service", "nodeport", "web", "--tcp=80:8080").stdout == "service/web created\n"
    row = cli("get", "svc", "web", "--no-headers").stdout.split()
    assert row[0:2] == ["web", "NodePort"]
    assert row[4].startswith("80:") and row[4].endswith("/TCP")


def test_job_from_cronjob_is_owned(cli: Any) -> None:
    assert cli("create", "cronjob", "c", "--image=busybox", "--schedule=*/5 * * * *",
               "--", "date").code == 0
    assert cli("create", "job", "manual", "--from=cronjob/c").stdout == "job.batch/manual created\n"
    out = cli("get", "job", "manual", "-o",
              "jsonpath={.metadata.ownerReferences[0].kind} "
              "{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}").stdout
    assert out == "CronJob manual"
    result = cli("create", "job", "x", "--from=cronjob/nope")
    assert result.code == 1 and 'cronjobs.batch "nope" not found' in result.stderr


def test_run_creates_a_pod_that_starts(cli: Any) -> None:
    result = cli("run", "web", "--image=nginx", "--port=80", "--labels=app=web,tier=fe",
                 "--env=A=1", "--restart=Never")
    assert (result.stdout, result.code) == ("pod/web created\n", 0)
    cli.now = LATER
    row = cli("get", "pod", "web", "--no-headers").stdout.split()
    assert row[:3] == ["web", "1/1", "Running"]
    out = cli("get", "pod", "web", "-o",
              "jsonpath={.spec.restartPolicy} {.spec.containers[0].env[0].value} "
              "{.metadata.labels.tier}").stdout
    assert out == "Never 1 fe"


def test_run_client_dry_run_and_errors(cli: Any) -> None:
    out = cli("run", "x", "--image=busybox", "--dry-run=client", "-o", "jsonpath={.metadata.labels.run} "
              "{.spec.containers[0].args}", "--", "sleep", "5").stdout
    assert out == 'x ["sleep","5"]'
    out = cli("run", "x", "--image=busybox", "--command", "--dry-run=client", "-o",
              "jsonpath={.spec.containers[0].command}", "--", "sleep", "5").stdout
    assert out == '["sleep","5"]'
    assert cli("run", "--image=busybox").stderr.startswith("error: NAME is required for run")
    assert cli("run", "x").stderr == "error: --image is required\n"
    assert "invalid restart policy: Sometimes" in cli("run", "x", "--image=b", "--restart=Sometimes").stderr
    assert "--rm should only be used for attached containers" in cli("run", "x", "--image=b", "--rm").stderr
    attached = cli("run", "x", "--image=busybox", "-it", "--rm", "--", "sh")
    assert (attached.stdout, attached.code) == ('pod "x" deleted\n', 0)
    assert attached.stderr == "Unable to use a TTY - input is not a terminal or the right kind of file\n"
    assert cli("get", "pod", "x").code == 1


def test_run_overrides(cli: Any) -> None:
    out = cli("run", "x", "--image=busybox", "--dry-run=client", "--overrides",
              '{"spec":{"nodeName":"minikube"}}', "-o", "jsonpath={.spec.nodeName}").stdout
    assert out == "minikube"


def test_expose_pod_and_deployment(cli: Any) -> None:
    assert cli("run", "web", "--image=nginx", "--port=80").code == 0
    assert cli("expose", "pod", "web").stdout == "service/web exposed\n"
    assert cli("get", "svc", "web", "-o", "jsonpath={.spec.selector.run} {.spec.ports[0].port}"
               ).stdout == "web 80"
    result = cli("expose", "pod", "web", "--name=web2", "--port=8080", "--target-port=80",
                 "--type=NodePort")
    assert result.stdout == "service/web2 exposed\n"
    row = cli("get", "svc", "web2", "--no-headers", "-o", "wide").stdout.split()
    assert row[1] == "NodePort" and row[4].startswith("8080:") and row[-1] == "run=web"
    assert cli("create", "deploy", "api", "--image=nginx").code == 0
    result = cli("expose", "deploy", "api")
    assert (result.code, result.stderr) == (
        1, "error: couldn't find port via --port flag or introspection\n")
    assert cli("expose", "deploy", "api", "--port=80", "--dry-run=client", "-o",
               "jsonpath={.spec.selector.app}").stdout == "api"
    assert cli("expose", "cm", "kube-root-ca.crt", "--port=1").stderr == \
        "error: cannot expose a ConfigMap\n"
    assert cli("expose").stderr.startswith("error: You must provide one or more resources")
