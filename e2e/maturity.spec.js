// The Maturity page, end to end, in both languages: answer the 15
// statements, read the radar's table, and check each dimension's score in
// JS (100 × (mean answer − 1)/4); the answers stay in the scenario.
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { MaturityPage, OverviewPage } = require('./pages');

const ANSWERS = { VS: [5, 5, 4, 4, 2], LA: [4, 4, 3, 5, 5], OC: [5, 5, 5, 5, 5] };
const num = (s) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

for (const [lang, locale, stage, weakest] of [
  ['en', 'en-GB', 'Learning', 'Leadership & alignment'],
  ['fr', 'fr-FR', 'Apprentissage', 'Leadership et alignement'],
]) {
  test.describe(`${lang} browser`, () => {
    test.use({ locale });

    test('answers give the radar, the stage and the next steps', async ({ page }) => {
      const problems = watchConsole(page);
      const maturity = new MaturityPage(page);
      await maturity.goto();
      await expect(maturity.incomplete).toBeVisible();
      await expect(maturity.progress).toContainText('0');
      await maturity.answerAll(ANSWERS);
      await expect(maturity.progress).toContainText('15');
      await expect(maturity.overall).toContainText(stage);
      expect(await maturity.radarInk()).toBeGreaterThan(0.01);
      const scores = await maturity.radarScores();
      const expected = Object.values(ANSWERS).map((v) => 100 * (v.reduce((a, b) => a + b, 0) / v.length - 1) / 4);
      expect(scores.map(num)).toEqual(expected.map((x) => Math.round(x)));
      await expect(maturity.recommendations('leadership_alignment')).toContainText(weakest);
      await expect(maturity.recommendations('leadership_alignment').locator('li')).toHaveCount(3);
      await maturity.screenshotsAtBothSizes(`maturity-${lang}`, { settleMs: 250, label: 'maturity' });
      // The answers stay in the scenario: the Overview shows the stage, and
      // coming back shows them.
      const overview = new OverviewPage(page);
      await overview.openFromNav();
      await expect(overview.maturityFigure).toContainText(stage);
      await maturity.openFromNav();
      await expect(maturity.statement('VS', 5)).toHaveValue('2');
      expect(problems).toEqual([]);
    });
  });
}
