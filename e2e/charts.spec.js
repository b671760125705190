// Charts on the pages: drawn on the canvas, redrawn for a new width and a new
// language, downloadable as PNG and SVG from the keyboard. Runs on the first
// page that shows a <Chart> (pages adopt it one by one).
const { test, expect } = require('@playwright/test');
const fs = require('node:fs');
const { watchConsole, canvasInk } = require('./helpers');
const { AppPage } = require('./pages');

const PAGES = ['overview', 'value', 'churn', 'nps', 'drivers', 'business', 'maturity'];

/** The first page with a chart that has download buttons, and that chart's id base. */
async function firstChart(page) {
  for (const name of PAGES) {
    const view = new AppPage(page, name);
    await view.goto();
    await expect(view.firstHeading).toBeVisible();
    const fig = page.locator('figure.chart:has(button[id$="-svg"])').first();
    if (await fig.count()) {
      const id = (await fig.getAttribute('id')).replace(/-figure$/, '');
      return { name, id };
    }
  }
  return null;
}

test.describe('charts', () => {
  test.use({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });

  test('draw, redraw on resize and language, download PNG and SVG', async ({ page }) => {
    const problems = watchConsole(page);
    const found = await firstChart(page);
    test.skip(!found, 'no page shows a <Chart> yet');
    const { id } = found;
    const canvas = page.locator(`#${id}-canvas`);
    await canvas.scrollIntoViewIfNeeded();
    expect(await canvasInk(page, `#${id}-canvas`)).toBeGreaterThan(0.01);
    // The bitmap matches the CSS box times the pixel ratio (1 here).
    const size = async () => page.$eval(`#${id}-canvas`, (c) => ({ w: c.width, h: c.height, css: c.clientWidth }));
    const wide = await size();
    expect(Math.abs(wide.w - wide.css)).toBeLessThanOrEqual(1);

    // A phone: redrawn to the new width, shorter.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => (await size()).w).toBeLessThan(400);
    const narrow = await size();
    expect(Math.abs(narrow.w - narrow.css)).toBeLessThanOrEqual(1);
    expect(narrow.h).toBeLessThan(wide.h);
    expect(await canvasInk(page, `#${id}-canvas`)).toBeGreaterThan(0.01);
    await page.setViewportSize({ width: 1280, height: 800 });

    // French: tick labels change, so the picture does.
    const before = await page.$eval(`#${id}-canvas`, (c) => c.toDataURL());
    await new AppPage(page).setLanguage('fr', 'Language');
    await expect.poll(() => page.$eval(`#${id}-canvas`, (c) => c.toDataURL())).not.toBe(before);
    const pngLabel = 'Télécharger en PNG';
    const svgLabel = 'Télécharger en SVG';

    // Downloads, from the keyboard.
    const png = page.locator(`#${id}-png`);
    await expect(png).toHaveText(pngLabel);
    await png.focus();
    const [pngDl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(pngDl.suggestedFilename()).toBe(`${id}.png`);
    const pngBytes = fs.readFileSync(await pngDl.path());
    expect(pngBytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // Twice the on-screen width (IHDR width, big-endian at byte 16).
    expect(pngBytes.readUInt32BE(16)).toBe(2 * wide.css);

    const svg = page.locator(`#${id}-svg`);
    await expect(svg).toHaveText(svgLabel);
    await svg.focus();
    const [svgDl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(svgDl.suggestedFilename()).toBe(`${id}.svg`);
    const text = fs.readFileSync(await svgDl.path(), 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).not.toContain('NaN');
    const title = await page.locator(`#${id}-figure figcaption`).textContent();
    const unescaped = text.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(unescaped).toContain(title.trim());
    expect(problems).toEqual([]);
  });
});
