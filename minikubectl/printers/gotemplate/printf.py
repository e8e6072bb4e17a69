"""Go's ``fmt`` package (Sprint, Sprintln, Sprintf) over the engine's values.

Covers the verbs kubectl users reach for: %v %+v %#v %T %s %q %d %x %X %o %O
%b %c %U %t %e %E %f %F %g %G, widths, precision, ``*``, argument indexes
``%[2]d`` and the flags ``-+# 0``; wrong types print ``%!d(string=x)``, missing
arguments ``%!s(MISSING)`` and leftovers ``%!(EXTRA type=value)``.
"""

from __future__ import annotations

import math
from typing import Any

from minikubectl.golang.strconv import is_print, quote_rune
from minikubectl.golang.strconv import quote as quote_string
from minikubectl.golang.strconv import shortest_digits as _shortest_digits
from .strconv import to_bytes
from .values import Uint8, type_name

NIL_ANGLE = "<nil>"


# -- strconv quoting -----------------------------------------------------------

def can_backquote(s: str) -> bool:
    """``strconv.CanBackquote``."""
    for r in s:
        if r == "`" or r == "\ufeff" or "\udc80" <= r <= "\udcff":
            return False
        if r != "\t" and (ord(r) < 0x20 or ord(r) == 0x7F):
            return False
    return True


# -- strconv.FormatFloat -----------------------------------------------------

def _digits_prec(v: float, n: int) -> tuple[str, int]:
    """|v| rounded to n significant digits: (digits without trailing zeros, dp)."""
    text = "%.*e" % (n - 1, abs(v))
    mant, _, exp = text.partition("e")
    digits = mant.replace(".", "").rstrip("0") or "0"
    if digits == "0":
        return "0", 1
    return digits, int(exp) + 1


def _fmt_e(neg: bool, digits: str, dp: int, prec: int, ch: str) -> str:
    s = "-" if neg else ""
    s += digits[0] if digits else "0"
    if prec > 0:
        frac = digits[1:1 + prec]
        s += "." + frac + "0" * (prec - len(frac))
    exp = 0 if digits == "0" else dp - 1
    sign = "-" if exp < 0 else "+"
    exp = abs(exp)
    return s + ch + sign + (f"{exp:02d}")


def _fmt_f(neg: bool, digits: str, dp: int, prec: int) -> str:
    s = "-" if neg else ""
    if dp > 0:
        m = min(len(digits), dp)
        s += digits[:m] + "0" * (dp - m)
    else:
        s += "0"
    if prec > 0:
        s += "."
        for i in range(prec):
            j = dp + i
            s += digits[j] if 0 <= j < len(digits) else "0"
    return s


