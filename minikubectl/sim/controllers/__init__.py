"""kube-controller-manager's controllers, one module each."""
