"""Executes a parsed template (Go 1.24 ``exec.go``) over decoded JSON data.

Go's executor remembers the node it is working on (``state.at``) and names it in
every error: ``template: output:1:7: executing "output" at <.spec.x>: ...``.
This module keeps the same mutable "current node" so errors point at the same
place, and it models Go's ``interface {}`` boxing (see :mod:`.values`) because
it changes error texts and nil handling.
"""

from __future__ import annotations

from typing import Any, NoReturn

from . import nodes as N
from .funcs import ANY, BUILTINS, REFLECT, STRING, FuncError, FuncSpec, is_true, truth
from .printf import quote_string, sprint
from .strconv import to_bytes
from .values import INVALID, Boxed, GoInt, to_iface, type_name, unbox

MAX_EXEC_DEPTH = 100000


class ExecError(Exception):
    """An execution error; ``str(err)`` is Go's text."""


class _Missing:
    __slots__ = ()


MISSING: Any = _Missing()  # "no final value" in a pipeline


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


def _value_string(v: Any) -> str:
    """Go's ``reflect.Value.String()``."""
    if isinstance(v, str):
        return v
    if v is INVALID:
        return "<invalid Value>"
    return f"<{type_name(v)} Value>"


class State:
    """One execution of a template (Go's ``state``)."""

    def __init__(self, trees: dict[str, N.ListNode], text: str, parse_name: str,
                 tmpl_name: str, out: list[str], strict: bool, depth: int = 0) -> None:
        self.trees = trees
        self.text = text
        self.parse_name = parse_name
        self.tmpl_name = tmpl_name
        self.out = out
        self.strict = strict
        self.depth = depth
        self.node: N.Node | None = None
        self.vars: list[list[Any]] = []

    # -- errors -----------------------------------------------------------------
    def error_context(self, n: N.Node) -> tuple[str, str]:
        before = to_bytes(self.text[:n.pos])
        nl = before.rfind(b"\n")
        col = len(before) if nl < 0 else len(before) - nl - 1
        line = 1 + before.count(b"\n")
        return f"{self.parse_name}:{line}:{col}", str(n)

    def errorf(self, msg: str) -> NoReturn:
        name = quote_string(self.tmpl_name)
        if self.node is None:
            raise ExecError(f"template: {self.tmpl_name}: {msg}")
        loc, ctx = self.error_context(self.node)
        raise ExecError(f"template: {loc}: executing {name} at <{ctx}>: {msg}")

    # -- variables ----------------------------------------------------------------
    def push(self, name: str, value: Any) -> None:
        self.vars.append([name, value])

    def pop(self, mark: int) -> None:
        del self.vars[mark:]

    def set_var(self, name: str, value: Any) -> None:
        for v in reversed(self.vars):
            if v[0] == name:
                v[1] = value
                return
        self.errorf(f"undefined variable: {name}")

    def var_value(self, name: str) -> Any:
        for v in reversed(self.vars):
            if v[0] == name:
                return v[1]
        self.errorf(f"undefined variable: {name}")

    # -- walking ---------------------------------------------------------------------
    def walk(self, dot: Any, node: N.Node) -> None:
        self.node = node
        if isinstance(node, N.ListNode):
            for n in node.nodes:
                self.walk(dot, n)
        elif isinstance(node, N.TextNode):
            self.out.append(node.text)
        elif isinstance(node, N.ActionNode):
            val = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.node = node
                if val is INVALID:
                    self.out.append("<no value>")
                else:
                    val = to_iface(val)
                    # fmt.Sprint of one plain string is the string itself.
                    self.out.append(val if type(val) is str else sprint([val]))
        elif isinstance(node, N.IfNode):
            self.walk_if_or_with(False, dot, node)
        elif isinstance(node, N.WithNode):
            self.walk_if_or_with(True, dot, node)
        elif isinstance(node, N.RangeNode):
            self.walk_range(dot, node)
        elif isinstance(node, N.TemplateNode):
            self.walk_template(dot, node)
        elif isinstance(node, N.BreakNode):
            raise _Break()
        elif isinstance(node, N.ContinueNode):
            raise _Continue()
        elif isinstance(node, N.CommentNode):
            pass
        else:
            self.errorf(f"unknown node: {node}")

    def walk_if_or_with(self, is_with: bool, dot: Any, node: N.BranchNode) -> None:
        mark = len(self.vars)
        try:
            val = self.eval_pipeline(dot, node.pipe)
            if is_true(unbox(val)):
                self.walk(val if is_with else dot, node.list)
            elif node.else_list is not None:
                self.walk(dot, node.else_list)
        finally:
            self.pop(mark)

    def walk_range(self, dot: Any, r: N.RangeNode) -> None:
        self.node = r
        outer = len(self.vars)
        decl = r.pipe.decl
        try:
            val = unbox(self.eval_pipeline(dot, r.pipe))
            mark = len(self.vars)

            def one(index: Any, elem: Any) -> None:
                if decl:
                    if r.pipe.is_assign:
                        self.set_var(decl[0].ident[0], index if len(decl) > 1 else elem)
                    else:
                        self.vars[-1][1] = elem
                if len(decl) > 1:
                    if r.pipe.is_assign:
                        self.set_var(decl[1].ident[0], elem)
                    else:
                        self.vars[-2][1] = index
                try:
                    self.walk(elem, r.list)
                except _Continue:
                    pass
                finally:
                    self.pop(mark)

            if isinstance(val, list):
                if val:
                    for i, e in enumerate(val):
                        one(GoInt(i), Boxed(e))
                    return
            elif isinstance(val, dict):
                if val:
                    for k in sorted(val):
                        one(k, Boxed(val[k]))
                    return
            elif isinstance(val, int) and not isinstance(val, bool):
                if len(decl) > 1:
                    self.errorf(f"can't use {sprint([val])} to iterate over more than one variable")
                if val > 0:
                    cls = type(val)
                    for i in range(int(val)):
                        one(INVALID, cls(i))
                    return
            elif val is INVALID:
                pass
            else:
                self.errorf(f"range can't iterate over {sprint([to_iface(val)])}")
            if r.else_list is not None:
                self.walk(dot, r.else_list)
        except _Break:
            pass
        finally:
            self.pop(outer)

    def walk_template(self, dot: Any, t: N.TemplateNode) -> None:
        self.node = t
        tree = self.trees.get(t.name)
        if tree is None:
            self.errorf(f"template {quote_string(t.name)} not defined")
        if self.depth >= MAX_EXEC_DEPTH:
            self.errorf(f"exceeded maximum template depth ({MAX_EXEC_DEPTH})")
        dot = self.eval_pipeline(dot, t.pipe)
        new = State(self.trees, self.text, self.parse_name, t.name, self.out, self.strict, self.depth + 1)
        new.vars = [["$", dot]]
        try:
            new.walk(dot, tree)
        except RecursionError:
            # Python's stack is far smaller than Go's; report Go's depth error instead.
            self.node = t
            self.errorf(f"exceeded maximum template depth ({MAX_EXEC_DEPTH})")

    # -- evaluation ---------------------------------------------------------------------
    def eval_pipeline(self, dot: Any, pipe: N.PipeNode | None) -> Any:
        if pipe is None:
            return INVALID
        self.node = pipe
        value = MISSING
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
            if isinstance(value, Boxed):
                value = INVALID if value.v is None else value.v
        for var in pipe.decl:
            if pipe.is_assign:
                self.set_var(var.ident[0], value)
            else:
                self.push(var.ident[0], value)
        return value

    def not_a_function(self, args: list[N.Node] | None, final: Any) -> None:
        if (args is not None and len(args) > 1) or final is not MISSING:
            self.errorf(f"can't give argument to non-function {args[0] if args else ''}")

    def eval_command(self, dot: Any, cmd: N.CommandNode, final: Any) -> Any:
        first = cmd.args[0]
        if isinstance(first, N.FieldNode):
            return self.eval_field_node(dot, first, cmd.args, final)
        if isinstance(first, N.ChainNode):
            return self.eval_chain_node(dot, first, cmd.args, final)
        if isinstance(first, N.IdentifierNode):
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if isinstance(first, N.PipeNode):
            self.not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        if isinstance(first, N.VariableNode):
            return self.eval_variable_node(dot, first, cmd.args, final)
        self.node = first
        self.not_a_function(cmd.args, final)
        if isinstance(first, N.BoolNode):
            return first.true
        if isinstance(first, N.DotNode):
            return dot
        if isinstance(first, N.NilNode):
            self.errorf("nil is not a command")
        if isinstance(first, N.NumberNode):
            return self.ideal_constant(first)
        if isinstance(first, N.StringNode):
            return first.text
        self.errorf(f"can't evaluate command {quote_string(str(first))}")

    def ideal_constant(self, c: N.NumberNode) -> Any:
        self.node = c
        text = c.text
        is_hex_int = len(text) > 2 and text[0] == "0" and text[1] in "xX" and not any(p in text for p in "pP")
        if c.is_complex:
            return c.complex128
        if c.is_float and not is_hex_int and not text.startswith("'") and any(ch in text for ch in ".eEpP"):
            return c.float64
        if c.is_int:
            return GoInt(c.int64)
        if c.is_uint:
            self.errorf(f"{text} overflows int")
        return INVALID

    def eval_field_node(self, dot: Any, field: N.FieldNode, args: list[N.Node] | None, final: Any) -> Any:
        self.node = field
        return self.eval_field_chain(dot, dot, field, field.ident, args, final)

    def eval_chain_node(self, dot: Any, chain: N.ChainNode, args: list[N.Node] | None, final: Any) -> Any:
        self.node = chain
        if isinstance(chain.node, N.NilNode):
            self.errorf(f"indirection through explicit nil in {chain}")
        pipe = self.eval_arg(dot, None, chain.node)
        return self.eval_field_chain(dot, pipe, chain, chain.field, args, final)

    def eval_variable_node(self, dot: Any, var: N.VariableNode, args: list[N.Node] | None, final: Any) -> Any:
        self.node = var
        value = self.var_value(var.ident[0])
        if len(var.ident) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_field_chain(dot, value, var, var.ident[1:], args, final)

    def eval_field_chain(self, dot: Any, receiver: Any, node: N.Node, ident: list[str],
                         args: list[N.Node] | None, final: Any) -> Any:
        for name in ident[:-1]:
            receiver = self.eval_field(name, None, MISSING, receiver)
        return self.eval_field(ident[-1], args, final, receiver)

    def eval_field(self, name: str, args: list[N.Node] | None, final: Any, receiver: Any) -> Any:
        if receiver is INVALID:
            if self.strict:
                self.errorf(f"nil data; no entry for key {quote_string(name)}")
            return INVALID
        typ = type_name(receiver)
        if isinstance(receiver, Boxed):
            if receiver.v is None:
                self.errorf(f"nil pointer evaluating {typ}.{name}")
            receiver = receiver.v
        has_args = (args is not None and len(args) > 1) or final is not MISSING
        if isinstance(receiver, dict):
            if has_args:
                self.errorf(f"{name} is not a method but has arguments")
            if name in receiver:
                return Boxed(receiver[name])
            if self.strict:
                self.errorf(f"map has no entry for key {quote_string(name)}")
            return INVALID
        self.errorf(f"can't evaluate field {name} in type {typ}")

    def eval_function(self, dot: Any, node: N.IdentifierNode, cmd: N.Node,
                      args: list[N.Node] | None, final: Any) -> Any:
        self.node = node
        spec = BUILTINS.get(node.ident)
        if spec is None:
            self.errorf(f"{quote_string(node.ident)} is not a defined function")
        return self.eval_call(dot, spec, cmd, node.ident, args, final)

    def eval_call(self, dot: Any, spec: FuncSpec, node: N.Node, name: str,
                  args: list[N.Node] | None, final: Any) -> Any:
        args = args[1:] if args is not None else []
        num_in = len(args) + (0 if final is MISSING else 1)
        num_fixed = len(args)
        if spec.variadic:
            num_fixed = spec.num_in - 1
            if num_in < num_fixed:
                self.errorf(f"wrong number of args for {name}: want at least {spec.num_in - 1} got {len(args)}")
        elif num_in != spec.num_in:
            self.errorf(f"wrong number of args for {name}: want {spec.num_in} got {num_in}")

        if name in ("and", "or"):
            v: Any = INVALID
            for arg in args:
                v = self.eval_arg(dot, REFLECT, arg)
                if truth(v) == (name == "or"):
                    return v
            if final is not MISSING:
                v = self.validate_type(final, REFLECT)
            return v

        argv: list[Any] = []
        i = 0
        while i < num_fixed and i < len(args):
            argv.append(self.eval_arg(dot, spec.params[i], args[i]))
            i += 1
        if spec.variadic:
            while i < len(args):
                argv.append(self.eval_arg(dot, spec.variadic, args[i]))
                i += 1
        if final is not MISSING:
            if spec.variadic and num_in - 1 >= num_fixed:
                t = spec.variadic
            else:
                t = spec.param_type(num_in - 1)
            argv.append(self.validate_type(final, t))
        types = [spec.param_type(j) for j in range(len(argv))]
        argv = [to_iface(a) if t == ANY else a for a, t in zip(argv, types)]
        if name == "call":
            callee = str(args[0]) if args else _value_string(final)
            argv.insert(0, callee)
        try:
            return spec.impl(*argv)
        except FuncError as e:
            self.node = node
            self.errorf(f"error calling {name}: {e}")

    def validate_type(self, value: Any, typ: str | None) -> Any:
        if value is INVALID:
            if typ is None or typ == REFLECT:
                return INVALID
            if typ == ANY:
                return Boxed(None)
            self.errorf(f"invalid value; expected {typ}")
        if typ != STRING:
            return value
        if isinstance(value, str):
            return value
        if isinstance(value, Boxed) and value.v is not None:
            value = value.v
            if isinstance(value, str):
                return value
        self.errorf(f"wrong type for value; expected {typ}; got {type_name(value)}")

    def eval_arg(self, dot: Any, typ: str | None, n: N.Node) -> Any:
        self.node = n
        if isinstance(n, N.DotNode):
            return self.validate_type(dot, typ)
        if isinstance(n, N.NilNode):
            if typ == REFLECT:
                return INVALID
            if typ == ANY:
                return Boxed(None)
            self.errorf(f"cannot assign nil to {typ}")
        if isinstance(n, N.FieldNode):
            return self.validate_type(self.eval_field_node(dot, n, [n], MISSING), typ)
        if isinstance(n, N.VariableNode):
            return self.validate_type(self.eval_variable_node(dot, n, None, MISSING), typ)
        if isinstance(n, N.PipeNode):
            return self.validate_type(self.eval_pipeline(dot, n), typ)
        if isinstance(n, N.IdentifierNode):
            return self.validate_type(self.eval_function(dot, n, n, None, MISSING), typ)
        if isinstance(n, N.ChainNode):
            return self.validate_type(self.eval_chain_node(dot, n, None, MISSING), typ)
        if typ == STRING:
            self.node = n
            if isinstance(n, N.StringNode):
                return n.text
            self.errorf(f"expected string; found {n}")
        if typ in (ANY, REFLECT):
            return self.eval_empty_interface(dot, n)
        self.errorf(f"can't handle {n} for arg of type {typ}")

    def eval_empty_interface(self, dot: Any, n: N.Node) -> Any:
        self.node = n
        if isinstance(n, N.BoolNode):
            return n.true
        if isinstance(n, N.NumberNode):
            return self.ideal_constant(n)
        if isinstance(n, N.StringNode):
            return n.text
        self.errorf(f"can't handle assignment of {n} to empty interface argument")


def execute(trees: dict[str, N.ListNode], text: str, name: str, data: Any,
            strict: bool, out: list[str]) -> None:
    """Run template ``name`` over ``data`` appending output to ``out``; raises ExecError."""
    st = State(trees, text, name, name, out, strict)
    st.vars = [["$", data]]
    root = trees.get(name)
    if root is None:
        st.errorf(f"{quote_string(name)} is an incomplete or empty template")
    try:
        st.walk(data, root)
    except RecursionError:
        st.errorf(f"exceeded maximum template depth ({MAX_EXEC_DEPTH})")

