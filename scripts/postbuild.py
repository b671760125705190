#!/usr/bin/env python3
"""Trunk post-build hook (Trunk.toml [[hooks]]), run in Trunk's staging folder.

Every build first gets its data worker's files named by content (Trunk does
not hash a worker): cxi-data-worker-<hash>.js and cxi-data-worker-<hash>_bg.wasm,
a loader data-worker-loader-<hash>.js written from crates/worker/data-worker-loader.js
with those names (its hash therefore covers all three), and index.html's
<meta name="cxi-data-worker"> pointed at it, which is where the page looks for
the worker (src/ui/data/engine.rs). A page of one deploy then never starts the
worker of another from a cache. Names stay relative, so dist/ works under any
sub-path.

Release builds also get:
1. a Content-Security-Policy <meta> in index.html: no third-party origin, no
   inline script but Trunk's loader (allowed by its sha256 hash), wasm allowed
   ('wasm-unsafe-eval'), connections to the app's own origin only;
2. dist/cx-impact-offline.html: the whole app in one HTML file that works from
   file:// (CSS, JS glue, the page's wasm and the data worker inlined; the
   wasm as base64 of gzip, unpacked with DecompressionStream; the worker
   started from a blob: URL), with its own CSP;
3. the service worker's cache list (every file of the build) and a cache
   name from a hash of the build.

Debug builds (`trunk serve`) only get 3: Trunk's live-reload script would
break under the CSP, and the offline copy is a release artefact.

Usage: Trunk sets TRUNK_STAGING_DIR and TRUNK_PROFILE; by hand:
`python3 scripts/postbuild.py DIR [release|debug]`.
"""

import base64
import gzip
import hashlib
import json
import os
import re
import sys
from pathlib import Path

OFFLINE = "cx-impact-offline.html"
SW = "sw.js"

HTTP_CSP = (
    "default-src 'self'; script-src 'self' {hashes} 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'none'"
)
# From file:// there is no 'self' to speak of: everything is inline or blob:.
FILE_CSP = (
    "default-src 'none'; script-src {hashes} 'wasm-unsafe-eval'; style-src {style}; "
    "img-src data: blob:; worker-src blob:; connect-src 'none'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def hash_worker(staging: Path, source: Path) -> tuple[str, str]:
    """Renames the worker's glue and wasm by content, writes its loader and
    points index.html at it; returns the new glue and wasm names."""
    names = []
    for suffix in (".js", "_bg.wasm"):
        path = staging / f"cxi-data-worker{suffix}"
        name = f"cxi-data-worker-{content_hash(path.read_bytes())}{suffix}"
        path.rename(staging / name)
        names.append(name)
    js, wasm = names
    template = (source / "crates" / "worker" / "data-worker-loader.js").read_text()
    loader = template.replace("'./cxi-data-worker.js'", f"'./{js}'").replace(
        "'./cxi-data-worker_bg.wasm'", f"'./{wasm}'")
    if js not in loader or wasm not in loader:
        sys.exit("postbuild: crates/worker/data-worker-loader.js no longer names the worker files as expected")
    loader_name = f"data-worker-loader-{content_hash(loader.encode())}.js"
    (staging / loader_name).write_text(loader)
    index = staging / "index.html"
    html, n = re.subn(r'(<meta\s+name="cxi-data-worker"\s+content=")[^"]*(")',
                      rf"\g<1>./{loader_name}\g<2>", index.read_text())
    if n != 1:
        sys.exit('postbuild: index.html has no <meta name="cxi-data-worker" content="...">')
    index.write_text(html)
    print(f"postbuild: {loader_name} loads {js} and {wasm}", file=sys.stderr)
    return js, wasm


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def csp_meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'


def add_csp(index: Path) -> None:
    html = index.read_text()
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    scripts = re.findall(r"<script(?: [^>]*)?>(.*?)</script>", html, re.S)
    if not scripts:
        sys.exit("postbuild: no inline script found in index.html (Trunk's loader)")
    policy = HTTP_CSP.format(hashes=" ".join(sha256(s) for s in scripts))
    # First in <head>, so it governs every element after it.
    html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + csp_meta(policy), 1)
    index.write_text(html)


def b64gz(data: bytes) -> str:
    return base64.b64encode(gzip.compress(data, 9, mtime=0)).decode()


