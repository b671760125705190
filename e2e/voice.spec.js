// The NPS → revenue page, end to end, in both languages: assumed counts
// without data, then the subscription sample with its segments. The NPS
// shown is checked against the counts shown (NPS = % promoters − % detractors).
const { test, expect } = require('@playwright/test');
const { watchConsole, screenshot, canvasInk } = require('./helpers');

async function countsShown(page) {
  const read = async (id) => Number(await page.locator(`#nps-count-${id} td`).first().getAttribute('data-value'));
  return { d: await read('detractors'), pa: await read('passives'), p: await read('promoters') };
}

function npsOf({ d, pa, p }) {
  const n = d + pa + p;
  return 100 * (p / n - d / n);
}

async function cardValue(page, id) {
  return Number(await page.locator(`#${id} .figure`).getAttribute('data-value'));
}

async function loadSample(page) {
  await page.goto('./#/data');
  await page.locator('#sample-subscription').click();
  await expect(page.locator('#data-summary')).toContainText(/2[\s\u202f\u00a0,]?000/);
  // In use (in the scenario) once the worker has fitted the models to it.
  await expect(page.locator('#data-in-use')).toContainText(/Sample: |Exemple : /);
}

async function shots(page, lang) {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(250);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `nps at ${w}px`).toBeLessThanOrEqual(0);
    await screenshot(page, `nps-${lang}-${w}x${h}`);
  }
}

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('without data: assumed counts, the NPS they give, the move sentence', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/nps');
    await expect(page.locator('#nps-heading')).toBeVisible();
    await expect(page.locator('#nps-source')).toContainText('No survey data loaded');
    const counts = await countsShown(page);
    expect(counts).toEqual({ d: 100, pa: 140, p: 160 });
    expect(await cardValue(page, 'card-nps')).toBeCloseTo(npsOf(counts), 9);
    await expect(page.locator('#card-nps .figure')).toHaveText('+15');
    await expect(page.locator('#card-nps .reading')).toContainText('from 400 answers');
    const sentence = page.locator('#nps-move-sentence');
    await expect(sentence).toContainText(/^Moving 10% of detractors to passives is worth EUR [\d.,]+M? of revenue over 3 years/);
    // A bigger move is worth more.
    const before = await sentence.innerText();
    await page.getByLabel(/Detractors moved to passives/).fill('20');
    await expect(sentence).toContainText('Moving 20% of detractors');
    const money = (s) => Number(s.match(/worth EUR ([\d.,]+)(M?)/).slice(1, 3).reduce((v, m) => m ? parseFloat(v.replace(/,/g, '')) * 1e6 : parseFloat(v.replace(/,/g, ''))));
    expect(money(await sentence.innerText())).toBeGreaterThan(money(before));
    // Counts typed here change the NPS.
    await page.getByLabel(/Promoter answers/).fill('300');
    await expect(page.locator('#card-nps .figure')).toHaveAttribute('data-value', String(npsOf({ d: 100, pa: 140, p: 300 })));
    // Out of range: said where it was typed, money figures explained.
    await page.getByLabel(/Detractors moved to passives/).fill('150');
    await expect(page.locator('#nps-error')).toContainText('cannot be computed');
    await page.getByLabel(/Detractors moved to passives/).fill('10');
    await expect(page.locator('#nps-move-sentence')).toBeVisible();
    expect(await canvasInk(page, '#nps-distribution-canvas')).toBeGreaterThan(0.01);
    expect(problems).toEqual([]);
  });

  test('with the subscription sample: measured economics, segments, screenshots', async ({ page }) => {
    const problems = watchConsole(page);
    await loadSample(page);
    await page.locator('#nav-nps').click();
    await expect(page.locator('#nps-source')).toContainText('Subscription business');
    const all = await countsShown(page);
    expect(all.d + all.pa + all.p).toBeGreaterThan(1500);
    expect(await cardValue(page, 'card-nps')).toBeCloseTo(npsOf(all), 9);
    // The 0–10 chart's table adds up to the category counts.
    await page.locator('#nps-distribution-figure button[aria-controls="nps-distribution-table"]').click();
    const cells = await page.locator('#nps-distribution-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => Number(r.children[2].innerText.replace(/[^\d]/g, ''))));
    expect(cells).toHaveLength(11);
    expect(cells.slice(0, 7).reduce((a, b) => a + b, 0)).toBe(all.d);
    expect(cells[9] + cells[10]).toBe(all.p);
    // Segments: one labelled select, and the counts and NPS follow it.
    const select = page.getByLabel('Segment');
    await expect(select.locator('option')).toHaveCount(4);
    await select.selectOption({ label: 'Pro' });
    const pro = await countsShown(page);
    expect(pro.d + pro.pa + pro.p).toBeLessThan(all.d + all.pa + all.p);
    expect(await cardValue(page, 'card-nps')).toBeCloseTo(npsOf(pro), 9);
    await expect(page.locator('#nps-economics')).toContainText('Promoters');
    await select.selectOption({ label: 'All customers' });
    await expect(page.locator('#card-nps .figure')).toHaveAttribute('data-value', String(await cardValue(page, 'card-nps')));
    for (const id of ['nps-distribution', 'nps-projection', 'nps-waterfall', 'nps-links']) {
      expect(await canvasInk(page, `#${id}-canvas`), id).toBeGreaterThan(0.01);
    }
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\bNaN\b|Infinity/);
    await shots(page, 'en');
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('the page in French, with the sample, and its screenshots', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/nps');
    await expect(page.locator('#nps-heading')).toHaveText('NPS, CSAT et CES reliés au chiffre d\'affaires');
    await expect(page.locator('#nps-move-sentence')).toContainText(/^Faire passer 10\u00a0% des détracteurs en passifs vaut [\d\u202f,]+( M)?\u00a0EUR/);
    // French decimal comma accepted where typed.
    await page.getByLabel(/Détracteurs devenus passifs/).fill('12,5');
    await expect(page.locator('#nps-move-sentence')).toContainText('12,5\u00a0%');
    await loadSample(page);
    await page.locator('#nav-nps').click();
    const counts = await countsShown(page);
    expect(await cardValue(page, 'card-nps')).toBeCloseTo(npsOf(counts), 9);
    await expect(page.locator('#card-nps-point .reading')).toContainText(/Chaque promoteur vaut [\d,]+× un détracteur|Un détracteur vaut/);
    await expect(page.getByLabel('Segment').locator('option').first()).toHaveText('Tous les clients');
    await shots(page, 'fr');
    expect(problems).toEqual([]);
  });
});
