"""What the e2e tests transcribed from kubectl's test/cmd scripts share.

Manifests used by several scripts, and hack/lib/test.sh's object assertion.
"""

from __future__ import annotations

from typing import Any

ID = "{{range.items}}{{.metadata.name}}:{{end}}"

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

VALID_POD = """apiVersion: v1
kind: Pod
metadata:
  name: valid-pod
  labels:
    name: valid-pod
spec:
  containers:
  - name: kubernetes-serve-hostname
    image: registry.k8s.io/serve_hostname
    resources:
      limits:
        cpu: "1"
        memory: 512Mi
"""
FILTER_POD = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels:
    name: {name}
    unique-label: {unique}
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
"""


def assert_object(cli: Any, what: str, template: str, expected: str) -> None:
    """hack/lib/test.sh kube::test::get_object_assert: ``kubectl get WHAT -o go-template=T``."""
    result = cli("get", *what.split(), "-o", f"go-template={template}")
    assert (result.stdout, result.code) == (expected, 0), result.stderr
