"""``describe`` for RBAC, quota, limit range, PDB, network policy, ingress, endpoints and HPA (v2).

Exact expected texts for a few, and every kind compared byte for byte with the real kubectl
1.33 over the same objects (tests/e2e/describe_oracle.py; skipped when it is absent).
"""

from __future__ import annotations

import pytest

from tests.e2e import describe_oracle

OBJECTS = """
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  labels: {team: a}
rules:
- apiGroups: [""]
  resources: [pods, pods/log]
  verbs: [get, list, watch]
- apiGroups: ["apps"]
  resources: [deployments]
  resourceNames: [web, api]
  verbs: [get, patch]
- apiGroups: [""]
  resources: [pods]
  verbs: [delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: urls
rules:
- nonResourceURLs: ["/healthz", "/version"]
  verbs: [get]
- apiGroups: ["batch", "apps"]
  resources: [jobs, cronjobs]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- {kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: default, namespace: default}
roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: urls-all
subjects:
- {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: urls, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: quota
spec:
  hard: {pods: "10", requests.cpu: "2", requests.memory: 1Gi, configmaps: "5"}
  scopes: [NotTerminating, BestEffort]
---
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    max: {cpu: "1"}
    min: {cpu: 100m}
    default: {cpu: 500m}
    defaultRequest: {cpu: 200m}
  - type: Pod
    max: {memory: 2Gi}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
  podSelector:
    matchLabels: {role: db}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}
    - namespaceSelector:
        matchLabels: {project: myproject}
    - podSelector:
        matchLabels: {role: frontend}
    ports:
    - {protocol: TCP, port: 6379}
  - {}
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/24}
    ports:
    - {protocol: TCP, port: 5978, endPort: 6000}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}
spec:
  ingressClassName: nginx
  tls:
  - hosts: [a.example.com]
    secretName: tls-a
  defaultBackend:
    service: {name: web, port: {number: 80}}
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service: {name: web, port: {name: http}}
      - path: /missing
        pathType: Exact
        backend:
          service: {name: nope, port: {number: 8080}}
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: bare
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
---
apiVersion: v1
kind: Endpoints
metadata:
  name: manual
subsets:
- addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}]
  notReadyAddresses: [{ip: 10.0.0.3}]
  ports: [{name: http, port: 80, protocol: TCP}, {port: 443, protocol: TCP}]
- addresses: [{ip: 10.0.0.9}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: hpa
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization, averageUtilization: 50}
  - type: Resource
    resource:
      name: memory
      target: {type: AverageValue, averageValue: 500Mi}
  - type: Pods
    pods:
      metric: {name: packets-per-second}
      target: {type: AverageValue, averageValue: 1k}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
      policies:
      - {type: Percent, value: 100, periodSeconds: 15}
"""

PLURALS = ["roles.rbac.authorization.k8s.io", "clusterroles.rbac.authorization.k8s.io",
           "rolebindings.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io",
           "resourcequotas", "limitranges", "poddisruptionbudgets.policy", "networkpolicies.networking.k8s.io",
           "ingresses.networking.k8s.io", "endpoints", "endpointslices.discovery.k8s.io",
           "horizontalpodautoscalers.autoscaling"]


@pytest.fixture
def objects(cli):
    cli.extra_env["TZ"] = "UTC"
    result = cli("create", "-f", "-", stdin=OBJECTS)
    assert result.code == 0, result.stderr
    return cli


def test_describe_role_compacts_and_sorts_rules(objects):
    assert objects("describe", "role", "reader").stdout == (
        "Name:         reader\n"
        "Labels:       team=a\n"
        "Annotations:  <none>\n"
        "PolicyRule:\n"
        "  Resources         Non-Resource URLs  Resource Names  Verbs\n"
        "  ---------         -----------------  --------------  -----\n"
        "  pods              []                 []              [get list watch delete]\n"
        "  pods/log          []                 []              [get list watch]\n"
        "  deployments.apps  []                 [api]           [get patch]\n"
        "  deployments.apps  []                 [web]           [get patch]\n")


def test_describe_rolebinding_and_pdb(objects):
    assert objects("describe", "rolebinding", "read-pods").stdout == (
        "Name:         read-pods\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "Role:\n"
        "  Kind:  Role\n"
        "  Name:  reader\n"
        "Subjects:\n"
        "  Kind            Name     Namespace\n"
        "  ----            ----     ---------\n"
        "  User            jane     \n"
        "  ServiceAccount  default  default\n")
    assert objects("describe", "pdb", "pdb").stdout == (
        "Name:           pdb\n"
        "Namespace:      default\n"
        "Min available:  1\n"
        "Selector:       app=web\n"
        # The disruption controller: no pod selected, minAvailable 1 desired.
        "Status:\n"
        "    Allowed disruptions:  0\n"
        "    Current:              0\n"
        "    Desired:              1\n"
        "    Total:                0\n"
        "Events:                   <none>\n")


def test_describe_limitrange(objects):
    assert objects("describe", "limitrange", "limits").stdout == (
        "Name:       limits\n"
        "Namespace:  default\n"
        "Type        Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio\n"
        "----        --------  ---   ---  ---------------  -------------  -----------------------\n"
        "Container   cpu       100m  1    200m             500m           -\n"
        "Pod         memory    -     2Gi  -                -              -\n")


@pytest.mark.skipif(not describe_oracle.available(), reason="kubectl 1.33 not installed")
@pytest.mark.parametrize("argv", [
    ["role", "reader"], ["clusterrole", "urls"], ["rolebinding", "read-pods"], ["clusterrolebinding", "urls-all"],
    ["resourcequota", "quota"], ["limitrange", "limits"], ["poddisruptionbudget", "pdb"],
    ["networkpolicy", "np"], ["networkpolicy", "deny-all"], ["ingress", "ing"], ["ingress", "bare"],
    ["endpoints", "manual"], ["horizontalpodautoscaler", "hpa"]])
def test_matches_kubectl(objects, argv):
    expected, err, code = describe_oracle.kubectl_describe(objects, argv, PLURALS)
    assert code == 0, err
    assert objects("describe", *argv).stdout == expected
