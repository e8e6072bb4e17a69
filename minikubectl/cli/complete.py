"""Shell completion: the hidden ``__complete`` command, as cobra implements it for kubectl.

The shell scripts (``minikubectl completion bash|zsh|fish``) call
``minikubectl __complete <words...> <partial word>``; this module prints one candidate
per line (``name<TAB>description``), then ``:<directive>`` (cobra's ShellCompDirective
bits), and ``Completion ended with directive: ...`` on stderr.

Every TAB runs one process, so this module is self-contained: it imports neither the verb
modules nor the printers, the registry or the flag parser (each costs more than a whole
completion). The tables below mirror those modules; tests/test_completion_engine.py checks
that they stay equal. Object names come from a read-only look at the state file: no lock,
no simulation, never written; a big file is scanned for keys instead of being decoded.
"""

from __future__ import annotations

import os
import sys

# -- cobra's ShellCompDirective -------------------------------------------------------------
ERROR = 1
NO_SPACE = 2
NO_FILE_COMP = 4
FILTER_FILE_EXT = 8
FILTER_DIRS = 16
KEEP_ORDER = 32
DEFAULT = 0

_DIRECTIVE_NAMES = ((ERROR, "ShellCompDirectiveError"), (NO_SPACE, "ShellCompDirectiveNoSpace"),
                    (NO_FILE_COMP, "ShellCompDirectiveNoFileComp"),
                    (FILTER_FILE_EXT, "ShellCompDirectiveFilterFileExt"),
                    (FILTER_DIRS, "ShellCompDirectiveFilterDirs"),
                    (KEEP_ORDER, "ShellCompDirectiveKeepOrder"))

# -- commands ---------------------------------------------------------------------------------
# verb -> kubectl's short description (cobra lists subcommands sorted by name, plus ``help``).
VERBS: dict[str, str] = {
    "annotate": "Update the annotations on a resource",
    "api-resources": "Print the supported API resources on the server",
    "api-versions": 'Print the supported API versions on the server, in the form of "group/version"',
    "apply": "Apply a configuration to a resource by file name or stdin",
    "attach": "Attach to a running container",
    "auth": "Inspect authorization",
    "autoscale": "Auto-scale a deployment, replica set, stateful set, or replication controller",
    "cluster-info": "Display cluster information",
    "completion": "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)",
    "config": "Modify kubeconfig files",
    "cordon": "Mark node as unschedulable",
    "cp": "Copy files and directories to and from containers",
    "create": "Create a resource from a file or from stdin",
    "debug": "Create debugging sessions for troubleshooting workloads and nodes",
    "delete": "Delete resources by file names, stdin, resources and names, or by resources and label selector",
    "describe": "Show details of a specific resource or group of resources",
    "diff": "Diff the live version against a would-be applied version",
    "drain": "Drain node in preparation for maintenance",
    "edit": "Edit a resource on the server",
    "events": "List events",
    "exec": "Execute a command in a container",
    "explain": "Get documentation for a resource",
    "expose": "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
    "get": "Display one or many resources",
    "help": "Help about any command",
    "kustomize": "Build a kustomization target from a directory or URL",
    "label": "Update the labels on a resource",
    "logs": "Print the logs for a container in a pod",
    "patch": "Update fields of a resource",
    "plugin": "Provides utilities for interacting with plugins",
    "port-forward": "Forward one or more local ports to a pod",
    "replace": "Replace a resource by file name or stdin",
    "rollout": "Manage the rollout of a resource",
    "run": "Run a particular image on the cluster",
    "scale": "Set a new size for a deployment, replica set, or replication controller",
    "set": "Set specific features on objects",
    "taint": "Update the taints on one or more nodes",
    "top": "Display resource (CPU/memory) usage",
    "uncordon": "Mark node as schedulable",
    "version": "Print the client and server version information",
    "wait": "Experimental: Wait for a specific condition on one or many resources",
}

# verb -> {subcommand: description}; ALIASES maps an alias to its subcommand.
SUBCOMMANDS: dict[str, dict[str, str]] = {
    "create": {
        "clusterrole": "Create a cluster role",
        "clusterrolebinding": "Create a cluster role binding for a particular cluster role",
        "configmap": "Create a config map from a local file, directory or literal value",
        "cronjob": "Create a cron job with the specified name",
        "deployment": "Create a deployment with the specified name",
        "ingress": "Create an ingress with the specified name",
        "job": "Create a job with the specified name",
        "namespace": "Create a namespace with the specified name",
        "poddisruptionbudget": "Create a pod disruption budget with the specified name",
        "priorityclass": "Create a priority class with the specified name",
        "quota": "Create a quota with the specified name",
        "role": "Create a role with single rule",
        "rolebinding": "Create a role binding for a particular role or cluster role",
        "secret": "Create a secret using a specified subcommand",
        "service": "Create a service using a specified subcommand",
        "serviceaccount": "Create a service account with the specified name",
        "token": "Request a service account token",
    },
    "create secret": {
        "docker-registry": "Create a secret for use with a Docker registry",
        "generic": "Create a secret from a local file, directory, or literal value",
        "tls": "Create a TLS secret",
    },
    "create service": {
        "clusterip": "Create a ClusterIP service",
        "externalname": "Create an ExternalName service",
        "loadbalancer": "Create a LoadBalancer service",
        "nodeport": "Create a NodePort service",
    },
    "plugin": {
        "list": "List all visible plugin executables on a user's PATH",
    },
    "auth": {
        "can-i": "Check whether an action is allowed",
        "reconcile": "Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects",
        "whoami": "Experimental: Check self subject attributes",
    },
    "cluster-info": {
        "dump": "Dump relevant information for debugging and diagnosis",
    },
    "config": {
        "current-context": "Display the current-context",
        "delete-cluster": "Delete the specified cluster from the kubeconfig",
        "delete-context": "Delete the specified context from the kubeconfig",
        "delete-user": "Delete the specified user from the kubeconfig",
        "get-clusters": "Display clusters defined in the kubeconfig",
        "get-contexts": "Describe one or many contexts",
        "get-users": "Display users defined in the kubeconfig",
        "rename-context": "Rename a context from the kubeconfig file",
        "set": "Set an individual value in a kubeconfig file",
        "set-cluster": "Set a cluster entry in kubeconfig",
        "set-context": "Set a context entry in kubeconfig",
        "set-credentials": "Set a user entry in kubeconfig",
        "unset": "Unset an individual value in a kubeconfig file",
        "use-context": "Set the current-context in a kubeconfig file",
        "view": "Display merged kubeconfig settings or a specified kubeconfig file",
    },
    "rollout": {
        "history": "View rollout history",
        "pause": "Mark the provided resource as paused",
        "restart": "Restart a resource",
        "resume": "Resume a paused resource",
        "status": "Show the status of the rollout",
        "undo": "Undo a previous rollout",
    },
    "top": {
        "node": "Display resource (CPU/memory) usage of nodes",
        "pod": "Display resource (CPU/memory) usage of pods",
    },
    "set": {
        "env": "Update environment variables on a pod template",
        "image": "Update the image of a pod template",
        "resources": "Update resource requests/limits on objects with pod templates",
        "selector": "Set the selector on a resource",
        "serviceaccount": "Update the service account of a resource",
        "subject": "Update the user, group, or service account in a role binding or cluster role binding",
    },
}
ALIASES: dict[str, dict[str, str]] = {"create": {
    "ns": "namespace", "deploy": "deployment", "cm": "configmap", "svc": "service",
    "sa": "serviceaccount", "cj": "cronjob", "resourcequota": "quota", "pc": "priorityclass",
    "pdb": "poddisruptionbudget", "ing": "ingress"},
    "set": {"sa": "serviceaccount"},
    "top": {"pods": "pod", "po": "pod", "nodes": "node", "no": "node"}}

