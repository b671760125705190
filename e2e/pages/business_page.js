// The Business case page (#/business).
const { AppPage } = require('./app_page');

class BusinessPage extends AppPage {
  constructor(page) {
    super(page, 'business');
    this.title = page.locator('h2#business-heading');
    this.npvFigure = page.locator('#card-business-npv .figure');
    this.npvReading = page.locator('#card-business-npv .reading');
    this.npvInterval = page.locator('#card-business-npv .interval');
    this.comparisonHeads = page.locator('#business-comparison th[scope=col]');
    this.churnReductionError = page.locator('#as-bc-churn-reduction-error');
    this.resetButton = page.locator('#business-reset');
  }

  async npv() {
    return Number(await this.npvFigure.getAttribute('data-value'));
  }

  async setOneOffCost(value) {
    await this.page.getByLabel(/^One-off cost/).fill(value);
  }

  async setChurnReduction(value) {
    await this.page.getByLabel(/^Churn reduction/).fill(value);
  }

  async reset() {
    await this.resetButton.click();
  }
}

module.exports = { BusinessPage };
