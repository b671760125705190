// Shared helpers of the end-to-end tests.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ARTIFACTS = path.join(__dirname, 'artifacts');

/** The core's own answer, from the native `cxi` binary built from the same crate. */
function coreClv(args) {
  const bin = process.env.CXI_BIN;
  if (!bin) throw new Error('CXI_BIN is not set (run the e2e tests through ./x test)');
  return JSON.parse(execFileSync(bin, ['clv', ...args], { encoding: 'utf8' }));
}

/** Fails the test on any console error or uncaught exception of the page. */
function watchConsole(page) {
  const problems = [];
  // A Content-Security-Policy violation also names its directive and the
  // script line that caused it (the browser's own message does not).
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP ${e.violatedDirective} blocked at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  // The browser's own CSP message is left out: a violation in the app's
  // document is reported by the listener above (with its source); one the
  // listener never sees happened in a document the test tool made (a CI run
  // once logged nine "inline style" messages while Playwright printed a
  // page to PDF, with no violation in the page itself).
  const browserCsp = /violates the following Content Security Policy directive/;
  page.on('console', (m) => {
    if (m.type() === 'error' && !browserCsp.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return problems;
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // caret: 'initial': Playwright otherwise hides the caret with a style it
  // injects, which the app's CSP (style-src 'self') can block and report.
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, caret: 'initial' });
}

/** Share of canvas pixels that are not (near) white. */
async function canvasInk(page, selector) {
  return page.$eval(selector, (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (!(d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245)) ink++;
    }
    return ink / (c.width * c.height);
  });
}

module.exports = { coreClv, watchConsole, screenshot, canvasInk };
