#!/usr/bin/env python3
"""Decides, as the API server would, whether a ValidatingWebhookConfiguration sends an
AdmissionReview to its webhook: the request must match one of the webhook's rules (operation,
group, version, resource with subresource) and every matchCondition must be true.

matchConditions are CEL. This is not a CEL implementation: it evaluates the subset the gori
manifests use (literals, lists, field selection, has(), ==, !=, in, !, &&, ||, parentheses,
startsWith, exists) with CEL's meaning for those, and refuses any other syntax, so an
expression it does not understand fails the test instead of being guessed at. A field that is
absent is an error, as in CEL (has() tests presence); an erroring condition makes the API
server apply failurePolicy, reported here as "error".

Usage: match_conditions.py CONFIG.yaml REVIEW.json [WEBHOOK_NAME]
Prints "call", "skip: <reason>" or "error: <reason>".
       match_conditions.py --expr 'EXPRESSION' REVIEW.json
Prints "true", "false" or "error: <reason>".
"""
import json
import re
import sys

import yaml

TOKEN = re.compile(r"""\s*(?:(?P<str>'[^'\\]*'|"[^"\\]*")|(?P<num>\d+)|(?P<id>[A-Za-z_][A-Za-z0-9_]*)
                      |(?P<op>&&|\|\||==|!=|[!().,\[\]]))""", re.X)


class CelError(Exception):
    pass


def tokenize(text):
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise CelError(f"unsupported syntax at {pos}: {text[pos:pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        val = m.group(kind)
        if kind == "str":
            out.append(("lit", val[1:-1]))
        elif kind == "num":
            out.append(("lit", int(val)))
        elif kind == "id" and val in ("true", "false", "null"):
            out.append(("lit", {"true": True, "false": False, "null": None}[val]))
        elif kind == "id" and val == "in":
            out.append(("op", "in"))
        else:
            out.append((kind, val))
    out.append(("end", None))
    return out


class Parser:
    """Builds closures env -> value. Precedence (CEL): || < && < relations (== != in) < unary !
    < member/call."""

    def __init__(self, text):
        self.toks = tokenize(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self, kind=None, val=None):
        t = self.toks[self.i]
        if (kind and t[0] != kind) or (val is not None and t[1] != val):
            raise CelError(f"expected {val or kind}, got {t[1]!r}")
        self.i += 1
        return t

    def parse(self):
        e = self.or_()
        self.take("end")
        return e

    def or_(self):
        e = self.and_()
        while self.peek() == ("op", "||"):
            self.take()
            l, r = e, self.and_()
            e = lambda env, l=l, r=r: bool(l(env)) or bool(r(env))
        return e

    def and_(self):
        e = self.rel()
        while self.peek() == ("op", "&&"):
            self.take()
            l, r = e, self.rel()
            e = lambda env, l=l, r=r: bool(l(env)) and bool(r(env))
        return e

    def rel(self):
        e = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("==", "!=", "in"):
            op = self.take()[1]
            l, r = e, self.unary()
            if op == "==":
                e = lambda env, l=l, r=r: l(env) == r(env)
            elif op == "!=":
                e = lambda env, l=l, r=r: l(env) != r(env)
            else:
                e = lambda env, l=l, r=r: l(env) in r(env)
        return e

    def unary(self):
        if self.peek() == ("op", "!"):
            self.take()
            inner = self.unary()
            return lambda env: not inner(env)
        return self.member()

    def member(self):
        e = self.primary()
        while self.peek() == ("op", "."):
            self.take()
            name = self.take("id")[1]
            if self.peek() == ("op", "("):
                e = self.call(e, name)
            else:
                e = lambda env, e=e, name=name: select(e(env), name)
        return e

    def call(self, target, name):
        self.take("op", "(")
        if name == "startsWith":
            arg = self.or_()
            self.take("op", ")")
            return lambda env: str_of(target(env)).startswith(arg(env))
        if name == "exists":
            var = self.take("id")[1]
            self.take("op", ",")
            pred = self.or_()
            self.take("op", ")")
            return lambda env: any(pred({**env, var: x}) for x in list_of(target(env)))
        raise CelError(f"unsupported method {name}()")

    def primary(self):
        kind, val = self.take()
        if kind == "lit":
            return lambda env: val
        if (kind, val) == ("op", "("):
            e = self.or_()
            self.take("op", ")")
            return e
        if (kind, val) == ("op", "["):
            items = []
            while self.peek() != ("op", "]"):
                items.append(self.or_())
                if self.peek() == ("op", ","):
                    self.take()
            self.take("op", "]")
            return lambda env: [i(env) for i in items]
        if kind == "id" and val == "has":
            self.take("op", "(")
            base = self.member_path()
            self.take("op", ")")
            return base
        if kind == "id":
            return lambda env: lookup(env, val)
        raise CelError(f"unexpected {val!r}")

    def member_path(self):
        # has(a.b.c): a.b must exist, the answer is whether c does.
        names = [self.take("id")[1]]
        while self.peek() == ("op", "."):
            self.take()
            names.append(self.take("id")[1])
        if len(names) < 2:
            raise CelError("has() takes a field selection")

        def present(env):
            v = lookup(env, names[0])
            for n in names[1:-1]:
                v = select(v, n)
            return isinstance(v, dict) and names[-1] in v
        return present


def lookup(env, name):
    if name not in env:
        raise CelError(f"undeclared reference to '{name}'")
    return env[name]


def select(v, name):
    if not isinstance(v, dict) or name not in v:
        raise CelError(f"no such key: {name}")
    return v[name]


def str_of(v):
    if not isinstance(v, str):
        raise CelError("no matching overload: startsWith on a non-string")
    return v


def list_of(v):
    if not isinstance(v, list):
        raise CelError("no matching overload: exists on a non-list")
    return v


def evaluate(expression, request):
    env = {"request": request, "object": request.get("object"),
           "oldObject": request.get("oldObject")}
    try:
        v = Parser(expression).parse()(env)
    except CelError as e:
        return f"error: {e}"
    if not isinstance(v, bool):
        return "error: the expression is not a bool"
    return "true" if v else "false"


def matches_rules(rules, request):
    res = request["resource"]
    name = res["resource"] + ("/" + request["subResource"] if request.get("subResource") else "")
    for r in rules:
        def any_of(values, v):
            return "*" in values or v in values
        if (any_of(r["operations"], request["operation"]) and any_of(r["apiGroups"], res["group"])
                and any_of(r["apiVersions"], res["version"]) and any_of(r["resources"], name)):
            return True
    return False


def main():
    if sys.argv[1] == "--expr":
        request = json.load(open(sys.argv[3]))["request"]
        print(evaluate(sys.argv[2], request))
        return
    config = yaml.safe_load(open(sys.argv[1]))
    request = json.load(open(sys.argv[2]))["request"]
    hooks = config["webhooks"]
    if len(sys.argv) > 3:
        hooks = [h for h in hooks if h["name"] == sys.argv[3]]
    hook = hooks[0]
    if not matches_rules(hook["rules"], request):
        print("skip: no rule matches")
        return
    for c in hook.get("matchConditions", []):
        v = evaluate(c["expression"], request)
        if v == "false":
            print(f"skip: {c['name']}")
            return
        if v != "true":
            print(f"{v} (in {c['name']})")
            return
    print("call")


if __name__ == "__main__":
    main()
