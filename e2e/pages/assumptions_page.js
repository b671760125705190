// The Assumptions page (#/assumptions): every page's inputs in one place.
const { AppPage } = require('./app_page');

class AssumptionsPage extends AppPage {
  constructor(page) {
    super(page, 'assumptions');
    this.clvMargin = page.locator('#as-clv-margin');
    this.clvRetention = page.locator('#as-clv-retention');
    this.valueGroup = page.locator('#as-group-value');
  }

  async setClvMargin(value) {
    await this.clvMargin.fill(value);
  }

  async setClvRetention(value) {
    await this.clvRetention.fill(value);
  }
}

module.exports = { AssumptionsPage };
