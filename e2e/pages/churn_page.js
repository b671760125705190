// The Churn and acquisition page (#/churn).
const { AppPage } = require('./app_page');

class ChurnPage extends AppPage {
  constructor(page) {
    super(page, 'churn');
    this.title = page.locator('h2#churn-heading');
    this.cacFigure = page.locator('#card-cac .figure');
    this.cacReading = page.locator('#card-cac .reading');
    this.ltvCacFigure = page.locator('#card-ltv-cac .figure');
    this.churnCostFigure = page.locator('#card-churn-cost .figure');
    this.resetButton = page.locator('#churn-reset');
    this.projectionAlt = page.locator('#churn-projection-figure .visually-hidden');
  }

  async cac() {
    return this.cardValue('card-cac');
  }

  async ltvToCac() {
    return this.cardValue('card-ltv-cac');
  }

  async churnCost() {
    return this.cardValue('card-churn-cost');
  }

  async setActiveCustomers(n, label = 'Active customers (customers)') {
    await this.page.getByLabel(label).fill(n);
  }

  /** The new-customers field of channel `k`, and its error. */
  channelNew(k) {
    return this.page.locator(`#as-churn-ch${k}-new`);
  }

  channelNewError(k) {
    return this.page.locator(`#as-churn-ch${k}-new-error`);
  }

  channelName(k) {
    return this.page.locator(`#churn-ch${k}-name`);
  }

  async setChannelNew(k, n) {
    await this.channelNew(k).fill(n);
  }

  async addChannel(name = 'Add a channel') {
    await this.button(name).click();
  }

  async reset() {
    await this.resetButton.click();
  }

  async showCacTable() {
    await this.showChartTable('churn-cac');
  }

  cacTableRows() {
    return this.chartTableRows('churn-cac');
  }
}

module.exports = { ChurnPage };
