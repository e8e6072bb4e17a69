"""Strategic-merge patch metadata for the built-in kinds (Kubernetes v1.33).

Generated from the v1.33 OpenAPI definitions (`x-kubernetes-patch-strategy` and
`x-kubernetes-patch-merge-key`, i.e. the `patchStrategy`/`patchMergeKey` struct tags), pruned
to the types through which some tagged field is reachable. Each field maps to
`(strategy, merge_key, child_type)`: strategy is "", "merge", "replace", "retainKeys" or
"merge,retainKeys"; child_type names the type of the value (or of list items) when it leads
to more tagged fields, else None. Fields absent here have no strategy (lists replace, maps
merge).
"""

from __future__ import annotations

FieldMeta = tuple[str, str, "str | None"]

# (group, kind) -> root type name in TYPES.
ROOTS: dict[tuple[str, str], str] = {
    ('', 'Binding'): 'core.v1.Binding',
    ('', 'ComponentStatus'): 'core.v1.ComponentStatus',
    ('', 'ConfigMap'): 'core.v1.ConfigMap',
    ('', 'Endpoints'): 'core.v1.Endpoints',
    ('', 'Event'): 'core.v1.Event',
    ('', 'LimitRange'): 'core.v1.LimitRange',
    ('', 'Namespace'): 'core.v1.Namespace',
    ('', 'Node'): 'core.v1.Node',
    ('', 'PersistentVolume'): 'core.v1.PersistentVolume',
    ('', 'PersistentVolumeClaim'): 'core.v1.PersistentVolumeClaim',
    ('', 'Pod'): 'core.v1.Pod',
    ('', 'PodTemplate'): 'core.v1.PodTemplate',
    ('', 'ReplicationController'): 'core.v1.ReplicationController',
    ('', 'ResourceQuota'): 'core.v1.ResourceQuota',
    ('', 'Secret'): 'core.v1.Secret',
    ('', 'Service'): 'core.v1.Service',
    ('', 'ServiceAccount'): 'core.v1.ServiceAccount',
    ('admissionregistration.k8s.io', 'MutatingAdmissionPolicy'): 'admissionregistration.v1alpha1.MutatingAdmissionPolicy',
    ('admissionregistration.k8s.io', 'MutatingAdmissionPolicyBinding'): 'admissionregistration.v1alpha1.MutatingAdmissionPolicyBinding',
    ('admissionregistration.k8s.io', 'MutatingWebhookConfiguration'): 'admissionregistration.v1.MutatingWebhookConfiguration',
    ('admissionregistration.k8s.io', 'ValidatingAdmissionPolicy'): 'admissionregistration.v1.ValidatingAdmissionPolicy',
    ('admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding'): 'admissionregistration.v1.ValidatingAdmissionPolicyBinding',
    ('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'): 'admissionregistration.v1.ValidatingWebhookConfiguration',
    ('apiextensions.k8s.io', 'CustomResourceDefinition'): 'apiextensions.v1.CustomResourceDefinition',
    ('apiregistration.k8s.io', 'APIService'): 'apiregistration.v1.APIService',
    ('apps', 'ControllerRevision'): 'apps.v1.ControllerRevision',
    ('apps', 'DaemonSet'): 'apps.v1.DaemonSet',
    ('apps', 'Deployment'): 'apps.v1.Deployment',
    ('apps', 'ReplicaSet'): 'apps.v1.ReplicaSet',
    ('apps', 'StatefulSet'): 'apps.v1.StatefulSet',
    ('authentication.k8s.io', 'SelfSubjectReview'): 'authentication.v1.SelfSubjectReview',
    ('authentication.k8s.io', 'TokenRequest'): 'authentication.v1.TokenRequest',
    ('authentication.k8s.io', 'TokenReview'): 'authentication.v1.TokenReview',
    ('authorization.k8s.io', 'LocalSubjectAccessReview'): 'authorization.v1.LocalSubjectAccessReview',
    ('authorization.k8s.io', 'SelfSubjectAccessReview'): 'authorization.v1.SelfSubjectAccessReview',
    ('authorization.k8s.io', 'SelfSubjectRulesReview'): 'authorization.v1.SelfSubjectRulesReview',
    ('authorization.k8s.io', 'SubjectAccessReview'): 'authorization.v1.SubjectAccessReview',
    ('autoscaling', 'HorizontalPodAutoscaler'): 'autoscaling.v2.HorizontalPodAutoscaler',
    ('autoscaling', 'Scale'): 'autoscaling.v1.Scale',
    ('batch', 'CronJob'): 'batch.v1.CronJob',
    ('batch', 'Job'): 'batch.v1.Job',
    ('certificates.k8s.io', 'CertificateSigningRequest'): 'certificates.v1.CertificateSigningRequest',
    ('certificates.k8s.io', 'ClusterTrustBundle'): 'certificates.v1beta1.ClusterTrustBundle',
    ('coordination.k8s.io', 'Lease'): 'coordination.v1.Lease',
    ('coordination.k8s.io', 'LeaseCandidate'): 'coordination.v1beta1.LeaseCandidate',
    ('discovery.k8s.io', 'EndpointSlice'): 'discovery.v1.EndpointSlice',
    ('events.k8s.io', 'Event'): 'events.v1.Event',
    ('flowcontrol.apiserver.k8s.io', 'FlowSchema'): 'flowcontrol.v1.FlowSchema',
    ('flowcontrol.apiserver.k8s.io', 'PriorityLevelConfiguration'): 'flowcontrol.v1.PriorityLevelConfiguration',
    ('internal.apiserver.k8s.io', 'StorageVersion'): 'apiserverinternal.v1alpha1.StorageVersion',
    ('networking.k8s.io', 'IPAddress'): 'networking.v1.IPAddress',
    ('networking.k8s.io', 'Ingress'): 'networking.v1.Ingress',
    ('networking.k8s.io', 'IngressClass'): 'networking.v1.IngressClass',
    ('networking.k8s.io', 'NetworkPolicy'): 'networking.v1.NetworkPolicy',
    ('networking.k8s.io', 'ServiceCIDR'): 'networking.v1.ServiceCIDR',
    ('node.k8s.io', 'RuntimeClass'): 'node.v1.RuntimeClass',
    ('policy', 'Eviction'): 'policy.v1.Eviction',
    ('policy', 'PodDisruptionBudget'): 'policy.v1.PodDisruptionBudget',
    ('rbac.authorization.k8s.io', 'ClusterRole'): 'rbac.v1.ClusterRole',
    ('rbac.authorization.k8s.io', 'ClusterRoleBinding'): 'rbac.v1.ClusterRoleBinding',
    ('rbac.authorization.k8s.io', 'Role'): 'rbac.v1.Role',
    ('rbac.authorization.k8s.io', 'RoleBinding'): 'rbac.v1.RoleBinding',
    ('resource.k8s.io', 'DeviceClass'): 'resource.v1beta2.DeviceClass',
    ('resource.k8s.io', 'DeviceTaintRule'): 'resource.v1alpha3.DeviceTaintRule',
    ('resource.k8s.io', 'ResourceClaim'): 'resource.v1beta2.ResourceClaim',
    ('resource.k8s.io', 'ResourceClaimTemplate'): 'resource.v1beta2.ResourceClaimTemplate',
    ('resource.k8s.io', 'ResourceSlice'): 'resource.v1beta2.ResourceSlice',
    ('scheduling.k8s.io', 'PriorityClass'): 'scheduling.v1.PriorityClass',
    ('storage.k8s.io', 'CSIDriver'): 'storage.v1.CSIDriver',
    ('storage.k8s.io', 'CSINode'): 'storage.v1.CSINode',
    ('storage.k8s.io', 'CSIStorageCapacity'): 'storage.v1.CSIStorageCapacity',
    ('storage.k8s.io', 'StorageClass'): 'storage.v1.StorageClass',
    ('storage.k8s.io', 'VolumeAttachment'): 'storage.v1.VolumeAttachment',
    ('storage.k8s.io', 'VolumeAttributesClass'): 'storage.v1beta1.VolumeAttributesClass',
    ('storagemigration.k8s.io', 'StorageVersionMigration'): 'storagemigration.v1alpha1.StorageVersionMigration',
}

