"""The shell's syntax tree and its parser (POSIX sh as busybox ash reads it).

A word is a tuple of parts; each part is a small tuple whose first item names it:

* ``("lit", text)``: unquoted text (globbing and tilde apply; no field splitting);
* ``("q", text)``: quoted text (single quotes, backslash escapes, literal parts of "...");
* ``("param", name, op, arg_word, quoted)``: ``$name`` / ``${name<op><arg>}``;
  op is ``""`` or one of ``:- - := = :? ? :+ + # ## % %% len``;
* ``("cmd", node, quoted)``: ``$(...)`` or backticks;
* ``("arith", word, quoted)``: ``$((...))``, its text expanded before evaluation.

The parser works on characters (shell tokens depend on context) with a position pointer;
``$(...)`` recurses into the same parser. Depth is bounded (:data:`MAX_DEPTH`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_DEPTH = 64
MAX_SOURCE = 256 * 1024

RESERVED = {"if", "then", "elif", "else", "fi", "do", "done", "case", "esac", "while", "until",
            "for", "in", "{", "}", "!"}
OPERATORS = ("&&", "||", ";;", "<<-", "<<", ">>", ">&", "<&", ">|", "<>", ";", "&", "|", "(", ")",
             "<", ">")
META = set(" \t\n;&|<>()")
_OP_START = frozenset(";&|<>()")
# One C-level match per token instead of a Python loop over OPERATORS (the parser's hot spot).
_OP_RE = re.compile("|".join(re.escape(op) for op in OPERATORS))
_REDIR_RE = re.compile(r"(\d*)(<<-|<<|>>|>&|<&|>\||<>|<|>)")
_PLAIN_RE = re.compile(r"[^ \t\n;&|<>()'\"\\$`]*")
_BLANKS = frozenset(" \t\\#")
SPECIAL_PARAMS = set("?$#@*!-0123456789")

Word = tuple  # tuple of parts (see module doc)


class ShellSyntaxError(Exception):
    """A parse error; the text is what busybox prints after ``sh: ``."""


@dataclass
class Redir:
    fd: int
    op: str  # < > >> >| <> >& <& << <<-
    target: Word | None = None
    heredoc: str | None = None  # body of a here-document
    heredoc_quoted: bool = False


@dataclass
class Simple:
    assigns: list[tuple[str, Word]]
    words: list[Word]
    redirs: list[Redir]
    line: int = 0


@dataclass
class Pipeline:
    cmds: list
    negate: bool = False


@dataclass
class AndOr:
    first: object
    rest: list[tuple[str, object]]


@dataclass
class CmdList:
    items: list[tuple[object, bool]]  # (and_or, run in background)


@dataclass
class Subshell:
    body: CmdList
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class Group:
    body: CmdList
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class If:
    clauses: list[tuple[CmdList, CmdList]]
    orelse: CmdList | None
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class Loop:
    cond: CmdList
    body: CmdList
    until: bool = False
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class For:
    var: str
    words: list[Word] | None  # None: "$@"
    body: CmdList
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class Case:
    word: Word
    items: list[tuple[list[Word], CmdList]]
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class FuncDef:
    name: str
    body: object


def word_text(word: Word) -> str | None:
    """The text of a word made only of unquoted literals (for reserved words, names)."""
    if len(word) == 1 and word[0][0] == "lit":
        return word[0][1]
    if not word:
        return None
    if all(p[0] == "lit" for p in word):
        return "".join(p[1] for p in word)
    return None


def _is_name(text: str) -> bool:
    return bool(text) and (text[0].isalpha() or text[0] == "_") and all(c.isalnum() or c == "_" for c in text)


class Parser:
    """Recursive-descent parser over the source text (see module doc)."""

    def __init__(self, src: str, pos: int = 0, depth: int = 0) -> None:
        if len(src) > MAX_SOURCE:
            raise ShellSyntaxError("script too long")
        self.s = src
        self.i = pos
        self.depth = depth
        self.heredocs: list[Redir] = []
        self.line = 1

    # ---- character level -------------------------------------------------
    def _peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def _skip_blanks(self) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c not in _BLANKS:
                break
            if c in " \t":
                self.i += 1
            elif c == "\\" and self._peek(1) == "\n":
                self.i += 2
            elif c == "#":
                while self.i < len(s) and s[self.i] != "\n":
                    self.i += 1
            else:
                break

    def _op_at(self) -> str | None:
        m = _OP_RE.match(self.s, self.i)
        return m.group() if m else None

    def _deeper(self) -> int:
        if self.depth + 1 > MAX_DEPTH:
            raise ShellSyntaxError("nesting too deep")
        return self.depth + 1

    # ---- tokens ------------------------------------------------------------
    def peek_op(self) -> str | None:
        """The operator (or "\\n") at the cursor, without consuming it."""
        self._skip_blanks()
        if self._peek() == "\n":
            return "\n"
        return self._op_at()

    def take_op(self, op: str) -> bool:
        if self.peek_op() == op:
            self.i += len(op)
            if op == "\n":
                self._newline()
            return True
        return False

    def _newline(self) -> None:
        self.line += 1
        if self.heredocs:
            pending, self.heredocs = self.heredocs, []
            for redir in pending:
                self._read_heredoc(redir)

    def _read_heredoc(self, redir: Redir) -> None:
        delim = redir.heredoc or ""
        lines: list[str] = []
        s = self.s
        while True:
            if self.i >= len(s):
                break
            end = s.find("\n", self.i)
            if end < 0:
                end = len(s)
            line = s[self.i:end]
            self.i = min(end + 1, len(s))
            self.line += 1
            check = line.lstrip("\t") if redir.op == "<<-" else line
            if check == delim:
                break
            lines.append(check)
        redir.heredoc = "".join(ln + "\n" for ln in lines)

    def linebreak(self) -> None:
        while self.take_op("\n"):
            pass

    def peek_word(self) -> str | None:
        """An unquoted literal word at the cursor (reserved-word check), not consumed."""
        self._skip_blanks()
        s = self.s
        if self.i >= len(s) or s[self.i] in META:
            return None
        j = _PLAIN_RE.match(s, self.i).end()  # type: ignore[union-attr]  # matches the empty string
        if j < len(s) and s[j] not in META:
            return None
        return s[self.i:j]

    def take_reserved(self, name: str) -> bool:
        if self.peek_word() == name:
            self.i += len(name)
            return True
        return False

    def expect_reserved(self, name: str) -> None:
        if not self.take_reserved(name):
            self._unexpected()

    def _unexpected(self) -> None:
        self._skip_blanks()
        if self.i >= len(self.s):
            raise ShellSyntaxError("syntax error: unexpected end of file")
        op = self._op_at()
        if self._peek() == "\n":
            raise ShellSyntaxError("syntax error: unexpected newline")
        if op:
            raise ShellSyntaxError(f'syntax error: unexpected "{op}"')
        word = self.peek_word()
        raise ShellSyntaxError(f'syntax error: unexpected "{word or self._peek()}"')

    # ---- words ---------------------------------------------------------------
    def read_word(self) -> Word | None:
        """The word at the cursor as parts, or None when an operator/end is there."""
        self._skip_blanks()
        s = self.s
        if self.i >= len(s) or s[self.i] in META:
            return None
        parts: list[tuple] = []
        lit: list[str] = []

        def flush() -> None:
            if lit:
                parts.append(("lit", "".join(lit)))
                lit.clear()

        while self.i < len(s):
            c = s[self.i]
            if c in META:
                break
            if c == "\\":
                nxt = self._peek(1)
                self.i += 2
                if nxt == "\n":
                    continue
                flush()
                parts.append(("q", nxt))
            elif c == "'":
                end = s.find("'", self.i + 1)
                if end < 0:
                    raise ShellSyntaxError("syntax error: unterminated quoted string")
                flush()
                parts.append(("q", s[self.i + 1:end]))
                self.i = end + 1
            elif c == '"':
                flush()
                self.i += 1
                parts.extend(self._read_dquoted())
                parts.append(("q", ""))  # marks the word as quoted (an empty "" is a word)
            elif c == "$":
                flush()
                parts.append(self._read_dollar(False))
            elif c == "`":
                flush()
                parts.append(self._read_backtick(False))
            else:
                lit.append(c)
                self.i += 1
        flush()
        return tuple(parts)

    def _quoted_expansion(self, c: str, buf: list[str], parts: list[tuple]) -> None:
        """Inside quotes: close the literal run in ``buf`` and read the ``$``/backtick expansion at ``c``."""
        if buf:
            parts.append(("q", "".join(buf)))
            buf.clear()
        parts.append(self._read_dollar(True) if c == "$" else self._read_backtick(True))

    def _read_dquoted(self) -> list[tuple]:
        s = self.s
        parts: list[tuple] = []
        buf: list[str] = []
        while True:
            if self.i >= len(s):
                raise ShellSyntaxError("syntax error: unterminated quoted string")
            c = s[self.i]
            if c == '"':
                self.i += 1
                break
            if c == "\\" and self._peek(1) in '$`"\\\n':
                if self._peek(1) != "\n":
                    buf.append(self._peek(1))
                self.i += 2
            elif c in "$`":
                self._quoted_expansion(c, buf, parts)
            else:
                buf.append(c)
                self.i += 1
        if buf:
            parts.append(("q", "".join(buf)))
        return parts

    def _read_backtick(self, quoted: bool) -> tuple:
        s = self.s
        self.i += 1
        buf: list[str] = []
        while True:
            if self.i >= len(s):
                raise ShellSyntaxError("syntax error: unterminated quoted string")
            c = s[self.i]
            if c == "`":
                self.i += 1
                break
            if c == "\\" and self._peek(1) in "$`\\":
                buf.append(self._peek(1))
                self.i += 2
                continue
            buf.append(c)
            self.i += 1
        sub = Parser("".join(buf), 0, self._deeper())
        node = sub.parse_program()
        return ("cmd", node, quoted)

    def _read_dollar(self, quoted: bool) -> tuple:
        s = self.s
        nxt = self._peek(1)
        if nxt == "(" and self._peek(2) == "(":
            start = self.i + 3
            depth = 0
            j = start
            while j < len(s):
                if s[j] == "(":
                    depth += 1
                elif s[j] == ")":
                    if depth == 0 and s.startswith("))", j):
                        break
                    depth -= 1
                j += 1
            else:
                raise ShellSyntaxError("syntax error: unterminated $((")
            inner = Parser(s[start:j], 0, self._deeper())
            word = inner._read_arith_word()
            self.i = j + 2
            return ("arith", word, quoted)
        if nxt == "(":
            sub = Parser(s, self.i + 2, self._deeper())
            node = sub.parse_list(stop_ops={")"})
            sub.linebreak()
            if not sub.take_op(")"):
                sub._unexpected()
            self.i = sub.i
            return ("cmd", node, quoted)
        if nxt == "{":
            return self._read_braced(quoted)
        if nxt and (nxt.isalpha() or nxt == "_"):
            j = self.i + 1
            while j < len(s) and (s[j].isalnum() or s[j] == "_"):
                j += 1
            name = s[self.i + 1:j]
            self.i = j
            return ("param", name, "", None, quoted)
        if nxt and nxt in SPECIAL_PARAMS:
            self.i += 2
            return ("param", nxt, "", None, quoted)
        self.i += 1
        return ("q" if quoted else "lit", "$")

    def _read_arith_word(self) -> Word:
        """Text of $((...)) as a word: parameter/command expansions are recognised, quotes kept."""
        parts: list[tuple] = []
        buf: list[str] = []
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in "$`":
                self._quoted_expansion(c, buf, parts)
            else:
                buf.append(c)
                self.i += 1
        if buf:
            parts.append(("q", "".join(buf)))
        return tuple(parts)

    def _read_braced(self, quoted: bool) -> tuple:
        s = self.s
        self.i += 2
        length = False
        if self._peek() == "#" and self._peek(1) not in ("}", ""):
            length = True
            self.i += 1
        j = self.i
        if j < len(s) and s[j] in SPECIAL_PARAMS:
            j += 1
        else:
            while j < len(s) and (s[j].isalnum() or s[j] == "_"):
                j += 1
        name = s[self.i:j]
        if not name:
            raise ShellSyntaxError("syntax error: bad substitution")
        self.i = j
        if length:
            if self._peek() != "}":
                raise ShellSyntaxError("syntax error: bad substitution")
            self.i += 1
            return ("param", name, "len", None, quoted)
        if self._peek() == "}":
            self.i += 1
            return ("param", name, "", None, quoted)
        op = None
        for cand in (":-", ":=", ":?", ":+", "##", "%%", "-", "=", "?", "+", "#", "%"):
            if s.startswith(cand, self.i):
                op = cand
                break
        if op is None:
            raise ShellSyntaxError("syntax error: bad substitution")
        self.i += len(op)
        arg = self._read_brace_arg(quoted)
        return ("param", name, op, arg, quoted)

    def _read_brace_arg(self, quoted: bool) -> Word:
        s = self.s
        parts: list[tuple] = []
        buf: list[str] = []
        kind = "q" if quoted else "lit"

        def flush() -> None:
            if buf:
                parts.append((kind, "".join(buf)))
                buf.clear()

        while True:
            if self.i >= len(s):
                raise ShellSyntaxError("syntax error: missing '}'")
            c = s[self.i]
            if c == "}":
                self.i += 1
                break
            if c == "\\":
                flush()
                parts.append(("q", self._peek(1)))
                self.i += 2
            elif c == "'" and not quoted:
                end = s.find("'", self.i + 1)
                if end < 0:
                    raise ShellSyntaxError("syntax error: unterminated quoted string")
                flush()
                parts.append(("q", s[self.i + 1:end]))
                self.i = end + 1
            elif c == '"':
                flush()
                self.i += 1
                parts.extend(self._read_dquoted())
            elif c == "$":
                flush()
                parts.append(self._read_dollar(quoted))
            elif c == "`":
                flush()
                parts.append(self._read_backtick(quoted))
            else:
                buf.append(c)
                self.i += 1
        flush()
        return tuple(parts)

    # ---- grammar ---------------------------------------------------------------
    def parse_program(self) -> CmdList:
        """The whole source as a command list."""
        body = self.parse_list(stop_ops=set())
        self.linebreak()
        if self.i < len(self.s):
            self._unexpected()
        return body

    def parse_list(self, stop_ops: set[str], stop_words: set[str] = frozenset()) -> CmdList:
        items: list[tuple[object, bool]] = []
        while True:
            self.linebreak()
            op = self.peek_op()
            if op is not None and (op in stop_ops or op in (")", ";;")):
                break
            if self.i >= len(self.s):
                break
            word = self.peek_word()
            if word is not None and word in stop_words:
                break
            if op in (";", "&", "|", "&&", "||"):
                self._unexpected()
            node = self.parse_and_or()
            background = False
            sep = self.peek_op()
            if sep == "&":
                self.i += 1
                background = True
            elif sep == ";":
                self.i += 1
            elif sep == "\n":
                pass
            elif sep is None and self.i < len(self.s) and self.peek_word() not in stop_words:
                self._unexpected()
            items.append((node, background))
            if sep not in ("&", ";", "\n"):
                break
        return CmdList(items)

    def parse_and_or(self) -> AndOr:
        first = self.parse_pipeline()
        rest: list[tuple[str, object]] = []
        while True:
            op = self.peek_op()
            if op in ("&&", "||"):
                self.i += 2
                self.linebreak()
                rest.append((op, self.parse_pipeline()))
            else:
                break
        return AndOr(first, rest)

    def parse_pipeline(self) -> Pipeline:
        negate = False
        while self.take_reserved("!"):
            negate = not negate
        cmds = [self.parse_command()]
        while self.peek_op() == "|":
            self.i += 1
            self.linebreak()
            cmds.append(self.parse_command())
        return Pipeline(cmds, negate)

    def _body(self, *enders: str) -> CmdList:
        body = self.parse_list(stop_ops=set(), stop_words=set(enders))
        if not body.items:
            self._unexpected()
        return body

    def parse_command(self):
        depth = self._deeper()
        saved, self.depth = self.depth, depth
        try:
            return self._parse_command()
        finally:
            self.depth = saved

    def _parse_command(self):
        op = self.peek_op()
        if op == "(":
            self.i += 1
            body = self.parse_list(stop_ops={")"})
            if not self.take_op(")"):
                self._unexpected()
            return Subshell(body, self._redirs())
        word = self.peek_word()
        if word == "{":
            self.i += 1
            body = self._body("}")
            self.expect_reserved("}")
            return Group(body, self._redirs())
        if word == "if":
            self.i += 2
            clauses = []
            cond = self._body("then")
            self.expect_reserved("then")
            clauses.append((cond, self._body("elif", "else", "fi")))
            orelse = None
            while True:
                if self.take_reserved("elif"):
                    cond = self._body("then")
                    self.expect_reserved("then")
                    clauses.append((cond, self._body("elif", "else", "fi")))
                elif self.take_reserved("else"):
                    orelse = self._body("fi")
                else:
                    break
            self.expect_reserved("fi")
            return If(clauses, orelse, self._redirs())
        if word in ("while", "until"):
            self.i += len(word)
            cond = self._body("do")
            self.expect_reserved("do")
            body = self._body("done")
            self.expect_reserved("done")
            return Loop(cond, body, word == "until", self._redirs())
        if word == "for":
            self.i += 3
            name = self.read_word()
            var = word_text(name) if name else None
            if not var or not _is_name(var):
                raise ShellSyntaxError("syntax error: bad for loop variable")
            words: list[Word] | None = None
            self._skip_blanks()
            if self.take_op(";"):
                pass
            else:
                self.linebreak()
                if self.take_reserved("in"):
                    words = []
                    while True:
                        w = self.read_word()
                        if w is None:
                            break
                        words.append(w)
                    if not (self.take_op(";") or self.take_op("\n")):
                        self._unexpected()
            self.linebreak()
            self.expect_reserved("do")
            body = self._body("done")
            self.expect_reserved("done")
            return For(var, words, body, self._redirs())
        if word == "case":
            self.i += 4
            subject = self.read_word()
            if subject is None:
                self._unexpected()
            self.linebreak()
            self.expect_reserved("in")
            items: list[tuple[list[Word], CmdList]] = []
            while True:
                self.linebreak()
                if self.take_reserved("esac"):
                    break
                self.take_op("(")
                patterns = []
                while True:
                    w = self.read_word()
                    if w is None:
                        self._unexpected()
                    patterns.append(w)
                    if not self.take_op("|"):
                        break
                if not self.take_op(")"):
                    self._unexpected()
                body = self.parse_list(stop_ops={";;"}, stop_words={"esac"})
                items.append((patterns, body))
                if not self.take_op(";;"):
                    self.linebreak()
                    self.expect_reserved("esac")
                    break
            return Case(subject, items, self._redirs())
        if word in ("then", "elif", "else", "fi", "do", "done", "esac", "}", "in"):
            raise ShellSyntaxError(f'syntax error: unexpected "{word}"')
        # function definition: NAME ( )
        if word is not None and _is_name(word):
            save = self.i
            self.i += len(word)
            if self.peek_op() == "(":
                self.i += 1
                if self.take_op(")"):
                    self.linebreak()
                    body = self.parse_command()
                    return FuncDef(word, body)
                self.i -= 1
            self.i = save
        return self._parse_simple()

    def _redirs(self) -> list[Redir]:
        out: list[Redir] = []
        while True:
            r = self._try_redir()
            if r is None:
                return out
            out.append(r)

    def _try_redir(self) -> Redir | None:
        self._skip_blanks()
        m = _REDIR_RE.match(self.s, self.i)
        if m is None:
            return None
        fd = int(m.group(1)) if m.group(1) else None
        op = m.group(2)
        self.i = m.end()
        target = self.read_word()
        if target is None:
            self._unexpected()
        if fd is None:
            fd = 0 if op[0] == "<" else 1
        if op in ("<<", "<<-"):
            quoted = any(p[0] != "lit" for p in target)
            delim = "".join(p[1] for p in target if p[0] in ("lit", "q"))
            redir = Redir(fd, op, None, delim, quoted)
            self.heredocs.append(redir)
            return redir
        return Redir(fd, op, target)

    def _parse_simple(self) -> Simple:
        assigns: list[tuple[str, Word]] = []
        words: list[Word] = []
        redirs: list[Redir] = []
        line = self.line
        while True:
            r = self._try_redir()
            if r is not None:
                redirs.append(r)
                continue
            w = self.read_word()
            if w is None:
                break
            if not words and w and w[0][0] == "lit" and "=" in w[0][1]:
                name, _, rest = w[0][1].partition("=")
                if _is_name(name):
                    value = ((("lit", rest),) if rest else ()) + tuple(w[1:])
                    assigns.append((name, value))
                    continue
            words.append(w)
        if not words and not assigns and not redirs:
            self._unexpected()
        return Simple(assigns, words, redirs, line)


def parse(src: str) -> CmdList:
    """Parse a script; raises :class:`ShellSyntaxError` with busybox's wording."""
    return Parser(src).parse_program()
