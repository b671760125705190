// The Drivers page (#/drivers): importance bars and the quadrant.
const { AppPage } = require('./app_page');

class DriversPage extends AppPage {
  constructor(page) {
    super(page, 'drivers');
    this.needsData = page.locator('#drivers-needs-data');
    this.openDataLink = page.locator('#drivers-open-data');
    this.summary = page.locator('#drivers-summary');
  }

  async openData() {
    await this.openDataLink.click();
  }

  /** The importance chart's data table, as the text of each cell of each row. */
  async tableRows() {
    await this.showChartTable('drivers-importance');
    return this.chartTableRows('drivers-importance').evaluateAll((rows) =>
      rows.map((r) => [...r.children].map((c) => c.innerText)));
  }

  /** The measure choice, by its label (/Shapley/). */
  measure(label) {
    return this.page.getByLabel(label);
  }

  async chooseMeasure(label) {
    await this.measure(label).check();
  }

  async selectSegment(label) {
    await this.page.getByLabel('Segment').selectOption({ label });
  }
}

module.exports = { DriversPage };
