// Page objects of the end-to-end tests, one per page of the app.
const { AppPage } = require('./app_page');
const { ClvPage } = require('./clv_page');
const { ValuePage } = require('./value_page');
const { DataPage } = require('./data_page');
const { OverviewPage, PAGES } = require('./overview_page');
const { AssumptionsPage } = require('./assumptions_page');
const { ChurnPage } = require('./churn_page');
const { VoicePage } = require('./voice_page');
const { DriversPage } = require('./drivers_page');
const { BusinessPage } = require('./business_page');
const { MaturityPage } = require('./maturity_page');
const { ShareToolbar } = require('./share_toolbar');

module.exports = {
  AppPage, ClvPage, ValuePage, DataPage, OverviewPage, PAGES, AssumptionsPage,
  ChurnPage, VoicePage, DriversPage, BusinessPage, MaturityPage, ShareToolbar,
};
