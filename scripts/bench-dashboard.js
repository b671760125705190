#!/usr/bin/env node
// Browser benchmark of the dashboard's reaction to an assumption (run by
// `./x bench-ui`, not a test). In headless Chromium, on the release build:
//   1. load a generated 10 000-customer transaction log through the Data
//      page's file input (deterministic: a fixed-seed generator),
//   2. on each dashboard page that has an editable number and a chart,
//      change that number N times, and time each change from the input
//      event to the frame after it (recompute + render + every chart
//      redraw: the canvases are drawn before that frame),
//   3. watch long tasks (> 50 ms) with a PerformanceObserver meanwhile,
// then print p50/p95/max per page, the charts redrawn per change, and the
// longest task.
//
// Usage: BASE_URL=http://127.0.0.1:PORT/ node scripts/bench-dashboard.js
// Environment: CUSTOMERS (default 10000), N (default 50), PAGES (default
// every page: value,churn,nps,drivers,business,maturity,overview),
// CHROMIUM.
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CUSTOMERS = Number(process.env.CUSTOMERS || 10_000);
const N = Number(process.env.N || 50);
const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const PAGES = (process.env.PAGES || 'value,churn,nps,drivers,business,maturity,overview').split(',');

/** mulberry32: a small fixed-seed generator, so every run loads the same data. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A transaction log: each customer buys 1–12 times over two years. */
function dataset(customers) {
  const r = rng(20240601);
  const channels = ['store', 'web', 'app', 'phone'];
  const segments = ['standard', 'premium', 'business'];
  const lines = ['customer_id,order_date,amount,channel,segment'];
  const start = Date.UTC(2023, 0, 1);
  for (let c = 0; c < customers; c++) {
    const orders = 1 + Math.floor(r() * r() * 12);
    const first = Math.floor(r() * 600);
    const basket = 20 + r() * 180;
    const segment = segments[Math.floor(r() * 3)];
    let day = first;
    for (let k = 0; k < orders && day < 730; k++) {
      const d = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      const amount = (basket * (0.6 + 0.8 * r())).toFixed(2);
      lines.push(`C${String(c).padStart(6, '0')},${d},${amount},${channels[Math.floor(r() * 4)]},${segment}`);
      day += 1 + Math.floor(r() * 120);
    }
  }
  return lines.join('\n') + '\n';
}

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page.on('pageerror', (e) => console.error('page error:', String(e)));

  // Count canvas draws: plotters' canvas backend asks for the 2D context
  // once per draw, so getContext calls are charts (re)drawn.
  await page.addInitScript(() => {
    window.__draws = 0;
    const get = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (...args) {
      if (this.isConnected) window.__draws++;
      return get.apply(this, args);
    };
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });

  const tmp = fs.mkdtempSync('/tmp/cxi-bench-ui-');
  const file = path.join(tmp, `customers-${CUSTOMERS}.csv`);
  const csv = dataset(CUSTOMERS);
  fs.writeFileSync(file, csv);
  const rows = csv.split('\n').length - 2;

  await page.goto(`${BASE_URL}#/data`);
  await page.locator('#data-heading').waitFor();
  const tLoad = Date.now();
  await page.setInputFiles('#data-file', file);
  await page.waitForFunction((name) => document.querySelector('#data-in-use')?.textContent.includes(name),
    path.basename(file), { timeout: 120_000 });
  console.log(`data: ${CUSTOMERS} customers, ${rows} transactions (${(csv.length / 1024).toFixed(0)} KiB), `
    + `in use after ${Date.now() - tLoad} ms (file input to validated, wall clock)`);

  const results = [];
  for (const name of PAGES) {
    await page.goto(`${BASE_URL}#/${name}`);
    await page.locator('main h2').first().waitFor();
    await page.waitForTimeout(300);
    const r = await page.evaluate(async ({ N }) => {
      const input = [...document.querySelectorAll('main input[type="text"][inputmode="decimal"]')]
        .find((i) => i.offsetParent !== null && i.value.trim() !== '' && Number.isFinite(Number(i.value.replace(',', '.'))));
      const canvases = [...document.querySelectorAll('main canvas')].filter((c) => c.offsetParent !== null);
      // A page without a number of its own recomputes on the currency
      // setting instead (every figure and chart follows it).
      const currency = document.querySelector('#currency');
      const label = input
        ? (document.querySelector(`label[for="${input.id}"]`)?.textContent || input.id)
        : 'currency setting (no number on the page)';
      const base = input ? Number(input.value.replace(',', '.')) : 0;
      const baseCurrency = currency.value;
      const other = [...currency.options].map((o) => o.value).find((v) => v !== baseCurrency);
      const change = (k) => {
        if (input) {
          // Alternate around the starting value so the page recomputes each time.
          const v = base * (k % 2 === 0 ? 1.01 + 0.001 * k : 1);
          input.value = String(Math.round(v * 1000) / 1000);
          input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        } else {
          currency.value = k % 2 === 0 ? other : baseCurrency;
          currency.dispatchEvent(new Event('change', { bubbles: true }));
        }
      };
      // After the microtasks the app renders and draws in: the work itself.
      const task = () => new Promise((res) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => res();
        ch.port2.postMessage(0);
      });
      // After the next frame: what the user waits for.
      const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
      await frame();
      const work = [];
      const times = [];
      const draws = [];
      const longBefore = window.__longTasks.length;
      const t0 = performance.now();
      for (let k = 0; k < N; k++) {
        const d0 = window.__draws;
        performance.mark(`change-${k}`);
        change(k);
        await task();
        work.push(performance.measure(`work-${k}`, `change-${k}`).duration);
        await frame();
        times.push(performance.measure(`update-${k}`, `change-${k}`).duration);
        draws.push(window.__draws - d0);
      }
      const t1 = performance.now();
      // Put the value back.
      change(1);
      await frame();
      const long = window.__longTasks.slice(longBefore).filter((t) => t.start >= t0 && t.start <= t1);
      return {
        label, charts: canvases.length, times, work, draws,
        longTasks: long.length, longest: long.reduce((m, t) => Math.max(m, t.duration), 0),
      };
    }, { N });
    results.push({ name, ...r });
  }
  await browser.close();

  console.log(`\n${N} changes per page, ms from the input event: "work" = until the app's`
    + ' render and chart draws are done (next task), "frame" = until the next frame');
  console.log('page        changed                                 charts  redrawn  work p50   p95  frame p50   p95   max  long tasks (longest)');
  for (const r of results) {
    if (r.skipped) {
      console.log(`${r.name.padEnd(11)} skipped: ${r.skipped}`);
      continue;
    }
    const s = [...r.times].sort((a, b) => a - b);
    const w = [...r.work].sort((a, b) => a - b);
    const redrawn = [...r.draws].sort((a, b) => a - b);
    const f = (v) => v.toFixed(1).padStart(5);
    console.log(`${r.name.padEnd(11)} ${r.label.slice(0, 38).padEnd(39)} ${String(r.charts).padStart(6)}  `
      + `${String(quantile(redrawn, 0.5)).padStart(7)}  ${f(quantile(w, 0.5))}    ${f(quantile(w, 0.95))} `
      + `${f(quantile(s, 0.5))}     ${f(quantile(s, 0.95))} ${f(s[s.length - 1])}  `
      + `${r.longTasks} (${r.longest.toFixed(0)} ms)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
