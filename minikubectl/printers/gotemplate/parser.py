"""Parser for Go text/template (Go 1.24 ``parse.go``), with Go's exact error texts.

``parse(text, name, funcs)`` returns the tree set ``{template name: ListNode}``
or raises :class:`TemplateParseError` whose message is what Go's ``Parse``
returns, e.g. ``template: output:1: unexpected "}" in operand``.
"""

from __future__ import annotations

from . import lexer as L
from . import nodes as N
from .strconv import SyntaxErr, parse_float, parse_int, unquote, unquote_char


class TemplateParseError(Exception):
    """A parse error; ``str(err)`` is Go's error text."""


class _Abort(Exception):
    pass


def _is_empty_tree(n: N.Node | None) -> bool:
    if n is None:
        return True
    if isinstance(n, N.ListNode):
        return all(_is_empty_tree(x) for x in n.nodes)
    if isinstance(n, N.TextNode):
        return n.text.strip(" \t\n\r\v\f\x85\xa0") == ""
    if isinstance(n, N.CommentNode):
        return True
    return False


class _Shared:
    """State shared by a top-level tree and the trees of its {{define}}s."""

    def __init__(self, text: str, name: str, funcs: frozenset[str]) -> None:
        self.text = text
        self.parse_name = name
        self.funcs = funcs
        self.lex = L.Lexer(text)
        self.tree_set: dict[str, N.ListNode] = {}


