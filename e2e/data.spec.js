// The Data page, end to end: paste, samples, file picker with a million rows,
// problems fixed and excluded, unusable input, keyboard only, screenshots.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, expect } = require('@playwright/test');
const { watchConsole, screenshot } = require('./helpers');
const { transactions } = require('../scripts/gen-transactions');
const { xlsx } = require('./xlsx');

// A French spreadsheet range as Excel puts it on the clipboard: tabs between
// cells, decimal commas, narrow no-break space thousands, a bad amount in row 3.
const FRENCH_RANGE = [
  'Client\tDate de commande\tMontant\tCanal',
  'A12\t15/03/2024\t1\u202f234,56 €\tWeb',
  'B07\t16/03/2024\t12,3,4\tMagasin',
  'A12\t02/04/2024\t(45,10)\tWeb',
].join('\r\n');

// The same as a `;` file export.
const FRENCH_CSV = [
  'Client;Date de commande;Montant;Canal',
  'A12;15/03/2024;1 234,56 €;Web',
  'B07;16/03/2024;12,3,4;Magasin',
  'A12;02/04/2024;(45,10);Web',
].join('\n');

/** Pastes `text` into the paste box the way Ctrl+V does: a paste event with clipboard data. */
async function paste(page, text) {
  await page.locator('#data-paste').focus();
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    document.getElementById('data-paste').dispatchEvent(ev);
  }, text);
}