SHELLS = ("bash", "fish", "powershell", "zsh")

# -- flags ------------------------------------------------------------------------------------
# A spec is ``name[/shorthand][!|?]``: ``!`` a bool flag, ``?`` a value that may be omitted
# (pflag's NoOptDefVal); otherwise the flag takes a value (``-n x``, ``-nx``, ``--n=x``).
_PRINT = "output/o template allow-missing-template-keys! show-managed-fields!"
_FILES = "filename/f recursive/R! kustomize/k"
_GEN = f"{_PRINT} dry-run? save-config! validate? field-manager"
GLOBAL_FLAGS = (
    "kubeconfig context cluster user server token as as-uid certificate-authority "
    "client-certificate client-key tls-server-name cache-dir log-file username password profile "
    "profile-output vmodule log-backtrace-at log-dir namespace/n request-timeout v/v "
    "insecure-skip-tls-verify! match-server-version! disable-compression! warnings-as-errors! "
    "as-group state")
COMMAND_FLAGS: dict[str, str] = {
    "": "",
    "annotate": f"{_PRINT} {_FILES} selector/l field-selector overwrite! local! list! all! "
                "all-namespaces/A! resource-version field-manager dry-run?",
    "api-resources": "output/o namespaced! api-group verbs sort-by no-headers! cached! categories",
    "api-versions": "",
    "apply": f"{_PRINT} {_FILES} selector/l dry-run? validate? force! prune! all! overwrite! "
             "server-side! force-conflicts! field-manager cascade? grace-period timeout wait! "
             "record! openapi-patch! prune-allowlist",
    "completion": "",
    "cordon": "selector/l dry-run?",
    "create": f"{_PRINT} {_FILES} selector/l dry-run? save-config! validate? edit! "
              "windows-line-endings! raw field-manager",
    "create namespace": f"{_PRINT} dry-run? save-config! validate? field-manager",
    "create deployment": f"{_GEN} image port replicas/r",
    "create configmap": f"{_GEN} from-file from-literal from-env-file append-hash!",
    "create secret generic": f"{_GEN} append-hash! from-file from-literal from-env-file type",
    "create secret docker-registry": f"{_GEN} append-hash! docker-username docker-password "
                                     "docker-email docker-server from-file",
    "create secret tls": f"{_GEN} append-hash! cert key",
    "create service clusterip": f"{_GEN} tcp clusterip",
    "create service nodeport": f"{_GEN} tcp node-port",
    "create service loadbalancer": f"{_GEN} tcp",
    "create service externalname": f"{_GEN} tcp external-name",
    "create serviceaccount": _GEN,
    "create job": f"{_GEN} image from",
    "create cronjob": f"{_GEN} image schedule restart",
    "create quota": f"{_GEN} hard scopes",
    "create role": f"{_GEN} verb resource resource-name",
    "create poddisruptionbudget": f"{_GEN} selector min-available max-unavailable",
    "create ingress": f"{_GEN} class rule default-backend annotation",
    "create token": f"{_PRINT} audience duration bound-object-kind bound-object-name bound-object-uid",
    "create clusterrole": f"{_GEN} verb resource resource-name non-resource-url aggregation-rule",
    "create rolebinding": f"{_GEN} role clusterrole user group serviceaccount",
    "create clusterrolebinding": f"{_GEN} clusterrole user group serviceaccount",
    "create priorityclass": f"{_GEN} value global-default! description preemption-policy",
    "delete": f"{_FILES} selector/l field-selector output/o all! all-namespaces/A! ignore-not-found! "
              "now! grace-period force! wait! cascade? timeout interactive/i! raw dry-run?",
    "describe": f"{_FILES} selector/l all-namespaces/A! show-events! chunk-size",
    "diff": f"{_FILES} selector/l server-side! force-conflicts! field-manager show-managed-fields! "
            "prune! prune-allowlist concurrency",
    "events": f"{_PRINT} all-namespaces/A! for types watch/w! no-headers! chunk-size",
    "explain": "recursive! api-version output",
    "expose": f"{_PRINT} dry-run? save-config! field-manager {_FILES} protocol port type "
              "load-balancer-ip selector labels/l target-port external-ip name session-affinity "
              "cluster-ip overrides override-type",
    "get": f"{_PRINT} {_FILES} selector/l field-selector all-namespaces/A! no-headers! show-labels! "
           "show-kind! label-columns/L sort-by watch/w! watch-only! output-watch-events! "
           "ignore-not-found! chunk-size server-print! raw subresource",
    "help": "",
    "label": f"{_PRINT} {_FILES} selector/l field-selector overwrite! local! list! all! "
             "all-namespaces/A! resource-version field-manager dry-run?",
    "exec": "container/c filename/f pod-running-timeout quiet/q! stdin/i! tty/t!",
    "attach": "container/c pod-running-timeout quiet/q! stdin/i! tty/t!",
    "port-forward": "address pod-running-timeout",
    "cp": "container/c no-preserve! retries",
    "logs": "container/c follow/f! previous/p! tail since since-time timestamps! all-containers! "
            "all-pods! prefix! selector/l max-log-requests limit-bytes ignore-errors! "
            "pod-running-timeout insecure-skip-tls-verify-backend!",
    "patch": f"{_PRINT} {_FILES} patch/p patch-file type local! dry-run? field-manager subresource "
             "record!",
    "plugin": "",
    "plugin list": "name-only!",
    "auth": "",
    "auth can-i": "all-namespaces/A! list! no-headers! quiet/q! subresource",
    "auth reconcile": f"{_PRINT} {_FILES} remove-extra-permissions! remove-extra-subjects! dry-run?",
    "auth whoami": f"{_PRINT}",
    "cluster-info": "",
    "cluster-info dump": f"{_PRINT} all-namespaces/A! namespaces output-directory pod-running-timeout",
    "config": "",
    "config view": f"{_PRINT} flatten! merge! minify! raw!",
    "config get-contexts": "no-headers! output/o",
    "config set-context": "cluster user namespace current!",
    "config set-cluster": "certificate-authority embed-certs! insecure-skip-tls-verify! proxy-url "
                          "server tls-server-name",
    "config set-credentials": "auth-provider auth-provider-arg client-certificate client-key "
                              "embed-certs! exec-api-version exec-arg exec-command exec-env "
                              "exec-interactive-mode exec-provide-cluster-info! password token username",
    "config set": "set-raw-bytes!",
    "replace": f"{_PRINT} {_FILES} dry-run? force! grace-period cascade? timeout wait! save-config! "
               "validate? raw subresource field-manager record!",
    "rollout": f"{_FILES} {_PRINT} selector/l watch/w! revision timeout to-revision field-manager "
               "dry-run?",
    "run": f"{_GEN} image port labels/l env annotations restart command! overrides override-type "
           "image-pull-policy privileged! expose! stdin/i! tty/t! attach! leave-stdin-open! rm! "
           f"quiet/q! pod-running-timeout {_FILES} cascade? force! grace-period timeout wait!",
    "scale": f"{_FILES} {_PRINT} selector/l all! replicas current-replicas resource-version "
             "timeout dry-run?",
    "set": "",
    "set image": f"{_PRINT} {_FILES} all! local! selector/l field-manager dry-run?",
    "set env": f"{_PRINT} {_FILES} all! local! selector/l field-manager dry-run? containers/c env/e "
               "from keys list! overwrite! prefix resolve!",
    "set resources": f"{_PRINT} {_FILES} all! local! selector/l field-manager dry-run? containers/c "
                     "limits requests",
    "set selector": f"{_PRINT} filename/f recursive/R! all! local! field-manager dry-run? resource-version",
    "set serviceaccount": f"{_PRINT} {_FILES} all! local! field-manager dry-run?",
    "set subject": f"{_PRINT} {_FILES} all! local! selector/l field-manager dry-run? user group "
                   "serviceaccount",
    "drain": "chunk-size delete-emptydir-data! disable-eviction! dry-run? force! grace-period "
             "ignore-daemonsets! pod-selector selector/l skip-wait-for-delete-timeout timeout",
    "edit": f"{_PRINT} {_FILES} output-patch! save-config! subresource validate? windows-line-endings! "
            "field-manager",
    "autoscale": f"{_PRINT} {_FILES} cpu-percent max min name dry-run? save-config! field-manager",
    "top": "",
    "top pod": "all-namespaces/A! containers! field-selector no-headers! selector/l sort-by sum! "
               "use-protocol-buffers!",
    "top node": "no-headers! selector/l show-capacity! sort-by use-protocol-buffers!",
    "debug": "filename/f arguments-only! attach! container/c copy-to custom env image image-pull-policy "
             "keep-annotations! keep-init-containers! keep-labels! keep-liveness! keep-readiness! keep-startup! "
             "profile quiet/q! replace! same-node! set-image share-processes! stdin/i! target tty/t!",
    "taint": f"{_PRINT} dry-run? validate? selector/l overwrite! all! field-manager",
    "uncordon": "selector/l dry-run?",
    "kustomize": "output/o load-restrictor reorder enable-helm! enable-alpha-plugins! enable-exec! network! "
                 "as-current-user! env/e mount helm-command helm-api-versions helm-kube-version helm-debug!",
    "version": "client! output/o",
    "wait": f"{_FILES} {_PRINT} selector/l field-selector all! all-namespaces/A! for timeout local!",
}

