"""The kubeconfig: loading rules, merging, writing back, and what a context selects.

minikubectl keeps a kubeconfig of its own, in the same format as kubectl's:

* ``--kubeconfig FILE``: only that file (no merging);
* else ``$KUBECONFIG``: a ``:``-separated list of files, merged as client-go merges them
  (the first file to define a cluster, context or user wins; the first non-empty
  ``current-context`` wins); a change is written to the file that defines the stanza, a new
  stanza to the first existing file (the last of the list when none exists);
* else the default file ``config`` beside the state: ``~/.minikubectl/config``, or the
  directory of ``--state`` / ``$MINIKUBECTL_STATE`` when one of those is given. Until the
  default file exists, minikubectl behaves as if it held minikube's entries (cluster, context
  and user ``minikube``), and the first change writes them out together with the change.

A context selects a simulated cluster through its cluster entry: the state file is the
``state`` field of the cluster's ``minikubectl`` extension when present, else
``~/.minikubectl/state.json`` for the cluster ``minikube`` and
``~/.minikubectl/clusters/<cluster>/state.json`` for any other name, so several simulated
clusters live side by side, one per context. ``--state`` and ``$MINIKUBECTL_STATE`` still name
the state file directly and win over any context.

A user entry authenticates as its ``username`` when it has one (groups
``system:authenticated``); an entry without one authenticates as minikube's client
certificate does: user ``minikube-user`` in the group ``system:masters`` (cluster-admin).

Parsing is lazy: without any kubeconfig file nothing is decoded and YAML is not imported.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.overrides import Overrides
from minikubectl.golang.structs import dataclass, field

DEFAULT_CLUSTER = "minikube"
DEFAULT_SERVER = "https://192.168.49.2:8443"
ADMIN_USER = "minikube-user"
ADMIN_GROUPS = ("system:masters", "system:authenticated")
STATE_EXTENSION = "minikubectl"

# Field order of client-go's v1 types: JSON output keeps it, YAML output sorts keys.
CONFIG_FIELDS = ("kind", "apiVersion", "preferences", "clusters", "users", "contexts",
                 "current-context", "extensions")
CLUSTER_FIELDS = ("server", "tls-server-name", "insecure-skip-tls-verify", "certificate-authority",
                  "certificate-authority-data", "proxy-url", "disable-compression", "extensions")
USER_FIELDS = ("client-certificate", "client-certificate-data", "client-key", "client-key-data",
               "token", "tokenFile", "as", "as-uid", "as-groups", "as-user-extra", "username",
               "password", "auth-provider", "exec", "extensions")
CONTEXT_FIELDS = ("cluster", "user", "namespace", "extensions")
# The sections of a kubeconfig: (list key in the file, entry key, field order).
SECTIONS = (("clusters", "cluster", CLUSTER_FIELDS), ("users", "user", USER_FIELDS),
            ("contexts", "context", CONTEXT_FIELDS))
# Fields naming files, resolved against the directory of the file that holds them.
PATH_FIELDS = {"clusters": ("certificate-authority",),
               "users": ("client-certificate", "client-key", "tokenFile")}


def minikubectl_home(environ: dict[str, str] | Any) -> Path:
    """``~/.minikubectl`` (``$HOME`` of the invocation's environment)."""
    home = environ.get("HOME") or str(Path.home())
    return Path(home) / ".minikubectl"


def direct_state_path(flag_value: str | None, environ: Any) -> Path | None:
    """``--state`` or ``$MINIKUBECTL_STATE`` when given (they win over any context)."""
    if flag_value:
        return Path(flag_value).expanduser()
    from_env = environ.get("MINIKUBECTL_STATE")
    if from_env:
        return Path(from_env).expanduser()
    return None


def default_kubeconfig_path(state_flag: str | None, environ: Any) -> Path:
    """``config`` beside the directly named state file, else ``~/.minikubectl/config``."""
    direct = direct_state_path(state_flag, environ)
    if direct is not None:
        return direct.parent / "config"
    return minikubectl_home(environ) / "config"


@dataclass
class Config:
    """One kubeconfig as client-go's ``api.Config``: named maps plus scalar settings."""

    clusters: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)
    current_context: str = ""
    preferences: dict[str, Any] = field(default_factory=dict)
    extensions: list[Any] | None = None

    def section(self, name: str) -> dict[str, dict[str, Any]]:
        """``clusters``, ``users`` or ``contexts`` by name."""
        return {"clusters": self.clusters, "users": self.users, "contexts": self.contexts}[name]

    def copy(self) -> "Config":
        """A deep copy."""
        return copy.deepcopy(self)

    def to_v1(self) -> dict[str, Any]:
        """The v1 ``Config`` document (lists of named entries, client-go's field order)."""
        doc: dict[str, Any] = {"kind": "Config", "apiVersion": "v1", "preferences": self.preferences}
        for key, entry_key, order in SECTIONS:
            entries = self.section(key)
            doc[key] = [{"name": name, entry_key: _ordered(body, order)}
                        for name, body in sorted(entries.items())] or None
        # v1 field order: users before contexts.
        doc = {k: doc[k] for k in ("kind", "apiVersion", "preferences", "clusters", "users", "contexts")}
        doc["current-context"] = self.current_context
        if self.extensions:
            doc["extensions"] = self.extensions
        return doc


