"""Tokenizer for Go text/template, mirroring Go 1.24's ``text/template/parse/lex.go``.

Positions are character offsets into the (Python) template string; the parser
converts them to Go byte offsets only when it reports an error location.
The lexer is pulled one item at a time by the parser, exactly like Go's, so
that errors surface at the same point of parsing.
"""

from __future__ import annotations

from typing import NamedTuple

from minikubectl.golang.strconv import is_print
from minikubectl.golang.strconv import quote as go_quote

# Item types, in Go's order (keywords after KEYWORD).
(ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD,
 IDENTIFIER, LEFT_DELIM, LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM,
 RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE, KEYWORD, BLOCK, BREAK, CONTINUE, DOT,
 DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH) = range(35)

KEYWORDS = {
    ".": DOT, "block": BLOCK, "break": BREAK, "continue": CONTINUE, "define": DEFINE,
    "else": ELSE, "end": END, "if": IF, "range": RANGE, "nil": NIL,
    "template": TEMPLATE, "with": WITH,
}

LEFT_DELIM_TEXT = "{{"
RIGHT_DELIM_TEXT = "}}"
LEFT_COMMENT = "/*"
RIGHT_COMMENT = "*/"
TRIM_MARKER_LEN = 2
SPACE_CHARS = " \t\r\n"


class Item(NamedTuple):
    """One token: type, start offset, text, line where it starts."""

    typ: int
    pos: int
    val: str
    line: int


def item_string(it: Item) -> str:
    """Go's ``item.String()``, used in "unexpected X in Y" messages."""
    if it.typ == EOF:
        return "EOF"
    if it.typ == ERROR:
        return it.val
    if it.typ > KEYWORD:
        return f"<{it.val}>"
    if len(it.val) > 10:
        return go_quote(it.val[:10]) + "..."
    return go_quote(it.val)


def format_U(r: str) -> str:
    """Go's ``%#U`` of a rune: ``U+002D '-'``."""
    code = f"U+{ord(r):04X}"
    return f"{code} '{r}'" if is_print(r) else code


def is_space(r: str | None) -> bool:
    return r is not None and r in SPACE_CHARS


def is_alnum(r: str | None) -> bool:
    return r is not None and (r == "_" or r.isalpha() or r.isdecimal())


def _has_left_trim(s: str) -> bool:
    return len(s) >= 2 and s[0] == "-" and s[1] in SPACE_CHARS


def _has_right_trim(s: str) -> bool:
    return len(s) >= 2 and s[0] in SPACE_CHARS and s[1] == "-"


