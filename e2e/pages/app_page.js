// The app's frame, shared by every page object: the hash route, the page's
// heading, the navigation, the language select, charts with their data
// tables, cards, and the viewport checks and screenshots the specs take.
const { expect } = require('@playwright/test');
const { screenshot, canvasInk } = require('../helpers');

class AppPage {
  /** `slug` is the page's hash route (`#/slug`) and its ids' prefix. */
  constructor(page, slug) {
    this.page = page;
    this.slug = slug;
    this.html = page.locator('html');
    this.main = page.locator('main');
    this.firstHeading = page.locator('main h2').first();
    this.header = page.locator('header.app-header');
    this.nav = page.locator('nav.pages');
  }

  /** Opens `#/route` (this page's own by default). */
  async goto(route = this.slug) {
    await this.page.goto(`./#/${route}`);
  }

  /** The heading of this page (or of the page `slug`). */
  heading(slug = this.slug) {
    return this.page.locator(`#${slug}-heading`);
  }

  navLink(slug = this.slug) {
    return this.page.locator(`#nav-${slug}`);
  }

  /** A navigation link by its name in the current language ("Données"). */
  navLinkNamed(name) {
    return this.page.getByRole('link', { name });
  }

  /** Follows the navigation link to this page (or to the page `slug`). */
  async openFromNav(slug = this.slug) {
    await this.navLink(slug).click();
  }

  /** The language select, found by its label in the current language. */
  language(label = 'Language') {
    return this.page.getByLabel(label);
  }

  async setLanguage(code, label = 'Language') {
    await this.language(label).selectOption(code);
  }

  currency() {
    return this.page.locator('#currency');
  }

  /** Pixels the document is wider than the window (> 0: horizontal scroll). */
  async horizontalOverflow() {
    return this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }

  /** A new viewport, then `settleMs` for the layout and charts to follow. */
  async resize(width, height, settleMs) {
    await this.page.setViewportSize({ width, height });
    if (settleMs) await this.page.waitForTimeout(settleMs);
  }

  async screenshot(name) {
    await screenshot(this.page, name);
  }

  /** At a laptop then a phone size: no horizontal scroll, and `prefix-WxH` screenshots. */
  async screenshotsAtBothSizes(prefix, { settleMs, label } = {}) {
    for (const [w, h] of [[1280, 800], [390, 844]]) {
      await this.resize(w, h, settleMs);
      const overflow = await this.horizontalOverflow();
      if (label) expect(overflow, `${label} at ${w}px`).toBeLessThanOrEqual(0);
      else expect(overflow).toBeLessThanOrEqual(0);
      await this.screenshot(`${prefix}-${w}x${h}`);
    }
  }

  /** Share of non-white pixels of the canvas `selector`. */
  async ink(selector) {
    return canvasInk(this.page, selector);
  }

  /** Share of non-white pixels of the chart `id` (its `#id-canvas`). */
  async chartInk(id) {
    return this.ink(`#${id}-canvas`);
  }

  /** Opens the data table behind the chart `id`. */
  async showChartTable(id) {
    await this.page.locator(`#${id}-figure button[aria-controls="${id}-table"]`).click();
  }

  chartTableRows(id) {
    return this.page.locator(`#${id}-table tbody tr`);
  }

  /** The figure of the card `id`, and its exact value. */
  cardFigure(id) {
    return this.page.locator(`#${id} .figure`);
  }

  async cardValue(id) {
    return Number(await this.cardFigure(id).getAttribute('data-value'));
  }

  cardReading(id) {
    return this.page.locator(`#${id} .reading`);
  }

  cardInterval(id) {
    return this.page.locator(`#${id} .interval`);
  }

  /** The id of the focused element. */
  async focusedId() {
    return this.page.evaluate(() => document.activeElement && document.activeElement.id);
  }

  /** Presses Tab until the element `id` has the focus, at most `max` times. */
  async tabToId(id, max) {
    // Tabbing before the app has drawn its frame moves the focus nowhere:
    // wait until the target exists.
    await this.page.locator(`#${id}`).waitFor({ state: 'visible' });
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab');
      if (await this.focusedId() === id) break;
    }
  }

  /** Presses Tab until `locator` has the focus, at most `max` times. */
  async tabToLocator(locator, max) {
    await locator.waitFor({ state: 'visible' });
    for (let i = 0; i < max && !(await locator.evaluate((e) => e === document.activeElement)); i++) {
      await this.page.keyboard.press('Tab');
    }
  }

  /** A button, by its accessible name. */
  button(name) {
    return this.page.getByRole('button', { name });
  }

  /** Resolves after the next animation frame of the page. */
  async nextFrame() {
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }

  /** Presses Tab `n` times, returning the id focused after each press. */
  async tabThrough(n) {
    const reached = [];
    for (let i = 0; i < n; i++) {
      await this.page.keyboard.press('Tab');
      reached.push(await this.focusedId());
    }
    return reached;
  }
}

module.exports = { AppPage };