TYPES: dict[str, dict[str, FieldMeta]] = {
    'admissionregistration.v1.MutatingWebhook': {
        'matchConditions': ('merge', 'name', None),
    },
    'admissionregistration.v1.MutatingWebhookConfiguration': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'webhooks': ('merge', 'name', 'admissionregistration.v1.MutatingWebhook'),
    },
    'admissionregistration.v1.ValidatingAdmissionPolicy': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'admissionregistration.v1.ValidatingAdmissionPolicySpec'),
    },
    'admissionregistration.v1.ValidatingAdmissionPolicyBinding': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'admissionregistration.v1.ValidatingAdmissionPolicySpec': {
        'matchConditions': ('merge', 'name', None),
        'variables': ('merge', 'name', None),
    },
    'admissionregistration.v1.ValidatingWebhook': {
        'matchConditions': ('merge', 'name', None),
    },
    'admissionregistration.v1.ValidatingWebhookConfiguration': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'webhooks': ('merge', 'name', 'admissionregistration.v1.ValidatingWebhook'),
    },
    'admissionregistration.v1alpha1.MutatingAdmissionPolicy': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'admissionregistration.v1alpha1.MutatingAdmissionPolicySpec'),
    },
    'admissionregistration.v1alpha1.MutatingAdmissionPolicyBinding': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'admissionregistration.v1alpha1.MutatingAdmissionPolicySpec': {
        'matchConditions': ('merge', 'name', None),
    },
    'apiserverinternal.v1alpha1.StorageVersion': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'apps.v1.ControllerRevision': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'apps.v1.DaemonSet': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'apps.v1.DaemonSetSpec'),
        'status': ('', '', 'apps.v1.DaemonSetStatus'),
    },
    'apps.v1.DaemonSetSpec': {
        'template': ('', '', 'core.v1.PodTemplateSpec'),
    },
    'apps.v1.DaemonSetStatus': {
        'conditions': ('merge', 'type', None),
    },
    'apps.v1.Deployment': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'apps.v1.DeploymentSpec'),
        'status': ('', '', 'apps.v1.DeploymentStatus'),
    },
    'apps.v1.DeploymentSpec': {
        'strategy': ('retainKeys', '', None),
        'template': ('', '', 'core.v1.PodTemplateSpec'),
    },
    'apps.v1.DeploymentStatus': {
        'conditions': ('merge', 'type', None),
    },
    'apps.v1.ReplicaSet': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'apps.v1.ReplicaSetSpec'),
        'status': ('', '', 'apps.v1.ReplicaSetStatus'),
    },
    'apps.v1.ReplicaSetSpec': {
        'template': ('', '', 'core.v1.PodTemplateSpec'),
    },
    'apps.v1.ReplicaSetStatus': {
        'conditions': ('merge', 'type', None),
    },
    'apps.v1.StatefulSet': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'apps.v1.StatefulSetSpec'),
        'status': ('', '', 'apps.v1.StatefulSetStatus'),
    },
    'apps.v1.StatefulSetSpec': {
        'template': ('', '', 'core.v1.PodTemplateSpec'),
        'volumeClaimTemplates': ('', '', 'core.v1.PersistentVolumeClaim'),
    },
    'apps.v1.StatefulSetStatus': {
        'conditions': ('merge', 'type', None),
    },
    'authentication.v1.SelfSubjectReview': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'authentication.v1.TokenRequest': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'authentication.v1.TokenReview': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'authorization.v1.LocalSubjectAccessReview': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'authorization.v1.SelfSubjectAccessReview': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'authorization.v1.SelfSubjectRulesReview': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'authorization.v1.SubjectAccessReview': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'autoscaling.v1.Scale': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'autoscaling.v2.HorizontalPodAutoscaler': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'autoscaling.v2.HorizontalPodAutoscalerStatus'),
    },
    'autoscaling.v2.HorizontalPodAutoscalerStatus': {
        'conditions': ('merge', 'type', None),
    },
    'batch.v1.CronJob': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'batch.v1.CronJobSpec'),
    },
    'batch.v1.CronJobSpec': {
        'jobTemplate': ('', '', 'batch.v1.JobTemplateSpec'),
    },
    'batch.v1.Job': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'batch.v1.JobSpec'),
        'status': ('', '', 'batch.v1.JobStatus'),
    },
    'batch.v1.JobSpec': {
        'template': ('', '', 'core.v1.PodTemplateSpec'),
    },
    'batch.v1.JobStatus': {
        'conditions': ('merge', 'type', None),
    },
    'batch.v1.JobTemplateSpec': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'batch.v1.JobSpec'),
    },
    'certificates.v1.CertificateSigningRequest': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'certificates.v1beta1.ClusterTrustBundle': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'coordination.v1.Lease': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'coordination.v1beta1.LeaseCandidate': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.Binding': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.ComponentStatus': {
        'conditions': ('merge', 'type', None),
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.ConfigMap': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.Container': {
        'env': ('merge', 'name', None),
        'ports': ('merge', 'containerPort', None),
        'volumeDevices': ('merge', 'devicePath', None),
        'volumeMounts': ('merge', 'mountPath', None),
    },
    'core.v1.ContainerStatus': {
        'allocatedResourcesStatus': ('merge', 'name', None),
        'volumeMounts': ('merge', 'mountPath', None),
    },
    'core.v1.Endpoints': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.EphemeralContainer': {
        'env': ('merge', 'name', None),
        'ports': ('merge', 'containerPort', None),
        'volumeDevices': ('merge', 'devicePath', None),
        'volumeMounts': ('merge', 'mountPath', None),
    },
    'core.v1.EphemeralVolumeSource': {
        'volumeClaimTemplate': ('', '', 'core.v1.PersistentVolumeClaimTemplate'),
    },
    'core.v1.Event': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.LimitRange': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.Namespace': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'core.v1.NamespaceStatus'),
    },
    'core.v1.NamespaceStatus': {
        'conditions': ('merge', 'type', None),
    },
    'core.v1.Node': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'core.v1.NodeSpec'),
        'status': ('', '', 'core.v1.NodeStatus'),
    },
    'core.v1.NodeSpec': {
        'podCIDRs': ('merge', '', None),
    },
    'core.v1.NodeStatus': {
        'addresses': ('merge', 'type', None),
        'conditions': ('merge', 'type', None),
    },
    'core.v1.PersistentVolume': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.PersistentVolumeClaim': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'core.v1.PersistentVolumeClaimStatus'),
    },
    'core.v1.PersistentVolumeClaimStatus': {
        'conditions': ('merge', 'type', None),
    },
    'core.v1.PersistentVolumeClaimTemplate': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.Pod': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'core.v1.PodSpec'),
        'status': ('', '', 'core.v1.PodStatus'),
    },
    'core.v1.PodSpec': {
        'containers': ('merge', 'name', 'core.v1.Container'),
        'ephemeralContainers': ('merge', 'name', 'core.v1.EphemeralContainer'),
        'hostAliases': ('merge', 'ip', None),
        'imagePullSecrets': ('merge', 'name', None),
        'initContainers': ('merge', 'name', 'core.v1.Container'),
        'resourceClaims': ('merge,retainKeys', 'name', None),
        'schedulingGates': ('merge', 'name', None),
        'topologySpreadConstraints': ('merge', 'topologyKey', None),
        'volumes': ('merge,retainKeys', 'name', 'core.v1.Volume'),
    },
    'core.v1.PodStatus': {
        'conditions': ('merge', 'type', None),
        'containerStatuses': ('', '', 'core.v1.ContainerStatus'),
        'ephemeralContainerStatuses': ('', '', 'core.v1.ContainerStatus'),
        'hostIPs': ('merge', 'ip', None),
        'initContainerStatuses': ('', '', 'core.v1.ContainerStatus'),
        'podIPs': ('merge', 'ip', None),
        'resourceClaimStatuses': ('merge,retainKeys', 'name', None),
    },
    'core.v1.PodTemplate': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'template': ('', '', 'core.v1.PodTemplateSpec'),
    },
    'core.v1.PodTemplateSpec': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'core.v1.PodSpec'),
    },
    'core.v1.ReplicationController': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'core.v1.ReplicationControllerSpec'),
        'status': ('', '', 'core.v1.ReplicationControllerStatus'),
    },
    'core.v1.ReplicationControllerSpec': {
        'template': ('', '', 'core.v1.PodTemplateSpec'),
    },
    'core.v1.ReplicationControllerStatus': {
        'conditions': ('merge', 'type', None),
    },
    'core.v1.ResourceQuota': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.Secret': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'core.v1.Service': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'core.v1.ServiceSpec'),
        'status': ('', '', 'core.v1.ServiceStatus'),
    },
    'core.v1.ServiceAccount': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'secrets': ('merge', 'name', None),
    },
    'core.v1.ServiceSpec': {
        'ports': ('merge', 'port', None),
    },
    'core.v1.ServiceStatus': {
        'conditions': ('merge', 'type', None),
    },
    'core.v1.Volume': {
        'ephemeral': ('', '', 'core.v1.EphemeralVolumeSource'),
    },
    'discovery.v1.EndpointSlice': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'events.v1.Event': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'flowcontrol.v1.FlowSchema': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'flowcontrol.v1.FlowSchemaStatus'),
    },
    'flowcontrol.v1.FlowSchemaStatus': {
        'conditions': ('merge', 'type', None),
    },
    'flowcontrol.v1.PriorityLevelConfiguration': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'flowcontrol.v1.PriorityLevelConfigurationStatus'),
    },
    'flowcontrol.v1.PriorityLevelConfigurationStatus': {
        'conditions': ('merge', 'type', None),
    },
    'networking.v1.IPAddress': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'networking.v1.Ingress': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'networking.v1.IngressClass': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'networking.v1.NetworkPolicy': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'networking.v1.ServiceCIDR': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'networking.v1.ServiceCIDRStatus'),
    },
    'networking.v1.ServiceCIDRStatus': {
        'conditions': ('merge', 'type', None),
    },
    'node.v1.RuntimeClass': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'policy.v1.Eviction': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'policy.v1.PodDisruptionBudget': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'policy.v1.PodDisruptionBudgetSpec'),
        'status': ('', '', 'policy.v1.PodDisruptionBudgetStatus'),
    },
    'policy.v1.PodDisruptionBudgetSpec': {
        'selector': ('replace', '', None),
    },
    'policy.v1.PodDisruptionBudgetStatus': {
        'conditions': ('merge', 'type', None),
    },
    'rbac.v1.ClusterRole': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'rbac.v1.ClusterRoleBinding': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'rbac.v1.Role': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'rbac.v1.RoleBinding': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'resource.v1alpha3.DeviceTaintRule': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'resource.v1beta2.DeviceClass': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'resource.v1beta2.ResourceClaim': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'resource.v1beta2.ResourceClaimStatus'),
    },
    'resource.v1beta2.ResourceClaimStatus': {
        'reservedFor': ('merge', 'uid', None),
    },
    'resource.v1beta2.ResourceClaimTemplate': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'resource.v1beta2.ResourceClaimTemplateSpec'),
    },
    'resource.v1beta2.ResourceClaimTemplateSpec': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'resource.v1beta2.ResourceSlice': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'scheduling.v1.PriorityClass': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'storage.v1.CSIDriver': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'storage.v1.CSINode': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'storage.v1.CSINodeSpec'),
    },
    'storage.v1.CSINodeSpec': {
        'drivers': ('merge', 'name', None),
    },
    'storage.v1.CSIStorageCapacity': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'storage.v1.StorageClass': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'storage.v1.VolumeAttachment': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'storage.v1beta1.VolumeAttributesClass': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
    },
    'storagemigration.v1alpha1.StorageVersionMigration': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'storagemigration.v1alpha1.StorageVersionMigrationStatus'),
    },
    'storagemigration.v1alpha1.StorageVersionMigrationStatus': {
        'conditions': ('merge', 'type', None),
    },
    'apiextensions.v1.CustomResourceDefinition': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'spec': ('', '', 'apiextensions.v1.CustomResourceDefinitionSpec'),
    },
    'apiextensions.v1.CustomResourceDefinitionSpec': {
        'versions': ('', '', 'apiextensions.v1.CustomResourceDefinitionVersion'),
    },
    'apiextensions.v1.CustomResourceDefinitionVersion': {
        'schema': ('', '', 'apiextensions.v1.CustomResourceValidation'),
    },
    'apiextensions.v1.CustomResourceValidation': {
        'openAPIV3Schema': ('', '', 'apiextensions.v1.JSONSchemaProps'),
    },
    'apiextensions.v1.JSONSchemaProps': {
        'allOf': ('', '', 'apiextensions.v1.JSONSchemaProps'),
        'anyOf': ('', '', 'apiextensions.v1.JSONSchemaProps'),
        'not': ('', '', 'apiextensions.v1.JSONSchemaProps'),
        'oneOf': ('', '', 'apiextensions.v1.JSONSchemaProps'),
        'x-kubernetes-validations': ('merge', 'rule', None),
    },
    'meta.v1.ObjectMeta': {
        'finalizers': ('merge', '', None),
        'ownerReferences': ('merge', 'uid', None),
    },
    'apiregistration.v1.APIService': {
        'metadata': ('', '', 'meta.v1.ObjectMeta'),
        'status': ('', '', 'apiregistration.v1.APIServiceStatus'),
    },
    'apiregistration.v1.APIServiceStatus': {
        'conditions': ('merge', 'type', None),
    },
}
