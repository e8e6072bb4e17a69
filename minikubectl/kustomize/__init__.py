"""Kustomize built in: a kustomization directory rendered to objects as kubectl's kustomize v5 does.

Middle layer: imported by ``cli``; imports ``api``, ``io`` and ``golang`` only. The entry point
is :func:`minikubectl.kustomize.build.build`, which returns the objects in output order plus
the warnings kustomize prints; the CLI encodes them (``---`` separated YAML).
"""
