// The share toolbar on every page: copy link, save, open, reset, print,
// offline copy; and the notice it shows.

class ShareToolbar {
  constructor(page) {
    this.page = page;
    this.bar = page.locator('.share-bar');
    this.copyButton = page.locator('#share-copy');
    this.link = page.locator('#share-link');
    this.notice = page.locator('#share-notice');
    this.undoButton = page.locator('#share-notice-undo');
    this.saveButton = page.locator('#share-save');
    this.openFileInput = page.locator('#share-open-file');
    this.resetButton = page.locator('#share-reset');
    this.printButton = page.locator('#share-print');
    this.offlineButton = page.locator('#share-offline');
    this.printReport = page.locator('.print-report');
  }

  /** The heading of the page `slug` inside the print report. */
  printed(slug) {
    return this.printReport.locator(`#${slug}-heading`);
  }

  /** The toolbar by its accessible name. */
  toolbar(name) {
    return this.page.getByRole('toolbar', { name });
  }

  /** Copies the link and returns it. */
  async copyLink() {
    await this.copyButton.click();
    return this.link.inputValue();
  }

  /** Saves the scenario; resolves to the download. */
  async save() {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.saveButton.click(),
    ]);
    return download;
  }

  async openFile(file) {
    await this.openFileInput.setInputFiles(file);
  }

  async reset() {
    await this.resetButton.click();
  }

  async undo() {
    await this.undoButton.click();
  }

  async print() {
    await this.printButton.click();
  }
}

module.exports = { ShareToolbar };
