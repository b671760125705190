// The voice of the customer page: NPS, CSAT and CES tied to revenue (#/nps).
const { AppPage } = require('./app_page');

class VoicePage extends AppPage {
  constructor(page) {
    super(page, 'nps');
    this.source = page.locator('#nps-source');
    this.npsFigure = page.locator('#card-nps .figure');
    this.npsReading = page.locator('#card-nps .reading');
    this.pointReading = page.locator('#card-nps-point .reading');
    this.moveSentence = page.locator('#nps-move-sentence');
    this.error = page.locator('#nps-error');
    this.economics = page.locator('#nps-economics');
  }

  /** The counts shown for detractors, passives and promoters. */
  async countsShown() {
    const read = async (id) => Number(await this.page.locator(`#nps-count-${id} td`).first().getAttribute('data-value'));
    return { d: await read('detractors'), pa: await read('passives'), p: await read('promoters') };
  }

  async nps() {
    return this.cardValue('card-nps');
  }

  /** The "detractors moved to passives" field, by its label. */
  async setMove(pct, label = /Detractors moved to passives/) {
    await this.page.getByLabel(label).fill(pct);
  }

  async setPromoters(n, label = /Promoter answers/) {
    await this.page.getByLabel(label).fill(n);
  }

  segment() {
    return this.page.getByLabel('Segment');
  }

  segmentOptions() {
    return this.segment().locator('option');
  }

  async selectSegment(label) {
    await this.segment().selectOption({ label });
  }

  /** The 0–10 chart's data table: the count of each score. */
  async distributionCounts() {
    await this.showChartTable('nps-distribution');
    return this.chartTableRows('nps-distribution').evaluateAll((rows) =>
      rows.map((r) => Number(r.children[2].innerText.replace(/[^\d]/g, ''))));
  }
}

module.exports = { VoicePage };
