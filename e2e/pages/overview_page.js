// The Overview (#/overview), the dashboard's home: one card per page.
const { AppPage } = require('./app_page');

/** Every page of the dashboard, in the navigation's order. */
const PAGES = ['overview', 'data', 'assumptions', 'value', 'churn', 'nps', 'drivers', 'business', 'maturity'];

class OverviewPage extends AppPage {
  constructor(page) {
    super(page, 'overview');
    this.maturityFigure = page.locator('#card-maturity .figure');
  }
}

module.exports = { OverviewPage, PAGES };