async function openDataPage(page) {
  await page.goto('./#/data');
  await expect(page.locator('#data-heading')).toBeVisible();
}

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('navigation: hash pages, aria-current, unknown hash shows the Overview', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/clv');
    await expect(page.locator('#clv-heading')).toBeVisible();
    await expect(page.locator('#nav-value')).toHaveAttribute('aria-current', 'page');
    await page.getByRole('link', { name: 'Données' }).click();
    await expect(page).toHaveURL(/#\/data$/);
    await expect(page.locator('#data-heading')).toBeVisible();
    await expect(page.locator('#data-heading')).toBeFocused();
    await expect(page.locator('#nav-data')).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('#nav-value')).not.toHaveAttribute('aria-current', /.*/);
    await expect(page.locator('#clv-heading')).toHaveCount(0);
    await expect(page).toHaveTitle(/^Données — CX Impact/);
    await page.goBack();
    await expect(page.locator('#clv-heading')).toBeVisible();
    // A same-document hash change (a goto may reload the page, which would
    // restore the autosaved page instead).
    await page.evaluate(() => { window.location.hash = '#/nowhere'; });
    await expect(page.locator('#overview-heading')).toBeVisible();
    await expect(page.locator('#data-heading')).toBeHidden();
    expect(problems).toEqual([]);
  });

  test('a pasted French range is typed; its bad cell is located, fixed, then another excluded', async ({ page }) => {
    const problems = watchConsole(page);
    await openDataPage(page);
    await expect(page.locator('#data-in-use')).toHaveText('Aucune donnée chargée pour l\'instant.');
    await paste(page, FRENCH_RANGE);

    const summary = page.locator('#data-summary');
    await expect(summary).toHaveText('2 lignes prêtes, 1 avec un problème');
    // The pasted cells stay in the box, to edit and read again.
    await expect(page.locator('#data-paste')).toHaveValue(FRENCH_RANGE.replace(/\r\n/g, '\n'));
    await expect(page.locator('#data-shape')).toHaveValue('transactions');
    await expect(page.locator('#data-col-2')).toHaveValue('field:amount');
    await expect(page.locator('#data-table-info')).toContainText('séparées par des tabulations');
    // Typed: the amount is a number, shown the French way; the date is a date.
    const amount = page.locator('#data-preview tbody tr').first().locator('td').nth(2);
    await expect(amount).toHaveAttribute('data-value', '1234.56');
    await expect(amount).toHaveText(/^1[\u202f\u00a0 ]234,56$/);
    await expect(page.locator('#data-preview tbody tr').first().locator('td').nth(1))
      .toHaveAttribute('data-value', '2024-03-15');
    await expect(page.locator('#data-preview tbody tr').nth(1).locator('td').nth(2))
      .toHaveAttribute('data-value', '-45.1');

    // The located message, in French.
    const problem = page.locator('li.problem').first();
    await expect(problem.locator('.message'))
      .toHaveText('ligne 3, colonne « Montant » : « 12,3,4 » n\'est pas un nombre');
    // Fixed in place, validated again.
    const fix = problem.getByLabel('Nouvelle valeur');
    await expect(fix).toHaveValue('12,3,4');
    await fix.fill('12,34');
    await fix.press('Enter');
    await expect(summary).toHaveText('3 lignes prêtes, 0 avec un problème');
    await expect(page.locator('li.problem')).toHaveCount(0);
    await expect(page.locator('#data-in-use')).toHaveText('En service : Cellules collées, 3 lignes');

    // The same table as a `;` file-style paste, and this time the row is left out.
    await paste(page, FRENCH_CSV);
    await expect(page.locator('#data-table-info')).toContainText('points-virgules');
    await expect(summary).toHaveText('2 lignes prêtes, 1 avec un problème');
    await page.getByRole('button', { name: 'Exclure la ligne 3' }).click();
    await expect(summary).toHaveText('2 lignes prêtes, 0 avec un problème, 1 exclue');
    await page.getByRole('button', { name: 'Réintégrer les lignes exclues (1)' }).click();
    await expect(summary).toHaveText('2 lignes prêtes, 1 avec un problème');
    expect(problems).toEqual([]);
  });

  test('input that cannot be used leaves the data already loaded untouched', async ({ page }) => {
    const problems = watchConsole(page);
    await openDataPage(page);
    await page.getByRole('button', { name: 'Commerçant (achats)' }).click();
    const summary = page.locator('#data-summary');
    await expect(summary).toContainText('lignes prêtes');
    const before = await summary.textContent();
    const firstRow = await page.locator('#data-preview tbody tr').first().textContent();
    // In use once the worker has fitted the models to it.
    await expect(page.locator('#data-in-use')).toContainText('Exemple : Commerçant (achats)');
    const inUse = await page.locator('#data-in-use').textContent();

    // A header and nothing under it.
    await paste(page, 'Client;Montant');
    const notice = page.locator('#data-notice');
    await expect(notice).toHaveText('Inutilisable : il y a une ligne d\'en-tête mais aucune donnée dessous. '
      + 'Les données déjà chargées (Exemple : Commerçant (achats)) sont conservées.');
    await expect(summary).toHaveText(before);
    await expect(page.locator('#data-preview tbody tr').first()).toHaveText(firstRow);
    await expect(page.locator('#data-in-use')).toHaveText(inUse);

    // A binary file through the picker, then an empty one.
    await page.locator('#data-file').setInputFiles({
      name: 'photo.png', mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    });
    await expect(notice).toContainText('ce fichier (une image PNG) n\'est pas un tableau');
    await page.locator('#data-file').setInputFiles({ name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect(notice).toContainText('l\'entrée est vide');
    await expect(summary).toHaveText(before);
    await expect(page.locator('#data-in-use')).toHaveText(inUse);

    // 2 MB of random bytes: refused as binary, never a frozen tab.
    const garbage = Buffer.alloc(2_000_000);
    let x = 12345;
    for (let i = 0; i < garbage.length; i++) { x = (x * 1103515245 + 12345) >>> 0; garbage[i] = x >>> 24; }
    await page.locator('#data-file').setInputFiles({ name: 'garbage.csv', mimeType: 'text/csv', buffer: garbage });
    await expect(notice).toContainText('Inutilisable');
    await expect(page.locator('#data-in-use')).toHaveText(inUse);

    // The notice follows a language switch, its reason too (worded by the
    // worker in both languages), and back.
    await expect(notice).toContainText('ce fichier (un fichier binaire) n\'est pas un tableau');
    await page.getByLabel('Langue').selectOption('en');
    await expect(notice).toContainText('This cannot be used: this is a binary file, not a table');
    await page.getByLabel('Language').selectOption('fr');
    await expect(notice).toContainText('Inutilisable : ce fichier (un fichier binaire) n\'est pas un tableau');
    expect(problems).toEqual([]);
  });

  test('a table that does not validate yet keeps the data in use until it does', async ({ page }) => {
    await openDataPage(page);
    await page.getByRole('button', { name: 'Commerçant (achats)' }).click();
    await expect(page.locator('#data-summary')).toContainText('lignes prêtes');
    await expect(page.locator('#data-in-use')).toContainText('Exemple : Commerçant (achats)');
    const inUse = await page.locator('#data-in-use').textContent();
    // Headers nobody could guess: the user maps them.
    await paste(page, 'a;b;c\nA1;2024-01-05;10,5\nA2;2024-01-09;7\nA1;2024-02-01;3,25');
    await expect(page.locator('#data-unusable')).toBeVisible();
    await expect(page.locator('#data-kept')).toContainText('Exemple : Commerçant (achats) reste en service');
    await expect(page.locator('#data-in-use')).toHaveText(inUse);
    await page.locator('#data-shape').selectOption('transactions');
    await page.locator('#data-col-0').selectOption('field:customer_id');
    await page.locator('#data-col-1').selectOption('field:order_date');
    await page.locator('#data-col-2').selectOption('field:amount');
    await expect(page.locator('#data-summary')).toHaveText('3 lignes prêtes, 0 avec un problème');
    await expect(page.locator('#data-kept')).toHaveCount(0);
    await expect(page.locator('#data-in-use')).toHaveText('En service : Cellules collées, 3 lignes');
  });

  test('when no row can be used, the page still says where each problem is', async ({ page }) => {
    await openDataPage(page);
    await paste(page, 'Client;Date;Montant\nA;15/02/2024;douze\nB;16/02/2024;12,3,4');
    await expect(page.locator('#data-unusable')).toBeVisible();
    const items = page.locator('#data-unusable-problems li');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toHaveText('Ligne 2, colonne « Montant » : « douze » n\'est pas un nombre');
    await expect(items.nth(1)).toContainText('« 12,3,4 »');
  });

  test('ambiguous dates are asked about, and the answer retypes them', async ({ page }) => {
    await openDataPage(page);
    await paste(page, 'Client;Date;Montant\nA;03/04/2024;10\nB;05/06/2024;12');
    await expect(page.locator('#data-date-question'))
      .toContainText('Les dates comme « 03/04/2024 » de la colonne « Date »');
    await page.getByRole('button', { name: 'Mois d\'abord : 4 mars 2024' }).click();
    await expect(page.locator('#data-summary')).toHaveText('2 lignes prêtes, 0 avec un problème');
    await expect(page.locator('#data-preview tbody tr').first().locator('td').nth(1))
      .toHaveAttribute('data-value', '2024-03-04');
    await expect(page.locator('#data-dates')).toHaveValue('month_first');
  });

  test('sample buttons fill the page, in French', async ({ page }) => {
    const problems = watchConsole(page);
    await openDataPage(page);
    await page.getByRole('button', { name: 'Entreprise d\'abonnement (clients)' }).click();
    await expect(page.locator('#data-summary')).toHaveText('2 000 lignes prêtes, 0 avec un problème'.replace(' ', '\u202f'));
    await expect(page.locator('#data-shape')).toHaveValue('customers');
    await expect(page.locator('#data-source')).toHaveText('Exemple : Entreprise d\'abonnement (clients)');
    await expect(page.locator('#data-preview thead')).toContainText('Date d\'inscription');
    await expect(page.locator('#data-preview tbody tr')).toHaveCount(8);
    await expect(page.locator('#data-in-use')).toContainText('Exemple : Entreprise d\'abonnement (clients)');
    // The CLV page is still there, and the data stays when coming back.
    await page.locator('#nav-value').click();
    await expect(page.locator('#clv-value')).toBeVisible();
    await page.locator('#nav-data').click();
    await expect(page.locator('#data-shape')).toHaveValue('customers');
    expect(problems).toEqual([]);
  });

  test('screenshots of the data page with problems, desktop and phone', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openDataPage(page);
    await paste(page, FRENCH_RANGE);
    await expect(page.locator('#data-summary')).toHaveText('2 lignes prêtes, 1 avec un problème');
    await screenshot(page, 'data-fr-1280x800');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'data-fr-390x844');
  });
});

