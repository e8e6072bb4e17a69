"""End-to-end: ``describe`` layouts (checked against kubectl v1.33.1 on the same objects)."""

from __future__ import annotations

import pytest

TOLERATIONS = ("Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
               "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n")
VOLUMES = ("Volumes:\n"
           "  kube-api-access-x8znf:\n"
           "    Type:                    Projected (a volume that contains injected data from multiple sources)\n"
           "    TokenExpirationSeconds:  3607\n"
           "    ConfigMapName:           kube-root-ca.crt\n"
           "    Optional:                false\n"
           "    DownwardAPI:             true\n"
           "QoS Class:                   BestEffort\n"
           "Node-Selectors:              <none>\n") + TOLERATIONS


@pytest.fixture
def kubia(cli):
    cli.extra_env["TZ"] = "UTC"
    assert cli("create", "-f", "manifests/kubia-manual.yaml").code == 0
    return cli


def test_describe_pod_just_created(kubia):
    r = kubia("describe", "pod", "kubia-manual")
    assert r.code == 0 and r.stderr == ""
    assert r.stdout == (
        "Name:             kubia-manual\n"
        "Namespace:        default\n"
        "Priority:         0\n"
        "Service Account:  default\n"
        "Node:             minikube/\n"
        "Labels:           <none>\n"
        "Annotations:      <none>\n"
        "Status:           Pending\n"
        "IP:               \n"
        "IPs:              <none>\n"
        "Containers:\n"
        "  kubia:\n"
        "    Image:        luksa/kubia\n"
        "    Port:         8080/TCP\n"
        "    Host Port:    0/TCP\n"
        "    Environment:  <none>\n"
        "    Mounts:\n"
        "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x8znf (ro)\n"
        "Conditions:\n"
        "  Type           Status\n"
        "  PodScheduled   True \n"
        + VOLUMES +
        "Events:\n"
        "  Type    Reason     Age   From               Message\n"
        "  ----    ------     ----  ----               -------\n"
        "  Normal  Scheduled  0s    default-scheduler  Successfully assigned default/kubia-manual to minikube\n")


RUNNING = (
    "Name:             kubia-manual\n"
    "Namespace:        default\n"
    "Priority:         0\n"
    "Service Account:  default\n"
    "Node:             minikube/192.168.49.2\n"
    "Start Time:       Thu, 01 Jan 2026 00:00:01 +0000\n"
    "Labels:           <none>\n"
    "Annotations:      <none>\n"
    "Status:           Running\n"
    "IP:               10.244.0.2\n"
    "IPs:\n"
    "  IP:  10.244.0.2\n"
    "Containers:\n"
    "  kubia:\n"
    "    Container ID:   containerd://844c95a389c83d642319be8d1eed48efd118e986f9bd068c23dc21b9d40823c0\n"
    "    Image:          luksa/kubia\n"
    "    Image ID:       docker.io/luksa/kubia@sha256:"
    "0338b7ea1d839b87ae125cf6376c7eb4132ae4dfe73d64841dd961c63342a0e8\n"
    "    Port:           8080/TCP\n"
    "    Host Port:      0/TCP\n"
    "    State:          Running\n"
    "      Started:      Thu, 01 Jan 2026 00:00:08 +0000\n"
    "    Ready:          True\n"
    "    Restart Count:  0\n"
    "    Environment:    <none>\n"
    "    Mounts:\n"
    "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x8znf (ro)\n"
    "Conditions:\n"
    "  Type                        Status\n"
    "  PodReadyToStartContainers   True \n"
    "  Initialized                 True \n"
    "  Ready                       True \n"
    "  ContainersReady             True \n"
    "  PodScheduled                True \n"
    + VOLUMES)

RUNNING_EVENTS = (
    "Events:\n"
    "  Type    Reason     Age   From               Message\n"
    "  ----    ------     ----  ----               -------\n"
    "  Normal  Scheduled  60s   default-scheduler  Successfully assigned default/kubia-manual to minikube\n"
    "  Normal  Pulling    58s   kubelet            Pulling image \"luksa/kubia\"\n"
    "  Normal  Pulled     52s   kubelet            Successfully pulled image \"luksa/kubia\" in 6.309s "
    "(6.309s including waiting). Image size: 66207788 bytes.\n"
    "  Normal  Created    52s   kubelet            Created container: kubia\n"
    "  Normal  Started    52s   kubelet            Started container kubia\n")


def test_describe_pod_running(kubia):
    kubia.now = "2026-01-01T00:01:00Z"
    r = kubia("describe", "pod", "kubia-manual")
    assert (r.stdout, r.stderr, r.code) == (RUNNING + RUNNING_EVENTS, "", 0)