class _Tree:
    def __init__(self, shared: _Shared, name: str) -> None:
        self.s = shared
        self.name = name
        self.root: N.ListNode | None = None
        self.token: list[L.Item] = [L.Item(L.EOF, 0, "", 1)] * 3
        self.peek_count = 0
        self.vars = ["$"]
        self.action_line = 0
        self.range_depth = 0

    # -- token plumbing (Go's 3-token lookahead) --------------------------
    def next(self) -> L.Item:
        if self.peek_count > 0:
            self.peek_count -= 1
        else:
            self.token[0] = self.s.lex.next_item()
        return self.token[self.peek_count]

    def backup(self) -> None:
        self.peek_count += 1

    def backup2(self, t1: L.Item) -> None:
        self.token[1] = t1
        self.peek_count = 2

    def backup3(self, t2: L.Item, t1: L.Item) -> None:
        self.token[1] = t1
        self.token[2] = t2
        self.peek_count = 3

    def peek(self) -> L.Item:
        if self.peek_count > 0:
            return self.token[self.peek_count - 1]
        self.peek_count = 1
        self.token[0] = self.s.lex.next_item()
        return self.token[0]

    def next_non_space(self) -> L.Item:
        while True:
            tok = self.next()
            if tok.typ != L.SPACE:
                return tok

    def peek_non_space(self) -> L.Item:
        tok = self.next_non_space()
        self.backup()
        return tok

    # -- errors -------------------------------------------------------------
    def errorf(self, msg: str):
        raise TemplateParseError(f"template: {self.s.parse_name}:{self.token[0].line}: {msg}")

    def expect(self, typ: int, context: str) -> L.Item:
        tok = self.next_non_space()
        if tok.typ != typ:
            self.unexpected(tok, context)
        return tok

    def expect_one_of(self, t1: int, t2: int, context: str) -> L.Item:
        tok = self.next_non_space()
        if tok.typ not in (t1, t2):
            self.unexpected(tok, context)
        return tok

    def unexpected(self, tok: L.Item, context: str):
        if tok.typ == L.ERROR:
            extra = ""
            if self.action_line != 0 and self.action_line != tok.line:
                extra = f" in action started at {self.s.parse_name}:{self.action_line}"
                if tok.val.endswith(" action"):
                    extra = extra[len(" in action"):]
            self.errorf(f"{L.item_string(tok)}{extra}")
        self.errorf(f"unexpected {L.item_string(tok)} in {context}")

    # -- structure ----------------------------------------------------------
    def add(self) -> None:
        existing = self.s.tree_set.get(self.name)
        if existing is None or _is_empty_tree(existing):
            self.s.tree_set[self.name] = self.root  # type: ignore[assignment]
            return
        if not _is_empty_tree(self.root):
            self.errorf(f"template: multiple definition of template {_q(self.name)}")

    def parse(self) -> None:
        self.root = N.ListNode(self.peek().pos)
        while self.peek().typ != L.EOF:
            if self.peek().typ == L.LEFT_DELIM:
                delim = self.next()
                if self.next_non_space().typ == L.DEFINE:
                    new = _Tree(self.s, "definition")
                    new.parse_definition()
                    continue
                self.backup2(delim)
            n = self.text_or_action()
            if isinstance(n, (N.EndNode, N.ElseNode)):
                self.errorf(f"unexpected {n}")
            self.root.nodes.append(n)

    def parse_definition(self) -> None:
        context = "define clause"
        name = self.expect_one_of(L.STRING, L.RAW_STRING, context)
        try:
            self.name = unquote(name.val)
        except SyntaxErr as e:
            self.errorf(str(e))
        self.expect(L.RIGHT_DELIM, context)
        self.root, end = self.item_list()
        if not isinstance(end, N.EndNode):
            self.errorf(f"unexpected {end} in {context}")
        self.add()

    def item_list(self) -> tuple[N.ListNode, N.Node]:
        lst = N.ListNode(self.peek_non_space().pos)
        while self.peek_non_space().typ != L.EOF:
            n = self.text_or_action()
            if isinstance(n, (N.EndNode, N.ElseNode)):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")
        raise AssertionError

    def text_or_action(self) -> N.Node:
        tok = self.next_non_space()
        if tok.typ == L.TEXT:
            return N.TextNode(tok.pos, tok.val)
        if tok.typ == L.LEFT_DELIM:
            self.action_line = tok.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        if tok.typ == L.COMMENT:
            return N.CommentNode(tok.pos, tok.val)
        self.unexpected(tok, "input")
        raise AssertionError

    def action(self) -> N.Node:
        tok = self.next_non_space()
        t = tok.typ
        if t == L.BLOCK:
            return self.block_control()
        if t == L.BREAK:
            return self.break_control(tok.pos, tok.line, "break")
        if t == L.CONTINUE:
            return self.break_control(tok.pos, tok.line, "continue")
        if t == L.ELSE:
            return self.else_control()
        if t == L.END:
            return N.EndNode(self.expect(L.RIGHT_DELIM, "end").pos)
        if t == L.IF:
            return N.IfNode(*self.parse_control("if"))
        if t == L.RANGE:
            return N.RangeNode(*self.parse_control("range"))
        if t == L.TEMPLATE:
            return self.template_control()
        if t == L.WITH:
            return N.WithNode(*self.parse_control("with"))
        self.backup()
        tok = self.peek()
        return N.ActionNode(tok.pos, tok.line, self.pipeline("command", L.RIGHT_DELIM))

    def break_control(self, pos: int, line: int, word: str) -> N.Node:
        tok = self.next_non_space()
        if tok.typ != L.RIGHT_DELIM:
            self.unexpected(tok, "{{" + word + "}}")
        if self.range_depth == 0:
            self.errorf("{{" + word + "}} outside {{range}}")
        return N.BreakNode(pos, line) if word == "break" else N.ContinueNode(pos, line)

    def pipeline(self, context: str, end: int) -> N.PipeNode:
        tok = self.peek_non_space()
        pipe = N.PipeNode(tok.pos, tok.line)
        while True:  # Go's "decls:" label
            v = self.peek_non_space()
            if v.typ != L.VARIABLE:
                break
            self.next()
            after = self.peek()
            nxt = self.peek_non_space()
            if nxt.typ in (L.ASSIGN, L.DECLARE):
                pipe.is_assign = nxt.typ == L.ASSIGN
                self.next_non_space()
                pipe.decl.append(N.VariableNode(v.pos, v.val.split(".")))
                self.vars.append(v.val)
            elif nxt.typ == L.CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(N.VariableNode(v.pos, v.val.split(".")))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (L.VARIABLE, L.RIGHT_DELIM, L.RIGHT_PAREN):
                        continue
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            elif after.typ == L.SPACE:
                self.backup3(v, after)
            else:
                self.backup2(v)
            break
        while True:
            tok = self.next_non_space()
            if tok.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if tok.typ in (L.BOOL, L.CHAR_CONSTANT, L.COMPLEX, L.DOT, L.FIELD, L.IDENTIFIER,
                           L.NUMBER, L.NIL, L.RAW_STRING, L.STRING, L.VARIABLE, L.LEFT_PAREN):
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(tok, context)

    def check_pipeline(self, pipe: N.PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], (N.BoolNode, N.DotNode, N.NilNode, N.NumberNode, N.StringNode)):
                self.errorf(f"non executable command in pipeline stage {i + 2}")

    def parse_control(self, context: str):
        mark = len(self.vars)
        try:
            pipe = self.pipeline(context, L.RIGHT_DELIM)
            if context == "range":
                self.range_depth += 1
            lst, nxt = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_list = None
            if isinstance(nxt, N.ElseNode):
                if context == "if" and self.peek().typ == L.IF:
                    self.next()
                    else_list = N.ListNode(nxt.pos, [N.IfNode(*self.parse_control("if"))])
                elif context == "with" and self.peek().typ == L.WITH:
                    self.next()
                    else_list = N.ListNode(nxt.pos, [N.WithNode(*self.parse_control("with"))])
                else:
                    else_list, nxt = self.item_list()
                    if not isinstance(nxt, N.EndNode):
                        self.errorf(f"expected end; found {nxt}")
            return pipe.pos, pipe.line, pipe, lst, else_list
        finally:
            del self.vars[mark:]

    def else_control(self) -> N.Node:
        peek = self.peek_non_space()
        if peek.typ in (L.IF, L.WITH):
            return N.ElseNode(peek.pos, peek.line)
        tok = self.expect(L.RIGHT_DELIM, "else")
        return N.ElseNode(tok.pos, tok.line)

    def block_control(self) -> N.Node:
        context = "block clause"
        tok = self.next_non_space()
        name = self.parse_template_name(tok, context)
        pipe = self.pipeline(context, L.RIGHT_DELIM)
        block = _Tree(self.s, name)
        block.root, end = block.item_list()
        if not isinstance(end, N.EndNode):
            self.errorf(f"unexpected {end} in {context}")
        block.add()
        return N.TemplateNode(tok.pos, tok.line, name, pipe)

    def template_control(self) -> N.Node:
        context = "template clause"
        tok = self.next_non_space()
        name = self.parse_template_name(tok, context)
        pipe = None
        if self.next_non_space().typ != L.RIGHT_DELIM:
            self.backup()
            pipe = self.pipeline(context, L.RIGHT_DELIM)
        return N.TemplateNode(tok.pos, tok.line, name, pipe)

    def parse_template_name(self, tok: L.Item, context: str) -> str:
        if tok.typ in (L.STRING, L.RAW_STRING):
            try:
                return unquote(tok.val)
            except SyntaxErr as e:
                self.errorf(str(e))
        self.unexpected(tok, context)
        raise AssertionError

    def command(self) -> N.CommandNode:
        cmd = N.CommandNode(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            tok = self.next()
            if tok.typ == L.SPACE:
                continue
            if tok.typ in (L.RIGHT_DELIM, L.RIGHT_PAREN):
                self.backup()
            elif tok.typ == L.PIPE:
                pass
            else:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self) -> N.Node | None:
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == L.FIELD:
            chain = N.ChainNode(self.peek().pos, node)
            while self.peek().typ == L.FIELD:
                chain.field.append(self.next().val[1:])
            if isinstance(node, N.FieldNode):
                node = N.FieldNode(chain.pos, str(chain)[1:].split("."))
            elif isinstance(node, N.VariableNode):
                node = N.VariableNode(chain.pos, str(chain).split("."))
            elif isinstance(node, (N.BoolNode, N.StringNode, N.NumberNode, N.NilNode, N.DotNode)):
                self.errorf(f"unexpected . after term {_q(str(node))}")
            else:
                node = chain
        return node

    def term(self) -> N.Node | None:
        tok = self.next_non_space()
        t = tok.typ
        if t == L.IDENTIFIER:
            if tok.val not in self.s.funcs:
                self.errorf(f"function {_q(tok.val)} not defined")
            return N.IdentifierNode(tok.pos, tok.val)
        if t == L.DOT:
            return N.DotNode(tok.pos)
        if t == L.NIL:
            return N.NilNode(tok.pos)
        if t == L.VARIABLE:
            return self.use_var(tok.pos, tok.val)
        if t == L.FIELD:
            return N.FieldNode(tok.pos, tok.val[1:].split("."))
        if t == L.BOOL:
            return N.BoolNode(tok.pos, tok.val == "true")
        if t in (L.CHAR_CONSTANT, L.COMPLEX, L.NUMBER):
            try:
                return new_number(tok.pos, tok.val, t)
            except ValueError as e:
                self.errorf(str(e))
        if t == L.LEFT_PAREN:
            return self.pipeline("parenthesized pipeline", L.RIGHT_PAREN)
        if t in (L.STRING, L.RAW_STRING):
            try:
                return N.StringNode(tok.pos, tok.val, unquote(tok.val))
            except SyntaxErr as e:
                self.errorf(str(e))
        self.backup()
        return None

    def use_var(self, pos: int, name: str) -> N.Node:
        v = N.VariableNode(pos, name.split("."))
        if v.ident[0] in self.vars:
            return v
        self.errorf(f"undefined variable {_q(v.ident[0])}")
        raise AssertionError


