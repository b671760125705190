// The closed-form CLV calculator on the Customer value page (#/value).
const { expect } = require('@playwright/test');
const { AppPage } = require('./app_page');

class ClvPage extends AppPage {
  constructor(page) {
    super(page, 'value');
    // The calculator's own heading, an h3 inside the page.
    this.clvHeading = page.locator('#clv-heading');
    this.clvTitle = page.locator('h3#clv-heading');
    this.value = page.locator('#clv-value');
    this.canvas = '#clv-canvas';
    this.marginInput = page.locator('#margin');
    this.retentionInput = page.locator('#retention');
    this.marginError = page.locator('#margin-error');
    this.retentionError = page.locator('#retention-error');
    this.table = page.locator('#clv-table');
  }

  /** The margin field, by its label (`Marge par client`, `Margin per customer`). */
  marginField(label) {
    return this.page.getByLabel(label);
  }

  /** The retention field, by its label. */
  retentionField(label = 'Retention per period (%)') {
    return this.page.getByLabel(label);
  }

  /** Types a retention into the field labelled `label`. */
  async typeRetention(value, label) {
    await this.retentionField(label).fill(value);
  }

  /** Types a retention (by the field's id) and waits for a computed value. */
  async setRetention(value) {
    await this.retentionInput.fill(value);
    await expect(this.value).toHaveAttribute('data-value', /.+/);
  }

  async setMargin(value) {
    await this.marginInput.fill(value);
  }

  async setCurrency(code) {
    await this.currency().selectOption(code);
  }

  async setCurrencyByLabel(code, label = 'Currency') {
    await this.page.getByLabel(label).selectOption(code);
  }

  async setHorizon(periods, label = 'Chart horizon (periods)') {
    await this.page.getByLabel(label).fill(periods);
  }

  /** The CLV shown, exactly (its data-value). */
  async shownValue() {
    return Number(await this.value.getAttribute('data-value'));
  }

  async resetToDefaults(name = 'Revenir aux valeurs par défaut') {
    await this.page.getByRole('button', { name }).click();
  }

  async showDataTable(name = 'Show data table') {
    await this.page.locator('section.clv').getByRole('button', { name }).click();
  }

  tableRows() {
    return this.table.locator('tbody tr');
  }

  /** The text of cell `col` of the table's last row. */
  async lastRowCell(col) {
    return this.tableRows().last().locator('td').nth(col).textContent();
  }

  async canvasInk() {
    return this.ink(this.canvas);
  }
}

module.exports = { ClvPage };