BOOT = """
// --- single-file start (scripts/postbuild.py) ---
const cxiBytes = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));
const cxiGunzip = (u8) => new Response(new Blob([u8]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
// The data worker, from a blob: URL (there are no files beside this one).
const cxiWorkerGlue = new TextDecoder().decode(cxiBytes('cxi-worker-js'));
const cxiWorkerBoot = `
;(async () => {
  const raw = Uint8Array.from(atob(self.cxiWasm), (c) => c.charCodeAt(0));
  const buf = await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  await wasm_bindgen({ module_or_path: buf });
})();
`;
window.__cxiWorkerUrl = URL.createObjectURL(new Blob([
  cxiWorkerGlue, '\\nself.cxiWasm = "', document.getElementById('cxi-worker-wasm').textContent.trim(), '";\\n', cxiWorkerBoot,
], { type: 'text/javascript' }));
await __wbg_init({ module_or_path: await cxiGunzip(cxiBytes('cxi-wasm')) });
"""


def single_file(staging: Path, worker: tuple[str, str]) -> None:
    index = (staging / "index.html").read_text()
    glue_name = re.search(r"import init, \* as bindings from '\./([^']+\.js)'", index).group(1)
    wasm_name = re.search(r"module_or_path: '\./([^']+\.wasm)'", index).group(1)
    css_name = re.search(r'<link rel="stylesheet" href="\./([^"]+\.css)"', index).group(1)
    glue = (staging / glue_name).read_text()
    if re.search(r"^\s*import\s", glue, re.M):
        sys.exit("postbuild: the JS glue imports other modules (snippets): inline them first")
    css = (staging / css_name).read_text()
    for text, what in ((glue, "glue"), (css, "css")):
        if "</script" in text.lower() or "</style" in text.lower():
            sys.exit(f"postbuild: the {what} contains a closing tag and cannot be inlined")
    module = glue + BOOT
    style = css
    worker_js = (staging / worker[0]).read_bytes()
    worker_wasm = (staging / worker[1]).read_bytes()
    wasm = (staging / wasm_name).read_bytes()
    head = index.split("<head>", 1)[1].split("</head>", 1)[0]
    keep = [m for m in re.findall(r"\s*(<meta (?:name|charset)[^>]*>)", head)]
    title = re.search(r"<title>.*?</title>", head, re.S).group(0)
    noscript = re.search(r"<noscript>.*?</noscript>", index, re.S).group(0)
    lang = re.search(r'<html lang="([a-z]+)"', index).group(1)
    policy = FILE_CSP.format(hashes=sha256(module), style=sha256(style))
    out = "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        keep[0],
        csp_meta(policy),
        *keep[1:],
        title,
        '<link rel="icon" href="data:," />',
        f"<style>{style}</style>",
        # Data blocks: never executed, read by the start code below.
        f'<script type="application/octet-stream" id="cxi-wasm">{b64gz(wasm)}</script>',
        f'<script type="application/octet-stream" id="cxi-worker-wasm">{b64gz(worker_wasm)}</script>',
        f'<script type="application/octet-stream" id="cxi-worker-js">{base64.b64encode(worker_js).decode()}</script>',
        f'<script type="module">{module}</script>',
        "</head>",
        "<body>",
        noscript,
        "</body>",
        "</html>",
        "",
    ])
    (staging / OFFLINE).write_text(out)
    print(f"postbuild: {OFFLINE} {len(out.encode()) / 1024:.0f} KB", file=sys.stderr)


def service_worker(staging: Path) -> None:
    sw = staging / SW
    if not sw.exists():
        return
    files = sorted(
        p.relative_to(staging).as_posix()
        for p in staging.rglob("*")
        if p.is_file() and p.name not in (SW, OFFLINE)
    )
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.encode() + b"\0" + (staging / f).read_bytes())
    version = digest.hexdigest()[:16]
    assets = ["./"] + [f"./{f}" for f in files]
    text = sw.read_text()
    text, n1 = re.subn(r"const CACHE_VERSION = '[^']*';", f"const CACHE_VERSION = '{version}';", text)
    text, n2 = re.subn(r"const ASSETS = \[[^\]]*\];", "const ASSETS = " + json.dumps(assets) + ";", text)
    if n1 != 1 or n2 != 1:
        sys.exit("postbuild: sw.js lost its CACHE_VERSION/ASSETS lines")
    sw.write_text(text)
    print(f"postbuild: sw.js caches {len(assets)} entries as cx-impact-{version}", file=sys.stderr)


def main() -> None:
    staging = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
    profile = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("TRUNK_PROFILE", "release")
    source = Path(os.environ.get("TRUNK_SOURCE_DIR", Path(__file__).resolve().parent.parent))
    worker = hash_worker(staging, source)
    if profile == "release":
        add_csp(staging / "index.html")
        single_file(staging, worker)
    service_worker(staging)


if __name__ == "__main__":
    main()
