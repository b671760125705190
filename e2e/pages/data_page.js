// The Data page (#/data): paste box, file picker, drop zone, samples, the
// mapping selects, the preview and its problems, the report and notices.
const { expect } = require('@playwright/test');
const { AppPage } = require('./app_page');

class DataPage extends AppPage {
  constructor(page) {
    super(page, 'data');
    this.pasteBox = page.locator('#data-paste');
    this.readButton = page.locator('#data-paste-read');
    this.fileInput = page.locator('#data-file');
    this.summary = page.locator('#data-summary');
    this.inUse = page.locator('#data-in-use');
    this.source = page.locator('#data-source');
    this.shape = page.locator('#data-shape');
    this.tableInfo = page.locator('#data-table-info');
    this.notice = page.locator('#data-notice');
    this.unusable = page.locator('#data-unusable');
    this.unusableProblems = page.locator('#data-unusable-problems li');
    this.kept = page.locator('#data-kept');
    this.dateQuestion = page.locator('#data-date-question');
    this.dates = page.locator('#data-dates');
    this.decimal = page.locator('#data-decimal');
    this.sheet = page.locator('#data-sheet');
    this.sheetOptions = page.locator('#data-sheet option');
    this.progress = page.locator('#data-progress');
    this.loadingLabel = page.locator('#data-loading label');
    this.fitting = page.locator('#data-fitting');
    this.previewHead = page.locator('#data-preview thead');
    this.previewRows = page.locator('#data-preview tbody tr');
    this.problems = page.locator('li.problem');
    this.problemMessages = page.locator('li.problem .message');
    this.workerMeta = page.locator('meta[name="cxi-data-worker"]');
    this.tableItems = page.locator('#data-tables li');
    this.replacingNote = page.locator('#data-replacing');
    this.addNote = page.locator('#data-add-note');
  }

  /** The list item of the table named `name`. */
  tableItem(name) {
    return this.tableItems.filter({ has: this.page.locator('.table-name', { hasText: name }) });
  }

  /** A table's button: `label` is its visible text ("Remove", "Retirer"). */
  tableButton(label, name) {
    return this.page.getByRole('button', { name: `${label} ${name}`, exact: true });
  }

  /** Opens the page and waits for its heading. */
  async open() {
    await this.goto();
    await expect(this.heading()).toBeVisible();
  }

  /** Pastes `text` into the paste box the way Ctrl+V does: a paste event with clipboard data. */
  async paste(text) {
    await this.pasteBox.focus();
    await this.page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      document.getElementById('data-paste').dispatchEvent(ev);
    }, text);
  }

  /** Types `text` into the paste box (no paste event) and reads it with the button. */
  async fillAndRead(text) {
    await this.pasteBox.fill(text);
    await this.readButton.click();
  }

  /** Clicks the built-in sample `id` (subscription, retail). */
  async loadSample(id) {
    await this.page.locator(`#sample-${id}`).click();
  }

  /** Clicks a sample button by its name ("Retailer (purchases)"). */
  async loadSampleNamed(name) {
    await this.button(name).click();
  }

  /** Opens the page, loads the sample `id` and waits until it is in use
   *  (in the scenario), once the worker has fitted the models to it. */
  async useSample(id) {
    await this.goto();
    await this.loadSample(id);
    await this.waitForSampleInUse();
  }

  async waitForSampleInUse() {
    await expect(this.inUse).toContainText(/Sample: |Exemple : /);
  }

  /** Files through the picker (paths or `{ name, mimeType, buffer }`). */
  async chooseFile(files) {
    await this.fileInput.setInputFiles(files);
  }

  /** Drops a file of `content` named `name` on the drop zone. */
  async dropFile(name, content, type) {
    await this.page.evaluate(([n, c, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: t }));
      const zone = document.querySelector('.dropzone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [name, content, type]);
  }

  /** The mapping select of column `i`. */
  column(i) {
    return this.page.locator(`#data-col-${i}`);
  }

  async mapColumns(shape, fields) {
    await this.shape.selectOption(shape);
    for (const [i, field] of fields.entries()) await this.column(i).selectOption(field);
  }

  /** Cell `col` of preview row `row`. */
  previewCell(row, col) {
    return this.previewRows.nth(row).locator('td').nth(col);
  }

  problem(i) {
    return this.problems.nth(i);
  }

  /** The "new value" field (by its label) of a problem, or of the page. */
  fixField(label, within = this.page) {
    return within.getByLabel(label);
  }

  /** Records the main thread's long tasks from now on. */
  async recordLongTasks() {
    await this.page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
  }

  async longestTask() {
    return this.page.evaluate(() => Math.max(0, ...window.__longTasks));
  }

  /** The data worker's loader, as the page's meta names it. */
  async workerLoader() {
    return this.workerMeta.getAttribute('content');
  }
}

module.exports = { DataPage };
