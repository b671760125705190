// Every page of the dashboard in both languages: reachable, titled, no error,
// no horizontal scroll on a phone; the Assumptions page drives the others;
// the Overview's cards carry a figure, a reading and a way to their page.
const { test, expect } = require('@playwright/test');
const { coreClv, watchConsole } = require('./helpers');
const { AppPage, AssumptionsPage, ClvPage, OverviewPage, PAGES } = require('./pages');

const MONTHLY_10PCT = Math.pow(1.1, 1 / 12) - 1;

for (const [lang, locale] of [['en', 'en-GB'], ['fr', 'fr-FR']]) {
  test.describe(`${lang} browser`, () => {
    test.use({ locale });

    test('every page opens from the navigation, focused, titled, without errors', async ({ page }) => {
      const problems = watchConsole(page);
      const app = new OverviewPage(page);
      await page.goto('./');
      await expect(app.heading()).toBeVisible();
      await expect(app.html).toHaveAttribute('lang', lang);
      // The Overview last: clicking it first would not change the page.
      for (const slug of [...PAGES.slice(1), 'overview']) {
        await app.openFromNav(slug);
        await expect(page).toHaveURL(new RegExp(`#/${slug}$`));
        const heading = app.heading(slug);
        await expect(heading).toBeVisible();
        await expect(heading).toBeFocused();
        await expect(app.navLink(slug)).toHaveAttribute('aria-current', 'page');
        const name = (await app.navLink(slug).innerText()).trim();
        expect((await page.title()).startsWith(`${name} — CX Impact`)).toBe(true);
        // Nothing on any page shows a non-number.
        const text = await app.main.innerText();
        expect(text).not.toMatch(/\bNaN\b|Infinity|∞/);
      }
      expect(problems).toEqual([]);
    });

    test('every page fits a phone and a laptop screen', async ({ page }) => {
      const problems = watchConsole(page);
      for (const slug of PAGES) {
        const view = new AppPage(page, slug);
        for (const [w, h] of [[1280, 800], [390, 844]]) {
          await view.resize(w, h);
          await view.goto();
          await expect(view.heading()).toBeVisible();
          await page.waitForTimeout(200);
          const overflow = await view.horizontalOverflow();
          expect(overflow, `${slug} at ${w}px`).toBeLessThanOrEqual(0);
          if (slug === 'overview' || slug === 'assumptions') {
            await view.screenshot(`${slug}-${lang}-${w}x${h}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    test('an assumption changed on the Assumptions page changes the value page', async ({ page }) => {
      const problems = watchConsole(page);
      const assumptions = new AssumptionsPage(page);
      await assumptions.goto();
      await assumptions.setClvMargin(lang === 'fr' ? '60,5' : '60.5');
      // Out of range: said where it was typed, and the typed text stays.
      await assumptions.setClvRetention('120');
      await expect(assumptions.valueGroup).toContainText(lang === 'fr' ? 'rétention' : 'Retention');
      await expect(assumptions.clvRetention).toHaveValue('120');
      await assumptions.setClvRetention('90');
      await assumptions.openFromNav('value');
      const core = coreClv(['--margin', '60.5', '--retention', '0.9',
        '--discount', String(MONTHLY_10PCT), '--include-first-payment']);
      const clv = new ClvPage(page);
      await expect(clv.value).toHaveAttribute('data-value', /.+/);
      const shown = await clv.shownValue();
      expect(Math.abs(shown - core.clv)).toBeLessThan(1e-9 * core.clv);
      expect(problems).toEqual([]);
    });
  });
}
