// Business case page, end to end, in both languages; the NPV is checked
// against the yearly model written again here in JS.
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { BusinessPage } = require('./pages');

// The defaults without data (see src/core/dashboard/business.rs and churn.rs).
function npv({ oneOff = 250000, running = 100000, d = 0.1, years = 3 } = {}) {
  // 1 − 0.95^12 and 0.8 × that, rounded to two decimals of a percent.
  const churn = 0.4596;
  const after = 0.3677;
  const revenue = 1200, margin = 0.5, fresh = 4600, contact = 2 * 6, red = 0.1;
  let base = 10000, init = 10000, total = -oneOff, f = 1;
  for (let t = 1; t <= years; t++) {
    f /= 1 + d;
    const extra = margin * (init - base) * revenue;
    const saved = base * contact - init * contact * (1 - red);
    total += (extra + saved - running) * f;
    base = base * (1 - churn) + fresh;
    init = init * (1 - after) + fresh;
  }
  return total;
}

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('NPV matches the model recomputed in JS and follows the costs', async ({ page }) => {
    const problems = watchConsole(page);
    const business = new BusinessPage(page);
    await business.goto();
    await expect(business.title).toHaveText('Business case');
    const card = business.npvFigure;
    const shown = await business.npv();
    expect(Math.abs(shown - npv())).toBeLessThan(1e-6 * Math.abs(npv()));
    await expect(business.npvReading).toContainText('Moving annual churn from 46% to 36.8% is worth');
    await expect(business.npvInterval).toContainText('90 % of simulations');
    await expect(business.comparisonHeads).toHaveText(['Measure', 'Baseline', 'Target', 'Stretch']);

    await business.setOneOffCost('400000');
    await expect.poll(() => business.npv())
      .toBeCloseTo(npv({ oneOff: 400000 }), 3);
    await business.setChurnReduction('80');
    await expect(business.churnReductionError).toContainText("today's annual churn");
    await expect(card).toHaveText('—');
    await business.reset();
    await expect.poll(() => business.npv()).toBeCloseTo(npv(), 3);
    await business.screenshotsAtBothSizes('business-en', { settleMs: 200 });
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('French text and currency format, same NPV', async ({ page }) => {
    const problems = watchConsole(page);
    const business = new BusinessPage(page);
    await business.goto();
    await expect(business.comparisonHeads).toHaveText(['Mesure', 'Base', 'Objectif', 'Ambition']);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(v), npv());
    await expect(business.npvFigure).toHaveAttribute('title', expected);
    // The card reads at executive precision (compact above 10,000); the exact
    // amount is its tooltip.
    const shortForm = await page.evaluate((v) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR',
      notation: 'compact', maximumFractionDigits: Math.abs(v) >= 1e6 ? 1 : 0 }).format(v), npv());
    await expect(business.npvFigure).toHaveText(shortForm);
    await expect(business.npvReading).toContainText("Faire passer l'attrition annuelle de 46\u202f% à 36,8\u202f%");
    await business.screenshotsAtBothSizes('business-fr', { settleMs: 200 });
    expect(problems).toEqual([]);
  });
});
