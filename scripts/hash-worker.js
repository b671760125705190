#!/usr/bin/env node
// Trunk post-build hook (Trunk.toml): gives the data worker's files names
// that change with their content, so that a page of one deploy never starts
// the worker of another from a cache.
//
// Trunk names a worker's glue and wasm after the binary (cxi-data-worker.js,
// cxi-data-worker_bg.wasm) without a hash, and copies nothing else for it.
// In the staging folder this hook
//   * renames both to cxi-data-worker-<hash>.js and cxi-data-worker-<hash>_bg.wasm,
//   * writes the loader (src/data-worker-loader.js with those names) as
//     data-worker-loader-<hash>.js, whose hash therefore covers all three,
//   * points index.html's <meta name="cxi-data-worker"> at the loader, which is
//     where the page looks for the worker (src/ui/data/engine.rs).
// Names stay relative (./), so dist/ still works under any sub-path.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
if (!staging) {
  console.error('hash-worker: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}

const hash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);

function hashed(name, suffix) {
  const from = path.join(staging, `${name}${suffix}`);
  const bytes = fs.readFileSync(from);
  const to = `${name}-${hash(bytes)}${suffix}`;
  fs.renameSync(from, path.join(staging, to));
  return to;
}

const js = hashed('cxi-data-worker', '.js');
const wasm = hashed('cxi-data-worker', '_bg.wasm');

const template = fs.readFileSync(path.join(source, 'src', 'data-worker-loader.js'), 'utf8');
const loader = template
  .replace("'./cxi-data-worker.js'", `'./${js}'`)
  .replace("'./cxi-data-worker_bg.wasm'", `'./${wasm}'`);
if (!loader.includes(js) || !loader.includes(wasm)) {
  console.error('hash-worker: src/data-worker-loader.js no longer names the worker files as expected');
  process.exit(1);
}
const loaderName = `data-worker-loader-${hash(loader)}.js`;
fs.writeFileSync(path.join(staging, loaderName), loader);

const index = path.join(staging, 'index.html');
const html = fs.readFileSync(index, 'utf8');
const meta = /(<meta\s+name="cxi-data-worker"\s+content=")[^"]*(")/;
if (!meta.test(html)) {
  console.error('hash-worker: index.html has no <meta name="cxi-data-worker" content="...">');
  process.exit(1);
}
fs.writeFileSync(index, html.replace(meta, `$1./${loaderName}$2`));
console.log(`hash-worker: ${loaderName} loads ${js} and ${wasm}`);