def _q(s: str) -> str:
    from .printf import quote_string
    return quote_string(s)


def new_number(pos: int, text: str, typ: int) -> N.NumberNode:
    """Go's ``newNumber``: classify a numeric literal (raises ValueError with Go's text)."""
    n = N.NumberNode(pos, text)
    if typ == L.CHAR_CONSTANT:
        try:
            v, _, tail = unquote_char(text[1:], text[0])
        except SyntaxErr:
            raise ValueError("invalid syntax") from None
        if tail != "'":
            raise ValueError(f"malformed character constant: {text}")
        n.int64 = n.uint64 = v
        n.float64 = float(v)
        n.is_int = n.is_uint = n.is_float = True
        return n
    if typ == L.COMPLEX:
        try:
            c = complex(text.replace("_", "").replace("i", "j"))
        except ValueError:
            raise ValueError("expected integer") from None
        n.is_complex = True
        n.complex128 = c
        _simplify_complex(n)
        return n
    if text.endswith("i"):
        f = parse_float(text[:-1])
        if f is not None:
            n.is_complex = True
            n.complex128 = complex(0, f)
            _simplify_complex(n)
            return n
    u = parse_int(text, signed=False)
    if u is not None:
        n.is_uint, n.uint64 = True, u
    i = parse_int(text, signed=True)
    if i is not None:
        n.is_int, n.int64 = True, i
        if i == 0:
            n.is_uint, n.uint64 = True, u if u is not None else 0
    if n.is_int:
        n.is_float, n.float64 = True, float(n.int64)
    elif n.is_uint:
        n.is_float, n.float64 = True, float(n.uint64)
    else:
        f = parse_float(text)
        if f is not None:
            if not any(c in text for c in ".eEpP"):
                raise ValueError(f"integer overflow: {_q(text)}")
            n.is_float, n.float64 = True, f
            if f == int(f) and -(1 << 63) <= int(f) < (1 << 63):
                n.is_int, n.int64 = True, int(f)
            if f == int(f) and 0 <= int(f) < (1 << 64):
                n.is_uint, n.uint64 = True, int(f)
    if not (n.is_int or n.is_uint or n.is_float):
        raise ValueError(f"illegal number syntax: {_q(text)}")
    return n


def _simplify_complex(n: N.NumberNode) -> None:
    if n.complex128.imag == 0:
        f = n.complex128.real
        n.is_float, n.float64 = True, f
        if f == int(f) and -(1 << 63) <= int(f) < (1 << 63):
            n.is_int, n.int64 = True, int(f)
        if f == int(f) and 0 <= int(f) < (1 << 64):
            n.is_uint, n.uint64 = True, int(f)


def parse(text: str, name: str, funcs: frozenset[str]) -> dict[str, N.ListNode]:
    """Parse ``text`` as template ``name``; returns the tree set (name -> root list)."""
    shared = _Shared(text, name, funcs)
    t = _Tree(shared, name)
    try:
        t.parse()
        t.add()
    except RecursionError:
        raise TemplateParseError(f"template: {name}:{t.token[0].line}: max expression depth exceeded") from None
    return shared.tree_set
