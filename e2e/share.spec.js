// Share, save, embed, offline and privacy, end to end against the release build.
const path = require('node:path');
const fs = require('node:fs');
const { test, expect } = require('@playwright/test');
const { coreClv, watchConsole } = require('./helpers');
const { AppPage, ClvPage, DataPage, ShareToolbar } = require('./pages');

const DIST = path.join(__dirname, '..', 'dist');
const MONTHLY_10PCT = Math.pow(1.1, 1 / 12) - 1;

/** Records CSP violations (the event and the console line) from the first script on. */
async function watchCsp(page) {
  const seen = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) seen.push(m.text());
  });
  return async () => seen.concat(await page.evaluate(() => window.__csp || []));
}

// Retention 90 % typed in: the shown CLV is the native core's, and the
// chart is drawn (the app works, wherever it was loaded from).
async function expectCalculatorWorks(page) {
  const clv = new ClvPage(page);
  await clv.setRetention('90');
  const core = coreClv(['--margin', '50', '--retention', '0.9',
    '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
  expect(Math.abs((await clv.shownValue()) - core.clv)).toBeLessThan(1e-9 * core.clv);
  expect(await clv.canvasInk()).toBeGreaterThan(0.02);
}

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('copy link, open it in a new page: the same scenario and values', async ({ page, browser }) => {
    const problems = watchConsole(page);
    const clv = new ClvPage(page);
    const share = new ShareToolbar(page);
    await clv.resize(1280, 800);
    await clv.goto();
    await clv.setMargin('72,5');
    await clv.setRetention('91');
    await clv.setCurrency('CHF');
    const shown = await clv.shownValue();
    const link = await share.copyLink();
    expect(link).toMatch(/#\/value\?s=v1\.[A-Za-z0-9_-]+$/);
    await expect(share.notice).toContainText('never its rows');
    await clv.screenshot('share-en-1280x800');

    // A new browser context: no autosave, no service worker, only the link.
    const other = await browser.newContext({ locale: 'en-GB' });
    const p2 = await other.newPage();
    const problems2 = watchConsole(p2);
    const clv2 = new ClvPage(p2);
    await p2.goto(link);
    await expect(clv2.value).toHaveAttribute('data-value', String(shown));
    await expect(clv2.marginInput).toHaveValue('72.5');
    await expect(clv2.retentionInput).toHaveValue('91');
    await expect(clv2.currency()).toHaveValue('CHF');
    await expect(new ShareToolbar(p2).notice).toHaveText(/Scenario opened from the link\./);
    // The address drops the scenario once read; the page stays.
    await expect.poll(() => p2.evaluate(() => location.hash)).toBe('#/value');
    const core = coreClv(['--margin', '72.5', '--retention', '0.91',
      '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
    expect(Math.abs(shown - core.clv)).toBeLessThan(1e-9 * core.clv);
    await other.close();
    expect(problems).toEqual([]);
    expect(problems2).toEqual([]);
  });

  test('damaged and crafted links: a clear message, the app works, markup stays text', async ({ page }) => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const cases = [
      ['#/value?s=v1.AAAA', /damaged or truncated/],
      ['#/value?s=v9.abc', /newer version of CX Impact/],
      ['#/value?s=hello', /not a CX Impact scenario link/],
      [`#/value?s=v1.${'A'.repeat(40000)}`, /too long/],
    ];
    const clv = new ClvPage(page);
    const share = new ShareToolbar(page);
    for (const [hash, message] of cases) {
      await page.goto(`./${hash}`);
      await expect(share.notice).toContainText(message);
      await expect(share.notice).toHaveAttribute('role', 'alert');
      await clv.setRetention('90');
      expect(await clv.shownValue()).toBeGreaterThan(0);
    }
    // A valid link whose string field carries markup (built by the app's own codec).
    const evil = '<img src=x onerror="window.__pwned=1;alert(1)">';
    await page.evaluate(() => localStorage.clear());
    const overview = new AppPage(page, 'overview');
    await overview.goto();
    await expect(overview.heading()).toBeVisible();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('cx-impact.scenario'))).not.toBeNull();
    const fragment = await page.evaluate(async (name) => {
      // The scenario in storage form, with markup in the data source's name.
      const s = JSON.parse(localStorage.getItem('cx-impact.scenario'));
      s.tables = [{
        source: { name, kind: 'file', bytes: 10 },
        mapping: { shape: 'transactions', columns: [], date_order: null, decimal: null, period: null },
        summary: { rows: 1, rows_ok: 1, rows_with_problems: 0, rows_excluded: 0, problems: 0 },
        digest: { rows: 1 },
      }];
      s.segment = name;
      const raw = new TextEncoder().encode(JSON.stringify(s));
      const cs = new CompressionStream('deflate-raw');
      const packed = new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(cs)).arrayBuffer());
      let bin = '';
      packed.forEach((b) => { bin += String.fromCharCode(b); });
      return 'v1.' + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }, evil);
    await page.goto(`./#/data?s=${fragment}`);
    await expect(share.notice).toHaveText(/Scenario opened from the link/);
    await expect(new DataPage(page).inUse).toContainText(evil);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => /\/x$/.test(u))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('autosave: a change survives a reload; reset, then undo', async ({ page }) => {
    const problems = watchConsole(page);
    const clv = new ClvPage(page);
    const share = new ShareToolbar(page);
    await clv.goto();
    await clv.setRetention('88');
    const v88 = await clv.shownValue();
    await page.reload();
    await expect(clv.retentionInput).toHaveValue('88');
    expect(await clv.shownValue()).toBe(v88);

    await share.reset();
    await expect(clv.retentionInput).toHaveValue('95');
    await expect(share.notice).toContainText('Scenario reset.');
    await share.undo();
    await expect(clv.retentionInput).toHaveValue('88');
    await expect(share.notice).toContainText('Your previous scenario is back.');
    expect(await clv.shownValue()).toBe(v88);
    // The undone state is what is saved.
    await page.reload();
    await expect(clv.retentionInput).toHaveValue('88');
    expect(problems).toEqual([]);
  });

  test('save a file, open it back; an invalid file changes nothing', async ({ page }, info) => {
    const problems = watchConsole(page);
    const clv = new ClvPage(page);
    const share = new ShareToolbar(page);
    await clv.goto();
    await clv.setRetention('93');
    const v93 = await clv.shownValue();
    const download = await share.save();
    expect(download.suggestedFilename()).toBe('cx-impact-scenario.cxi.json');
    const saved = info.outputPath('saved.cxi.json');
    await download.saveAs(saved);
    const json = JSON.parse(fs.readFileSync(saved, 'utf8'));
    expect(json.version).toBe(2);
    expect(json.tables).toEqual([]);
    expect(json.clv.retention_pct).toBe(93);

    await clv.setRetention('80');
    await share.openFile(saved);
    await expect(share.notice).toContainText('Scenario opened from saved.cxi.json.');
    await expect(clv.retentionInput).toHaveValue('93');
    expect(await clv.shownValue()).toBe(v93);

    // Invalid: not JSON, a wrong version, a wrong type. The scenario stays.
    const bad = [
      ['broken.cxi.json', '{"version": 1, "clv": ', /not a valid scenario/],
      ['future.cxi.json', JSON.stringify({ ...json, version: 7 }), /newer version/],
      ['typed.cxi.json', JSON.stringify({ ...json, currency: '<b>XYZ</b>' }), /not a valid scenario/],
    ];
    for (const [name, text, message] of bad) {
      await share.openFile({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect(share.notice).toContainText(`${name} was not opened`);
      await expect(share.notice).toContainText(message);
      await expect(clv.retentionInput).toHaveValue('93');
    }
    expect(await share.notice.locator('b').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  test('embed=1 fits an 800×600 iframe: no header, no navigation, no horizontal scroll', async ({ page }) => {
    const problems = watchConsole(page);
    const clv = new ClvPage(page);
    await clv.resize(800, 600);
    await page.goto('./?embed=1#/value');
    await expect(clv.value).toBeVisible();
    await expect(clv.header).toHaveCount(0);
    await expect(clv.nav).toHaveCount(0);
    await expect(new ShareToolbar(page).bar).toHaveCount(0);
    const overflow = await clv.horizontalOverflow();
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await clv.canvasInk()).toBeGreaterThan(0.02);
    await clv.screenshot('share-embed-en-800x600');
    // The fragment form, with compact navigation: it stays embedded from page to page.
    await page.goto('./#/overview&embed=1&nav=1');
    await expect(clv.header).toHaveCount(0);
    await clv.openFromNav();
    await expect(clv.value).toBeVisible();
    expect(await page.evaluate(() => location.hash)).toBe('#/value?embed=1&nav=1');
    // An embed never writes the visitor's own autosave.
    expect(await page.evaluate(() => localStorage.getItem('cx-impact.scenario'))).toBeNull();
    expect(problems).toEqual([]);
  });

  test('print: overview, business case and assumptions on A4', async ({ page }, info) => {
    const problems = watchConsole(page);
    const share = new ShareToolbar(page);
    await new ClvPage(page).goto();
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await share.print();
    await expect.poll(() => page.evaluate(() => window.__printed)).toBe(true);
    await expect(share.printed('overview')).toBeVisible();
    await expect(share.printed('business')).toBeVisible();
    await expect(share.printed('assumptions')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(share.bar).toBeHidden();
    const pdf = await page.pdf({ format: 'A4', path: info.outputPath('report.pdf') });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await expect(share.printReport).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('no CSP violation on any page, and no request but the app\'s own files', async ({ page, baseURL }) => {
    const violations = await watchCsp(page);
    const problems = watchConsole(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const files = new Set(fs.readdirSync(DIST));
    const app = new AppPage(page, 'overview');
    await app.goto();
    await expect(app.heading()).toBeVisible();
    for (const v of ['data', 'assumptions', 'value', 'churn', 'nps', 'drivers', 'business', 'maturity', 'overview']) {
      await app.openFromNav(v);
      await expect(app.heading(v === 'nps' ? 'nps' : v)).toBeVisible();
    }
    // Data in through the worker, then a computation: still only own files.
    const data = new DataPage(page);
    await data.openFromNav();
    await data.loadSampleNamed('Retailer (purchases)');
    await expect(data.summary).toContainText('rows ready');
    await page.waitForLoadState('networkidle');
    const settled = requests.length;
    const clv = new ClvPage(page);
    await clv.openFromNav();
    await clv.setRetention('89');
    await page.waitForTimeout(300);
    expect(requests.slice(settled)).toEqual([]);

    const origin = new URL(baseURL).origin;
    for (const u of requests.filter((r) => !r.startsWith('data:') && !r.startsWith('blob:'))) {
      const url = new URL(u);
      expect(url.origin, u).toBe(origin);
      const name = url.pathname.replace(/^\//, '');
      expect(name === '' || files.has(name), `${u} is a file of dist/`).toBe(true);
    }
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('toolbar in French, keyboard reachable, screenshots', async ({ page }) => {
    const problems = watchConsole(page);
    const clv = new ClvPage(page);
    const share = new ShareToolbar(page);
    await clv.resize(1280, 800);
    await clv.goto();
    await expect(share.toolbar('Partager, enregistrer et imprimer')).toBeVisible();
    await share.copyButton.focus();
    await page.keyboard.press('Enter');
    await expect(share.notice).toContainText('jamais leurs lignes');
    for (const id of ['share-save', 'share-open', 'share-reset', 'share-print', 'share-offline']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement.id)).toBe(id);
    }
    await expect(share.offlineButton).toHaveText('Télécharger la copie hors ligne');
    await clv.screenshot('share-fr-1280x800');
    await clv.resize(390, 844, 150);
    const overflow = await clv.horizontalOverflow();
    expect(overflow).toBeLessThanOrEqual(0);
    await clv.screenshot('share-fr-390x844');
    await page.goto('./#/value?s=v1.%%%');
    await expect(share.notice).toContainText("Ce lien n'a pas pu être ouvert");
    expect(problems).toEqual([]);
  });
});

test.describe('offline', () => {
  test('after the first visit the app loads and computes with the network off (under a sub-path)', async ({ browser, baseURL }) => {
    const root = process.env.SUBPATH_ROOT_URL ? `${process.env.SUBPATH_ROOT_URL}wiki/tools/cx/` : baseURL;
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${root}#/value`);
    await expect(new ClvPage(page).value).toBeVisible();
    // Installed = every asset is in the cache.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expectCalculatorWorks(page);
    // The data worker too: a sample is read offline.
    const data = new DataPage(page);
    await data.openFromNav();
    await data.loadSampleNamed('Retailer (purchases)');
    await expect(data.summary).toContainText('rows ready');
    await context.close();
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });

  test('the single HTML file works from file://: CLV, chart, data worker, no CSP violation', async ({ page }) => {
    const file = path.join(DIST, 'cx-impact-offline.html');
    test.skip(!fs.existsSync(file), 'dist/cx-impact-offline.html is made by the release build');
    const violations = await watchCsp(page);
    const problems = watchConsole(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}#/value`);
    await expectCalculatorWorks(page);
    const data = new DataPage(page);
    await data.openFromNav();
    await data.fillAndRead('customer;date;amount\nA;2024-01-05;10\nA;2024-02-05;12\nB;2024-01-09;7');
    await expect(data.summary).toContainText('3 rows ready');
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
