// Every page of the dashboard in both languages: reachable, titled, no error,
// no horizontal scroll on a phone; the Assumptions page drives the others;
// the Overview's cards carry a figure, a reading and a way to their page.
const { test, expect } = require('@playwright/test');
const { coreClv, watchConsole, screenshot } = require('./helpers');

const PAGES = ['overview', 'data', 'assumptions', 'value', 'churn', 'nps', 'drivers', 'business', 'maturity'];
const MONTHLY_10PCT = Math.pow(1.1, 1 / 12) - 1;

for (const [lang, locale] of [['en', 'en-GB'], ['fr', 'fr-FR']]) {
  test.describe(`${lang} browser`, () => {
    test.use({ locale });

    test('every page opens from the navigation, focused, titled, without errors', async ({ page }) => {
      const problems = watchConsole(page);
      await page.goto('./');
      await expect(page.locator('#overview-heading')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      // The Overview last: clicking it first would not change the page.
      for (const slug of [...PAGES.slice(1), 'overview']) {
        await page.locator(`#nav-${slug}`).click();
        await expect(page).toHaveURL(new RegExp(`#/${slug}$`));
        const heading = page.locator(`#${slug}-heading`);
        await expect(heading).toBeVisible();
        await expect(heading).toBeFocused();
        await expect(page.locator(`#nav-${slug}`)).toHaveAttribute('aria-current', 'page');
        const name = (await page.locator(`#nav-${slug}`).innerText()).trim();
        expect((await page.title()).startsWith(`${name} — CX Impact`)).toBe(true);
        // Nothing on any page shows a non-number.
        const text = await page.locator('main').innerText();
        expect(text).not.toMatch(/\bNaN\b|Infinity|∞/);
      }
      expect(problems).toEqual([]);
    });

    test('every page fits a phone and a laptop screen', async ({ page }) => {
      const problems = watchConsole(page);
      for (const slug of PAGES) {
        for (const [w, h] of [[1280, 800], [390, 844]]) {
          await page.setViewportSize({ width: w, height: h });
          await page.goto(`./#/${slug}`);
          await expect(page.locator(`#${slug}-heading`)).toBeVisible();
          await page.waitForTimeout(200);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${slug} at ${w}px`).toBeLessThanOrEqual(0);
          if (slug === 'overview' || slug === 'assumptions') {
            await screenshot(page, `${slug}-${lang}-${w}x${h}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    test('an assumption changed on the Assumptions page changes the value page', async ({ page }) => {
      const problems = watchConsole(page);
      await page.goto('./#/assumptions');
      const margin = page.locator('#as-clv-margin');
      await margin.fill(lang === 'fr' ? '60,5' : '60.5');
      // Out of range: said where it was typed, and the typed text stays.
      const retention = page.locator('#as-clv-retention');
      await retention.fill('120');
      await expect(page.locator('#as-group-value')).toContainText(lang === 'fr' ? 'rétention' : 'Retention');
      await expect(retention).toHaveValue('120');
      await retention.fill('90');
      await page.locator('#nav-value').click();
      const core = coreClv(['--margin', '60.5', '--retention', '0.9',
        '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
      const value = page.locator('#clv-value');
      await expect(value).toHaveAttribute('data-value', /.+/);
      const shown = Number(await value.getAttribute('data-value'));
      expect(Math.abs(shown - core.clv)).toBeLessThan(1e-9 * core.clv);
      expect(problems).toEqual([]);
    });
  });
}
