// dist/ must work from any sub-path of a static host (a wiki, an intranet folder).
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { ClvPage } = require('./pages');

test('the release build works under /wiki/tools/cx/', async ({ page }) => {
  const root = process.env.SUBPATH_ROOT_URL;
  test.skip(!root, 'SUBPATH_ROOT_URL is set by ./x test');
  const problems = watchConsole(page);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  const clv = new ClvPage(page);
  await page.goto(`${root}wiki/tools/cx/#/value`);
  await expect(clv.value).toBeVisible();
  expect(await clv.canvasInk()).toBeGreaterThan(0.02);
  expect(failed).toEqual([]);
  expect(problems).toEqual([]);
});