# Field order of the structs inside a user entry.
NESTED_FIELDS = {"auth-provider": ("name", "config"),
                 "exec": ("command", "args", "env", "apiVersion", "installHint",
                          "provideClusterInfo", "interactiveMode")}
# Fields client-go's v1 types always write (no omitempty).
ALWAYS_WRITTEN = {"server", "cluster", "user"}


def _ordered(body: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    known = {k: body.get(k, "") for k in order
             if (k in ALWAYS_WRITTEN and order is not USER_FIELDS)
             or (k in body and body[k] not in (None, "", [], {}, False))}
    extra = {k: v for k, v in body.items() if k not in order and v not in (None, "", [], {})}
    for key, nested_order in NESTED_FIELDS.items():
        if isinstance(known.get(key), dict):
            nested = known[key]
            known[key] = {**{k: nested[k] for k in nested_order if k in nested},
                          **{k: v for k, v in nested.items() if k not in nested_order}}
    return {**known, **extra}


def builtin_default() -> Config:
    """The entries minikubectl behaves as having before its default kubeconfig exists."""
    return Config(clusters={DEFAULT_CLUSTER: {"server": DEFAULT_SERVER}},
                  users={DEFAULT_CLUSTER: {}},
                  contexts={DEFAULT_CLUSTER: {"cluster": DEFAULT_CLUSTER, "user": DEFAULT_CLUSTER,
                                              "namespace": "default"}},
                  current_context=DEFAULT_CLUSTER)


# -- reading and writing one file ---------------------------------------------------------
def parse_file(path: Path, resolve_paths: bool = False) -> Config | None:
    """The file's config; None when it does not exist; a clear error when it is not one."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise errors.ClientError(f'error loading config file "{path}": {exc.strerror}') from None
    import yaml

    try:
        doc = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if raw.strip() else {}
    except yaml.YAMLError as exc:
        raise errors.ClientError(f'error loading config file "{path}": {exc}') from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise errors.ClientError(f'error loading config file "{path}": not a kubeconfig document')
    config = Config(current_context=str(doc.get("current-context") or ""),
                    preferences=doc.get("preferences") or {}, extensions=doc.get("extensions"))
    for key, entry_key, _ in SECTIONS:
        target = config.section(key)
        for entry in doc.get(key) or []:
            if not isinstance(entry, dict) or not entry.get("name"):
                continue
            body = entry.get(entry_key) or {}
            body = dict(body) if isinstance(body, dict) else {}
            if resolve_paths:
                for name in PATH_FIELDS.get(key, ()):
                    if body.get(name) and not os.path.isabs(str(body[name])):
                        body[name] = str(path.parent.resolve() / str(body[name]))
            target.setdefault(str(entry["name"]), body)
    return config


def write_file(path: Path, config: Config) -> None:
    """Write ``config`` to ``path`` atomically (temp file + fsync + rename), mode 0600."""
    import tempfile

    from minikubectl.printers.json_yaml import to_yaml

    text = to_yaml(config.to_v1())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# -- the loading rules ---------------------------------------------------------------------
@dataclass
class LoadingRules:
    """Which files make up the kubeconfig (client-go's ClientConfigLoadingRules)."""

    explicit: Path | None
    precedence: list[Path]
    default_file: Path
    # True when neither --kubeconfig nor $KUBECONFIG is given (minikubectl's own file).
    uses_default: bool

    @classmethod
    def from_flags(cls, kubeconfig_flag: str | None, state_flag: str | None, environ: Any) -> "LoadingRules":
        """The rules for this invocation's flags and environment."""
        default = default_kubeconfig_path(state_flag, environ)
        if kubeconfig_flag:
            path = Path(kubeconfig_flag).expanduser()
            return cls(path, [path], default, False)
        listed = environ.get("KUBECONFIG") or ""
        paths: list[Path] = []
        for part in listed.split(os.pathsep):
            if part and Path(part).expanduser() not in paths:
                paths.append(Path(part).expanduser())
        if paths:
            return cls(None, paths, default, False)
        return cls(None, [default], default, True)

    def any_file_exists(self) -> bool:
        """True when at least one kubeconfig file exists (else nothing is parsed)."""
        return any(p.exists() for p in self.precedence)

    def destination(self) -> Path:
        """Where a new stanza goes: the explicit file, the first existing one, else the last."""
        if self.explicit is not None:
            return self.explicit
        for path in self.precedence:
            if path.exists():
                return path
        return self.precedence[-1]

    def load(self) -> "Kubeconfig":
        """Read and merge the files (the built-in default when minikubectl's own is absent)."""
        files: list[tuple[Path, Config]] = []
        for path in self.precedence:
            parsed = parse_file(path)
            if parsed is not None:
                files.append((path, parsed))
        if not files and self.uses_default:
            return Kubeconfig(self, builtin_default(), [(self.default_file, builtin_default())],
                              synthesized=True)
        merged = Config()
        for _, cfg in files:
            for key, _, _ in SECTIONS:
                target = merged.section(key)
                for name, body in cfg.section(key).items():
                    target.setdefault(name, copy.deepcopy(body))
            if not merged.current_context and cfg.current_context:
                merged.current_context = cfg.current_context
            if not merged.preferences and cfg.preferences:
                merged.preferences = copy.deepcopy(cfg.preferences)
        return Kubeconfig(self, merged, files, synthesized=False)


@dataclass
class Kubeconfig:
    """The merged kubeconfig and the files it came from, able to write changes back."""

    rules: LoadingRules
    merged: Config
    files: list[tuple[Path, Config]]
    synthesized: bool = False

    def file_naming(self) -> str:
        """The file name kubectl puts in messages (the destination file)."""
        return str(self.rules.destination())

    def save(self, changed: Config) -> None:
        """Write ``changed`` back following client-go's ModifyConfig rules."""
        if self.rules.explicit is not None or self.synthesized or len(self.rules.precedence) == 1:
            write_file(self.rules.destination(), changed)
            return
        contents: dict[Path, Config] = {path: cfg.copy() for path, cfg in self.files}
        touched: set[Path] = set()

        def file_for(section: str | None, name: str | None) -> Path:
            for path, cfg in self.files:
                if section is None:
                    if cfg.current_context:
                        return path
                elif name in cfg.section(section):
                    return path
            return self.rules.destination()

        def config_at(path: Path) -> Config:
            if path not in contents:
                contents[path] = parse_file(path, resolve_paths=False) or Config()
            return contents[path]

        if changed.current_context != self.merged.current_context:
            path = file_for(None, None)
            config_at(path).current_context = changed.current_context
            touched.add(path)
        if changed.preferences != self.merged.preferences:
            path = file_for(None, None)
            config_at(path).preferences = changed.preferences
            touched.add(path)
        for key, _, _ in SECTIONS:
            before, after = self.merged.section(key), changed.section(key)
            for name, body in after.items():
                if before.get(name) != body:
                    path = file_for(key, name)
                    config_at(path).section(key)[name] = copy.deepcopy(body)
                    touched.add(path)
            for name in before:
                if name not in after:
                    for path, cfg in self.files:
                        if name in cfg.section(key):
                            config_at(path).section(key).pop(name, None)
                            touched.add(path)
        for path in touched:
            write_file(path, contents[path])


# -- what an invocation connects to --------------------------------------------------------
@dataclass
class Connection:
    """The context, cluster, user and namespace one invocation uses."""

    context: str
    cluster: str
    user: str
    namespace: str
    state_path: Path
    cluster_entry: dict[str, Any]
    user_entry: dict[str, Any]


def state_path_for_cluster(name: str, entry: dict[str, Any], environ: Any) -> Path:
    """The state file of a cluster entry (its ``minikubectl`` extension, else by name)."""
    for ext in entry.get("extensions") or []:
        if isinstance(ext, dict) and ext.get("name") == STATE_EXTENSION:
            body = ext.get("extension")
            if isinstance(body, dict) and body.get("state"):
                return Path(str(body["state"])).expanduser()
    home = minikubectl_home(environ)
    if name in ("", DEFAULT_CLUSTER):
        return home / "state.json"
    safe = name.replace(os.sep, "_")
    return home / "clusters" / safe / "state.json"


def resolve(overrides: Overrides, environ: Any) -> Connection:
    """The connection for these flags (reads the kubeconfig only when a file exists)."""
    rules = LoadingRules.from_flags(overrides.kubeconfig, overrides.state, environ)
    direct = direct_state_path(overrides.state, environ)
    if rules.uses_default and not rules.any_file_exists() and not (
            overrides.context or overrides.cluster or overrides.user):
        # The common case: no kubeconfig at all; nothing to parse.
        return Connection(DEFAULT_CLUSTER, DEFAULT_CLUSTER, DEFAULT_CLUSTER,
                          overrides.namespace or "default",
                          direct or minikubectl_home(environ) / "state.json",
                          {"server": DEFAULT_SERVER}, {})
    if rules.explicit is not None and not rules.explicit.exists():
        raise errors.ClientError(f"stat {overrides.kubeconfig}: no such file or directory")
    config = rules.load().merged
    context_name = overrides.context or config.current_context
    if overrides.context and overrides.context not in config.contexts:
        raise errors.RawError(f"Error in configuration: context was not found for specified "
                              f"context: {overrides.context}")
    context = config.contexts.get(context_name, {})
    cluster_name = overrides.cluster or str(context.get("cluster") or "")
    if overrides.cluster and overrides.cluster not in config.clusters:
        raise errors.ClientError(f'no server found for cluster "{overrides.cluster}"')
    user_name = overrides.user or str(context.get("user") or "")
    if overrides.user and overrides.user not in config.users:
        raise errors.ClientError(f'auth info "{overrides.user}" does not exist')
    cluster_entry = config.clusters.get(cluster_name, {})
    namespace = overrides.namespace or str(context.get("namespace") or "") or "default"
    state = direct or state_path_for_cluster(cluster_name, cluster_entry, environ)
    return Connection(context_name, cluster_name, user_name, namespace, state, cluster_entry,
                      config.users.get(user_name, {}))


@dataclass
class Identity:
    """Who a request is made as: user name and groups (after impersonation)."""

    name: str
    groups: tuple[str, ...]
    uid: str = ""
    extra: dict[str, list[str]] = field(default_factory=dict)
    # The authenticated user before impersonation, when --as/--as-group was used.
    impersonator: "Identity | None" = None


def authenticated(user_entry: dict[str, Any]) -> Identity:
    """Who a kubeconfig user entry authenticates as (see the module docstring)."""
    username = user_entry.get("username")
    if username:
        return Identity(str(username), ("system:authenticated",))
    return Identity(ADMIN_USER, ADMIN_GROUPS)


def identity_for(connection: Connection, as_user: str | None, as_groups: list[str],
                 as_uid: str | None = None) -> Identity:
    """The request's identity: the user entry's, impersonated by ``--as``/``--as-group``."""
    real = authenticated(connection.user_entry)
    entry = connection.user_entry
    as_user = as_user or entry.get("as") or None
    as_groups = list(as_groups or entry.get("as-groups") or [])
    if not as_user and not as_groups:
        return real
    if not as_user:
        raise errors.ClientError("requesting uid, groups or user-extra for  without impersonating a user")
    groups = list(as_groups)
    if as_user.startswith("system:serviceaccount:"):
        parts = as_user.split(":")
        if len(parts) == 4:
            groups += ["system:serviceaccounts", f"system:serviceaccounts:{parts[2]}"]
    if as_user != "system:anonymous" and "system:authenticated" not in groups:
        groups.append("system:authenticated")
    return Identity(as_user, tuple(groups), as_uid or "", impersonator=real)