def format_float(v: float, fmt: str, prec: int) -> str:
    """``strconv.FormatFloat(v, fmt, prec, 64)`` for fmt in e E f g G b x X."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    neg = math.copysign(1.0, v) < 0
    if fmt in "xXb":
        return _format_float_hex_or_b(v, fmt, prec)
    if fmt == "f" and prec >= 0:
        s = "%.*f" % (prec, abs(v))
        return ("-" if neg else "") + s
    shortest = prec < 0
    if shortest:
        digits, dp = ("0", 1) if v == 0 else _shortest_digits(v)
    else:
        n = prec + 1 if fmt in "eE" else (max(prec, 1) if fmt in "gG" else 1)
        digits, dp = ("0", 1) if v == 0 else _digits_prec(v, n)
        if fmt in "gG" and prec == 0:
            prec = 1
    if fmt in "eE":
        return _fmt_e(neg, digits, dp, len(digits) - 1 if shortest else prec, fmt)
    if fmt == "f":
        return _fmt_f(neg, digits, dp, max(len(digits) - dp, 0))
    # g / G
    eprec = prec
    nd = len(digits)
    if eprec > nd and nd >= dp:
        eprec = nd
    if shortest:
        eprec = 6
    exp = dp - 1
    if exp < -4 or exp >= eprec:
        if shortest or prec > nd:
            prec = nd
        return _fmt_e(neg, digits, dp, prec - 1, "e" if fmt == "g" else "E")
    if shortest or prec > dp:
        prec = nd
    return _fmt_f(neg, digits, dp, max(prec - dp, 0))


def _format_float_hex_or_b(v: float, fmt: str, prec: int) -> str:
    neg = math.copysign(1.0, v) < 0
    a = abs(v)
    if fmt == "b":
        m, e = math.frexp(a)
        mant = int(m * (1 << 53))
        exp = e - 53
        if a == 0:
            mant, exp = 0, -1074
        return ("-" if neg else "") + f"{mant}p{'+' if exp >= 0 else '-'}{abs(exp)}"
    # %x: Go prints 1.xxxp±e with shortest or given hex digits.
    if a == 0:
        exp = 0
        s = "0x0"
        if prec > 0:
            s += "." + "0" * prec
        s += "p+00"
    else:
        h = a.hex()  # 0x1.8000000000000p+1
        mpart, _, exp_text = h[2:].partition("p")
        lead, _, frac = mpart.partition(".")
        exp = int(exp_text)
        if lead == "0":  # subnormal: normalise
            m, ee = math.frexp(a)
            h = (m * 2).hex()
            mpart, _, _ = h[2:].partition("p")
            lead, _, frac = mpart.partition(".")
            exp = ee - 1
        frac = frac.rstrip("0")
        if prec >= 0:
            if len(frac) > prec:
                full = int(lead + frac, 16)
                shift = 4 * (len(frac) - prec)
                q, r = divmod(full, 1 << shift)
                half = 1 << (shift - 1)
                if r > half or (r == half and q & 1):
                    q += 1
                if q >> (4 * prec) >= 2:
                    q >>= 1
                    exp += 1
                    # re-render after renormalising
                text = f"{q:x}"
                lead, frac = text[0], text[1:]
                frac = frac.rjust(prec, "0") if prec else ""
            else:
                frac = frac + "0" * (prec - len(frac))
        s = "0x" + lead + ("." + frac if frac else "")
        s += "p" + ("+" if exp >= 0 else "-") + f"{abs(exp):02d}"
    if fmt == "X":
        s = s.upper()
    return ("-" if neg else "") + s


# -- the formatter -----------------------------------------------------------

class _Flags:
    __slots__ = ("plus", "minus", "sharp", "space", "zero", "plus_v", "sharp_v",
                 "wid", "wid_present", "prec", "prec_present")

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.plus = self.minus = self.sharp = self.space = self.zero = False
        self.plus_v = self.sharp_v = False
        self.wid = self.prec = 0
        self.wid_present = self.prec_present = False


class _Printer:
    """Go's ``pp`` + ``fmt`` state."""

    def __init__(self) -> None:
        self.buf: list[str] = []
        self.f = _Flags()

    # padding ----------------------------------------------------------
    def write_padding(self, n: int) -> None:
        if n <= 0:
            return
        f = self.f
        self.buf.append(("0" if f.zero and not f.minus else " ") * n)

    def pad(self, s: str) -> None:
        f = self.f
        if not f.wid_present or f.wid == 0:
            self.buf.append(s)
            return
        width = f.wid - len(s)
        if not f.minus:
            self.write_padding(width)
            self.buf.append(s)
        else:
            self.buf.append(s)
            self.write_padding(width)

    def truncate(self, s: str) -> str:
        if self.f.prec_present and self.f.prec < len(s):
            return s[:self.f.prec]
        return s

    # scalars ------------------------------------------------------------
    def fmt_integer(self, u: int, base: int, verb: str, upper: bool) -> None:
        f = self.f
        negative = u < 0
        if negative:
            u = -u
        prec = 0
        if f.prec_present:
            prec = f.prec
            if prec == 0 and u == 0:
                old = f.zero
                f.zero = False
                self.write_padding(f.wid)
                f.zero = old
                return
        elif f.zero and not f.minus and f.wid_present:
            prec = f.wid
            if negative or f.plus or f.space:
                prec -= 1
        if base == 10:
            digits = str(u)
        elif base == 16:
            digits = f"{u:X}" if upper else f"{u:x}"
        elif base == 8:
            digits = f"{u:o}"
        else:
            digits = f"{u:b}"
        if len(digits) < prec:
            digits = "0" * (prec - len(digits)) + digits
        if f.sharp:
            if base == 2:
                digits = "0b" + digits
            elif base == 8:
                if digits[0] != "0":
                    digits = "0" + digits
            elif base == 16:
                digits = ("0X" if upper else "0x") + digits
        if verb == "O":
            digits = "0o" + digits
        if negative:
            digits = "-" + digits
        elif f.plus:
            digits = "+" + digits
        elif f.space:
            digits = " " + digits
        old = f.zero
        f.zero = False
        self.pad(digits)
        f.zero = old

    def fmt_unicode(self, u: int) -> None:
        f = self.f
        prec = 4
        if f.prec_present and f.prec > 4:
            prec = f.prec
        s = "U+" + f"{u & 0xFFFFFFFFFFFFFFFF:X}".rjust(prec, "0")
        if f.sharp and 0 <= u <= 0x10FFFF and not (0xD800 <= u <= 0xDFFF) and is_print(chr(u)):
            s += " '" + chr(u) + "'"
        old = f.zero
        f.zero = False
        self.pad(s)
        f.zero = old

    def fmt_c(self, u: int) -> None:
        if u < 0 or u > 0x10FFFF or 0xD800 <= u <= 0xDFFF:
            u = 0xFFFD
        self.pad(chr(u))

    def fmt_int_verb(self, v: int, verb: str, signed: bool) -> None:
        u = v if signed else v & 0xFFFFFFFFFFFFFFFF
        if verb == "v":
            if self.f.sharp_v and not signed:
                old = self.f.sharp
                self.f.sharp = True
                self.fmt_integer(u, 16, verb, False)
                self.f.sharp = old
            else:
                self.fmt_integer(u, 10, verb, False)
        elif verb == "d":
            self.fmt_integer(u, 10, verb, False)
        elif verb == "b":
            self.fmt_integer(u, 2, verb, False)
        elif verb in "oO":
            self.fmt_integer(u, 8, verb, False)
        elif verb == "x":
            self.fmt_integer(u, 16, verb, False)
        elif verb == "X":
            self.fmt_integer(u, 16, verb, True)
        elif verb == "c":
            self.fmt_c(u)
        elif verb == "q":
            self.pad(quote_rune(u, ascii_only=self.f.plus))
        elif verb == "U":
            self.fmt_unicode(u)
        else:
            return self.bad_verb(verb, v)

    def fmt_float_core(self, v: float, verb: str, prec: int) -> None:
        f = self.f
        if f.prec_present:
            prec = f.prec
        num = format_float(v, verb, prec)
        if num[0] not in "+-":
            num = "+" + num
        if f.space and num[0] == "+" and not f.plus:
            num = " " + num[1:]
        if num[1] in "IN":
            old = f.zero
            f.zero = False
            if num[1] == "N" and not f.space and not f.plus:
                num = num[1:]
            self.pad(num)
            f.zero = old
            return
        if f.sharp and verb != "b":
            digits = 0
            if verb in "vgGxX":
                digits = prec if prec != -1 else 6
            tail = ""
            body = num
            cut = None
            for i in range(1, len(body)):
                c = body[i]
                if c in "pP" or (c in "eE" and verb not in "xX"):
                    cut = i
                    break
            if cut is not None:
                tail = body[cut:]
                body = body[:cut]
            has_point = "." in body[1:]
            saw_nonzero = False
            for c in body[1:]:
                if c == ".":
                    continue
                if c != "0":
                    saw_nonzero = True
                if saw_nonzero:
                    digits -= 1
            if not has_point:
                if len(body) == 2 and body[1] == "0":
                    digits -= 1
                body += "."
            if digits > 0:
                body += "0" * digits
            num = body + tail
        if f.plus or num[0] != "+":
            if f.zero and not f.minus and f.wid_present and f.wid > len(num):
                self.buf.append(num[0])
                self.write_padding(f.wid - len(num))
                self.buf.append(num[1:])
                return
            self.pad(num)
            return
        self.pad(num[1:])

    def fmt_float(self, v: float, verb: str, arg: Any) -> None:
        if verb == "v":
            self.fmt_float_core(v, "g", -1)
        elif verb in "bgGxX":
            self.fmt_float_core(v, verb, -1)
        elif verb in "feE":
            self.fmt_float_core(v, verb, 6)
        elif verb == "F":
            self.fmt_float_core(v, "f", 6)
        else:
            self.bad_verb(verb, arg)

    def fmt_complex(self, v: complex, verb: str) -> None:
        if verb not in "vbgGxXfFeE":
            return self.bad_verb(verb, v)
        old = self.f.plus
        self.buf.append("(")
        self.fmt_float(v.real, verb, v)
        self.f.plus = True
        self.fmt_float(v.imag, verb, v)
        self.buf.append("i)")
        self.f.plus = old

    def fmt_sx(self, s: str, upper: bool) -> None:
        f = self.f
        b = to_bytes(s)
        length = len(b)
        if f.prec_present and f.prec < length:
            length = f.prec
        width = 2 * length
        if width > 0:
            if f.space:
                if f.sharp:
                    width *= 2
                width += length - 1
            elif f.sharp:
                width += 2
        else:
            if f.wid_present:
                self.write_padding(f.wid)
            return
        if f.wid_present and f.wid > width and not f.minus:
            self.write_padding(f.wid - width)
        prefix = "0X" if upper else "0x"
        out = []
        if f.sharp:
            out.append(prefix)
        for i in range(length):
            if f.space and i > 0:
                out.append(" ")
                if f.sharp:
                    out.append(prefix)
            out.append(f"{b[i]:02X}" if upper else f"{b[i]:02x}")
        self.buf.append("".join(out))
        if f.wid_present and f.wid > width and f.minus:
            self.write_padding(f.wid - width)

    def fmt_q(self, s: str) -> None:
        s = self.truncate(s)
        if self.f.sharp and can_backquote(s):
            self.pad("`" + s + "`")
            return
        self.pad(quote_string(s, ascii_only=self.f.plus))

    def fmt_string(self, s: str, verb: str) -> None:
        if verb == "v":
            if self.f.sharp_v:
                self.fmt_q(s)
            else:
                self.pad(self.truncate(s))
        elif verb == "s":
            self.pad(self.truncate(s))
        elif verb == "x":
            self.fmt_sx(s, False)
        elif verb == "X":
            self.fmt_sx(s, True)
        elif verb == "q":
            self.fmt_q(s)
        else:
            self.bad_verb(verb, s)

    def bad_verb(self, verb: str, value: Any, is_nil: bool = False) -> None:
        self.buf.append("%!" + verb + "(")
        if is_nil:
            self.buf.append(NIL_ANGLE)
        else:
            self.buf.append(type_name(value) + "=")
            self.print_value(value, "v", 0)
        self.buf.append(")")

    # composite ------------------------------------------------------------
    def print_arg(self, arg: Any, verb: str) -> None:
        if arg is None:
            if verb in "Tv":
                self.pad(NIL_ANGLE)
            else:
                self.bad_verb(verb, None, is_nil=True)
            return
        if verb == "T":
            self.pad(self.truncate(type_name(arg)))
            return
        if verb == "p":
            self.bad_verb(verb, arg)
            return
        self.print_value(arg, verb, 0)

    def print_value(self, v: Any, verb: str, depth: int) -> None:
        if v is None:  # a nil interface{} inside a map or slice
            self.buf.append("interface {}(nil)" if self.f.sharp_v else NIL_ANGLE)
            return
        if isinstance(v, bool):
            if verb in "tv":
                self.pad("true" if v else "false")
            else:
                self.bad_verb(verb, v)
        elif isinstance(v, int):
            self.fmt_int_verb(v, verb, not isinstance(v, Uint8))
        elif isinstance(v, str):
            self.fmt_string(v, verb)
        elif isinstance(v, float):
            self.fmt_float(v, verb, v)
        elif isinstance(v, dict):
            sv = self.f.sharp_v
            self.buf.append("map[string]interface {}{" if sv else "map[")
            for i, k in enumerate(sorted(v)):
                if i:
                    self.buf.append(", " if sv else " ")
                self.print_value(k, verb, depth + 1)
                self.buf.append(":")
                self.print_value(v[k], verb, depth + 1)
            self.buf.append("}" if sv else "]")
        elif isinstance(v, list):
            sv = self.f.sharp_v
            self.buf.append("[]interface {}{" if sv else "[")
            for i, e in enumerate(v):
                if i:
                    self.buf.append(", " if sv else " ")
                self.print_value(e, verb, depth + 1)
            self.buf.append("}" if sv else "]")
        elif isinstance(v, complex):
            self.fmt_complex(v, verb)
        else:
            self.buf.append(str(v))

    # entry points -----------------------------------------------------------
    def do_printf(self, fmt: str, a: list[Any]) -> None:
        end = len(fmt)
        arg_num = 0
        after_index = False
        self.reordered = False
        i = 0
        f = self.f
        while i < end:
            self.good_arg_num = True
            lasti = i
            while i < end and fmt[i] != "%":
                i += 1
            if i > lasti:
                self.buf.append(fmt[lasti:i])
            if i >= end:
                break
            i += 1
            f.clear()
            simple_done = False
            while i < end:
                c = fmt[i]
                if c == "#":
                    f.sharp = True
                elif c == "0":
                    f.zero = not f.minus
                elif c == "+":
                    f.plus = True
                elif c == "-":
                    f.minus = True
                    f.zero = False
                elif c == " ":
                    f.space = True
                else:
                    if "a" <= c <= "z" and arg_num < len(a):
                        if c in "vw":
                            f.sharp_v, f.sharp = f.sharp, False
                            f.plus_v, f.plus = f.plus, False
                        if c == "w":
                            self.print_w(a[arg_num])
                        else:
                            self.print_arg(a[arg_num], c)
                        arg_num += 1
                        i += 1
                        simple_done = True
                    break
                i += 1
            if simple_done:
                continue
            arg_num, i, after_index = self.arg_number(arg_num, fmt, i, len(a))
            if i < end and fmt[i] == "*":
                i += 1
                f.wid, f.wid_present, arg_num = _int_from_arg(a, arg_num)
                if not f.wid_present:
                    self.buf.append("%!(BADWIDTH)")
                if f.wid < 0:
                    f.wid = -f.wid
                    f.minus = True
                    f.zero = False
                after_index = False
            else:
                f.wid, f.wid_present, i = _parsenum(fmt, i, end)
                if after_index and f.wid_present:
                    self.good_arg_num = False
            if i + 1 < end and fmt[i] == ".":
                i += 1
                if after_index:
                    self.good_arg_num = False
                arg_num, i, after_index = self.arg_number(arg_num, fmt, i, len(a))
                if i < end and fmt[i] == "*":
                    i += 1
                    f.prec, f.prec_present, arg_num = _int_from_arg(a, arg_num)
                    if f.prec < 0:
                        f.prec = 0
                        f.prec_present = False
                    if not f.prec_present:
                        self.buf.append("%!(BADPREC)")
                    after_index = False
                else:
                    f.prec, f.prec_present, i = _parsenum(fmt, i, end)
                    if not f.prec_present:
                        f.prec = 0
                        f.prec_present = True
            if not after_index:
                arg_num, i, after_index = self.arg_number(arg_num, fmt, i, len(a))
            if i >= end:
                self.buf.append("%!(NOVERB)")
                break
            verb = fmt[i]
            i += 1
            if verb == "%":
                self.buf.append("%")
            elif not self.good_arg_num:
                self.buf.append("%!" + verb + "(BADINDEX)")
            elif arg_num >= len(a):
                self.buf.append("%!" + verb + "(MISSING)")
            else:
                if verb in "vw":
                    f.sharp_v, f.sharp = f.sharp, False
                    f.plus_v, f.plus = f.plus, False
                if verb == "w":
                    self.print_w(a[arg_num])
                else:
                    self.print_arg(a[arg_num], verb)
                arg_num += 1
        if not self.reordered and arg_num < len(a):
            f.clear()
            self.buf.append("%!(EXTRA ")
            for j, arg in enumerate(a[arg_num:]):
                if j:
                    self.buf.append(", ")
                if arg is None:
                    self.buf.append(NIL_ANGLE)
                else:
                    self.buf.append(type_name(arg) + "=")
                    self.print_arg(arg, "v")
            self.buf.append(")")

    def print_w(self, arg: Any) -> None:
        # %w is only valid in Errorf with an error operand: never the case here.
        if arg is None:
            self.bad_verb("w", None, is_nil=True)
        else:
            self.bad_verb("w", arg)

    def arg_number(self, arg_num: int, fmt: str, i: int, num_args: int) -> tuple[int, int, bool]:
        if len(fmt) <= i or fmt[i] != "[":
            return arg_num, i, False
        self.reordered = True
        index, wid, ok = _parse_arg_number(fmt[i:])
        if ok and 0 <= index < num_args:
            return index, i + wid, True
        self.good_arg_num = False
        return arg_num, i + wid, ok


