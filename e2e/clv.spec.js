// The closed-form CLV slice, end to end, in both languages.
const { test, expect } = require('@playwright/test');
const { coreClv, watchConsole } = require('./helpers');
const { ClvPage } = require('./pages');

// Monthly discount rate the page derives from the default 10 % annual rate.
const MONTHLY_10PCT = Math.pow(1.1, 1 / 12) - 1;

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('changing retention shows the core value, formatted in French, and a chart', async ({ page }) => {
    const problems = watchConsole(page);
    const clv = new ClvPage(page);
    await clv.goto();
    await expect(clv.clvTitle).toHaveText('Valeur vie client');
    await expect(clv.html).toHaveAttribute('lang', 'fr');

    await clv.typeRetention('90', 'Rétention par période (%)');
    const core = coreClv(['--margin', '50', '--retention', '0.9',
      '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
    await expect(clv.value).toHaveAttribute('data-value', /.+/);
    const shown = await clv.shownValue();
    expect(Math.abs(shown - core.clv)).toBeLessThan(1e-9 * core.clv);
    const expectedText = await page.evaluate((v) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(v), core.clv);
    await expect(clv.value).toHaveText(expectedText);
    // French format: decimal comma and a euro sign after the number.
    expect(expectedText).toMatch(/^\d[\d\u202f\u00a0]*,\d\d\s€$/);

    expect(await clv.canvasInk()).toBeGreaterThan(0.02);
    await clv.resize(1280, 800, 150);
    await clv.screenshot('clv-fr-1280x800');
    await clv.resize(390, 844, 150);
    expect(await clv.canvasInk()).toBeGreaterThan(0.02);
    expect(await clv.horizontalOverflow()).toBeLessThanOrEqual(0);
    await clv.screenshot('clv-fr-390x844');
    expect(problems).toEqual([]);
  });

  test('bad input is explained where it was typed and the result is kept', async ({ page }) => {
    const clv = new ClvPage(page);
    await clv.goto();
    const before = await clv.value.textContent();
    await clv.marginField(/Marge par client/).fill('12,3,4');
    await expect(clv.marginError).toHaveText('« 12,3,4 » n\'est pas un nombre');
    await expect(clv.marginField(/Marge par client/)).toHaveValue('12,3,4');
    await expect(clv.value).toHaveText(before);
    await clv.typeRetention('100', 'Rétention par période (%)');
    await expect(clv.retentionError).toContainText('100 %');
    await clv.resetToDefaults('Revenir aux valeurs par défaut');
    await expect(clv.retentionField('Rétention par période (%)')).toHaveValue('95');
    await expect(clv.retentionError).toHaveCount(0);
  });
});

test.describe('English browser', () => {
  test.use({ locale: 'en-US' });

  test('English by default, switchable to French, keyboard reachable', async ({ page }) => {
    const problems = watchConsole(page);
    const clv = new ClvPage(page);
    await clv.goto();
    await expect(clv.clvTitle).toHaveText('Customer lifetime value');
    const core = coreClv(['--margin', '50', '--retention', '0.95',
      '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
    const expectedText = await page.evaluate((v) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(v), core.clv);
    await expect(clv.value).toHaveText(expectedText);

    // Currency switch re-formats without changing the number.
    await clv.setCurrencyByLabel('USD', 'Currency');
    await expect(clv.value).toHaveText(/^US\$|^\$/);

    // Every control is reachable with Tab, in order (the model choice and
    // the headline card's explanation come first on the page).
    const reached = await clv.tabThrough(48);
    for (const id of ['locale', 'currency', 'unit', 'margin', 'retention', 'discount', 'first', 'horizon']) {
      expect(reached).toContain(id);
    }

    await clv.setLanguage('fr', 'Language');
    await expect(clv.clvTitle).toHaveText('Valeur vie client');
    await expect(clv.html).toHaveAttribute('lang', 'fr');
    await clv.screenshot('clv-en-switched-to-fr-1280x800');
    expect(problems).toEqual([]);
  });

  test('the data table behind the chart lists every period', async ({ page }) => {
    const clv = new ClvPage(page);
    await clv.goto();
    await clv.setHorizon('12', 'Chart horizon (periods)');
    await clv.showDataTable('Show data table');
    await expect(clv.tableRows()).toHaveCount(12);
    const lastCell = await clv.lastRowCell(1);
    const core = coreClv(['--margin', '50', '--retention', '0.95',
      '--discount', String(MONTHLY_10PCT), '--include-first-payment', '--horizon', '12']);
    const expected = await page.evaluate((v) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(v), core.clv_horizon);
    expect(lastCell).toBe(expected);
  });
});
