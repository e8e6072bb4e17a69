"""Container images on the simulated nodes: names as the runtime reports them, pull times.

Pull durations and sizes are small deterministic functions of the image reference
(no registry is contacted):

* first pull on a node: ``1000 + h % 9000`` ms (1 to 10 s), ``h`` from sha256 of the reference;
* re-pull of an image the node already has (``imagePullPolicy: Always``): ``300 + h % 700`` ms
  (the registry only confirms the manifest);
* size: ``5 MB + h % 195 MB``; image ID digest: sha256 of the normalized reference.
"""

from __future__ import annotations

import hashlib


def _hash(text: str, salt: str) -> int:
    return int(hashlib.sha256(f"{salt}:{text}".encode()).hexdigest()[:12], 16)


def _split(image: str) -> tuple[str, str, str]:
    """(repository with domain, tag, digest) of a docker reference, docker.io defaults applied."""
    ref, _, digest = image.partition("@")
    slash = ref.find("/")
    first = ref[:slash] if slash >= 0 else ""
    if slash >= 0 and ("." in first or ":" in first or first == "localhost"):
        domain, path = first, ref[slash + 1:]
    else:
        domain, path = "docker.io", ref
    tag = ""
    colon = path.rfind(":")
    if colon > path.rfind("/"):
        path, tag = path[:colon], path[colon + 1:]
    if domain == "docker.io" and "/" not in path:
        path = "library/" + path
    return f"{domain}/{path}", tag, digest


def normalized(image: str) -> str:
    """What the runtime reports as ``status.containerStatuses[].image`` (``docker.io/library/nginx:latest``)."""
    repo, tag, digest = _split(image)
    if digest:
        return f"{repo}@{digest}"
    return f"{repo}:{tag or 'latest'}"


def image_id(image: str) -> str:
    """``imageID``: the repository digest reference."""
    repo, _, digest = _split(image)
    if digest:
        return f"{repo}@{digest}"
    return f"{repo}@sha256:{hashlib.sha256(('digest:' + normalized(image)).encode()).hexdigest()}"


def pull_ms(image: str) -> int:
    """Duration of a first pull on a node."""
    return 1000 + _hash(normalized(image), "pull") % 9000


def repull_ms(image: str) -> int:
    """Duration of a pull when the node already has the image."""
    return 300 + _hash(normalized(image), "repull") % 700


def size_bytes(image: str) -> int:
    """The image size the Pulled event reports."""
    return 5_000_000 + _hash(normalized(image), "size") % 195_000_000


def base_name(image: str) -> str:
    """The last path element without tag/digest (``nginx`` for ``docker.io/library/nginx:1.25``)."""
    repo, _, _ = _split(image)
    return repo.rsplit("/", 1)[-1]


def pull_policy(container: dict) -> str:
    """``imagePullPolicy`` or the API server's default for the image."""
    policy = container.get("imagePullPolicy")
    if policy:
        return str(policy)
    _, tag, digest = _split(str(container.get("image", "")))
    return "Always" if not digest and tag in ("", "latest") else "IfNotPresent"
