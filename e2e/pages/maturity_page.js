// The Maturity page (#/maturity): 15 statements, the radar, the stage.
const { AppPage } = require('./app_page');

class MaturityPage extends AppPage {
  constructor(page) {
    super(page, 'maturity');
    this.incomplete = page.locator('#maturity-incomplete');
    this.progress = page.locator('#maturity-progress');
    this.overall = page.locator('#maturity-overall');
  }

  /** The answer select of statement `n` (1–5) of dimension `prefix` (VS, LA, OC). */
  statement(prefix, n) {
    return this.page.locator(`#maturity-${prefix.toLowerCase()}${n}`);
  }

  /** Answers every statement: `{ VS: [5, 5, 4, 4, 2], … }`. */
  async answerAll(answers) {
    for (const [prefix, values] of Object.entries(answers)) {
      for (const [i, v] of values.entries()) {
        await this.statement(prefix, i + 1).selectOption(String(v));
      }
    }
  }

  async radarInk() {
    return this.chartInk('maturity-radar');
  }

  /** The radar's data table: each dimension's score, as shown. */
  async radarScores() {
    await this.showChartTable('maturity-radar');
    return this.chartTableRows('maturity-radar').evaluateAll((rows) =>
      rows.map((r) => r.children[1].innerText));
  }

  /** The next steps for dimension `id`, and their items. */
  recommendations(id) {
    return this.page.locator(`#maturity-reco-${id}`);
  }
}

module.exports = { MaturityPage };