# kubectl's usage text for the flags shown most (the first sentence).
FLAG_USAGE: dict[str, str] = {
    "all": "Select all resources in the namespace of the specified resource types",
    "all-namespaces": "If present, list the requested object(s) across all namespaces",
    "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map "
                                   "key is missing in the template",
    "container": "Print the logs of this container",
    "dry-run": 'Must be "none", "server", or "client"',
    "field-selector": "Selector (field query) to filter on, supports '=', '==', and '!='",
    "filename": "Filename, directory, or URL to files identifying the resource",
    "follow": "Specify if the logs should be streamed",
    "force": "If true, immediately remove resources from API and bypass graceful deletion",
    "grace-period": "Period of time in seconds given to the resource to terminate gracefully",
    "help": "help for the command",
    "ignore-not-found": "If the requested object does not exist the command will return exit code 0",
    "kustomize": "Process the kustomization directory",
    "label-columns": "Accepts a comma separated list of labels that are going to be presented as columns",
    "namespace": "If present, the namespace scope for this CLI request",
    "no-headers": "When using the default or custom-column output format, don't print headers",
    "output": "Output format",
    "overwrite": "If true, allow labels to be overwritten, otherwise reject label updates that "
                 "overwrite existing labels",
    "previous": "If true, print the logs for the previous instance of the container in a pod if it exists",
    "recursive": "Process the directory used in -f, --filename recursively",
    "selector": "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'",
    "show-labels": "When printing, show all labels as the last column",
    "sort-by": "If non-empty, sort list types using this field specification",
    "state": "Path of minikubectl's state file (the simulated cluster)",
    "tail": "Lines of recent log file to display",
    "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file",
    "v": "number for the log level verbosity",
    "watch": "After listing/getting the requested object, watch for changes",
}

# Flags pflag knows but kubectl hides from help and completion.
_HIDDEN_GLOBALS = frozenset({"log-file", "log-dir", "log-backtrace-at"})

# -o values: kubectl's PrintFlags order (JSON/YAML, name, templates, custom columns, wide).
PRINT_FORMATS = ("json", "yaml", "name", "go-template", "go-template-file", "template",
                 "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file")
TABLE_FORMATS = ("custom-columns", "custom-columns-file", "wide")
OUTPUT_VALUES: dict[str, tuple[str, ...]] = {
    "get": PRINT_FORMATS + TABLE_FORMATS,
    "api-resources": ("wide", "name"),
    "explain": ("plaintext", "plaintext-openapiv2"),
    "version": ("json", "yaml"),
    "delete": ("name",),
}
_NO_OUTPUT_COMPLETION = frozenset({"describe", "diff", "logs", "cordon", "uncordon"})
FLAG_VALUES: dict[str, tuple[str, ...]] = {"type": ("json", "merge", "strategic")}

