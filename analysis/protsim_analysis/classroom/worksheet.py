"""worksheet - a lesson's worksheet (docs/classroom/NN-name.md) as HTML for the page.

The worksheet is found from the lessons' folder LESSONS: in the source tree at
LESSONS/../../docs/classroom/NAME (scenarios/classroom -> docs/classroom), installed at
LESSONS/../../../doc/protsim/classroom/NAME (share/protsim/scenarios/classroom ->
share/doc/protsim/classroom, where cmake --install puts docs/classroom). The Markdown the worksheets use: headings, paragraphs,
lists, fenced code, `code`, **bold** and [links](...), which become their text.
"""

import html
import os
import re


WHERE = (("..", "..", "docs", "classroom"),                # the source tree
         ("..", "..", "..", "doc", "protsim", "classroom"))   # installed


def path_of(lesson):
    for base in (os.path.realpath(lesson.dir), lesson.dir):
        for where in WHERE:
            p = os.path.join(base, *where, lesson.worksheet_name)
            if lesson.worksheet_name and os.path.isfile(p):
                return os.path.normpath(p)
    return None


def _inline(text):
    t = html.escape(text, quote=False)
    t = re.sub(r"`([^`]+)`", r"<code>\1</code>", t)
    t = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"<i>\1</i>", t)
    t = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", t)
    return t


def to_html(md):
    out, para, items, code, indented = [], [], None, None, False
    def flush():
        nonlocal para, items
        if para:
            out.append("<p>%s</p>" % _inline(" ".join(para)))
            para = []
        if items is not None:
            tag, lis = items
            out.append("<%s>%s</%s>" % (tag, "".join("<li>%s</li>" % _inline(i) for i in lis), tag))
            items = None
    for line in md.splitlines():
        if code is not None:
            if line.startswith("```"):
                out.append("<pre>%s</pre>" % html.escape("\n".join(code)))
                code = None
            else:
                code.append(line)
            continue
        if line.startswith("```"):
            flush()
            code = []
            continue
        if line.startswith("    ") and items is None and not para:
            if out and out[-1].startswith("<pre>") and out[-1].endswith("</pre>") and indented:
                out[-1] = out[-1][:-len("</pre>")] + "\n" + html.escape(line[4:]) + "</pre>"
            else:
                out.append("<pre>%s</pre>" % html.escape(line[4:]))
            indented = True
            continue
        indented = False
        m = re.match(r"(#{1,4})\s+(.*)", line)
        li = re.match(r"\s*(?:[-*]|(\d+)\.)\s+(.*)", line)
        if m:
            flush()
            out.append("<h%d>%s</h%d>" % (len(m.group(1)), _inline(m.group(2)), len(m.group(1))))
        elif li:
            if para:
                flush()
            tag = "ol" if li.group(1) else "ul"
            if items is None or items[0] != tag:
                flush()
                items = (tag, [])
            items[1].append(li.group(2))
        elif not line.strip():
            flush()
        elif items is not None and line.startswith("  "):
            items[1][-1] += " " + line.strip()
        else:
            if items is not None:
                flush()
            para.append(line.strip())
    flush()
    if code is not None:
        out.append("<pre>%s</pre>" % html.escape("\n".join(code)))
    return "\n".join(out)


def html_of(lesson):
    p = path_of(lesson)
    if p is None:
        return "<p>(The worksheet %s is not installed beside the lessons.)</p>" % html.escape(
            lesson.worksheet_name)
    with open(p, encoding="utf-8") as fh:
        return to_html(fh.read())
