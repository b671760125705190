// Business case page, end to end, in both languages; the NPV is checked
// against the yearly model written again here in JS.
const { test, expect } = require('@playwright/test');
const { watchConsole, screenshot } = require('./helpers');

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

async function shots(page, lang) {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `business-${lang}-${w}x${h}`);
  }
}

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('NPV matches the model recomputed in JS and follows the costs', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/business');
    await expect(page.locator('h2#business-heading')).toHaveText('Business case');
    const card = page.locator('#card-business-npv .figure');
    const shown = Number(await card.getAttribute('data-value'));
    expect(Math.abs(shown - npv())).toBeLessThan(1e-6 * Math.abs(npv()));
    await expect(page.locator('#card-business-npv .reading')).toContainText('Moving annual churn from 46% to 36.8% is worth');
    await expect(page.locator('#card-business-npv .interval')).toContainText('90 % of simulations');
    await expect(page.locator('#business-comparison th[scope=col]')).toHaveText(['Measure', 'Baseline', 'Target', 'Stretch']);

    await page.getByLabel(/^One-off cost/).fill('400000');
    await expect.poll(async () => Number(await card.getAttribute('data-value')))
      .toBeCloseTo(npv({ oneOff: 400000 }), 3);
    await page.getByLabel(/^Churn reduction/).fill('80');
    await expect(page.locator('#as-bc-churn-reduction-error')).toContainText("today's annual churn");
    await expect(card).toHaveText('—');
    await page.locator('#business-reset').click();
    await expect.poll(async () => Number(await card.getAttribute('data-value'))).toBeCloseTo(npv(), 3);
    await shots(page, 'en');
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('French text and currency format, same NPV', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/business');
    await expect(page.locator('#business-comparison th[scope=col]')).toHaveText(['Mesure', 'Base', 'Objectif', 'Ambition']);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(v), npv());
    await expect(page.locator('#card-business-npv .figure')).toHaveText(expected);
    await expect(page.locator('#card-business-npv .reading')).toContainText("Faire passer l'attrition annuelle de 46\u202f% à 36,8\u202f%");
    await shots(page, 'fr');
    expect(problems).toEqual([]);
  });
});
