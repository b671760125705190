// The Drivers page, end to end, in both languages: without data it says
// what it needs and where the sample is; with the subscription sample it
// shows importance bars and the quadrant. The quadrant of each attribute is
// checked in JS against the table's importance and mean rating.
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { DataPage, DriversPage } = require('./pages');

const num = (s) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

const shots = (drivers, lang) => drivers.screenshotsAtBothSizes(`drivers-${lang}`, { settleMs: 250, label: 'drivers' });

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('without data the page says what it needs and links to the sample', async ({ page }) => {
    const problems = watchConsole(page);
    const drivers = new DriversPage(page);
    await drivers.goto();
    await expect(drivers.needsData).toContainText('attribute');
    await expect(drivers.needsData).toContainText('Subscription business (customers)');
    await drivers.openData();
    await expect(page).toHaveURL(/#\/data$/);
    expect(problems).toEqual([]);
  });

  test('with the sample: importance adds to 100 % and each quadrant follows the cuts', async ({ page }) => {
    const problems = watchConsole(page);
    await new DataPage(page).useSample('subscription');
    const drivers = new DriversPage(page);
    await drivers.openFromNav();
    await expect(drivers.summary).toContainText('NPS explained by');
    const rows = await drivers.tableRows();
    expect(rows).toHaveLength(4);
    const imp = rows.map((r) => num(r[1]));
    const perf = rows.map((r) => num(r[3]));
    expect(Math.abs(imp.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.3);
    const impCut = 100 / rows.length;
    const perfCut = perf.reduce((a, b) => a + b, 0) / perf.length;
    const names = { 'true,false': 'Fix first', 'true,true': 'Keep up', 'false,true': 'Possible overkill', 'false,false': 'Low priority' };
    rows.forEach((r, i) => expect(r[2], r[0]).toBe(names[[imp[i] >= impCut, perf[i] >= perfCut].join(',')]));
    // Largest first: the sample's product quality loads most on satisfaction.
    expect(rows[0][0]).toBe('Product quality');
    for (const id of ['drivers-importance', 'drivers-quadrant']) {
      expect(await drivers.chartInk(id), id).toBeGreaterThan(0.01);
    }
    // The other measure and a segment both re-rank without error.
    await drivers.chooseMeasure(/Shapley/);
    await expect(drivers.measure(/Shapley/)).toBeChecked();
    await drivers.selectSegment('Business');
    await expect(drivers.summary).toBeVisible();
    await drivers.selectSegment('All customers');
    await shots(drivers, 'en');
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('the page in French, without then with the sample', async ({ page }) => {
    const problems = watchConsole(page);
    const drivers = new DriversPage(page);
    await drivers.goto();
    await expect(drivers.heading()).toHaveText('Leviers de satisfaction');
    await expect(drivers.needsData).toContainText('Entreprise d\'abonnement (clients)');
    await new DataPage(page).useSample('subscription');
    await drivers.openFromNav();
    await expect(drivers.summary).toContainText('NPS expliqué par');
    const rows = await drivers.tableRows();
    expect(rows[0][0]).toBe('Qualité du produit');
    const imp = rows.map((r) => num(r[1]));
    expect(Math.abs(imp.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.3);
    await shots(drivers, 'fr');
    expect(problems).toEqual([]);
  });
});
