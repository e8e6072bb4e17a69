"""``--from-literal``, ``--from-file`` and ``--from-env-file``: the key/value sources of
``create configmap`` and ``create secret generic`` (kubectl's util.ParseLiteralSource,
util.ParseFileSource and cmdutil.AddFromEnvFile), plus the ``--append-hash`` suffix.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import stat
from typing import Callable

from minikubectl.api import errors
from minikubectl.api.labels import max_len_error, regex_error
from minikubectl.golang.strconv import quote

# add(key, raw bytes or text) -> None; raises ClientError with the kind's own wording.
AddFn = Callable[[str, "str | bytes"], None]

_CONFIG_KEY = re.compile(r"[-._a-zA-Z0-9]+")
_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")


def _ch_prefix(value: str) -> list[str]:
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


def config_map_key_errors(key: str) -> list[str]:
    """validation.IsConfigMapKey (the same rules hold for Secret keys)."""
    found = []
    if len(key.encode("utf-8", "surrogatepass")) > 253:
        found.append(max_len_error(253))
    if not _CONFIG_KEY.fullmatch(key):
        found.append(regex_error("a valid config key must consist of alphanumeric characters, "
                                 "'-', '_' or '.'", "[-._a-zA-Z0-9]+",
                                 "key.name", "KEY_NAME", "key-name"))
    return found + _ch_prefix(key)


def env_var_name_errors(key: str) -> list[str]:
    """validation.IsEnvVarName."""
    found = []
    if not _ENV_NAME.fullmatch(key):
        found.append(regex_error("a valid environment variable name must consist of alphabetic "
                                 "characters, digits, '_', '-', or '.', and must not start with a "
                                 "digit", "[-._a-zA-Z][-._a-zA-Z0-9]*",
                                 "my.env-name", "MY_ENV.NAME", "MyEnvName1"))
    return found + _ch_prefix(key)


def parse_literal(source: str) -> tuple[str, str]:
    """``key=value`` (the value may contain ``=``)."""
    key, sep, value = source.partition("=")
    if not sep:
        raise errors.ClientError(f"invalid literal source {source}, expected key=value")
    return key, value


def parse_file_source(source: str) -> tuple[str, str]:
    """``[key=]path`` -> (key, path); the key defaults to the path's base name."""
    count = source.count("=")
    if count == 0:
        return posixpath.basename(source) if source else ".", source
    if count == 1 and source.startswith("="):
        raise errors.ClientError(f"key name for file path {source[1:]} missing")
    if count == 1 and source.endswith("="):
        raise errors.ClientError(f"file path for key name {source[:-1]} missing")
    if count > 1:
        raise errors.ClientError("key names or file paths cannot contain '='")
    key, _, path = source.partition("=")
    return key, path


def _stat_error(path: str, exc: OSError) -> errors.ClientError:
    reason = (exc.strerror or str(exc)).lower()
    return errors.ClientError(f"error reading {path}: {reason}")


def _read(path: str) -> str | bytes:
    """The file's text when it is valid UTF-8, else its bytes."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def add_file_sources(sources: list[str], add: AddFn) -> None:
    """``--from-file``: one key per file, or one per regular file of a directory."""
    for source in sources:
        key, path = parse_file_source(source)
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            raise _stat_error(path, exc) from None
        if is_dir:
            if "=" in source:
                raise errors.ClientError("cannot give a key name for a directory path")
            for entry in sorted(os.listdir(path)):
                item = posixpath.join(path, entry)
                if os.path.isfile(item) and not os.path.islink(item):
                    add(entry, _read(item))
        else:
            add(key, _read(path))


def add_literal_sources(sources: list[str], add: AddFn) -> None:
    """``--from-literal key=value``."""
    for source in sources:
        key, value = parse_literal(source)
        add(key, value)


def add_env_file_sources(sources: list[str], add: AddFn, what: str,
                         environ: dict[str, str]) -> None:
    """``--from-env-file``: ``KEY=value`` lines; ``#`` comments; a bare KEY reads the environment."""
    for path in sources:
        try:
            os.stat(path)
        except OSError as exc:
            raise _stat_error(path, exc) from None
        if os.path.isdir(path):
            raise errors.ClientError(f"env {what} file cannot be a directory")
        with open(path, "rb") as handle:
            raw_lines = handle.read().split(b"\n")
        if raw_lines and raw_lines[-1] == b"":
            raw_lines.pop()
        for number, raw in enumerate(raw_lines):
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise errors.ClientError(f"env file {path} contains invalid utf8 bytes at line "
                                         f"{number + 1}: {list(raw)}") from None
            if number == 0:
                line = line.removeprefix("\ufeff")
            line = line.lstrip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            problems = env_var_name_errors(key)
            if problems:
                raise errors.ClientError(f"{quote(key)} is not a valid key name: {';'.join(problems)}")
            if not sep:
                value = environ.get(key, "")
            add(key, value)


def encode_hash(digest_hex: str) -> str:
    """hash.encodeHash: the first ten hex digits with vowel-like ones replaced."""
    return digest_hex[:10].translate(str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}))


def content_hash(document: dict) -> str:
    """sha256 of the Go JSON (sorted keys) of ``document``, encoded as kubectl does."""
    from minikubectl.golang.json import marshal
    return encode_hash(hashlib.sha256(marshal(document).encode("utf-8")).hexdigest())
