"""The sandbox behind the real verbs: the docs' counter pod, exec into nginx, the lifecycle hooks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

MANIFEST = """\
apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args: [/bin/sh, -c, 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']
---
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
"""


@pytest.fixture
def pods(cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    from minikubectl.sim import runtime
    runtime.use(None)  # the real backend (the sandbox when complete)
    path = tmp_path / "pods.yaml"
    path.write_text(MANIFEST)
    cli.now = "2026-01-01T00:00:00Z"
    assert cli("apply", "-f", str(path)).code == 0
    cli.now = "2026-01-01T00:01:00Z"
    return cli


def test_counter_pod_logs_numbered_dates(pods) -> None:  # type: ignore[no-untyped-def]
    res = pods("logs", "counter")
    assert res.code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines and all(re.fullmatch(r"\d+: Thu Jan  1 00:0\d:\d\d UTC 2026", line) for line in lines)
    assert [int(line.split(":")[0]) for line in lines] == list(range(len(lines)))
    last = pods("logs", "counter", "--tail", "1").stdout.strip()
    assert last.startswith(f"{len(lines) - 1}: ") and last.endswith("00:00:59 UTC 2026")


def test_exec_reads_nginx_config_and_the_hook_output(pods) -> None:  # type: ignore[no-untyped-def]
    conf = pods("exec", "lifecycle-demo", "--", "cat", "/etc/nginx/nginx.conf")
    assert conf.code == 0 and conf.stdout.startswith("user  nginx;\n")
    assert "worker_processes  auto;" in conf.stdout
    msg = pods("exec", "lifecycle-demo", "--", "cat", "/usr/share/message")
    assert (msg.code, msg.stdout) == (0, "Hello from the postStart handler\n")
    code = pods("exec", "counter", "--", "sh", "-c", "exit 3")
    assert code.code == 3 and "command terminated with exit code 3" in code.stderr