# -- resources (mirrors minikubectl.api.registry for the kinds that support ``get``) ----------
# (plural, group, kind, namespaced, short names, categories)
RESOURCES: tuple[tuple[str, str, str, bool, str, str], ...] = (
    ("componentstatuses", "", "ComponentStatus", False, "cs", ""),
    ("configmaps", "", "ConfigMap", True, "cm", ""),
    ("endpoints", "", "Endpoints", True, "ep", ""),
    ("events", "", "Event", True, "ev", ""),
    ("limitranges", "", "LimitRange", True, "limits", ""),
    ("namespaces", "", "Namespace", False, "ns", ""),
    ("nodes", "", "Node", False, "no", ""),
    ("persistentvolumeclaims", "", "PersistentVolumeClaim", True, "pvc", ""),
    ("persistentvolumes", "", "PersistentVolume", False, "pv", ""),
    ("pods", "", "Pod", True, "po", "all"),
    ("podtemplates", "", "PodTemplate", True, "", ""),
    ("replicationcontrollers", "", "ReplicationController", True, "rc", "all"),
    ("resourcequotas", "", "ResourceQuota", True, "quota", ""),
    ("secrets", "", "Secret", True, "", ""),
    ("serviceaccounts", "", "ServiceAccount", True, "sa", ""),
    ("services", "", "Service", True, "svc", "all"),
    ("apiservices", "apiregistration.k8s.io", "APIService", False, "", "api-extensions"),
    ("controllerrevisions", "apps", "ControllerRevision", True, "", ""),
    ("daemonsets", "apps", "DaemonSet", True, "ds", "all"),
    ("deployments", "apps", "Deployment", True, "deploy", "all"),
    ("replicasets", "apps", "ReplicaSet", True, "rs", "all"),
    ("statefulsets", "apps", "StatefulSet", True, "sts", "all"),
    ("events", "events.k8s.io", "Event", True, "ev", ""),
    ("horizontalpodautoscalers", "autoscaling", "HorizontalPodAutoscaler", True, "hpa", "all"),
    ("cronjobs", "batch", "CronJob", True, "cj", "all"),
    ("jobs", "batch", "Job", True, "", "all"),
    ("certificatesigningrequests", "certificates.k8s.io", "CertificateSigningRequest", False, "csr", ""),
    ("ingressclasses", "networking.k8s.io", "IngressClass", False, "", ""),
    ("ingresses", "networking.k8s.io", "Ingress", True, "ing", ""),
    ("ipaddresses", "networking.k8s.io", "IPAddress", False, "ip", ""),
    ("networkpolicies", "networking.k8s.io", "NetworkPolicy", True, "netpol", ""),
    ("servicecidrs", "networking.k8s.io", "ServiceCIDR", False, "", ""),
    ("poddisruptionbudgets", "policy", "PodDisruptionBudget", True, "pdb", ""),
    ("clusterrolebindings", "rbac.authorization.k8s.io", "ClusterRoleBinding", False, "", ""),
    ("clusterroles", "rbac.authorization.k8s.io", "ClusterRole", False, "", ""),
    ("rolebindings", "rbac.authorization.k8s.io", "RoleBinding", True, "", ""),
    ("roles", "rbac.authorization.k8s.io", "Role", True, "", ""),
    ("csidrivers", "storage.k8s.io", "CSIDriver", False, "", ""),
    ("csinodes", "storage.k8s.io", "CSINode", False, "", ""),
    ("csistoragecapacities", "storage.k8s.io", "CSIStorageCapacity", True, "", ""),
    ("storageclasses", "storage.k8s.io", "StorageClass", False, "sc", ""),
    ("volumeattachments", "storage.k8s.io", "VolumeAttachment", False, "", ""),
    ("mutatingwebhookconfigurations", "admissionregistration.k8s.io", "MutatingWebhookConfiguration",
     False, "", "api-extensions"),
    ("validatingadmissionpolicies", "admissionregistration.k8s.io", "ValidatingAdmissionPolicy",
     False, "", "api-extensions"),
    ("validatingadmissionpolicybindings", "admissionregistration.k8s.io",
     "ValidatingAdmissionPolicyBinding", False, "", "api-extensions"),
    ("validatingwebhookconfigurations", "admissionregistration.k8s.io",
     "ValidatingWebhookConfiguration", False, "", "api-extensions"),
    ("customresourcedefinitions", "apiextensions.k8s.io", "CustomResourceDefinition", False,
     "crd crds", "api-extensions"),
    ("priorityclasses", "scheduling.k8s.io", "PriorityClass", False, "pc", ""),
    ("leases", "coordination.k8s.io", "Lease", True, "", ""),
    ("runtimeclasses", "node.k8s.io", "RuntimeClass", False, "", ""),
    ("endpointslices", "discovery.k8s.io", "EndpointSlice", True, "", ""),
    ("flowschemas", "flowcontrol.apiserver.k8s.io", "FlowSchema", False, "", ""),
    ("prioritylevelconfigurations", "flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration",
     False, "", ""),
)
CRD_KEY = "customresourcedefinitions.apiextensions.k8s.io"
# kubectl's doPodResourceCompletion: the types whose objects lead to a pod.
RESOURCES_WITH_PODS = ("daemonsets", "deployments", "pods", "jobs", "replicasets",
                       "replicationcontrollers", "services", "statefulsets")
ROLLOUT_TYPES = ("deployment", "daemonset", "statefulset")
SCALE_TYPES = ("deployment", "replicaset", "replicationcontroller", "statefulset")


class FlagSpec:
    """One flag as completion needs it: names, whether it takes a value, its usage."""

    __slots__ = ("name", "shorthand", "kind")

    def __init__(self, spec: str) -> None:
        self.kind = "value"
        if spec.endswith("!"):
            self.kind, spec = "bool", spec[:-1]
        elif spec.endswith("?"):
            self.kind, spec = "optional", spec[:-1]
        self.name, _, self.shorthand = spec.partition("/")

    @property
    def takes_value(self) -> bool:
        """True when the next word is this flag's value (``-n default``)."""
        return self.kind == "value"


def parse_specs(text: str) -> list[FlagSpec]:
    """The flags of a spec string, in table order."""
    return [FlagSpec(spec) for spec in text.split()]


