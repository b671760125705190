// The Drivers page, end to end, in both languages: without data it says
// what it needs and where the sample is; with the subscription sample it
// shows importance bars and the quadrant. The quadrant of each attribute is
// checked in JS against the table's importance and mean rating.
const { test, expect } = require('@playwright/test');
const { watchConsole, screenshot, canvasInk } = require('./helpers');

const num = (s) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

async function loadSample(page) {
  await page.goto('./#/data');
  await page.locator('#sample-subscription').click();
  // In use (in the scenario) once the worker has fitted the models to it.
  await expect(page.locator('#data-in-use')).toContainText(/Sample: |Exemple : /);
}

async function tableRows(page) {
  await page.locator('#drivers-importance-figure button[aria-controls="drivers-importance-table"]').click();
  return page.locator('#drivers-importance-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.innerText)));
}

async function shots(page, lang) {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(250);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `drivers at ${w}px`).toBeLessThanOrEqual(0);
    await screenshot(page, `drivers-${lang}-${w}x${h}`);
  }
}

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('without data the page says what it needs and links to the sample', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/drivers');
    await expect(page.locator('#drivers-needs-data')).toContainText('attribute');
    await expect(page.locator('#drivers-needs-data')).toContainText('Subscription business (customers)');
    await page.locator('#drivers-open-data').click();
    await expect(page).toHaveURL(/#\/data$/);
    expect(problems).toEqual([]);
  });

  test('with the sample: importance adds to 100 % and each quadrant follows the cuts', async ({ page }) => {
    const problems = watchConsole(page);
    await loadSample(page);
    await page.locator('#nav-drivers').click();
    await expect(page.locator('#drivers-summary')).toContainText('NPS explained by');
    const rows = await tableRows(page);
    expect(rows).toHaveLength(4);
    const imp = rows.map((r) => num(r[1]));
    const perf = rows.map((r) => num(r[3]));
    expect(Math.abs(imp.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.3);
    const impCut = 100 / rows.length;
    const perfCut = perf.reduce((a, b) => a + b, 0) / perf.length;
    const names = { 'true,false': 'Fix first', 'true,true': 'Keep up', 'false,true': 'Possible overkill', 'false,false': 'Low priority' };
    rows.forEach((r, i) => expect(r[2], r[0]).toBe(names[[imp[i] >= impCut, perf[i] >= perfCut].join(',')]));
    // Largest first: the sample's product quality loads most on satisfaction.
    expect(rows[0][0]).toBe('Product quality');
    for (const id of ['drivers-importance', 'drivers-quadrant']) {
      expect(await canvasInk(page, `#${id}-canvas`), id).toBeGreaterThan(0.01);
    }
    // The other measure and a segment both re-rank without error.
    await page.getByLabel(/Shapley/).check();
    await expect(page.getByLabel(/Shapley/)).toBeChecked();
    await page.getByLabel('Segment').selectOption({ label: 'Business' });
    await expect(page.locator('#drivers-summary')).toBeVisible();
    await page.getByLabel('Segment').selectOption({ label: 'All customers' });
    await shots(page, 'en');
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('the page in French, without then with the sample', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/drivers');
    await expect(page.locator('#drivers-heading')).toHaveText('Leviers de satisfaction');
    await expect(page.locator('#drivers-needs-data')).toContainText('Entreprise d\'abonnement (clients)');
    await loadSample(page);
    await page.locator('#nav-drivers').click();
    await expect(page.locator('#drivers-summary')).toContainText('NPS expliqué par');
    const rows = await tableRows(page);
    expect(rows[0][0]).toBe('Qualité du produit');
    const imp = rows.map((r) => num(r[1]));
    expect(Math.abs(imp.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.3);
    await shots(page, 'fr');
    expect(problems).toEqual([]);
  });
});
