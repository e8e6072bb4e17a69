"""What a simulated container writes to its log: a deterministic function of its spec and run.

Nothing runs on the host. Built on :mod:`minikubectl.sim.programs`:

Nothing runs on the host: a container's output is a deterministic function of its
spec and its run (``startedAt``, ``finishedAt`` or now), modelled on top of
:mod:`minikubectl.sim.programs`:

* the program's start-up output (``echo`` statements, the kubia greeting...) is printed
  when the container starts, one line per millisecond;
* ``nginx`` without a command prints the docker-entrypoint and nginx start-up notices;
* a shell loop ``while true; do ...; done`` (``echo TEXT``, ``date``, ``sleep N``) prints its
  body's lines once per iteration, iterations ``sum(sleep)`` seconds apart, from startedAt
  up to now (or finishedAt for a terminated instance).

Line timestamps (``--timestamps``, ``--since``) are those instants in RFC 3339 with
nanoseconds, as the kubelet's CRI log files record them.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _ns(text: Any) -> int:
    from minikubectl.api.timefmt import parse_time
    moment = parse_time(str(text)) if text else None
    return _ns_of(moment) if moment is not None else 0


def _ns_of(moment: datetime) -> int:
    delta = moment - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000


def rfc3339_nano(ns: int) -> str:
    """Go's RFC3339Nano in UTC: fraction without trailing zeros."""
    seconds, frac = divmod(ns, 1_000_000_000)
    base = (_EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")
    return base + (("." + f"{frac:09d}".rstrip("0")) if frac else "") + "Z"


_LOOP = re.compile(r"while\s+(?:true|:)\s*;?\s*do\s+(?P<body>.*?);?\s*done", re.S)


def _loop(container: dict[str, Any]) -> tuple[list[str], int] | None:
    """A ``while true; do ...; done`` body: (line makers, period ns), when the script has one."""
    argv = [str(x) for x in (container.get("command") or [])] + [str(x) for x in (container.get("args") or [])]
    script = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "-c"), "")
    match = _LOOP.search(script)
    if not match:
        return None
    makers: list[str] = []
    period = 0
    import shlex
    for stmt in re.split(r"[;\n]", match.group("body")):
        words = shlex.split(stmt, posix=True) if stmt.strip() else []
        if not words:
            continue
        if words[0] == "echo":
            makers.append("echo:" + " ".join(w for w in words[1:] if w != "-e"))
        elif words[0] == "date":
            makers.append("date:")
        elif words[0] == "sleep" and len(words) == 2:
            try:
                period += int(float(words[1].rstrip("s")) * 1_000_000_000)
            except ValueError:
                return None
    return (makers, period) if makers and period > 0 else None


def _nginx_lines(start_ns: int) -> list[str]:
    stamp = (_EPOCH + timedelta(seconds=start_ns // 1_000_000_000)).strftime("%Y/%m/%d %H:%M:%S")
    entry = "/docker-entrypoint.sh"
    return [
        f"{entry}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        f"{entry}: Looking for shell scripts in /docker-entrypoint.d/",
        f"{entry}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        f"{entry}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
        f"{entry}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
        f"{entry}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
        f"{entry}: Configuration complete; ready for start up",
        f'{stamp} [notice] 1#1: using the "epoll" event method',
        f"{stamp} [notice] 1#1: nginx/1.27.5",
        f"{stamp} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ",
        f"{stamp} [notice] 1#1: OS: Linux 6.8.0-1021-gcp",
        f"{stamp} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
        f"{stamp} [notice] 1#1: start worker processes",
        f"{stamp} [notice] 1#1: start worker process 29",
        f"{stamp} [notice] 1#1: start worker process 30",
    ]


def container_output(container: dict[str, Any], start_ns: int, end_ns: int) -> list[tuple[int, str]]:
    """Timestamped lines one run of the container printed between start and end (see module doc)."""
    from minikubectl.sim import programs
    from minikubectl.sim.images import base_name
    startup = list(programs.program_for(container).output)
    if not container.get("command") and not container.get("args") and base_name(str(container.get("image", ""))) == "nginx":
        startup = _nginx_lines(start_ns)
    lines = [(start_ns + (i + 1) * 1_000_000 + 4321 * (i + 1), text) for i, text in enumerate(startup)]
    loop = _loop(container)
    if loop is not None:
        makers, period = loop
        tick = start_ns + (len(lines) + 1) * 1_000_000
        while tick <= end_ns and len(lines) < 100_000:
            for j, maker in enumerate(makers):
                kind, _, text = maker.partition(":")
                if kind == "date":
                    text = (_EPOCH + timedelta(seconds=tick // 1_000_000_000)).strftime("%a %b %e %H:%M:%S UTC %Y")
                lines.append((tick + j * 1000, text))
            tick += period
    return [ln for ln in lines if ln[0] <= end_ns]
