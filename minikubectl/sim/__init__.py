"""The simulated cluster: clock-driven scheduler, kubelet and controllers (see engine.py)."""
