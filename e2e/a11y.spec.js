// Accessibility: every page, in both languages, scanned with axe-core (WCAG
// 2.0/2.1 A and AA rules): no serious or critical violation.
const { test, expect } = require('@playwright/test');
const fs = require('node:fs');
const path = require('node:path');
const { watchConsole } = require('./helpers');
const { AppPage, PAGES } = require('./pages');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// axe-core is injected as an inline script, which the app's CSP rightly blocks.
test.use({ bypassCSP: true });

const scan = (page) => page.evaluate(() =>
  window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));

// The scan itself works: a control without a name, planted in the page, is
// reported as critical.
test('axe reports a planted violation', async ({ page }) => {
  const overview = new AppPage(page, 'overview');
  await overview.goto();
  await expect(overview.firstHeading).toBeVisible();
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'planted';
    document.querySelector('main').appendChild(b);
  });
  await page.addScriptTag({ content: AXE });
  const results = await scan(page);
  const hit = results.violations.find((v) => v.id === 'button-name');
  expect(hit && hit.impact).toBe('critical');
  expect(hit.nodes.map((n) => n.target.join(' '))).toContain('#planted');
});

for (const locale of ['en-GB', 'fr-FR']) {
  test.describe(`accessibility (${locale})`, () => {
    test.use({ locale });
    for (const name of PAGES) {
      test(`#/${name} has no serious or critical axe violation`, async ({ page }) => {
        const problems = watchConsole(page);
        const view = new AppPage(page, name);
        await view.goto();
        await expect(view.firstHeading).toBeVisible();
        await expect(view.html).toHaveAttribute('lang', locale.slice(0, 2));
        // Let charts draw and late content settle.
        await page.waitForTimeout(300);
        await page.addScriptTag({ content: AXE });
        const results = await scan(page);
        const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
        if (minor.length) console.log(`#/${name} ${locale}: ${minor.map((v) => `${v.impact} ${v.id} (${v.nodes.length})`).join(', ')}`);
        const bad = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
        expect(bad, bad.join('\n')).toEqual([]);
        expect(problems).toEqual([]);
      });
    }
  });
}

// With data: the linked sample (orders and survey of the same customers,
// joined) loaded once, then every page scanned, in both languages.
for (const locale of ['en-GB', 'fr-FR']) {
  test.describe(`accessibility with data loaded (${locale})`, () => {
    test.use({ locale });
    test('every page, with the linked sample joined, has no serious or critical axe violation', async ({ page }) => {
      const problems = watchConsole(page);
      const data = new AppPage(page, 'data');
      await data.goto();
      await page.locator('#sample-linked').click();
      await expect(page.locator('#data-join')).toContainText(/%/, { timeout: 30_000 });
      await page.addScriptTag({ content: AXE });
      const failures = [];
      for (const name of PAGES) {
        const view = new AppPage(page, name);
        await view.openFromNav(name);
        await expect(view.firstHeading).toBeVisible();
        await page.waitForTimeout(300);
        const results = await scan(page);
        for (const v of results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
          failures.push(`#/${name}: ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
}
