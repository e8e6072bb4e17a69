"""A small stand-in for the sandbox interpreter, for kubelet tests that must not depend on it.

It understands just enough to exercise the kubelet: ``sleep N`` / ``sh -c "sleep N; exit C"``
as PID 1 (anything else runs until signalled), ``echo TEXT > PATH`` and ``cat PATH`` in
exec commands (files replayed from earlier exec inputs), ``true``/``false``/``exit N``,
``echo``; an executable outside KNOWN fails to start. Programs print ``started`` at start
and ``tick`` every 5 s; nginx exits at TERM, shells only at KILL.
"""

from __future__ import annotations

import base64
import shlex

from minikubectl.sim.runtime import ExecResult, RunResult

S = 1_000_000_000
KNOWN = {"sh", "cat", "echo", "true", "false", "sleep", "nginx", "ls", "node"}
NOT_FOUND = ('OCI runtime exec failed: exec failed: unable to start container process: exec: "{}": '
             "executable file not found in $PATH: unknown")


class FakeRuntime:
    """Backend protocol of minikubectl.sim.runtime, deterministic and tiny."""

    def resolve_argv(self, image, command, args):
        if command:
            return list(command) + list(args or [])
        if "nginx" in image:
            return ["nginx", "-g", "daemon off;"] + list(args or [])
        if "kubia" in image:
            return ["node", "app.js"]
        return list(args) if args else ["sh"]

    def start_error(self, launch):
        argv = launch["argv"]
        if argv and argv[0].rsplit("/", 1)[-1] not in KNOWN:
            return 128, ("failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                         f'runc create failed: unable to start container process: exec: "{argv[0]}": '
                         "executable file not found in $PATH: unknown")
        return None

    def _own_end(self, launch):
        argv = launch["argv"]
        script = argv[2] if len(argv) > 2 and argv[1] == "-c" else " ".join(argv)
        if not argv:
            return None
        if argv[0] == "sleep" or script.startswith("sleep"):
            words = script.replace(";", " ; ").split()
            code = int(words[words.index("exit") + 1]) if "exit" in words else 0
            return launch["start_ns"] + int(words[1]) * S, code
        return None

    def next_exit(self, launch, horizon_ns, net=None):
        ends = []
        own = self._own_end(launch)
        if own:
            ends.append(own)
        server = launch["argv"][:1] == ["nginx"]
        for item in launch["inputs"]:
            if item[0] == "signal" and (item[2] == "KILL" or server):
                ends.append((item[1] + (0 if item[2] == "KILL" else S // 10), 137 if item[2] == "KILL" else 0))
        ends = [e for e in ends if e[0] <= horizon_ns]
        return min(ends) if ends else None

    def run(self, launch, until_ns, net=None):
        end = self.next_exit(launch, until_ns)
        stop = end[0] if end else until_ns
        out = [(launch["start_ns"] + 1000, "stdout", "started")]
        tick = launch["start_ns"] + 5 * S
        while tick <= stop:
            out.append((tick, "stdout", "tick"))
            tick += 5 * S
        return RunResult(output=out, exit=end, fs=FakeFS(self._files(launch, stop)))

    def _files(self, launch, at_ns):
        files = dict(launch.get("mounts") or {})
        files.setdefault("/etc/hostname", launch["hostname"] + "\n")
        for item in launch["inputs"]:
            if item[0] == "exec" and item[1] <= at_ns:
                self._one(item[2], files, item[3])
            elif item[0] == "put" and item[1] <= at_ns:
                files[item[2]] = base64.b64decode(item[3]).decode()
        return files

    def _one(self, argv, files, stdin):
        if argv[0].endswith("sh") and len(argv) > 2 and argv[1] == "-c":
            words = shlex.split(argv[2])
        elif argv[0].endswith("sh") and stdin is not None:
            words = shlex.split(stdin)
        else:
            words = list(argv)
        if ">" in words:
            i = words.index(">")
            files[words[i + 1]] = " ".join(words[1:i]) + "\n"
            return "", "", 0
        name = words[0].rsplit("/", 1)[-1]
        if name == "exit":
            return "", "", int(words[1])
        if name not in KNOWN:
            return "", f"sh: {name}: not found\n", 127
        if name == "cat":
            if words[1] in files:
                return files[words[1]], "", 0
            return "", f"cat: can't open '{words[1]}': No such file or directory\n", 1
        if name == "echo":
            return " ".join(words[1:]) + "\n", "", 0
        if name == "false":
            return "", "", 1
        return "", "", 0

    def exec_at(self, launch, argv, at_ns, stdin=None, net=None):
        if argv[0].rsplit("/", 1)[-1] not in KNOWN:
            return ExecResult("", "", 126, at_ns, start_error=NOT_FOUND.format(argv[0]))
        files = self._files(launch, at_ns)
        out, err, code = self._one(argv, files, stdin)
        return ExecResult(out, err, code, at_ns + S // 100)

    def http_get(self, launch, port, path, at_ns, net=None):
        if "kubia-unhealthy" in launch["image"] and port == 8080:
            served = sum(1 for item in launch["inputs"] if item[0] == "http" and item[1] < at_ns)
            return (200, "ok") if served < 5 else (500, "I'm not well. Please restart me!")
        return (200, "ok") if port == 80 and launch["argv"][:1] == ["nginx"] else None

    def tcp_open(self, launch, port, at_ns, net=None):
        return self.http_get(launch, port, "/", at_ns) is not None


class FakeFS:
    """Files by absolute path; directories are the paths' prefixes."""

    def __init__(self, files):
        self.files = files

    def read(self, path):
        text = self.files.get(path)
        return None if text is None else text.encode()

    def is_dir(self, path):
        prefix = path.rstrip("/") + "/"
        return path == "/" or any(p.startswith(prefix) for p in self.files)

    def walk(self, path):
        prefix = path.rstrip("/") + "/"
        return sorted((p, t.encode()) for p, t in self.files.items() if p.startswith(prefix))