def _too_large(x: int) -> bool:
    return x > 1_000_000 or x < -1_000_000


def _parsenum(s: str, start: int, end: int) -> tuple[int, bool, int]:
    if start >= end:
        return 0, False, end
    num = 0
    isnum = False
    i = start
    while i < end and "0" <= s[i] <= "9":
        if _too_large(num):
            return 0, False, end
        num = num * 10 + ord(s[i]) - 48
        isnum = True
        i += 1
    return num, isnum, i


def _parse_arg_number(fmt: str) -> tuple[int, int, bool]:
    if len(fmt) < 3:
        return 0, 1, False
    for i in range(1, len(fmt)):
        if fmt[i] == "]":
            width, ok, newi = _parsenum(fmt, 1, i)
            if not ok or newi != i:
                return 0, i + 1, False
            return width - 1, i + 1, True
    return 0, 1, False


def _int_from_arg(a: list[Any], arg_num: int) -> tuple[int, bool, int]:
    num, is_int, new = 0, False, arg_num
    if arg_num < len(a):
        v = a[arg_num]
        if isinstance(v, int) and not isinstance(v, bool):
            num, is_int = int(v), True
            if not -(1 << 63) <= num < (1 << 63):
                num, is_int = 0, False
        new = arg_num + 1
        if _too_large(num):
            num, is_int = 0, False
    return num, is_int, new


def sprintf(fmt: str, args: list[Any]) -> str:
    """``fmt.Sprintf``; args are concrete values or None (nil interface)."""
    p = _Printer()
    p.do_printf(fmt, args)
    return "".join(p.buf)


def sprint(args: list[Any]) -> str:
    """``fmt.Sprint``: spaces only between operands when neither is a string."""
    p = _Printer()
    prev_string = False
    for n, arg in enumerate(args):
        is_string = isinstance(arg, str)
        if n > 0 and not is_string and not prev_string:
            p.buf.append(" ")
        p.print_arg(arg, "v")
        prev_string = is_string
    return "".join(p.buf)


def sprintln(args: list[Any]) -> str:
    """``fmt.Sprintln``: operands always separated by spaces, newline appended."""
    p = _Printer()
    for n, arg in enumerate(args):
        if n > 0:
            p.buf.append(" ")
        p.print_arg(arg, "v")
    p.buf.append("\n")
    return "".join(p.buf)

