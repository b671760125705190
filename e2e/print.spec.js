// Printing: the Overview and the Business case as clean A4 reports. The PDFs
// and a print-media screenshot of each go to e2e/artifacts for a look.
const { test, expect } = require('@playwright/test');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { watchConsole } = require('./helpers');
const { AppPage } = require('./pages');

const ARTIFACTS = path.join(__dirname, 'artifacts');

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(buf) {
  const text = buf.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

function hasPdftoppm() {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

for (const [locale, lang] of [['en-GB', 'en'], ['fr-FR', 'fr']]) {
  test.describe(`print (${lang})`, () => {
    // A4 at 96 px per inch, so the print-media screenshot looks like the paper.
    test.use({ locale, viewport: { width: 794, height: 1123 } });
    for (const [name, maxPages] of [['overview', 6], ['business', 6]]) {
      test(`#/${name} prints as an A4 report`, async ({ page }) => {
        const problems = watchConsole(page);
        const view = new AppPage(page, name);
        await view.goto();
        await expect(view.firstHeading).toBeVisible();
        // What a browser does when the user prints (page.pdf() alone does not
        // fire it): the app unfolds the panels and redraws charts for A4.
        await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
        await page.emulateMedia({ media: 'print' });
        // No navigation, settings or buttons on paper.
        await expect(view.nav).toBeHidden();
        await expect(page.locator('.settings')).toBeHidden();
        for (const b of await page.locator('main button').all()) await expect(b).toBeHidden();
        // Every "how is this computed" panel is unfolded: its formula shows.
        const formulas = page.locator('details.how dd code');
        for (const f of await formulas.all()) await expect(f).toBeVisible();
        // Charts are redrawn at twice the density for at most the printable
        // width of A4 (182 mm = 688 CSS px), so their type keeps its size on
        // paper instead of shrinking with a wide screen bitmap.
        const charts = page.locator('figure.chart canvas');
        for (const c of await charts.all()) {
          const { w, css } = await c.evaluate((el) => ({ w: el.width, css: el.clientWidth }));
          expect(w).toBeLessThanOrEqual(2 * 688);
          expect(w).toBeGreaterThanOrEqual(Math.min(2 * css, 2 * 688) - 2);
        }
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        // caret: 'initial', as in helpers.screenshot: no style injected for the caret.
        await page.screenshot({ path: path.join(ARTIFACTS, `print-${name}-${lang}.png`), fullPage: true, caret: 'initial' });
        const file = path.join(ARTIFACTS, `print-${name}-${lang}.pdf`);
        const pdf = await page.pdf({ path: file, format: 'A4', printBackground: true });
        expect(pdf.length).toBeGreaterThan(10_000);
        const pages = pdfPages(pdf);
        expect(pages).toBeGreaterThanOrEqual(1);
        expect(pages).toBeLessThanOrEqual(maxPages);
        if (hasPdftoppm()) {
          execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, file.replace(/\.pdf$/, '')]);
        }
        expect(problems).toEqual([]);
      });
    }
  });
}
