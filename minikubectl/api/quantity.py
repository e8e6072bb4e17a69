"""Kubernetes resource quantities (apimachinery/pkg/api/resource/quantity.go), pure.

A quantity is an exact rational value plus the format it was written in:

- ``DecimalSI``: no suffix or one of ``n u m k M G T P E`` (``100m``, ``2k``, ``1.5``);
- ``BinarySI``: ``Ki Mi Gi Ti Pi Ei`` (``64Mi``);
- ``DecimalExponent``: ``e``/``E`` followed by an integer (``1e3``, ``5E-2``).

Parsing rounds non-zero values up (away from zero) to a multiple of 10^-9, as Kubernetes
does, and caps BinarySI magnitudes at 2^63-1. ``canonical()`` is Quantity.String().
"""

from __future__ import annotations

from fractions import Fraction

from minikubectl.golang.structs import dataclass

DECIMAL_SI = "DecimalSI"
BINARY_SI = "BinarySI"
DECIMAL_EXPONENT = "DecimalExponent"

_DEC_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12,
                 "P": 15, "E": 18}
_BIN_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DEC_BY_EXP = {v: k for k, v in _DEC_SUFFIXES.items()}
_BIN_BY_EXP = {v: k for k, v in _BIN_SUFFIXES.items()}
_SUFFIX_CHARS = set("eEinumkKMGTP")
_DIGITS = set("0123456789")
_NANO = Fraction(1, 10**9)
_MAX_INT64 = (1 << 63) - 1

SPLIT_RE = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"


class QuantityError(ValueError):
    """A string that is not a quantity; ``str()`` is Kubernetes' message."""


ERR_FORMAT = f"quantities must match the regular expression '{SPLIT_RE}'"
ERR_NUMERIC = "unable to parse numeric part of quantity"
ERR_SUFFIX = "unable to parse quantity's suffix"


@dataclass(frozen=True)
class Quantity:
    """An exact quantity: ``value`` (a Fraction, multiple of 1e-9) and its ``format``."""

    value: Fraction
    format: str = DECIMAL_SI

    def cmp(self, other: "Quantity") -> int:
        """-1, 0 or 1 like Quantity.Cmp."""
        return (self.value > other.value) - (self.value < other.value)

    def __lt__(self, other: "Quantity") -> bool:
        return self.value < other.value

    def milli_value(self) -> int:
        """Quantity.MilliValue(): value*1000 rounded up (away from zero)."""
        return _round_away(self.value * 1000)

    def int_value(self) -> int:
        """Quantity.Value(): the value rounded up (away from zero) to an integer."""
        return _round_away(self.value)

    def canonical(self) -> str:
        """Quantity.String(): the canonical text (``1500m``, ``64Mi``, ``1e3`` -> ``1k``)."""
        return format_quantity(self.value, self.format)

    def __str__(self) -> str:
        return self.canonical()


