#!/usr/bin/env python3
"""Fails when the modules of any crate of the workspace depend on each other in a loop.

Cargo already keeps the crates acyclic; this keeps each crate's files so: a module may use
its children and its siblings, but two modules never use each other, directly or through
others. Nodes are the crate's file modules (`src/a/b.rs` is `a::b`); an edge A -> B is a
path in A (a `use`, a type, a call, a doc link) that names an item of B. Test code is left
out: inline `#[cfg(test)] mod ... { }` blocks and files declared under `#[cfg(test)]`.

Usage: scripts/module_cycles.py [CRATE_SRC_DIR ...]   (default: every crate's src/ and src/)
Prints each loop found and exits 1, or prints one line per crate and exits 0.
"""
import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
PATH_RE = re.compile(r"\b((?:" + IDENT + r"::)+" + IDENT + r")")
USE_RE = re.compile(r"(?m)^[ \t]*(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]*);")
MOD_DECL = re.compile(r"(?m)^[ \t]*((?:#\[[^\]]*\][ \t]*\n?[ \t]*)*)(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;")
# `#[cfg(test)]`, `#[cfg(all(test, ...))]`: code that only test builds compile.
CFG_TEST = r"#\[cfg\((?:all\()?test\b[^\]]*\]"
CFG_TEST_INLINE = re.compile(CFG_TEST + r"\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+" + IDENT + r"\s*\{")


def strip_comments_and_strings(text):
    """Blanks out string literals and comments (keeping doc links would make prose an edge)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'r(#*)"', text[i:])
            close = '"' + m.group(1)
            j = text.find(close, i + len(m.group(0)))
            j = n if j < 0 else j + len(close)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(re.sub(r"[^\n]", " ", text[i:j + 1]))
            i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:i + 4]):
            m = re.match(r"'(\\.|[^\\'])'", text[i:i + 4])
            out.append(" " * len(m.group(0)))
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def blank_cfg_test_blocks(text):
    """Blanks inline #[cfg(test)] modules."""
    while True:
        m = CFG_TEST_INLINE.search(text)
        if not m:
            return text
        depth, i = 0, m.end() - 1
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        text = text[:m.start()] + re.sub(r"[^\n]", " ", text[m.start():i + 1]) + text[i + 1:]


def crate_modules(src):
    """{module path: file} for the file modules reachable from lib.rs/main.rs, test files left out."""
    mods = {}
    roots = [f for f in ("lib.rs", "main.rs") if os.path.exists(os.path.join(src, f))]

    def visit(mod, path):
        mods[mod] = path
        text = strip_comments_and_strings(open(path, encoding="utf-8").read())
        base = os.path.dirname(path)
        if not (path.endswith("mod.rs") or os.path.basename(path) in ("lib.rs", "main.rs")):
            base = os.path.join(base, os.path.basename(path)[:-3])
        for m in MOD_DECL.finditer(text):
            attrs, name = m.group(1), m.group(2)
            if re.search(CFG_TEST, attrs):
                continue
            child = (mod + "::" + name) if mod else name
            for cand in (os.path.join(base, name + ".rs"), os.path.join(base, name, "mod.rs")):
                if os.path.exists(cand):
                    visit(child, cand)
                    break

    for r in roots:
        visit("", os.path.join(src, r))
    return mods


def expand_use(body):
    """Leaf paths of a use tree, as lists of segments (aliases and globs dropped)."""
    body = re.sub(r"\s+", "", body)

    def tree(s, i, prefix):
        segs = list(prefix)
        out = []
        while i < len(s):
            if s[i] == "{":
                i += 1
                while s[i] != "}":
                    sub, i = tree(s, i, segs)
                    out.extend(sub)
                    if s[i] == ",":
                        i += 1
                return out, i + 1
            if s[i] == "*":
                return [segs], i + 1
            m = re.compile(IDENT).match(s, i)
            if not m:
                return [segs], i
            segs.append(m.group(0))
            i = m.end()
            if s.startswith("::", i):
                i += 2
                continue
            if s.startswith("as", i):
                m2 = re.compile("as" + IDENT).match(s, i)
                if m2:
                    i = m2.end()
            return [segs], i
        return [segs], i

    leaves, _ = tree(body, 0, [])
    return [l for l in leaves if l]


def resolve(mods, here, segs):
    """The file module a path (from module `here`) points into, or None."""
    head = segs[0]
    if head == "crate":
        cur, rest = [], segs[1:]
    elif head in ("super", "self"):
        cur = here.split("::") if here else []
        rest = segs
        while rest and rest[0] in ("super", "self"):
            if rest[0] == "super":
                cur = cur[:-1]
            rest = rest[1:]
    else:
        # a child module of `here`, or a top-level module (2018 paths inside the crate root)
        cur = here.split("::") if here else []
        child = "::".join(cur + [head])
        if child in mods:
            rest = segs
        elif head in mods:
            cur, rest = [], segs
        else:
            return None
    target = "::".join(cur)
    for k, seg in enumerate(rest):
        nxt = (target + "::" + seg) if target else seg
        if nxt in mods:
            target = nxt
        else:
            break
    return target


def edges_of(mods):
    graph = {m: set() for m in mods}
    for mod, path in mods.items():
        text = blank_cfg_test_blocks(strip_comments_and_strings(open(path, encoding="utf-8").read()))
        paths = []
        for m in USE_RE.finditer(text):
            paths.extend(expand_use(m.group(1)))
        text_wo_use = USE_RE.sub("", text)
        for m in PATH_RE.finditer(text_wo_use):
            paths.append(m.group(1).split("::"))
        for segs in paths:
            t = resolve(mods, mod, segs)
            if t is None or t == mod:
                continue
            # containment is not use: a parent naming its child's items is an edge,
            # but `mod child;` itself is not, and the crate root's re-exports are the API.
            graph[mod].add(t)
    return graph


def sccs(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dirs = argv or sorted(
        [os.path.join(root, "crates", c, "src") for c in os.listdir(os.path.join(root, "crates"))]
    ) + [os.path.join(root, "src")]
    bad = 0
    for src in dirs:
        src = os.path.abspath(src)
        if not os.path.isdir(src):
            continue
        mods = crate_modules(src)
        graph = edges_of(mods)
        loops = [c for c in sccs(graph) if len(c) > 1]
        name = os.path.relpath(os.path.dirname(src), root) or "."
        if loops:
            bad += 1
            for c in loops:
                print(f"{name}: loop between {len(c)} modules: " + ", ".join(x or "(root)" for x in c))
                for a in c:
                    inside = sorted(b for b in graph[a] if b in c)
                    print(f"    {a or '(root)'} -> {', '.join(b or '(root)' for b in inside)}")
        else:
            n_edges = sum(len(v) for v in graph.values())
            print(f"{name}: {len(mods)} modules, {n_edges} edges, no loop")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