test.describe('English browser', () => {
  test.use({ locale: 'en-US' });

  test('a million rows through the file picker: progress, then ready; cancel keeps them', async ({ page }) => {
    test.setTimeout(180_000);
    const problems = watchConsole(page);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxi-e2e-'));
    const big = path.join(dir, 'transactions-1m.csv');
    fs.writeFileSync(big, transactions(1_000_000));
    try {
      await openDataPage(page);
      // Long tasks of the page's main thread while the worker works.
      await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: false });
      });
      await page.locator('#data-file').setInputFiles(big);
      await expect(page.locator('#data-progress')).toBeVisible();
      await expect(page.locator('#data-loading label')).toHaveText('Loading transactions-1m.csv');
      // The page stays responsive while the worker reads: the CLV link still works.
      const t0 = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      expect(Date.now() - t0).toBeLessThan(1000);
      await expect(page.locator('#data-summary')).toHaveText('1,000,000 rows ready, 0 with problems', { timeout: 120_000 });
      await expect(page.locator('#data-progress')).toHaveCount(0);
      // The scenario takes the data once the worker has fitted the models.
      await expect(page.locator('#data-in-use')).toHaveText('In use: transactions-1m.csv, 1,000,000 rows', { timeout: 30_000 });
      await expect(page.locator('#data-fitting')).toHaveCount(0);
      await expect(page.locator('#data-preview tbody tr')).toHaveCount(8);
      const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
      expect(longest).toBeLessThan(200);

      // A second load, cancelled: the million rows stay.
      await page.locator('#data-file').setInputFiles(big);
      await expect(page.locator('#data-progress')).toBeVisible();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.locator('#data-notice')).toHaveText('Loading cancelled; nothing was changed.');
      await expect(page.locator('#data-progress')).toHaveCount(0);
      await expect(page.locator('#data-in-use')).toHaveText('In use: transactions-1m.csv, 1,000,000 rows');
      await expect(page.locator('#data-summary')).toHaveText('1,000,000 rows ready, 0 with problems');
      // Still editable after the cancel: its worker was kept.
      await page.locator('#data-decimal').selectOption('point');
      await expect(page.locator('#data-decimal')).toHaveValue('point', { timeout: 60_000 });
      await expect(page.locator('#data-summary')).toHaveText('1,000,000 rows ready, 0 with problems', { timeout: 60_000 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  });

  test('keyboard only: reach the page, load a sample, map a column, fix a cell', async ({ page }) => {
    await page.goto('./');
    // Tab to the Data link and follow it.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement && document.activeElement.id) === 'nav-data') break;
    }
    await expect(page.locator('#nav-data')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#data-heading')).toBeFocused();

    // Every control of the input area is reachable with Tab, in order.
    const reached = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement && document.activeElement.id));
    }
    expect(reached.slice(0, 5)).toEqual(['data-paste', 'data-paste-read', 'data-file', 'sample-subscription', 'sample-retail']);
    await page.locator('#data-file').focus();
    await expect(page.locator('#data-file')).toBeFocused();

    // Type a purchase log (a customer buys twice) and read it with the button.
    await page.locator('#data-paste').focus();
    await page.keyboard.type('customer,order date,amount\nA,2024-01-05,10.5\nA,2024-01-06,abc\n');
    await page.keyboard.press('Tab');
    await expect(page.locator('#data-paste-read')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#data-summary')).toHaveText('1 row ready, 1 with a problem');
    await expect(page.locator('#data-shape')).toHaveValue('transactions');

    // To the problem's input, fix it, submit with Enter.
    const fix = page.getByLabel('New value');
    for (let i = 0; i < 40 && !(await fix.evaluate((e) => e === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(fix).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12.25');
    await page.keyboard.press('Enter');
    await expect(page.locator('#data-summary')).toHaveText('2 rows ready, 0 with problems');

    // A select changed from the keyboard: the amount column ignored.
    await page.locator('#data-col-2').focus();
    await page.keyboard.press('Home');
    await expect(page.locator('#data-col-2')).toHaveValue('ignore');
    await expect(page.locator('#data-unusable')).toHaveText('A transaction log needs a column for amount');
  });

  test('a workbook: the first sheet with a table, then another chosen', async ({ page }) => {
    const problems = watchConsole(page);
    await openDataPage(page);
    const book = xlsx([
      ['Notes', [['Exported from the CRM']]],
      ['Orders', [['Customer', 'Order date', 'Amount'], ['A12', { date: 45292 }, 1234.5], ['A12', { date: 45366 }, 20], ['B7', { date: 45367 }, 'n/a']]],
      ['Customers', [['Customer ID', 'Monthly revenue', 'NPS'], ['A12', 49, 9], ['B7', 19, 6]]],
    ]);
    await page.locator('#data-file').setInputFiles({ name: 'crm.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book });
    await expect(page.locator('#data-source')).toHaveText('crm.xlsx');
    await expect(page.locator('#data-sheet')).toHaveValue('1');
    await expect(page.locator('#data-sheet option')).toHaveText(['Notes', 'Orders', 'Customers']);
    await expect(page.locator('#data-summary')).toHaveText('2 rows ready, 1 with a problem');
    await expect(page.locator('li.problem .message')).toHaveText('row 4, column "Amount": "n/a" is not a number');
    await expect(page.locator('#data-preview tbody tr').first().locator('td').nth(1)).toHaveAttribute('data-value', '2024-01-01');
    await page.locator('#data-sheet').selectOption('2');
    await expect(page.locator('#data-shape')).toHaveValue('customers');
    await expect(page.locator('#data-summary')).toHaveText('2 rows ready, 0 with problems');
    expect(problems).toEqual([]);
  });

  test('a file dropped on the drop zone is read', async ({ page }) => {
    await openDataPage(page);
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['id;date;amount\nA;2024-01-05;£3.50\nA;2024-02-05;£4\n'], 'sales.csv', { type: 'text/csv' }));
      const zone = document.querySelector('.dropzone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect(page.locator('#data-source')).toHaveText('sales.csv');
    await expect(page.locator('#data-summary')).toHaveText('2 rows ready, 0 with problems');
    await expect(page.locator('#data-preview tbody tr').first().locator('td').nth(2))
      .toHaveAttribute('data-value', '3.5');
    // Amounts in pounds: the scenario's currency follows.
    await expect(page.locator('#currency')).toHaveValue('GBP');
  });

  test('English samples have English headers and conventions', async ({ page }) => {
    await openDataPage(page);
    await page.getByRole('button', { name: 'Retailer (purchases)' }).click();
    await expect(page.locator('#data-summary')).toContainText('rows ready, 0 with problems');
    await expect(page.locator('#data-preview thead')).toContainText('Order date');
    await expect(page.locator('#data-table-info')).toContainText('separated by commas');
    // The language switch re-renders the report in French.
    await page.getByLabel('Language').selectOption('fr');
    await expect(page.locator('#data-summary')).toContainText('lignes prêtes');
    await expect(page.locator('#data-table-info')).toContainText('séparées par des virgules');
  });

  test('screenshots with a sample loaded, desktop and phone', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openDataPage(page);
    await page.getByRole('button', { name: 'Subscription business (customers)' }).click();
    await expect(page.locator('#data-summary')).toContainText('rows ready');
    await screenshot(page, 'data-en-sample-1280x800');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'data-en-sample-390x844');
  });
});

