// The Customer value page, end to end: the built-in samples give a full
// page in one click (sBG for the subscription table, BG/NBD for the retail
// log), figures checked against independent computations in the test.
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { DataPage, ValuePage } = require('./pages');

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

/** Loads the sample `id` on the Data page, then opens the Customer value page. */
async function loadSample(page, id) {
  await new DataPage(page).useSample(id);
  const value = new ValuePage(page);
  await value.openFromNavWithValue();
  return value;
}

async function params(value, lang) {
  const out = {};
  for (const [name, text] of await value.paramTexts()) out[name] = parseShown(text, lang);
  return out;
}

async function shots(value, name) {
  await value.resize(1280, 800, 150);
  await value.screenshot(`${name}-1280`);
  await value.resize(390, 844, 150);
  expect(await value.horizontalOverflow()).toBeLessThanOrEqual(0);
  await value.screenshot(`${name}-390`);
}

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('subscription sample: sBG chosen, CLV = m × DEL from the shown α, β', async ({ page }) => {
    const problems = watchConsole(page);
    const value = await loadSample(page, 'subscription');
    await expect(value.modelInUse).toHaveText('Utilisé : Rétention par cohorte (sBG).');
    await expect(value.model('sbg')).toBeEnabled();
    await expect(value.model('bgnbd')).toBeDisabled();
    const p = await params(value, 'fr');
    // Default margin 50 € a month, 10 % a year compounded monthly.
    const d = Math.pow(1.1, 1 / 12) - 1;
    const expected = 50 * sbgDel(p['α'], p['β'], d);
    const shown = await value.shownClv();
    // α and β are shown with 3 decimals: 1 % is ample for that rounding.
    expect(Math.abs(shown - expected) / expected).toBeLessThan(0.01);
    await expect(value.clvInterval).toContainText('Intervalle à 90 %');
    await expect(value.survivalFigure).toBeVisible();
    // The customer table's retention is offered to the closed form.
    await expect(value.suggestionText).toContainText('2 000 clients'.replace(' ', '\u202f'));
    await value.useSuggestion();
    const retention = Number((await value.retentionValue()).replace(',', '.'));
    expect(retention).toBeGreaterThan(80);
    expect(retention).toBeLessThan(100);
    // Segment filter: one plan's fit.
    const all = shown;
    const options = await value.segmentOptions();
    expect(options[0]).toBe('Tous les clients');
    await value.selectSegment(1);
    await expect(value.clvFigure).not.toHaveAttribute('data-value', String(all));
    await value.selectSegment(0);
    await shots(value, 'value-fr');
    expect(problems).toEqual([]);
  });
});

test.describe('English browser', () => {
  test.use({ locale: 'en-US' });

  test('retail sample: BG/NBD chosen, P(alive) matrix and at-risk table check out', async ({ page }) => {
    const problems = watchConsole(page);
    const value = await loadSample(page, 'retail');
    await expect(value.modelInUse).toHaveText('In use: Repeat purchases (BG/NBD + Gamma-Gamma).');
    await expect(value.clvInterval).toContainText('90 % interval');
    const p = await params(value, 'en');
    // P(alive) matrix: every cell against the formula at the shown parameters.
    await value.showPAliveTable();
    const heads = await value.pAliveHeads();
    const recs = heads.slice(1).map((h) => Number(h.match(/[\d.]+/)[0]));
    const bigT = recs[recs.length - 1];
    const rows = await value.pAliveRows();
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
    const risk = value.atRiskRows;
    await expect(risk).toHaveCount(20);
    let last = Infinity;
    for (const row of await risk.all()) {
      const vals = await value.atRiskValues(row);
      const [pa, clv, var_] = vals.slice(-3).map(Number);
      expect(var_).toBeLessThanOrEqual(last);
      last = var_;
      expect(Math.abs(var_ - clv * (1 - pa) / pa)).toBeLessThan(1e-6 * Math.max(1, var_));
    }
    // Histogram: the bars count every customer of the RFM summary.
    const counts = await value.distributionCounts();
    const total = counts.reduce((s, c) => s + parseShown(c, 'en'), 0);
    const reading = await value.clvReading.textContent();
    expect(reading).toContain(`of the ${total.toLocaleString('en-US')} customers`);
    // Switching the model shows the closed form, with no interval.
    await value.chooseModel('closed_form');
    await expect(value.modelInUse).toHaveText('In use: Closed form.');
    await expect(value.clvInterval).toHaveCount(0);
    await value.chooseModel('auto');
    await shots(value, 'value-en');
    expect(problems).toEqual([]);
  });

  test('retail sample: the holdout check, its three charts, and a refused calibration end', async ({ page }) => {
    const problems = watchConsole(page);
    const value = await loadSample(page, 'retail');
    for (const name of ['calibration', 'conditional', 'tracking']) {
      await expect(value.holdoutFigure(name)).toBeVisible();
    }
    const verdict = await value.holdoutVerdict.textContent();
    const m = verdict.match(/expected ([\d,]+) repeat purchases .*; ([\d,]+) happened/);
    expect(m).not.toBeNull();
    const totals = await value.holdoutTotals();
    expect(totals).toEqual({ predicted: m[1], actual: m[2] });
    // A day before the log: refused next to the control, the check kept.
    await value.calibrationEnd.fill('2020-01-01');
    await value.calibrationEnd.dispatchEvent('change');
    await expect(value.calibrationEndError).toContainText('2020-01-01 is outside the log');
    await expect(value.holdoutVerdict).toHaveText(verdict);
    expect(problems).toEqual([]);
  });
});
