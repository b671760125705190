// The closed-form CLV slice, end to end, in both languages.
const { test, expect } = require('@playwright/test');
const { coreClv, watchConsole, screenshot, canvasInk } = require('./helpers');

// Monthly discount rate the page derives from the default 10 % annual rate.
const MONTHLY_10PCT = Math.pow(1.1, 1 / 12) - 1;

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('changing retention shows the core value, formatted in French, and a chart', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/value');
    await expect(page.locator('h3#clv-heading')).toHaveText('Valeur vie client');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    await page.getByLabel('Rétention par période (%)').fill('90');
    const core = coreClv(['--margin', '50', '--retention', '0.9',
      '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
    const value = page.locator('#clv-value');
    await expect(value).toHaveAttribute('data-value', /.+/);
    const shown = Number(await value.getAttribute('data-value'));
    expect(Math.abs(shown - core.clv)).toBeLessThan(1e-9 * core.clv);
    const expectedText = await page.evaluate((v) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(v), core.clv);
    await expect(value).toHaveText(expectedText);
    // French format: decimal comma and a euro sign after the number.
    expect(expectedText).toMatch(/^\d[\d\u202f\u00a0]*,\d\d\s€$/);

    expect(await canvasInk(page, '#clv-canvas')).toBeGreaterThan(0.02);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(150);
    await screenshot(page, 'clv-fr-1280x800');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(150);
    expect(await canvasInk(page, '#clv-canvas')).toBeGreaterThan(0.02);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'clv-fr-390x844');
    expect(problems).toEqual([]);
  });

  test('bad input is explained where it was typed and the result is kept', async ({ page }) => {
    await page.goto('./#/value');
    const value = page.locator('#clv-value');
    const before = await value.textContent();
    await page.getByLabel(/Marge par client/).fill('12,3,4');
    await expect(page.locator('#margin-error')).toHaveText('« 12,3,4 » n\'est pas un nombre');
    await expect(page.getByLabel(/Marge par client/)).toHaveValue('12,3,4');
    await expect(value).toHaveText(before);
    await page.getByLabel('Rétention par période (%)').fill('100');
    await expect(page.locator('#retention-error')).toContainText('100 %');
    await page.getByRole('button', { name: 'Revenir aux valeurs par défaut' }).click();
    await expect(page.getByLabel('Rétention par période (%)')).toHaveValue('95');
    await expect(page.locator('#retention-error')).toHaveCount(0);
  });
});

test.describe('English browser', () => {
  test.use({ locale: 'en-US' });

  test('English by default, switchable to French, keyboard reachable', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('./#/value');
    await expect(page.locator('h3#clv-heading')).toHaveText('Customer lifetime value');
    const core = coreClv(['--margin', '50', '--retention', '0.95',
      '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
    const expectedText = await page.evaluate((v) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(v), core.clv);
    await expect(page.locator('#clv-value')).toHaveText(expectedText);

    // Currency switch re-formats without changing the number.
    await page.getByLabel('Currency').selectOption('USD');
    await expect(page.locator('#clv-value')).toHaveText(/^US\$|^\$/);

    // Every control is reachable with Tab, in order (the model choice and
    // the headline card's explanation come first on the page).
    const reached = [];
    for (let i = 0; i < 48; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement && document.activeElement.id));
    }
    for (const id of ['locale', 'currency', 'unit', 'margin', 'retention', 'discount', 'first', 'horizon']) {
      expect(reached).toContain(id);
    }

    await page.getByLabel('Language').selectOption('fr');
    await expect(page.locator('h3#clv-heading')).toHaveText('Valeur vie client');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await screenshot(page, 'clv-en-switched-to-fr-1280x800');
    expect(problems).toEqual([]);
  });

  test('the data table behind the chart lists every period', async ({ page }) => {
    await page.goto('./#/value');
    await page.getByLabel('Chart horizon (periods)').fill('12');
    await page.locator('section.clv').getByRole('button', { name: 'Show data table' }).click();
    await expect(page.locator('#clv-table tbody tr')).toHaveCount(12);
    const lastCell = await page.locator('#clv-table tbody tr').last().locator('td').nth(1).textContent();
    const core = coreClv(['--margin', '50', '--retention', '0.95',
      '--discount', String(MONTHLY_10PCT), '--include-first-payment', '--horizon', '12']);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(v), core.clv_horizon);
    expect(lastCell).toBe(expected);
  });
});