def _round_away(value: Fraction) -> int:
    whole = value.numerator // value.denominator
    if whole == value:
        return int(whole)
    return int(whole + 1) if value > 0 else int(-((-value.numerator) // value.denominator) - 1)


def _round_to_nano(value: Fraction) -> Fraction:
    """Round away from zero to a multiple of 1e-9."""
    return _round_away(value / _NANO) * _NANO


def _split(text: str) -> tuple[bool, str, str, str]:
    """parseQuantityString: (positive, numerator digits, denominator digits, suffix)."""
    positive, pos, end = True, 0, len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] != "-"
        pos += 1
    while pos < end and text[pos] == "0":
        pos += 1
    if pos >= end:
        return positive, "0", "", ""
    start = pos
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    num = text[start:pos] or "0"
    denom = ""
    if pos < end and text[pos] == ".":
        pos += 1
        start = pos
        while pos < end and text[pos] in _DIGITS:
            pos += 1
        denom = text[start:pos]
    suffix_start = pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos < end and text[pos] in "+-":
        pos += 1
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos < end:
        raise QuantityError(ERR_FORMAT)
    return positive, num, denom, text[suffix_start:]


def _interpret(suffix: str) -> tuple[int, int, str]:
    """(base, exponent, format) of a suffix; raises QuantityError(ERR_SUFFIX)."""
    if suffix in _DEC_SUFFIXES:
        return 10, _DEC_SUFFIXES[suffix], DECIMAL_SI
    if suffix in _BIN_SUFFIXES:
        return 2, _BIN_SUFFIXES[suffix], BINARY_SI
    if len(suffix) > 1 and suffix[0] in "eE":
        body = suffix[1:]
        digits = body[1:] if body[:1] in "+-" else body
        if digits and digits.isdigit() and digits.isascii():
            return 10, int(body), DECIMAL_EXPONENT
    raise QuantityError(ERR_SUFFIX)


def parse_quantity(text: str) -> Quantity:
    """resource.ParseQuantity; raises QuantityError with Kubernetes' message."""
    if text == "":
        raise QuantityError(ERR_FORMAT)
    if text == "0":
        return Quantity(Fraction(0), DECIMAL_SI)
    positive, num, denom, suffix = _split(text)
    base, exponent, fmt = _interpret(suffix)
    magnitude = Fraction(int(num + denom), 10 ** len(denom))
    if abs(exponent) > 100000:
        raise QuantityError(ERR_NUMERIC)  # far outside anything representable here
    magnitude *= Fraction(base) ** exponent
    if magnitude:
        # Round up to nano units: "if you want some resources, you should get some".
        magnitude = _round_to_nano(magnitude)
    if fmt == BINARY_SI and magnitude > _MAX_INT64:
        magnitude = Fraction(_MAX_INT64)
    if fmt == BINARY_SI and 0 < magnitude < 1:
        fmt = DECIMAL_SI
    return Quantity(magnitude if positive else -magnitude, fmt)


def is_quantity(text: str) -> bool:
    """True when ``text`` parses as a quantity."""
    try:
        parse_quantity(text)
    except QuantityError:
        return False
    return True


def _strip_factors(value: int, base: int) -> tuple[int, int]:
    negative, value = value < 0, abs(value)
    times = 0
    while value >= base and value % base == 0:
        value //= base
        times += 1
    return (-value if negative else value), times


def format_quantity(value: Fraction, fmt: str = DECIMAL_SI) -> str:
    """Canonical text of a value in a format (CanonicalizeBytes)."""
    if value == 0:
        return "0"
    value = _round_to_nano(value)  # canonical forms only exist for multiples of 1e-9
    if fmt == BINARY_SI:
        if -1024 < value < 1024 or value.denominator != 1:
            fmt = DECIMAL_SI
        else:
            amount, times = _strip_factors(int(value), 1024)
            return f"{amount}{_BIN_BY_EXP.get(times * 10, '')}"
    # Decimal: integer mantissa without trailing zeros, exponent lowered to a multiple of 3.
    exponent = 0
    scaled = value
    while scaled.denominator != 1:
        scaled *= 10
        exponent -= 1
    mantissa, times = _strip_factors(int(scaled), 10)
    exponent += times
    while exponent % 3:
        mantissa *= 10
        exponent -= 1
    if fmt == DECIMAL_EXPONENT:
        return f"{mantissa}" + (f"e{exponent}" if exponent else "")
    return f"{mantissa}{_DEC_BY_EXP.get(exponent, '')}"


def compare_strings(a: str, b: str) -> int | None:
    """Compare two strings as quantities; None when either does not parse."""
    try:
        return parse_quantity(a).cmp(parse_quantity(b))
    except QuantityError:
        return None


def parse_resource_list(text: str) -> dict[str, str]:
    """``cpu=1,memory=2Gi`` as canonical quantities by resource name (kubectl's ResourceList flags).

    Raises ClientError with kubectl's texts for a malformed item or quantity.
    """
    from minikubectl.api import errors

    found: dict[str, str] = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep or "=" in value:
            raise errors.ClientError(f"Invalid argument syntax {item}, expected <resource>=<value>")
        try:
            found[key] = parse_quantity(value).canonical()
        except QuantityError as exc:
            raise errors.ClientError(str(exc)) from None
    return found