test('the data worker loads under a sub-path too', async ({ page }) => {
  const root = process.env.SUBPATH_ROOT_URL;
  test.skip(!root, 'SUBPATH_ROOT_URL is set by ./x test');
  const problems = watchConsole(page);
  await page.goto(`${root}wiki/tools/cx/#/data`);
  await page.locator('#sample-retail').click();
  await expect(page.locator('#data-summary')).toBeVisible();
  expect(problems).toEqual([]);
});

test('the data worker is named by its content, and the page starts that one', async ({ page }) => {
  // A deploy must never pair a new page with a cached old worker: the page
  // names the worker's loader in a meta, and every file of the worker has a
  // content hash in its name (scripts/postbuild.py).
  const hashed = /^\.\/data-worker-loader-[0-9a-f]{16}\.js$/;
  await page.goto('./#/data');
  const loader = await page.locator('meta[name="cxi-data-worker"]').getAttribute('content');
  expect(loader).toMatch(hashed);
  const started = [];
  page.on('request', (r) => started.push(new URL(r.url()).pathname.split('/').pop()));
  const text = await page.evaluate(async (url) => (await fetch(url)).text(), loader);
  const js = text.match(/importScripts\('\.\/(cxi-data-worker-[0-9a-f]{16}\.js)'\)/);
  const wasm = text.match(/'\.\/(cxi-data-worker-[0-9a-f]{16}_bg\.wasm)'/);
  expect(js).not.toBeNull();
  expect(wasm).not.toBeNull();
  const problems = watchConsole(page);
  await page.locator('#sample-retail').click();
  await expect(page.locator('#data-summary')).toBeVisible();
  expect(problems).toEqual([]);
  for (const name of [loader.slice(2), js[1], wasm[1]]) expect(started).toContain(name);
  // The unhashed names are not served at all.
  for (const name of ['data-worker-loader.js', 'cxi-data-worker.js', 'cxi-data-worker_bg.wasm']) {
    const status = await page.evaluate(async (u) => (await fetch(u)).status, `./${name}`);
    expect(status).toBe(404);
  }
});