class Resource:
    """A served resource type, enough to name it and find its objects in the state."""

    __slots__ = ("plural", "group", "kind", "namespaced", "short_names", "categories")

    def __init__(self, plural: str, group: str, kind: str, namespaced: bool,
                 short_names: tuple[str, ...] = (), categories: tuple[str, ...] = ()) -> None:
        self.plural, self.group, self.kind, self.namespaced = plural, group, kind, namespaced
        self.short_names, self.categories = short_names, categories

    @property
    def qualified(self) -> str:
        """``pods`` / ``deployments.apps``: the ``api-resources -o name`` form and storage key."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    def matches(self, name: str) -> bool:
        """True when ``name`` (no group part) names this type."""
        return name in (self.plural, self.kind.lower()) or name in self.short_names


def builtin_types() -> list[Resource]:
    """The built-in resource types that support ``get``, in discovery order."""
    return [Resource(p, g, k, n, tuple(s.split()), tuple(c.split())) for p, g, k, n, s, c in RESOURCES]


# -- the state file, read-only ----------------------------------------------------------------
SMALL_STATE_BYTES = 256 * 1024


def state_path(flag_value: str | None, environ: dict[str, str]) -> str:
    """``--state``, else ``MINIKUBECTL_STATE``, else ``~/.minikubectl/state.json``."""
    if flag_value:
        return os.path.expanduser(flag_value)
    if environ.get("MINIKUBECTL_STATE"):
        return os.path.expanduser(environ["MINIKUBECTL_STATE"])
    home = environ.get("HOME") or os.path.expanduser("~")
    return os.path.join(home, ".minikubectl", "state.json")


class Snapshot:
    """A read-only view of the state file's objects.

    A small file is decoded whole. A big one (10,000 pods is ~27 MB, two seconds to decode)
    is searched for ``"<namespace>/<name>":{`` keys and each hit is checked to be an object
    of the wanted kind (its top-level ``kind`` and ``apiVersion``); single objects and small
    collections are then decoded on their own. Braces inside strings are assumed balanced
    (true of everything the store writes, including last-applied annotations).
    """

    def __init__(self, raw: bytes | None) -> None:
        self.raw = raw
        self.data: dict | None = None
        if raw is not None and len(raw) <= SMALL_STATE_BYTES:
            try:
                decoded = _loads(raw)
            except ValueError:
                decoded = None
            self.raw = None
            self.data = decoded.get("objects") if isinstance(decoded, dict) else None
            if not isinstance(self.data, dict):
                self.data = {}

    @classmethod
    def load(cls, path: str) -> "Snapshot":
        """Read the file at ``path`` (a missing or unreadable file is an empty cluster).

        A head (formats 2 to 4) is small: names then come from the collection indexes beside it
        (:class:`IndexSnapshot`). A format-1 file is one document: a single read of a
        28 MB file costs about 10 ms; decoding it would cost seconds.
        """
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            return cls(None)
        if raw.startswith((b'{"kind":"MinikubectlState","formatVersion":4,',
                           b'{"kind":"MinikubectlState","formatVersion":3,',
                           b'{"kind":"MinikubectlState","formatVersion":2,')):
            return IndexSnapshot(path, raw)
        return cls(raw)

    @property
    def empty(self) -> bool:
        """True when there is no state to read names from."""
        return self.raw is None and not self.data

    def names(self, res: Resource, namespace: str, prefix: str) -> list[str]:
        """Sorted names of ``res`` objects in ``namespace`` that start with ``prefix``."""
        if self.data is not None:
            collection = self.data.get(res.qualified) or {}
            found = []
            for key in collection:
                ns, _, name = key.rpartition("/")
                if (ns == namespace if res.namespaced else not ns) and name.startswith(prefix):
                    found.append(name)
            return sorted(found)
        if self.raw is None:
            return []
        if res.namespaced:
            return sorted(self._scan_names(res, namespace, prefix))
        collection = self._decode_collection(res.qualified) or {}
        return sorted(name for name in collection if "/" not in name and name.startswith(prefix))

    def get(self, res: Resource, namespace: str, name: str) -> dict | None:
        """One stored object, or None."""
        key = f"{namespace}/{name}" if res.namespaced else name
        if self.data is not None:
            found = (self.data.get(res.qualified) or {}).get(key)
            return found if isinstance(found, dict) else None
        if self.raw is None or not _plain(key):
            return None
        needle = b'"' + key.encode() + b'":{'
        start = self.raw.find(needle)
        while start != -1:
            obj = start + len(needle) - 1
            if self.raw[start - 1:start] in (b"{", b",") and self._is_kind(obj, res):
                return _decode_at(self.raw, obj)
            start = self.raw.find(needle, start + 1)
        return None

    def crds(self) -> list[dict]:
        """The stored CustomResourceDefinitions."""
        if self.data is not None:
            collection = self.data.get(CRD_KEY) or {}
        elif self.raw is not None and b'"' + CRD_KEY.encode() + b'":{' in self.raw:
            collection = self._decode_collection(CRD_KEY) or {}
        else:
            collection = {}
        return [crd for crd in collection.values() if isinstance(crd, dict)]

    # -- the scanner for big files ---------------------------------------------------------
    def _scan_names(self, res: Resource, namespace: str, prefix: str) -> list[str]:
        import re

        if not (_plain(namespace) and _plain(prefix)):
            return self._slow().names(res, namespace, prefix)
        raw = self.raw
        pattern = re.compile(re.escape(f'"{namespace}/{prefix}'.encode()) + rb'([^"\\/]*)":\{')
        found = []
        for match in pattern.finditer(raw):
            if raw[match.start() - 1:match.start()] in (b"{", b",") and self._is_kind(match.end() - 1, res):
                found.append(prefix + match.group(1).decode())
        return found

    def _is_kind(self, obj: int, res: Resource) -> bool:
        """True when the object starting at ``obj`` (its ``{``) is a ``res`` object."""
        raw = self.raw
        if raw[obj:obj + 15] == b'{"apiVersion":"':
            # The usual order (apiVersion, then kind) is checked without any counting.
            end = raw.find(b'"', obj + 15)
            api_version = raw[obj + 15:end].decode("utf-8", "replace")
            tail = b',"kind":"' + res.kind.encode() + b'"'
            if raw[end + 1:end + 1 + len(tail)] == tail:
                return api_version.rpartition("/")[0] == res.group
            if raw[end + 1:end + 10] == b',"kind":"':
                return False
        kind = _top_level_string(raw, obj, b'"kind":"')
        if kind != res.kind:
            return False
        api_version = _top_level_string(self.raw, obj, b'"apiVersion":"') or ""
        group = api_version.rpartition("/")[0]
        return group == res.group

    def _decode_collection(self, key: str) -> dict | None:
        """Decode one whole collection (used for small, cluster-scoped ones)."""
        raw = self.raw
        objects = raw.find(b'"objects":{')
        if objects == -1:
            return None
        base = objects + len(b'"objects":{')
        needle = b'"' + key.encode() + b'":{'
        start = raw.find(needle, base)
        while start != -1:
            depth = raw.count(b"{", base, start) - raw.count(b"}", base, start)
            if depth == 0 and raw[start - 1:start] in (b"{", b","):
                value = _decode_at(raw, start + len(needle) - 1)
                return value if isinstance(value, dict) else None
            start = raw.find(needle, start + 1)
        return None

    def _slow(self) -> "Snapshot":
        snapshot = Snapshot(b"")
        try:
            decoded = _loads(self.raw)
            snapshot.data = decoded.get("objects") or {}
        except (ValueError, AttributeError):
            snapshot.data = {}
        return snapshot


def _loads(raw: bytes) -> object:
    """The standard library's decoder: importing orjson (uuid, platform, dataclasses) costs
    a TAB more than decoding the small files completion reads."""
    import json
    return json.loads(raw)


class IndexSnapshot(Snapshot):
    """The state in formats 2 to 4 (docs/STATE_FORMAT.md): names from the indexes, objects by line.

    Read without the lock: a writer may replace files meanwhile, so a missing file means
    "look again" once (the head then names the new ones), and then "no candidates".
    """

    def __init__(self, path: str, raw: bytes) -> None:
        super().__init__(None)
        self.path = path
        self.data = None
        self.head_raw = raw
        self._head: dict | None = None
        self.indexes: dict[str, dict] = {}
        self.retried = False

    @property
    def head(self) -> dict:
        """The decoded head (only needed when the quick look below does not answer)."""
        if self._head is None:
            try:
                head = _loads(self.head_raw)
            except ValueError:
                head = {}
            self._head = head if isinstance(head, dict) else {}
        return self._head

    def _index_name(self, key: str) -> str | None:
        """The index file of collection ``key``, found in the head's text without decoding it.

        The writer puts each collection as ``"<key>":{"index":"<file>",...}``; anything else
        falls back to decoding the head.
        """
        raw = self.head_raw
        quoted = b'"' + key.encode() + b'":'
        at = raw.find(quoted + b'{"index":"')
        if at != -1:
            start = at + len(quoted) + 10
            end = raw.find(b'"', start)
            return raw[start:end].decode()
        if quoted not in raw:
            return None
        meta = (self.head.get("collections") or {}).get(key) or {}
        return meta.get("index")

    @property
    def empty(self) -> bool:
        return b'"collections":{"' not in self.head_raw and not self.head.get("collections")

    def _read(self, name: str) -> bytes | None:
        directory = self.path + ".d"
        try:
            with open(os.path.join(directory, name), "rb") as handle:
                return handle.read()
        except OSError:
            pass
        if self.retried:
            return None
        self.retried = True
        try:
            with open(self.path, "rb") as handle:
                self.head_raw = handle.read()
                self._head = None
        except OSError:
            return None
        self.indexes.clear()
        return None

    def _index(self, key: str) -> dict:
        found = self.indexes.get(key)
        if found is not None:
            return found
        for _ in range(2):
            name = self._index_name(key)
            if not name:
                return {}
            raw = self._read(name)
            if raw is not None:
                try:
                    found = _loads(raw)
                except ValueError:
                    found = {}
                break
        found = found if isinstance(found, dict) else {}
        self.indexes[key] = found
        return found

    def names(self, res: Resource, namespace: str, prefix: str) -> list[str]:
        if res.qualified not in self.indexes and _plain(namespace) and _plain(prefix):
            found = self._scan_index(res, namespace, prefix)
            if found is not None:
                return found
        items = self._index(res.qualified).get("items") or {}
        if res.namespaced:
            start = namespace + "/"
            full = start + prefix
            return sorted(key[len(start):] for key in items if key.startswith(full) and "/" not in key[len(start):])
        return sorted(key for key in items if "/" not in key and key.startswith(prefix))

    def _scan_index(self, res: Resource, namespace: str, prefix: str) -> list[str] | None:
        """Names found in the raw index without decoding it (keys of ``items`` end ``":[``).

        Label keys and values never precede ``:[``, so each hit is an item key.
        """
        for _ in range(2):
            name = self._index_name(res.qualified)
            if not name:
                return []
            raw = self._read(name)
            if raw is not None:
                break
        else:
            return None
        start = raw.find(b'"items":{')
        if start == -1:
            return None
        lead = (namespace + "/" if res.namespaced else "") + prefix
        body = raw[start + len(b'"items":{'):]
        if not body.startswith(b'"'):
            return []
        # Only an item key is followed by '":[' (label keys and values hold no quotes, and a
        # label's value is a string): one regex with a literal head, which re scans for fast.
        import re
        pattern = re.compile(rb'"' + re.escape(lead.encode()) + rb'([^"/\\]*)":\[')
        found = pattern.findall(body)
        if not found:
            return []
        return sorted(prefix + name for name in b"\x00".join(found).decode().split("\x00"))

    def get(self, res: Resource, namespace: str, name: str) -> dict | None:
        index = self._index(res.qualified)
        entry = (index.get("items") or {}).get(f"{namespace}/{name}" if res.namespaced else name)
        if not entry:
            return None
        chunk = (index.get("chunks") or {}).get(str(entry[0])) or {}
        if not chunk.get("file"):
            return None
        try:
            with open(os.path.join(self.path + ".d", chunk["file"]), "rb") as handle:
                handle.seek(entry[1])
                found = _loads(handle.read(entry[2]))
        except (OSError, ValueError, TypeError):
            return None
        return found if isinstance(found, dict) else None

    def crds(self) -> list[dict]:
        index = self._index(CRD_KEY)
        found = []
        for name in index.get("items") or {}:
            crd = self.get(Resource(CRD_KEY.partition(".")[0], CRD_KEY.partition(".")[2],
                                    "CustomResourceDefinition", False, (), ()), "", name)
            if crd is not None:
                found.append(crd)
        return found


def _plain(text: str) -> bool:
    """True for text whose JSON form is itself (no quotes, backslashes or non-ASCII)."""
    return text.isascii() and '"' not in text and "\\" not in text and text.isprintable()


def _top_level_string(raw: bytes, obj: int, needle: bytes) -> str | None:
    """The string value of key ``needle`` at depth 1 of the object whose ``{`` is at ``obj``."""
    pos, depth, at = obj, 0, obj
    while True:
        hit = raw.find(needle, at)
        if hit == -1:
            return None
        depth += raw.count(b"{", pos, hit) - raw.count(b"}", pos, hit)
        pos = hit
        if depth <= 0:
            return None
        if depth == 1:
            end = raw.find(b'"', hit + len(needle))
            return raw[hit + len(needle):end].decode("utf-8", "replace")
        at = hit + 1


def _decode_at(raw: bytes, start: int) -> object:
    """Decode the JSON value starting at byte ``start`` without decoding the whole file."""
    import json  # the stdlib decoder: raw_decode stops at the value's end

    decoder = json.JSONDecoder()
    size = 1 << 16
    while True:
        chunk = raw[start:start + size].decode("utf-8", "ignore")
        try:
            return decoder.raw_decode(chunk)[0]
        except ValueError:
            if start + size >= len(raw):
                return None
            size *= 4


# -- the command line so far --------------------------------------------------------------------
class Line:
    """What the words before the cursor say: the command, its flags and its arguments."""

    def __init__(self) -> None:
        self.path: list[str] = []          # e.g. ["rollout", "status"]
        self.args: list[str] = []          # positional arguments after the command
        self.values: dict[str, list[str]] = {}
        self.local_flag_seen = False
        self.dash_dash = False
        self.unknown_command = False
        self.pending: FlagSpec | None = None  # the flag whose value is being completed

    @property
    def command(self) -> str:
        """``get``, ``create namespace``, or ``""`` for the root."""
        return " ".join(self.path)

    def flag(self, name: str) -> str | None:
        """The last value given for flag ``name``."""
        values = self.values.get(name)
        return values[-1] if values else None


def command_flags(command: str) -> list[FlagSpec]:
    """The command's own flags (with ``--help``), as cobra's NonInheritedFlags."""
    text = COMMAND_FLAGS.get(command)
    if text is None:
        text = COMMAND_FLAGS.get(command.split(" ")[0], "")
    return parse_specs(text + " help/h!")


def global_specs() -> list[FlagSpec]:
    """kubectl's persistent flags."""
    return parse_specs(GLOBAL_FLAGS)


def _lookup(flags: list[FlagSpec], name: str, short: bool) -> FlagSpec | None:
    for flag in flags:
        if (flag.shorthand if short else flag.name) == name:
            return flag
    return None


def parse_line(words: list[str]) -> Line:
    """Walk the words as cobra's Find and pflag do (the last word is not included)."""
    line = Line()
    local = command_flags("")
    globals_ = global_specs()
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if line.dash_dash:
            line.args.append(word)
        elif word == "--":
            line.dash_dash = True
        elif word.startswith("-") and len(word) > 1:
            i = _parse_flag(line, word, words, i, local, globals_)
        elif not line.args and _enter(line, word):
            local = command_flags(line.command)
        else:
            if not line.path:
                line.unknown_command = True
            line.args.append(word)
    return line


def _enter(line: Line, word: str) -> bool:
    """Move into subcommand ``word`` when the current command has it."""
    if not line.path:
        if word in VERBS:
            line.path.append(word)
            return True
        return False
    verb = line.command
    subs = SUBCOMMANDS.get(verb, {})
    word = ALIASES.get(verb, {}).get(word, word)
    if word in subs and not line.local_flag_seen:
        line.path.append(word)
        return True
    return False


def _parse_flag(line: Line, word: str, words: list[str], i: int,
                local: list[FlagSpec], globals_: list[FlagSpec]) -> int:
    """Record one flag word; return the index of the next word."""
    long = word.startswith("--")
    body = word[2:] if long else word[1:]
    while body:
        if long:
            name, eq, value = body.partition("=")
            body = ""
        else:
            name, body = body[0], body[1:]
            eq = "=" if body.startswith("=") else ""
            value = body[1:] if eq else body
        flag = _lookup(local, name, not long)
        is_local = flag is not None
        flag = flag or _lookup(globals_, name, not long)
        if flag is None:
            return i
        line.local_flag_seen |= is_local
        if flag.kind == "bool":
            line.values.setdefault(flag.name, []).append("true")
            if long or eq:
                return i
            continue
        if eq or value or flag.kind == "optional":
            line.values.setdefault(flag.name, []).append(value)
            return i
        if i < len(words):
            line.values.setdefault(flag.name, []).append(words[i])
            return i + 1
        line.pending = flag
        return i
    return i


# -- candidates ---------------------------------------------------------------------------------
class Completer:
    """Computes kubectl's candidates for one command line."""

    def __init__(self, environ: dict[str, str]) -> None:
        self.environ = environ
        self._snapshot: Snapshot | None = None
        self._types: list[Resource] | None = None
        self.line = Line()

    # -- entry point ---------------------------------------------------------------------------
    def complete(self, args: list[str]) -> tuple[list[str], int]:
        """Candidates (``name`` or ``name\\tdescription``) and the directive for ``args``."""
        words, to_complete = (args[:-1], args[-1]) if args else ([], "")
        self.line = line = parse_line(words)
        if line.unknown_command:
            return self.plugin_arguments(words, to_complete)
        if line.pending is not None:
            return self.flag_value(line.pending, to_complete)
        if to_complete.startswith("-") and not line.dash_dash:
            if "=" in to_complete:
                name = to_complete.split("=", 1)[0].lstrip("-")
                short = not to_complete.startswith("--")
                flags = command_flags(line.command) + global_specs()
                flag = _lookup(flags, name, short and len(name) == 1)
                if flag is None:
                    return [], DEFAULT
                return self.flag_value(flag, to_complete.split("=", 1)[1])
            return self.flag_names(to_complete), NO_FILE_COMP
        return self.arguments(to_complete)

    # -- flags ---------------------------------------------------------------------------------
    def flag_names(self, to_complete: str) -> list[str]:
        """cobra's flag-name completion: local flags, then inherited, each sorted by name."""
        found: list[str] = []
        for group in (command_flags(self.line.command), global_specs()):
            for flag in sorted(group, key=lambda f: f.name):
                if flag.name in _HIDDEN_GLOBALS:
                    continue
                if flag.name in self.line.values and flag.name not in _REPEATABLE:
                    continue
                usage = FLAG_USAGE.get(flag.name, "")
                for text in (f"--{flag.name}", f"-{flag.shorthand}" if flag.shorthand else ""):
                    if text and text.startswith(to_complete):
                        found.append(f"{text}\t{usage}" if usage else text)
        return found

    def flag_value(self, flag: FlagSpec, to_complete: str) -> tuple[list[str], int]:
        """Values for ``flag`` (kubectl's registered flag completion functions)."""
        name = flag.name
        if name == "namespace":
            return self._names_of("namespaces", "", to_complete), NO_FILE_COMP
        if name in ("context", "cluster", "user"):
            return [], NO_FILE_COMP  # no kubeconfig: nothing to offer
        if name == "filename":
            return ["json", "yaml", "yml"], FILTER_FILE_EXT
        if name == "kustomize":
            return [], FILTER_DIRS
        if name == "container" and self.line.command in ("logs", "exec", "attach"):
            if not self.line.args:
                return [], NO_FILE_COMP
            return self._containers(self.line.args[0], to_complete), NO_FILE_COMP
        if name == "output":
            values = self._output_values()
            if values is None:
                return [], DEFAULT
            return [v for v in values if v.startswith(to_complete)], NO_FILE_COMP
        if name in FLAG_VALUES and self.line.command == "patch":
            return [v for v in FLAG_VALUES[name] if v.startswith(to_complete)], NO_FILE_COMP
        return [], DEFAULT

    def _output_values(self) -> tuple[str, ...] | None:
        command = self.line.command
        verb = command.split(" ")[0] if command else ""
        if command in OUTPUT_VALUES:
            return OUTPUT_VALUES[command]
        if not verb or verb in _NO_OUTPUT_COMPLETION or verb in OUTPUT_VALUES:
            return None
        return PRINT_FORMATS

    # -- arguments -----------------------------------------------------------------------------
    def arguments(self, to_complete: str) -> tuple[list[str], int]:
        """Positional argument candidates for the current command."""
        line = self.line
        command, args = line.command, line.args
        if not line.path or command == "help":
            if args:
                return [], NO_FILE_COMP
            from minikubectl.cli.plugins import completion_candidates
            found = [f"{v}\t{d}" for v, d in VERBS.items() if v.startswith(to_complete)]
            found += completion_candidates([], to_complete, self.environ, set(VERBS))
            return sorted(found), NO_FILE_COMP
        if command in SUBCOMMANDS:
            if args or line.local_flag_seen:
                return [], DEFAULT
            subs = SUBCOMMANDS[command]
            return [f"{s}\t{d}" for s, d in sorted(subs.items()) if s.startswith(to_complete)], NO_FILE_COMP
        if command == "completion":
            return ([] if args else [s for s in SHELLS if s.startswith(to_complete)]), NO_FILE_COMP
        if command in ("get", "describe", "delete", "label", "annotate", "wait", "patch"):
            return self.type_and_name(to_complete, None, True)
        if command == "explain":
            if args:
                return [], NO_FILE_COMP
            if "." in to_complete:
                # A field path: the schema is loaded only here (a few ms from its disk cache).
                from minikubectl.explain.field_paths import field_path_candidates
                return field_path_candidates(to_complete), NO_FILE_COMP | NO_SPACE
            return self.type_list(to_complete), NO_FILE_COMP
        if command == "scale":
            return self.type_and_name(to_complete, SCALE_TYPES, True)
        if command.startswith("rollout "):
            allowed = ("deployment",) if command in ("rollout pause", "rollout resume") else ROLLOUT_TYPES
            return self.type_and_name(to_complete, allowed, True)
        if command in ("cordon", "uncordon"):
            return ([] if args else self._names_of("nodes", "", to_complete)), NO_FILE_COMP
        if command in ("exec", "attach", "port-forward"):
            return (self.pod_or_type(to_complete) if not args else ([], NO_FILE_COMP))
        if command == "logs":
            if not args:
                return self.pod_or_type(to_complete)
            if len(args) == 1:
                return self._containers(args[0], to_complete), NO_FILE_COMP
            return [], NO_FILE_COMP
        if command in ("apply", "diff", "replace"):
            return [], DEFAULT
        return [], NO_FILE_COMP

    def plugin_arguments(self, words: list[str], to_complete: str) -> tuple[list[str], int]:
        """After a plugin's name: longer-named plugins, then what its completion program says.

        As kubectl does, a ``kubectl_complete-NAME`` executable on PATH (the user's own program)
        gets the plugin's arguments and the word being completed; it prints one candidate a line,
        and a last line ``:<directive>`` if it wants one.
        """
        from minikubectl.cli import plugins

        path, rest = plugins.command_path(words, self.environ)
        if not path:
            return [], DEFAULT
        # Longer-named plugins are subcommands: offered only right after the command's name.
        found = [] if rest else plugins.completion_candidates(path, to_complete, self.environ, set(VERBS))
        directive = DEFAULT
        helper = plugins.completion_helper(path, self.environ)
        if helper is not None:
            import subprocess
            try:
                out = subprocess.run([helper, *rest, to_complete], capture_output=True, text=True,
                                     env=dict(self.environ), timeout=10).stdout.splitlines()
            except (OSError, subprocess.SubprocessError):
                out = []
            if out and out[-1].startswith(":") and out[-1][1:].isdigit():
                directive = int(out.pop()[1:])
            found += [line for line in out if line]
        return found, directive

    def type_and_name(self, to_complete: str, allowed: tuple[str, ...] | None,
                      allow_repeat: bool) -> tuple[list[str], int]:
        """kubectl's resourceTypeAndNameCompletionFunc."""
        args = self.line.args
        directive = NO_FILE_COMP
        if args and "/" not in args[0]:
            if not (allow_repeat or len(args) == 1):
                return [], directive
            comps = self._names_of(args[0], self._namespace(), to_complete)
            return [c for c in comps if c not in args[1:]], directive
        if "/" not in to_complete:
            if not args:
                return (self.type_list(to_complete) if allowed is None
                        else [t for t in allowed if t.startswith(to_complete)]), directive
            if not allow_repeat:
                return [], directive
            types = self.type_list(to_complete) if allowed is None else [
                t for t in allowed if t.startswith(to_complete)]
            return [f"{t}/" for t in types], directive | NO_SPACE
        if not (allow_repeat or not args):
            return [], directive
        kind, _, prefix = to_complete.partition("/")
        comps = [f"{kind}/{n}" for n in self._names_of(kind, self._namespace(), prefix)]
        return [c for c in comps if c not in args], directive

    def pod_or_type(self, to_complete: str) -> tuple[list[str], int]:
        """kubectl's doPodResourceCompletion."""
        directive = NO_FILE_COMP
        if "/" in to_complete:
            kind, _, prefix = to_complete.partition("/")
            return [f"{kind}/{n}" for n in self._names_of(kind, self._namespace(), prefix)], directive
        comps = self._names_of("pod", self._namespace(), to_complete)
        if not comps:
            directive |= NO_SPACE
        comps += [f"{r}/" for r in RESOURCES_WITH_PODS if r.startswith(to_complete)]
        return comps, directive

    def type_list(self, to_complete: str) -> list[str]:
        """``api-resources -o name --verbs=get`` filtered by the last comma-separated part."""
        head, comma, tail = to_complete.rpartition(",")
        head += comma
        names = sorted(self.types(), key=lambda r: (r.group, r.plural))
        return [head + r.qualified for r in names if r.qualified.startswith(tail)]

    # -- the cluster ---------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The state file, read once per process."""
        if self._snapshot is None:
            self._snapshot = Snapshot.load(state_path(self.line.flag("state"), self.environ))
        return self._snapshot

    def types(self) -> list[Resource]:
        """Built-in types plus the custom resources of the stored CRDs."""
        if self._types is None:
            self._types = builtin_types()
            for crd in self.snapshot().crds():
                custom = _crd_resource(crd)
                if custom is not None:
                    self._types.append(custom)
        return self._types

    def resolve(self, text: str) -> list[Resource]:
        """The types a command-line type argument names (``po``, ``deployments.apps``, ``all``)."""
        found: list[Resource] = []
        for part in text.lower().split(","):
            name, _, rest = part.partition(".")
            group = rest
            head, _, tail = rest.partition(".")
            if tail and len(head) >= 2 and head[0] == "v" and head[1].isdigit():
                group = tail
            matches = [r for r in self.types() if r.matches(name) and (not rest or r.group == group)]
            if not rest and len(matches) > 1:
                matches = [m for m in matches if m.group != "events.k8s.io"][:1] or matches[:1]
            if matches:
                found.append(matches[0])
            else:
                found.extend(r for r in self.types() if part in r.categories)
        return found

    def _namespace(self) -> str:
        return self.line.flag("namespace") or "default"

    def _names_of(self, type_text: str, namespace: str, prefix: str) -> list[str]:
        snapshot = self.snapshot()
        if snapshot.empty:
            return []
        found: list[str] = []
        for res in self.resolve(type_text):
            found.extend(snapshot.names(res, namespace or "default", prefix))
        return found

    def _containers(self, pod_arg: str, prefix: str) -> list[str]:
        """Init containers then containers of the pod named by ``pod_arg``."""
        kind, slash, name = pod_arg.rpartition("/")
        if slash and not any(r.kind == "Pod" for r in self.resolve(kind)):
            return []  # deploy/x etc. would need the attachable pod: not offered
        pods = [r for r in self.resolve("pods")]
        if not pods or self.snapshot().empty:
            return []
        pod = self.snapshot().get(pods[0], self._namespace(), name)
        if not pod:
            return []
        spec = pod.get("spec") or {}
        names = [c.get("name", "") for key in ("initContainers", "containers")
                 for c in spec.get(key) or [] if isinstance(c, dict)]
        return [n for n in names if n and n.startswith(prefix)]


_REPEATABLE = frozenset({"filename", "label-columns", "as-group", "verbs", "categories",
                         "prune-allowlist", "types"})


def _crd_resource(crd: dict) -> Resource | None:
    spec = crd.get("spec") or {}
    names = spec.get("names") or {}
    group, kind, plural = spec.get("group", ""), names.get("kind", ""), names.get("plural", "")
    if not (group and kind and plural):
        return None
    return Resource(plural, group, kind, spec.get("scope", "Namespaced") == "Namespaced",
                    tuple(names.get("shortNames") or ()), tuple(names.get("categories") or ()))


# -- the hidden command ---------------------------------------------------------------------
def directive_text(directive: int) -> str:
    """cobra's ``Completion ended with directive: ...`` wording."""
    if directive == DEFAULT:
        return "ShellCompDirectiveDefault"
    return ", ".join(name for bit, name in _DIRECTIVE_NAMES if directive & bit)


def run(argv: list[str], stdout=None, stderr=None, environ: dict[str, str] | None = None) -> int:
    """``__complete`` / ``__completeNoDesc``: print candidates and the directive; exit 0."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    with_descriptions = argv[0] == "__complete"
    completer = Completer(dict(os.environ) if environ is None else environ)
    try:
        comps, directive = completer.complete(argv[1:])
    except Exception as exc:  # completion must never print a traceback into the shell
        if (environ or os.environ).get("MINIKUBECTL_DEBUG"):
            raise
        comps, directive = [], ERROR
        stderr.write(f"[Error] {type(exc).__name__}: {exc}\n")
    text = "\n".join(comps)
    if comps and text.count("\n") == len(comps) - 1 and "\t" not in text and " \n" not in text + "\n":
        # Plain candidates (names): nothing to cut, printed in one write.
        stdout.write(f"{text}\n:{directive}\n")
    else:
        lines = []
        for comp in comps:
            comp = comp.split("\n", 1)[0]
            if not with_descriptions:
                comp = comp.split("\t", 1)[0]
            lines.append(comp.rstrip())
        lines.append(f":{directive}")
        stdout.write("\n".join(lines) + "\n")
    stderr.write(f"Completion ended with directive: {directive_text(directive)}\n")
    return 0
