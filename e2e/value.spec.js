// The Customer value page, end to end: the built-in samples give a full
// page in one click (sBG for the subscription table, BG/NBD for the retail
// log), figures checked against independent computations in the test.
const { test, expect } = require('@playwright/test');
const { watchConsole, screenshot } = require('./helpers');

/** Reads a number shown by Intl in `lang` ("1 234,56 €", "€1,234.56", "45 %"). */
function parseShown(text, lang) {
  let t = text.replace(/[^\d,.\-−]/g, '').replace('−', '-');
  if (lang === 'fr') t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  return Number(t);
}

/** sBG discounted expected lifetime, summed term by term (F&H 2010 eq. 3):
 *  DEL = Σ_{t≥0} S(t)/(1+d)^t, S(t) = Π_{k=1..t} (β+k−1)/(α+β+k−1). */
function sbgDel(alpha, beta, d) {
  let s = 1, sum = 1;
  for (let t = 1; t < 20000; t++) {
    s *= (beta + t - 1) / (alpha + beta + t - 1);
    sum += s / Math.pow(1 + d, t);
  }
  return sum;
}

/** BG/NBD P(alive) (Fader, Hardie & Lee 2008, note 021, eq. 2). */
function pAlive(r, alpha, a, b, x, tx, T) {
  if (x === 0) return 1;
  return 1 / (1 + a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x));
}

async function loadSample(page, id) {
  await page.goto('./#/data');
  await page.locator(`#sample-${id}`).click();
  // In use (in the scenario) once the worker has fitted the models to it.
  await expect(page.locator('#data-in-use')).toContainText(/Sample: |Exemple : /);
  await page.locator('#nav-value').click();
  await expect(page.locator('#card-clv .figure')).toHaveAttribute('data-value', /.+/);
}

async function params(page, lang) {
  const out = {};
  for (const row of await page.locator('#value-params tbody tr').all()) {
    const name = (await row.locator('th').textContent()).trim();
    out[name] = parseShown(await row.locator('td').first().textContent(), lang);
  }
  return out;
}

async function shots(page, name) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(150);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, `${name}-390`);
}

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('subscription sample: sBG chosen, CLV = m × DEL from the shown α, β', async ({ page }) => {
    const problems = watchConsole(page);
    await loadSample(page, 'subscription');
    await expect(page.locator('#value-model-in-use')).toHaveText('Utilisé : Rétention par cohorte (sBG).');
    await expect(page.locator('#value-model-sbg')).toBeEnabled();
    await expect(page.locator('#value-model-bgnbd')).toBeDisabled();
    const p = await params(page, 'fr');
    // Default margin 50 € a month, 10 % a year compounded monthly.
    const d = Math.pow(1.1, 1 / 12) - 1;
    const expected = 50 * sbgDel(p['α'], p['β'], d);
    const shown = Number(await page.locator('#card-clv .figure').getAttribute('data-value'));
    // α and β are shown with 3 decimals: 1 % is ample for that rounding.
    expect(Math.abs(shown - expected) / expected).toBeLessThan(0.01);
    await expect(page.locator('#card-clv .interval')).toContainText('Intervalle à 90 %');
    await expect(page.locator('#value-survival-figure')).toBeVisible();
    // The customer table's retention is offered to the closed form.
    await expect(page.locator('#value-suggestion-text')).toContainText('2 000 clients'.replace(' ', '\u202f'));
    await page.locator('#value-use-suggestion').click();
    const retention = Number((await page.locator('#retention').inputValue()).replace(',', '.'));
    expect(retention).toBeGreaterThan(80);
    expect(retention).toBeLessThan(100);
    // Segment filter: one plan's fit.
    const all = shown;
    const options = await page.locator('#value-segment option').allTextContents();
    expect(options[0]).toBe('Tous les clients');
    await page.locator('#value-segment').selectOption({ index: 1 });
    await expect(page.locator('#card-clv .figure')).not.toHaveAttribute('data-value', String(all));
    await page.locator('#value-segment').selectOption({ index: 0 });
    await shots(page, 'value-fr');
    expect(problems).toEqual([]);
  });
});

test.describe('English browser', () => {
  test.use({ locale: 'en-US' });

  test('retail sample: BG/NBD chosen, P(alive) matrix and at-risk table check out', async ({ page }) => {
    const problems = watchConsole(page);
    await loadSample(page, 'retail');
    await expect(page.locator('#value-model-in-use')).toHaveText('In use: Repeat purchases (BG/NBD + Gamma-Gamma).');
    await expect(page.locator('#card-clv .interval')).toContainText('90 % interval');
    const p = await params(page, 'en');
    // P(alive) matrix: every cell against the formula at the shown parameters.
    await page.locator('#value-palive-figure button[aria-controls="value-palive-table"]').click();
    const table = page.locator('#value-palive-table');
    const heads = await table.locator('thead th').allTextContents();
    const recs = heads.slice(1).map((h) => Number(h.match(/[\d.]+/)[0]));
    const bigT = recs[recs.length - 1];
    const rows = await table.locator('tbody tr').all();
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      const cells = await row.locator('td').allTextContents();
      const x = Number(cells[0]);
      cells.slice(1).forEach((c, j) => {
        const want = 100 * pAlive(p.r, p['α'], p.a, p.b, x, x === 0 ? 0 : recs[j], bigT);
        expect(Math.abs(parseShown(c, 'en') - want)).toBeLessThanOrEqual(1.5);
      });
    }
    // At risk: 20 rows sorted by value at risk, value at risk = (1 − P)/P × expected value.
    const risk = page.locator('#value-at-risk tbody tr');
    await expect(risk).toHaveCount(20);
    let last = Infinity;
    for (const row of await risk.all()) {
      const vals = await row.locator('td').evaluateAll((tds) => tds.map((td) => td.dataset.value));
      const [pa, clv, var_] = vals.slice(-3).map(Number);
      expect(var_).toBeLessThanOrEqual(last);
      last = var_;
      expect(Math.abs(var_ - clv * (1 - pa) / pa)).toBeLessThan(1e-6 * Math.max(1, var_));
    }
    // Histogram: the bars count every customer of the RFM summary.
    await page.locator('#value-distribution-figure button[aria-controls="value-distribution-table"]').click();
    const counts = await page.locator('#value-distribution-table tbody tr td:nth-child(2)').allTextContents();
    const total = counts.reduce((s, c) => s + parseShown(c, 'en'), 0);
    const reading = await page.locator('#card-clv .reading').textContent();
    expect(reading).toContain(`of the ${total.toLocaleString('en-US')} customers`);
    // Switching the model shows the closed form, with no interval.
    await page.locator('#value-model-closed_form').check();
    await expect(page.locator('#value-model-in-use')).toHaveText('In use: Closed form.');
    await expect(page.locator('#card-clv .interval')).toHaveCount(0);
    await page.locator('#value-model-auto').check();
    await shots(page, 'value-en');
    expect(problems).toEqual([]);
  });
});
