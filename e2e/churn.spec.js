// Churn & acquisition page, end to end, in both languages. Figures are
// checked against independent computations written here in JS.
const { test, expect } = require('@playwright/test');
const { watchConsole, screenshot } = require('./helpers');

// The page's defaults without data: the illustrative channel mix, and the
// Customer value page's 95 % monthly retention and EUR 50 monthly margin
// (revenue EUR 100 at 50 % margin), 10 % a year discount.
const SPEND = 252000 + 108000 + 28000 + 54000 + 15000;
const WON = 1400 + 900 + 700 + 600 + 1000;

// Annual churn default: 1 − 0.95^12 rounded to 45.96 %; its monthly rate.
const R = Math.pow(1 - 0.4596, 1 / 12);

function ltvToCac() {
  const m = 50, r = R, d = Math.pow(1.1, 1 / 12) - 1;
  return (m * (1 + d) / (1 + d - r)) / (SPEND / WON);
}

// Margin lost over 12 months by `n` customers at the monthly churn 1 − R,
// summed month by month (customers alive at the start of month t: n·R^(t−1)).
function costOfChurn(n) {
  let lost = 0;
  for (let t = 1; t <= 12; t++) lost += n * 100 * (1 - Math.pow(R, t - 1));
  return 0.5 * lost;
}

async function shots(page, lang) {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `churn-${lang}-${w}x${h}`);
  }
}

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('cards match independent computations and follow the assumptions', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/churn');
    await expect(page.locator('h2#churn-heading')).toHaveText('Churn and acquisition');
    const cac = Number(await page.locator('#card-cac .figure').getAttribute('data-value'));
    expect(Math.abs(cac - SPEND / WON)).toBeLessThan(1e-9);
    await expect(page.locator('#card-cac .reading')).toContainText('pays it back in 2 months of margin');
    const ratio = Number(await page.locator('#card-ltv-cac .figure').getAttribute('data-value'));
    expect(Math.abs(ratio - ltvToCac())).toBeLessThan(1e-9 * ratio);

    await page.getByLabel('Active customers (customers)').fill('2000');
    const cost = page.locator('#card-churn-cost .figure');
    await expect(cost).toHaveAttribute('data-value', /.+/);
    await expect.poll(async () => Math.abs(Number(await cost.getAttribute('data-value')) - costOfChurn(2000)))
      .toBeLessThan(1e-6);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(v), costOfChurn(2000));
    await expect(cost).toHaveText(expected);

    // A channel with no customers is refused where it was typed, and the CAC says why.
    for (let k = 0; k < 5; k++) await page.locator(`#as-churn-ch${k}-new`).fill('0');
    await expect(page.locator('#as-churn-ch0-new-error')).toContainText('At least one channel');
    await expect(page.locator('#card-cac .figure')).toHaveText('—');
    await page.locator('#churn-reset').click();
    await expect(page.locator('#card-cac .figure')).toHaveAttribute('data-value', String(SPEND / WON));

    // Each chart has its alt text and its data table.
    await expect(page.locator('#churn-projection-figure .visually-hidden')).toContainText('Over 3 years, customers go to');
    await page.locator('#churn-cac-figure button').click();
    await expect(page.locator('#churn-cac-table tbody tr')).toHaveCount(5);
    await shots(page, 'en');
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('French text and numbers, same figures', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/churn');
    await expect(page.locator('h2#churn-heading')).toHaveText('Attrition et acquisition');
    const cost = Number(await page.locator('#card-churn-cost .figure').getAttribute('data-value'));
    expect(Math.abs(cost - costOfChurn(10000))).toBeLessThan(1e-6);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(v), costOfChurn(10000));
    await expect(page.locator('#card-churn-cost .figure')).toHaveText(expected);
    await expect(page.locator('#card-cac .reading')).toContainText('le rembourse en 2\u00a0mois de marge');
    await page.getByRole('button', { name: 'Ajouter un canal' }).click();
    await expect(page.locator('#churn-ch5-name')).toHaveValue('Nouveau canal');
    await shots(page, 'fr');
    expect(problems).toEqual([]);
  });
});
