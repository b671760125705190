// The Customer value page's models (#/value): the headline CLV card, the
// model choice, the fitted parameters, segments, P(alive), at-risk table.
const { expect } = require('@playwright/test');
const { AppPage } = require('./app_page');

class ValuePage extends AppPage {
  constructor(page) {
    super(page, 'value');
    this.clvFigure = page.locator('#card-clv .figure');
    this.clvInterval = page.locator('#card-clv .interval');
    this.clvReading = page.locator('#card-clv .reading');
    this.modelInUse = page.locator('#value-model-in-use');
    this.survivalFigure = page.locator('#value-survival-figure');
    this.suggestionText = page.locator('#value-suggestion-text');
    this.useSuggestionButton = page.locator('#value-use-suggestion');
    this.retentionInput = page.locator('#retention');
    this.segment = page.locator('#value-segment');
    this.pAliveTable = page.locator('#value-palive-table');
    this.atRiskRows = page.locator('#value-at-risk tbody tr');
    this.holdoutVerdict = page.locator('#value-holdout-verdict');
    this.calibrationEnd = page.locator('#value-calibration-end');
    this.calibrationEndError = page.locator('#value-calibration-end-error');
  }

  /** The holdout check's chart `name` (calibration, conditional, tracking). */
  holdoutFigure(name) {
    return this.page.locator(`#value-holdout-${name}-figure`);
  }

  /** The shown actual and predicted holdout totals: the "All" row of the
   *  holdout-by-frequency table. */
  async holdoutTotals() {
    await this.showChartTable('value-holdout-conditional');
    const cells = await this.page
      .locator('#value-holdout-conditional-table tbody tr')
      .last()
      .locator('td')
      .allTextContents();
    return { actual: cells[2].trim(), predicted: cells[3].trim() };
  }

  /** The model choice `id` (auto, closed_form, sbg, bgnbd). */
  model(id) {
    return this.page.locator(`#value-model-${id}`);
  }

  async chooseModel(id) {
    await this.model(id).check();
  }

  /** Comes from the navigation and waits for the headline CLV. */
  async openFromNavWithValue() {
    await this.openFromNav();
    await expect(this.clvFigure).toHaveAttribute('data-value', /.+/);
  }

  async shownClv() {
    return Number(await this.clvFigure.getAttribute('data-value'));
  }

  /** The fitted parameters table: name → the shown text of its value. */
  async paramTexts() {
    const out = [];
    for (const row of await this.page.locator('#value-params tbody tr').all()) {
      out.push([(await row.locator('th').textContent()).trim(), await row.locator('td').first().textContent()]);
    }
    return out;
  }

  async useSuggestion() {
    await this.useSuggestionButton.click();
  }

  async retentionValue() {
    return this.retentionInput.inputValue();
  }

  async segmentOptions() {
    return this.segment.locator('option').allTextContents();
  }

  async selectSegment(index) {
    await this.segment.selectOption({ index });
  }

  async showPAliveTable() {
    await this.showChartTable('value-palive');
  }

  async pAliveHeads() {
    return this.pAliveTable.locator('thead th').allTextContents();
  }

  async pAliveRows() {
    return this.pAliveTable.locator('tbody tr').all();
  }

  /** The data-value of every cell of an at-risk row. */
  async atRiskValues(row) {
    return row.locator('td').evaluateAll((tds) => tds.map((td) => td.dataset.value));
  }

  /** The customer counts of the distribution's data table. */
  async distributionCounts() {
    await this.showChartTable('value-distribution');
    return this.page.locator('#value-distribution-table tbody tr td:nth-child(2)').allTextContents();
  }
}

module.exports = { ValuePage };
