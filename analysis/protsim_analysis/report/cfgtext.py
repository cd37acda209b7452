"""cfgtext - read libconfig text (a result file's resolved scenario, a lesson file).

The subset protsim writes and lessons use: settings `name = value;` (or `:`), groups
{ }, lists ( ), arrays [ ], strings with C escapes, integers (with an optional L),
reals, true/false, and # or // comments. parse() returns plain dicts and lists; each
group also records the line of each of its settings under the key LINES, so that a
checker can say FILE:LINE.
"""

import re

LINES = "__lines__"

_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+) | (?P<nl>\n) | (?P<comment>(\#|//)[^\n]*) |
    (?P<block>/\*.*?\*/) |
    (?P<string>"(?:[^"\\\n]|\\.)*") |
    (?P<number>[-+]?(0x[0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)L{0,2}) |
    (?P<name>[A-Za-z*][-A-Za-z0-9_*]*) |
    (?P<punct>[=:;,{}()\[\]])
""", re.X | re.S)


class ConfigError(Exception):
    """FILE:LINE: what is wrong, as protsim says it."""


def _tokens(text, where):
    pos, line = 0, 1
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ConfigError("%s:%d: cannot read %r" % (where, line, text[pos:pos + 20]))
        kind = m.lastgroup
        value = m.group(kind)
        if kind not in ("ws", "nl", "comment", "block"):
            yield kind, value, line
        line += value.count("\n")
        pos = m.end()
    yield "end", "", line


def _scalar(kind, value, where, line):
    if kind == "string":
        return bytes(value[1:-1], "utf-8").decode("unicode_escape")
    if kind == "number":
        v = value.rstrip("L")
        if v.lower().startswith(("0x", "-0x", "+0x")):
            return int(v, 16)
        if re.fullmatch(r"[-+]?\d+", v):
            return int(v)
        return float(v)
    if kind == "name" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ConfigError("%s:%d: unexpected %r" % (where, line, value))


class _Parser:
    def __init__(self, text, where):
        self.where = where
        self.toks = list(_tokens(text, where))
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self, want=None):
        tok = self.toks[self.i]
        if want is not None and tok[1] != want:
            raise ConfigError("%s:%d: expected %r, found %r" %
                              (self.where, tok[2], want, tok[1] or "end of file"))
        self.i += 1
        return tok

    def settings(self, close):
        group = {LINES: {}}
        while self.peek()[1] != close and self.peek()[0] != "end":
            kind, name, line = self.take()
            if kind != "name":
                raise ConfigError("%s:%d: expected a setting name, found %r" %
                                  (self.where, line, name))
            if self.peek()[1] not in ("=", ":"):
                raise ConfigError("%s:%d: expected '=' after %s" % (self.where, line, name))
            self.take()
            if name in group:
                raise ConfigError("%s:%d: %s: given twice" % (self.where, line, name))
            group[name] = self.value()
            group[LINES][name] = line
            if self.peek()[1] in (";", ","):
                self.take()
        if close == "":
            if self.peek()[0] != "end":
                raise ConfigError("%s:%d: unexpected %r" % (self.where, self.peek()[2],
                                                            self.peek()[1]))
        else:
            self.take(close)
        return group

    def value(self):
        kind, v, line = self.take()
        if v == "{":
            return self.settings("}")
        if v in ("(", "["):
            close = ")" if v == "(" else "]"
            items = []
            while self.peek()[1] != close:
                items.append(self.value())
                if self.peek()[1] == ",":
                    self.take()
                elif self.peek()[1] != close:
                    raise ConfigError("%s:%d: expected ',' or %r" %
                                      (self.where, self.peek()[2], close))
            self.take(close)
            return items
        return _scalar(kind, v, self.where, line)


def parse(text, where="<text>"):
    """The settings of libconfig text as nested dicts and lists; ConfigError on bad text."""
    return _Parser(text, where).settings("")


def line_of(group, key, default=0):
    return group.get(LINES, {}).get(key, default)


def plain(value):
    """value without the LINES bookkeeping (for JSON)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != LINES}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
