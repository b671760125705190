// Churn & acquisition page, end to end, in both languages. Figures are
// checked against independent computations written here in JS.
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { ChurnPage } = require('./pages');

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

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('cards match independent computations and follow the assumptions', async ({ page }) => {
    const problems = watchConsole(page);
    const churn = new ChurnPage(page);
    await churn.goto();
    await expect(churn.title).toHaveText('Churn and acquisition');
    const cac = await churn.cac();
    expect(Math.abs(cac - SPEND / WON)).toBeLessThan(1e-9);
    await expect(churn.cacReading).toContainText('pays it back in 2 months of margin');
    const ratio = await churn.ltvToCac();
    expect(Math.abs(ratio - ltvToCac())).toBeLessThan(1e-9 * ratio);

    await churn.setActiveCustomers('2000', 'Active customers (customers)');
    const cost = churn.churnCostFigure;
    await expect(cost).toHaveAttribute('data-value', /.+/);
    await expect.poll(async () => Math.abs(Number(await cost.getAttribute('data-value')) - costOfChurn(2000)))
      .toBeLessThan(1e-6);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(v), costOfChurn(2000));
    await expect(cost).toHaveAttribute('title', expected);
    // The card reads at executive precision (compact above 10,000); the exact
    // amount is its tooltip.
    const shortForm = await page.evaluate((v) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR',
      notation: 'compact', maximumFractionDigits: Math.abs(v) >= 1e6 ? 1 : 0 }).format(v), costOfChurn(2000));
    await expect(cost).toHaveText(shortForm);

    // A channel with no customers is refused where it was typed, and the CAC says why.
    for (let k = 0; k < 5; k++) await churn.setChannelNew(k, '0');
    await expect(churn.channelNewError(0)).toContainText('At least one channel');
    await expect(churn.cacFigure).toHaveText('—');
    await churn.reset();
    await expect(churn.cacFigure).toHaveAttribute('data-value', String(SPEND / WON));

    // Each chart has its alt text and its data table.
    await expect(churn.projectionAlt).toContainText('Over 3 years, customers go to');
    await churn.showCacTable();
    await expect(churn.cacTableRows()).toHaveCount(5);
    await churn.screenshotsAtBothSizes('churn-en', { settleMs: 200 });
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('French text and numbers, same figures', async ({ page }) => {
    const problems = watchConsole(page);
    const churn = new ChurnPage(page);
    await churn.goto();
    await expect(churn.title).toHaveText('Attrition et acquisition');
    const cost = await churn.churnCost();
    expect(Math.abs(cost - costOfChurn(10000))).toBeLessThan(1e-6);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(v), costOfChurn(10000));
    await expect(churn.churnCostFigure).toHaveAttribute('title', expected);
    // The card reads at executive precision (compact above 10,000); the exact
    // amount is its tooltip.
    const shortForm = await page.evaluate((v) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR',
      notation: 'compact', maximumFractionDigits: Math.abs(v) >= 1e6 ? 1 : 0 }).format(v), costOfChurn(10000));
    await expect(churn.churnCostFigure).toHaveText(shortForm);
    await expect(churn.cacReading).toContainText('le rembourse en 2\u00a0mois de marge');
    await churn.addChannel('Ajouter un canal');
    await expect(churn.channelName(5)).toHaveValue('Nouveau canal');
    await churn.screenshotsAtBothSizes('churn-fr', { settleMs: 200 });
    expect(problems).toEqual([]);
  });
});
