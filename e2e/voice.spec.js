// The NPS → revenue page, end to end, in both languages: assumed counts
// without data, then the subscription sample with its segments. The NPS
// shown is checked against the counts shown (NPS = % promoters − % detractors).
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { DataPage, VoicePage } = require('./pages');

function npsOf({ d, pa, p }) {
  const n = d + pa + p;
  return 100 * (p / n - d / n);
}

/** Loads the subscription sample on the Data page and waits until it is in use. */
async function loadSample(page) {
  const data = new DataPage(page);
  await data.goto();
  await data.loadSample('subscription');
  await expect(data.summary).toContainText(/2[\s\u202f\u00a0,]?000/);
  // In use (in the scenario) once the worker has fitted the models to it.
  await data.waitForSampleInUse();
}

const shots = (nps, lang) => nps.screenshotsAtBothSizes(`nps-${lang}`, { settleMs: 250, label: 'nps' });

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('without data: assumed counts, the NPS they give, the move sentence', async ({ page }) => {
    const problems = watchConsole(page);
    const nps = new VoicePage(page);
    await nps.goto();
    await expect(nps.heading()).toBeVisible();
    await expect(nps.source).toContainText('No survey data loaded');
    const counts = await nps.countsShown();
    expect(counts).toEqual({ d: 100, pa: 140, p: 160 });
    expect(await nps.nps()).toBeCloseTo(npsOf(counts), 9);
    await expect(nps.npsFigure).toHaveText('+15');
    await expect(nps.npsReading).toContainText('from 400 answers');
    const sentence = nps.moveSentence;
    await expect(sentence).toContainText(/^Moving 10% of detractors to passives is worth €[\d.,]+(k|m|bn)? of revenue over 3 years/);
    // A bigger move is worth more.
    const before = await sentence.innerText();
    await nps.setMove('20', /Detractors moved to passives/);
    await expect(sentence).toContainText('Moving 20% of detractors');
    // The sentence's money reads as executives read it: €2,500, €274k, €1.2m, €3.4bn.
    const money = (s) => {
      const [, v, unit] = s.match(/worth €([\d.,]+)(k|m|bn)?/);
      return parseFloat(v.replace(/,/g, '')) * ({ k: 1e3, m: 1e6, bn: 1e9 }[unit] || 1);
    };
    expect(money(await sentence.innerText())).toBeGreaterThan(money(before));
    // Counts typed here change the NPS.
    await nps.setPromoters('300', /Promoter answers/);
    await expect(nps.npsFigure).toHaveAttribute('data-value', String(npsOf({ d: 100, pa: 140, p: 300 })));
    // Out of range: said where it was typed, money figures explained.
    await nps.setMove('150', /Detractors moved to passives/);
    await expect(nps.error).toContainText('cannot be computed');
    await nps.setMove('10', /Detractors moved to passives/);
    await expect(nps.moveSentence).toBeVisible();
    expect(await nps.chartInk('nps-distribution')).toBeGreaterThan(0.01);
    expect(problems).toEqual([]);
  });

  test('with the subscription sample: measured economics, segments, screenshots', async ({ page }) => {
    const problems = watchConsole(page);
    await loadSample(page);
    const nps = new VoicePage(page);
    await nps.openFromNav();
    await expect(nps.source).toContainText('Subscription business');
    const all = await nps.countsShown();
    expect(all.d + all.pa + all.p).toBeGreaterThan(1500);
    expect(await nps.nps()).toBeCloseTo(npsOf(all), 9);
    // The 0–10 chart's table adds up to the category counts.
    const cells = await nps.distributionCounts();
    expect(cells).toHaveLength(11);
    expect(cells.slice(0, 7).reduce((a, b) => a + b, 0)).toBe(all.d);
    expect(cells[9] + cells[10]).toBe(all.p);
    // Segments: one labelled select, and the counts and NPS follow it.
    await expect(nps.segmentOptions()).toHaveCount(4);
    await nps.selectSegment('Pro');
    const pro = await nps.countsShown();
    expect(pro.d + pro.pa + pro.p).toBeLessThan(all.d + all.pa + all.p);
    expect(await nps.nps()).toBeCloseTo(npsOf(pro), 9);
    await expect(nps.economics).toContainText('Promoters');
    await nps.selectSegment('All customers');
    await expect(nps.npsFigure).toHaveAttribute('data-value', String(await nps.nps()));
    for (const id of ['nps-distribution', 'nps-projection', 'nps-waterfall', 'nps-links']) {
      expect(await nps.chartInk(id), id).toBeGreaterThan(0.01);
    }
    const text = await nps.main.innerText();
    expect(text).not.toMatch(/\bNaN\b|Infinity/);
    await shots(nps, 'en');
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('the page in French, with the sample, and its screenshots', async ({ page }) => {
    const problems = watchConsole(page);
    const nps = new VoicePage(page);
    await nps.goto();
    await expect(nps.heading()).toHaveText('NPS, CSAT et CES reliés au chiffre d\'affaires');
    await expect(nps.moveSentence).toContainText(/^Faire passer 10\u00a0% des détracteurs en passifs vaut [\d\u202f,]+(\u00a0(k|M|Md))?\u00a0€/);
    // French decimal comma accepted where typed.
    await nps.setMove('12,5', /Détracteurs devenus passifs/);
    await expect(nps.moveSentence).toContainText('12,5\u00a0%');
    await loadSample(page);
    await nps.openFromNav();
    const counts = await nps.countsShown();
    expect(await nps.nps()).toBeCloseTo(npsOf(counts), 9);
    await expect(nps.pointReading).toContainText(/Chaque promoteur vaut [\d,]+× un détracteur|Un détracteur vaut/);
    await expect(nps.segmentOptions().first()).toHaveText('Tous les clients');
    await shots(nps, 'fr');
    expect(problems).toEqual([]);
  });
});
