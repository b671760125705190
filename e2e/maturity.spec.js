// The Maturity page, end to end, in both languages: answer the 15
// statements, read the radar's table, and check each dimension's score in
// JS (100 × (mean answer − 1)/4); the answers stay in the scenario.
const { test, expect } = require('@playwright/test');
const { watchConsole, screenshot, canvasInk } = require('./helpers');

const ANSWERS = { VS: [5, 5, 4, 4, 2], LA: [4, 4, 3, 5, 5], OC: [5, 5, 5, 5, 5] };
const num = (s) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

async function answerAll(page) {
  for (const [prefix, values] of Object.entries(ANSWERS)) {
    for (const [i, v] of values.entries()) {
      await page.locator(`#maturity-${prefix.toLowerCase()}${i + 1}`).selectOption(String(v));
    }
  }
}

async function shots(page, lang) {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(250);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `maturity at ${w}px`).toBeLessThanOrEqual(0);
    await screenshot(page, `maturity-${lang}-${w}x${h}`);
  }
}

for (const [lang, locale, stage, weakest] of [
  ['en', 'en-GB', 'Learning', 'Leadership & alignment'],
  ['fr', 'fr-FR', 'Apprentissage', 'Leadership et alignement'],
]) {
  test.describe(`${lang} browser`, () => {
    test.use({ locale });

    test('answers give the radar, the stage and the next steps', async ({ page }) => {
      const problems = watchConsole(page);
      await page.goto('./#/maturity');
      await expect(page.locator('#maturity-incomplete')).toBeVisible();
      await expect(page.locator('#maturity-progress')).toContainText('0');
      await answerAll(page);
      await expect(page.locator('#maturity-progress')).toContainText('15');
      await expect(page.locator('#maturity-overall')).toContainText(stage);
      expect(await canvasInk(page, '#maturity-radar-canvas')).toBeGreaterThan(0.01);
      await page.locator('#maturity-radar-figure button[aria-controls="maturity-radar-table"]').click();
      const scores = await page.locator('#maturity-radar-table tbody tr').evaluateAll((rows) =>
        rows.map((r) => r.children[1].innerText));
      const expected = Object.values(ANSWERS).map((v) => 100 * (v.reduce((a, b) => a + b, 0) / v.length - 1) / 4);
      expect(scores.map(num)).toEqual(expected.map((x) => Math.round(x)));
      await expect(page.locator('#maturity-reco-leadership_alignment')).toContainText(weakest);
      await expect(page.locator('#maturity-reco-leadership_alignment li')).toHaveCount(3);
      await shots(page, lang);
      // The answers stay in the scenario: the Overview shows the stage, and
      // coming back shows them.
      await page.locator('#nav-overview').click();
      await expect(page.locator('#card-maturity .figure')).toContainText(stage);
      await page.locator('#nav-maturity').click();
      await expect(page.locator('#maturity-vs5')).toHaveValue('2');
      expect(problems).toEqual([]);
    });
  });
}