class Lexer:
    """Go's lexer state machine; ``next_item()`` returns one item per call."""

    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.at_eof = False
        self.paren_depth = 0
        self.line = 1
        self.start_line = 1
        self.item: Item | None = None
        self.inside_action = False

    # -- rune helpers -------------------------------------------------
    def next(self) -> str | None:
        if self.pos >= len(self.input):
            self.at_eof = True
            return None
        r = self.input[self.pos]
        self.pos += 1
        if r == "\n":
            self.line += 1
        return r

    def peek(self) -> str | None:
        r = self.next()
        self.backup()
        return r

    def backup(self) -> None:
        # Go's backup is a no-op once EOF has been seen.
        if not self.at_eof and self.pos > 0:
            self.pos -= 1
            if self.input[self.pos] == "\n":
                self.line -= 1

    def this_item(self, t: int) -> Item:
        it = Item(t, self.start, self.input[self.start:self.pos], self.start_line)
        self.start = self.pos
        self.start_line = self.line
        return it

    def emit(self, t: int):
        self.item = self.this_item(t)
        return None

    def emit_item(self, it: Item):
        self.item = it
        return None

    def ignore(self) -> None:
        self.line += self.input.count("\n", self.start, self.pos)
        self.start = self.pos
        self.start_line = self.line

    def accept(self, valid: str) -> bool:
        r = self.next()
        if r is not None and r in valid:
            return True
        self.backup()
        return False

    def accept_run(self, valid: str) -> None:
        while True:
            r = self.next()
            if r is None or r not in valid:
                break
        self.backup()

    def errorf(self, msg: str):
        self.item = Item(ERROR, self.start, msg, self.start_line)
        self.start = 0
        self.pos = 0
        self.input = ""
        return None

    def next_item(self) -> Item:
        """The next token (Go's ``nextItem``)."""
        self.item = Item(EOF, self.pos, "EOF", self.start_line)
        state = self.lex_inside_action if self.inside_action else self.lex_text
        while state is not None:
            state = state()
        assert self.item is not None
        return self.item

    # -- states --------------------------------------------------------
    def lex_text(self):
        x = self.input.find(LEFT_DELIM_TEXT, self.pos)
        if x >= 0:
            if x > self.pos:
                self.pos = x
                trim = 0
                delim_end = self.pos + len(LEFT_DELIM_TEXT)
                if _has_left_trim(self.input[delim_end:delim_end + 2]):
                    seg = self.input[self.start:self.pos]
                    trim = len(seg) - len(seg.rstrip(SPACE_CHARS))
                self.pos -= trim
                self.line += self.input.count("\n", self.start, self.pos)
                it = self.this_item(TEXT)
                self.pos += trim
                self.ignore()
                if it.val:
                    return self.emit_item(it)
            return self.lex_left_delim
        self.pos = len(self.input)
        if self.pos > self.start:
            self.line += self.input.count("\n", self.start, self.pos)
            return self.emit(TEXT)
        return self.emit(EOF)

    def at_right_delim(self) -> tuple[bool, bool]:
        rest = self.input[self.pos:self.pos + 4]
        if _has_right_trim(rest) and rest[2:4] == RIGHT_DELIM_TEXT:
            return True, True
        if rest.startswith(RIGHT_DELIM_TEXT):
            return True, False
        return False, False

    def lex_left_delim(self):
        self.pos += len(LEFT_DELIM_TEXT)
        trim = _has_left_trim(self.input[self.pos:self.pos + 2])
        after = TRIM_MARKER_LEN if trim else 0
        if self.input.startswith(LEFT_COMMENT, self.pos + after):
            self.pos += after
            self.ignore()
            return self.lex_comment
        it = self.this_item(LEFT_DELIM)
        self.inside_action = True
        self.pos += after
        self.ignore()
        self.paren_depth = 0
        return self.emit_item(it)

    def lex_comment(self):
        self.pos += len(LEFT_COMMENT)
        x = self.input.find(RIGHT_COMMENT, self.pos)
        if x < 0:
            return self.errorf("unclosed comment")
        self.pos = x + len(RIGHT_COMMENT)
        delim, trim = self.at_right_delim()
        if not delim:
            return self.errorf("comment ends before closing delimiter")
        self.this_item(COMMENT)  # comments are not emitted (no ParseComments mode)
        if trim:
            self.pos += TRIM_MARKER_LEN
        self.pos += len(RIGHT_DELIM_TEXT)
        if trim:
            rest = self.input[self.pos:]
            self.pos += len(rest) - len(rest.lstrip(SPACE_CHARS))
        self.ignore()
        return self.lex_text

    def lex_right_delim(self):
        _, trim = self.at_right_delim()
        if trim:
            self.pos += TRIM_MARKER_LEN
            self.ignore()
        self.pos += len(RIGHT_DELIM_TEXT)
        it = self.this_item(RIGHT_DELIM)
        if trim:
            rest = self.input[self.pos:]
            self.pos += len(rest) - len(rest.lstrip(SPACE_CHARS))
            self.ignore()
        self.inside_action = False
        return self.emit_item(it)

    def lex_inside_action(self):
        delim, _ = self.at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self.lex_right_delim
            return self.errorf("unclosed left paren")
        r = self.next()
        if r is None:
            return self.errorf("unclosed action")
        if is_space(r):
            self.backup()
            return self.lex_space
        if r == "=":
            return self.emit(ASSIGN)
        if r == ":":
            if self.next() != "=":
                return self.errorf("expected :=")
            return self.emit(DECLARE)
        if r == "|":
            return self.emit(PIPE)
        if r == '"':
            return self.lex_quote
        if r == "`":
            return self.lex_raw_quote
        if r == "$":
            return self.lex_variable
        if r == "'":
            return self.lex_char
        if r == ".":
            if self.pos < len(self.input):
                c = self.input[self.pos]
                if c < "0" or c > "9":
                    return self.lex_field
            self.backup()
            return self.lex_number
        if r in "+-0123456789":
            self.backup()
            return self.lex_number
        if is_alnum(r):
            self.backup()
            return self.lex_identifier
        if r == "(":
            self.paren_depth += 1
            return self.emit(LEFT_PAREN)
        if r == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                return self.errorf("unexpected right paren")
            return self.emit(RIGHT_PAREN)
        if " " <= r <= "~":
            return self.emit(CHAR)
        return self.errorf(f"unrecognized character in action: {format_U(r)}")

    def lex_space(self):
        num = 0
        while is_space(self.peek()):
            self.next()
            num += 1
        rest = self.input[self.pos - 1:self.pos + 3]
        if _has_right_trim(rest) and rest[2:4] == RIGHT_DELIM_TEXT:
            self.backup()
            if num == 1:
                return self.lex_right_delim
        return self.emit(SPACE)

    def lex_identifier(self):
        while True:
            r = self.next()
            if is_alnum(r):
                continue
            self.backup()
            word = self.input[self.start:self.pos]
            if not self.at_terminator():
                return self.errorf(f"bad character {format_U(r)}")
            kw = KEYWORDS.get(word)
            if kw is not None and kw > KEYWORD:
                return self.emit(kw)
            if word[0] == ".":
                return self.emit(FIELD)
            if word in ("true", "false"):
                return self.emit(BOOL)
            return self.emit(IDENTIFIER)

    def lex_field(self):
        return self._field_or_variable(FIELD)

    def lex_variable(self):
        if self.at_terminator():
            return self.emit(VARIABLE)
        return self._field_or_variable(VARIABLE)

    def _field_or_variable(self, typ: int):
        if self.at_terminator():
            return self.emit(VARIABLE if typ == VARIABLE else DOT)
        while True:
            r = self.next()
            if not is_alnum(r):
                self.backup()
                break
        if not self.at_terminator():
            return self.errorf(f"bad character {format_U(r or '')}")
        return self.emit(typ)

    def at_terminator(self) -> bool:
        r = self.peek()
        if r is None or is_space(r) or r in ".,|:)(":
            return True
        return self.input.startswith(RIGHT_DELIM_TEXT, self.pos)

    def lex_char(self):
        while True:
            r = self.next()
            if r == "\\":
                r2 = self.next()
                if r2 is not None and r2 != "\n":
                    continue
                return self.errorf("unterminated character constant")
            if r is None or r == "\n":
                return self.errorf("unterminated character constant")
            if r == "'":
                break
        return self.emit(CHAR_CONSTANT)

    def lex_number(self):
        if not self.scan_number():
            return self.errorf(f"bad number syntax: {go_quote(self.input[self.start:self.pos])}")
        sign = self.peek()
        if sign in ("+", "-"):
            if not self.scan_number() or self.input[self.pos - 1] != "i":
                return self.errorf(f"bad number syntax: {go_quote(self.input[self.start:self.pos])}")
            return self.emit(COMPLEX)
        return self.emit(NUMBER)

    def scan_number(self) -> bool:
        self.accept("+-")
        digits = "0123456789_"
        if self.accept("0"):
            if self.accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self.accept("oO"):
                digits = "01234567_"
            elif self.accept("bB"):
                digits = "01_"
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if len(digits) == 11 and self.accept("eE"):
            self.accept("+-")
            self.accept_run("0123456789_")
        if len(digits) == 23 and self.accept("pP"):
            self.accept("+-")
            self.accept_run("0123456789_")
        self.accept("i")
        if is_alnum(self.peek()):
            self.next()
            return False
        return True

    def lex_quote(self):
        while True:
            r = self.next()
            if r == "\\":
                r2 = self.next()
                if r2 is not None and r2 != "\n":
                    continue
                return self.errorf("unterminated quoted string")
            if r is None or r == "\n":
                return self.errorf("unterminated quoted string")
            if r == '"':
                break
        return self.emit(STRING)

    def lex_raw_quote(self):
        while True:
            r = self.next()
            if r is None:
                return self.errorf("unterminated raw quoted string")
            if r == "`":
                break
        return self.emit(RAW_STRING)