def test_describe_pod_type_slash_name_and_no_events(kubia):
    kubia.now = "2026-01-01T00:01:00Z"
    r = kubia("describe", "pod/kubia-manual", "--show-events=false")
    assert (r.stdout, r.code) == (RUNNING, 0)


def test_describe_name_prefix_appends_newline(kubia):
    kubia.now = "2026-01-01T00:01:00Z"
    r = kubia("describe", "pods", "kubia")
    assert (r.stdout, r.code) == (RUNNING + RUNNING_EVENTS + "\n", 0)


def test_describe_not_found_and_empty_selector(kubia):
    r = kubia("describe", "pod", "nope")
    assert (r.stdout, r.stderr, r.code) == ("", 'Error from server (NotFound): pods "nope" not found\n', 1)
    r = kubia("describe", "pods", "-l", "app=zzz")
    assert (r.stdout, r.stderr, r.code) == ("", "No resources found in default namespace.\n", 0)
    r = kubia("describe")
    assert r.code == 1 and r.stderr == ('error: You must specify the type of resource to describe. Use '
                                        '"kubectl api-resources" for a complete list of supported resources.\n')


def test_describe_node_minikube(kubia):
    kubia.now = "2026-01-01T00:01:00Z"
    r = kubia("describe", "node", "minikube")
    assert r.code == 0
    text = r.stdout
    assert text.startswith(
        "Name:               minikube\n"
        "Roles:              control-plane\n"
        "Labels:             beta.kubernetes.io/arch=amd64\n"
        "                    beta.kubernetes.io/os=linux\n")
    assert ("Conditions:\n"
            "  Type             Status  LastHeartbeatTime                 LastTransitionTime                "
            "Reason                       Message\n") in text
    assert ("Non-terminated Pods:          (1 in total)\n"
            "  Namespace                   Name            CPU Requests  CPU Limits  Memory Requests  "
            "Memory Limits  Age\n"
            "  ---------                   ----            ------------  ----------  ---------------  "
            "-------------  ---\n"
            "  default                     kubia-manual    0 (0%)        0 (0%)      0 (0%)           "
            "0 (0%)         60s\n"
            "Allocated resources:\n"
            "  (Total limits may be over 100 percent, i.e., overcommitted.)\n"
            "  Resource           Requests  Limits\n"
            "  --------           --------  ------\n"
            "  cpu                0 (0%)    0 (0%)\n"
            "  memory             0 (0%)    0 (0%)\n"
            "  ephemeral-storage  0 (0%)    0 (0%)\n"
            "  hugepages-1Gi      0 (0%)    0 (0%)\n"
            "  hugepages-2Mi      0 (0%)    0 (0%)\n"
            "Events:              <none>\n") in text


def test_describe_deployment(cli):
    cli.extra_env["TZ"] = "UTC"
    assert cli("apply", "-f", "manifests/example-deployment.yaml").code == 0
    cli.now = "2026-01-01T00:01:00Z"
    r = cli("describe", "deployment", "nginx-deployment")
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[:12] == [
        "Name:                   nginx-deployment",
        "Namespace:              default",
        "CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000",
        "Labels:                 app=nginx",
        "Annotations:            deployment.kubernetes.io/revision: 1",
        "Selector:               app=nginx",
        "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable",
        "StrategyType:           RollingUpdate",
        "MinReadySeconds:        0",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
        "Pod Template:",
        "  Labels:  app=nginx",
    ]
    assert "  Containers:\n   nginx:\n    Image:         nginx\n    Port:          80/TCP\n" in r.stdout
    assert "  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\n" in r.stdout
    assert "NewReplicaSet:   nginx-deployment-" in r.stdout
    assert r.stdout.rstrip("\n").splitlines()[-1].endswith("Scaled up replica set "
                                                            + r.stdout.split("NewReplicaSet:   ")[1].split(" ")[0]
                                                            + " from 0 to 3")


def test_describe_configmap_and_service_account(kubia):
    r = kubia("describe", "cm", "kube-root-ca.crt")
    assert r.stdout.startswith("Name:         kube-root-ca.crt\nNamespace:    default\nLabels:       <none>\n"
                               "Annotations:  kubernetes.io/description:\n")
    assert r.stdout.endswith("\n\nBinaryData\n====\n\nEvents:  <none>\n")
    r = kubia("describe", "sa", "default")
    assert r.stdout == ("Name:                default\nNamespace:           default\nLabels:              <none>\n"
                        "Annotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\n"
                        "Tokens:              <none>\nEvents:              <none>\n")


def test_describe_generic_event(kubia):
    kubia.now = "2026-01-01T00:01:00Z"
    r = kubia("describe", "events")
    assert r.code == 0
    assert "Involved Object:\n  API Version:       v1\n" in r.stdout
    assert "\n\nName:" in r.stdout  # several objects are separated by a blank line pair
