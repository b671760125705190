// Several tables at once: an order log and a survey export pasted one after
// the other are both in use, each page reads the one that serves it, a
// share link carries both summaries, and removing one leaves the other.
const { test, expect } = require('@playwright/test');
const { watchConsole } = require('./helpers');
const { BusinessPage, DataPage, ShareToolbar, VoicePage } = require('./pages');

const ORDERS = [
  'customer,order date,amount',
  'C1,2024-01-05,10.5', 'C1,2024-02-11,20', 'C2,2024-01-09,7', 'C3,2024-03-02,12.25',
].join('\n');
// 5 answers: 2 promoters, 1 passive, 2 detractors: NPS 0.
const SURVEY = [
  'customer,nps,answered',
  'C1,10,2024-02-01', 'C2,9,2024-02-02', 'C3,7,2024-02-03', 'C4,3,2024-02-04', 'C5,0,2024-02-05',
].join('\n');

test.describe('English browser', () => {
  test.use({ locale: 'en-GB' });

  test('orders then a survey: both in use, each page reads its own; a removed table leaves the other', async ({ page, browser }) => {
    const problems = watchConsole(page);
    const data = new DataPage(page);
    await data.open();
    await data.fillAndRead(ORDERS);
    await expect(data.summary).toHaveText('4 rows ready, 0 with problems');
    await expect(data.inUse).toHaveText('In use: Pasted cells, 4 rows');
    await data.fillAndRead(SURVEY);
    await expect(data.shape).toHaveValue('survey');
    await expect(data.inUse).toHaveText('In use: Pasted cells, 4 rows ; Pasted cells, 5 rows');
    await expect(data.tableItems).toHaveCount(2);
    await expect(data.tableItems.nth(0).locator('.table-digest')).toHaveText('4 purchases of 3 customers');
    await expect(data.tableItems.nth(1).locator('.table-digest')).toHaveText('5 answers');
    await expect(data.tableItems.nth(0).locator('.table-uses')).toHaveText('Used by: Customer value, Churn & acquisition');
    await expect(data.tableItems.nth(1).locator('.table-uses')).toHaveText('Used by: NPS → revenue');

    // The NPS page reads the survey, while the orders stay in use.
    const nps = new VoicePage(page);
    await nps.openFromNav();
    await expect(nps.npsFigure).toHaveAttribute('data-value', '0');
    const counts = await nps.countsShown();
    expect(counts).toEqual({ d: 2, pa: 1, p: 2 });

    // A link opened in a fresh browser lists both tables by their summaries.
    const link = await new ShareToolbar(page).copyLink();
    const other = await browser.newContext({ locale: 'en-GB' });
    const p2 = await other.newPage();
    const data2 = new DataPage(p2);
    await p2.goto(link.replace(/#\/[a-z]+\?/, '#/data?'));
    await expect(data2.tableItems).toHaveCount(2);
    await expect(data2.inUse).toHaveText('In use: Pasted cells, 4 rows ; Pasted cells, 5 rows');
    await expect(data2.tableItems.nth(1).locator('.table-status')).toContainText('Summary only');
    const nps2 = new VoicePage(p2);
    await nps2.openFromNav();
    expect(await nps2.countsShown()).toEqual(counts);
    await other.close();

    // Removing the survey leaves the orders.
    await data.openFromNav();
    await data.tableButton('Remove', 'Pasted cells').nth(1).click();
    await expect(data.tableItems).toHaveCount(1);
    await expect(data.inUse).toHaveText('In use: Pasted cells, 4 rows');
    await expect(data.tableItems.nth(0).locator('.table-digest')).toHaveText('4 purchases of 3 customers');
    await expect(data.summary).toHaveText('4 rows ready, 0 with problems');
    expect(problems).toEqual([]);
  });
});

// Orders from 2023 to mid-2025, so every 365-day window after the answers
// of 1 January 2024 is inside the log. By hand: promoters P1 spent 30 and P2
// 50 in the year after their answer (mean 40, both bought again); the
// detractors D1 10 and D2 nothing (mean 5, one of two bought again); the
// passive X9 is in no order. Promoters − detractors: 35.
const LONG_ORDERS = [
  'customer,order date,amount',
  'P1,2023-01-01,1', 'P1,2024-02-01,30', 'P2,2024-03-01,50', 'D1,2024-02-10,10',
  'D2,2023-05-01,5', 'D2,2025-06-01,7',
].join('\n');
const CRM = ['customer,churned,support contacts', 'P1,no,0', 'P2,yes,1', 'D1,yes,4', 'D2,yes,2'].join('\n');
const DATED_SURVEY = [
  'customer,nps,answer date',
  'P1,10,2024-01-01', 'P2,9,2024-01-01', 'D1,2,2024-01-01', 'D2,5,2024-01-01', 'X9,8,2024-01-01',
].join('\n');

for (const [locale, lang] of [['en-GB', 'en'], ['fr-FR', 'fr']]) {
  test.describe(`joined by customer id (${lang})`, () => {
    test.use({ locale });

    test('orders and a dated survey: what each NPS group did next', async ({ page }) => {
      const problems = watchConsole(page);
      const data = new DataPage(page);
      await data.open();
      await data.fillAndRead(LONG_ORDERS);
      await data.fillAndRead(DATED_SURVEY);
      const join = page.locator('#data-join');
      await expect(join).toHaveText(lang === 'en'
        ? '4 of 5 answers match a customer of the orders (80%); 1 id matches nothing: X9. Its answers still count for the NPS itself.'
        : '4 réponses sur 5 correspondent à un client des commandes (80 %) ; 1 identifiant ne correspond à rien : X9. Ses réponses comptent quand même pour le NPS.');
      // The unmatched ids download as a CSV in the language's conventions.
      const button = page.locator('#data-unmatched-download');
      await expect(button).toHaveText(lang === 'en'
        ? 'Download the 1 unmatched id (CSV)' : 'Télécharger 1 identifiant sans correspondance (CSV)');
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe('unmatched-ids.csv');
      const fs = require('fs');
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv).toBe(lang === 'en' ? 'id,first row,rows\r\nX9,6,1\r\n' : 'identifiant;première ligne;lignes\r\nX9;6;1\r\n');
      const nps = new VoicePage(page);
      await nps.openFromNav();
      const rows = page.locator('#nps-linked-table tbody tr');
      await expect(rows).toHaveCount(3);
      // Detractors, passives, promoters: repeat rate and spend, as computed by hand.
      const cell = (r, c) => rows.nth(r).locator('td').nth(c);
      await expect(cell(0, 2)).toHaveAttribute('data-value', '0.5');
      await expect(cell(0, 3)).toHaveAttribute('data-value', '5');
      await expect(cell(2, 2)).toHaveAttribute('data-value', '1');
      await expect(cell(2, 3)).toHaveAttribute('data-value', '40');
      await expect(page.locator('#nps-linked-contrast')).toContainText(lang === 'en' ? 'Promoters spent €35' : 'Les promoteurs ont dépensé 35');
      await expect(page.locator('#nps-linked-basis')).toContainText(lang === 'en' ? '365 days after each answer' : '365 jours suivant chaque réponse');
      // No passive was measured (X9 matches nothing): the money stays assumed, and says why.
      await expect(page.locator('#nps-economics-source')).toContainText(lang === 'en'
        ? 'The join does not value the groups'
        : 'Le rapprochement ne valorise pas les groupes');
      // The window and the rule are the user's: the workers join again.
      const windowField = page.locator('#nps-join-window');
      await windowField.fill('90');
      await windowField.press('Enter');
      await expect(page.locator('#nps-linked-basis')).toContainText(lang === 'en' ? '90 days after each answer' : '90 jours suivant chaque réponse');
      await expect(cell(2, 3)).toHaveAttribute('data-value', '40');
      await page.locator('#nps-join-rule').selectOption('each');
      await expect(page.locator('#nps-linked-basis')).toContainText(lang === 'en' ? 'every answer' : 'toutes les réponses');
      // A window that is no number of days: said at the field, the last join stays.
      await windowField.fill('0');
      await windowField.press('Enter');
      await expect(page.locator('#nps-join-window-error')).toHaveText(lang === 'en' ? 'A whole number of days from 1 to 3,650.' : 'Un nombre entier de jours de 1 à 3 650.');
      await expect(page.locator('#nps-linked-basis')).toContainText('90');
      await windowField.fill('365');
      await windowField.press('Enter');
      await page.locator('#nps-join-rule').selectOption('latest');
      await expect(page.locator('#nps-linked-basis')).toContainText('365');
      await nps.screenshotsAtBothSizes(`nps-linked-${lang}`, { settleMs: 300, label: 'NPS page with the join' });
      // Removing the survey removes the join.
      await data.openFromNav();
      await data.tableButton(lang === 'en' ? 'Remove' : 'Retirer', lang === 'en' ? 'Pasted cells' : 'Cellules collées').nth(1).click();
      await expect(join).toHaveCount(0);
      await nps.openFromNav();
      await expect(page.locator('#nps-linked')).toHaveCount(0);
      expect(problems).toEqual([]);
    });

    // Three tables, one customer: the customer table's churn flags join too.
    // By hand: D1 and D2 churned (detractors 100 %), P2 of P1, P2 (50 %);
    // X9 is in no table: 4 of 5 answers found in the customer table.
    test('a customer table with churn flags and support contacts: the third table of the join', async ({ page }) => {
      const problems = watchConsole(page);
      const data = new DataPage(page);
      await data.open();
      await data.fillAndRead(LONG_ORDERS);
      await data.fillAndRead(DATED_SURVEY);
      await data.fillAndRead(CRM);
      await expect(data.tableItems).toHaveCount(3);
      await expect(data.tableItems.nth(2).locator('.table-uses').last()).toContainText(lang === 'en'
        ? 'Its churn flags and support contacts are joined to Pasted cells by customer id: per NPS group on the NPS → revenue page.'
        : 'Ses indicateurs d\'attrition et contacts au support sont rapprochés de Cellules collées par identifiant client');
      const join = page.locator('#data-join');
      await expect(join).toContainText(lang === 'en'
        ? '4 of 5 answers match a customer of the customer table (80%), which is joined.'
        : 'correspondent à un client du fichier clients');
      const nps = new VoicePage(page);
      await nps.openFromNav();
      const table = page.locator('#nps-linked-table');
      await expect(table.locator('thead th').nth(5)).toHaveText(lang === 'en' ? 'Churned (customer table)' : 'Partis (fichier clients)');
      const rows = table.locator('tbody tr');
      await expect(rows.nth(0).locator('td').nth(4)).toHaveAttribute('data-value', '1');
      await expect(rows.nth(2).locator('td').nth(4)).toHaveAttribute('data-value', '0.5');
      await expect(page.locator('#nps-linked-contrast')).toContainText(lang === 'en'
        ? 'Churned, promoters − detractors: -50'
        : 'Partis, promoteurs − détracteurs');
      // Support contacts: detractors 4 and 2, promoters 0 and 1.
      await expect(table.locator('thead th').nth(6)).toHaveText(lang === 'en'
        ? 'Support contacts (customer table)' : 'Contacts au support (fichier clients)');
      await expect(rows.nth(0).locator('td').nth(5)).toHaveAttribute('data-value', '3');
      await expect(rows.nth(2).locator('td').nth(5)).toHaveAttribute('data-value', '0.5');
      await expect(page.locator('#nps-linked-contrast')).toContainText(lang === 'en'
        ? 'Support contacts, promoters − detractors: -2.5'
        : 'Contacts au support, promoteurs − détracteurs : -2,5');
      // The business case's contacts per customer: the customer table's, said as measured.
      const business = new BusinessPage(page);
      await business.openFromNav();
      await expect(page.locator('#as-bc-contacts-help')).toContainText(lang === 'en'
        ? 'Measured: the mean support contacts in the customer table of the 4 customers'
        : 'Mesuré : la moyenne des contacts au support dans le fichier clients des 4 clients');
      await expect(page.locator('#as-bc-contacts')).toHaveValue(/^1[.,]75$/);
      // Removing the customer table: the survey and the orders alone again.
      await data.openFromNav();
      await data.tableButton(lang === 'en' ? 'Remove' : 'Retirer', lang === 'en' ? 'Pasted cells' : 'Cellules collées').nth(2).click();
      await expect(join).not.toContainText(lang === 'en' ? 'customer table' : 'fichier clients');
      await nps.openFromNav();
      await expect(page.locator('#nps-linked-table thead th')).toHaveCount(5);
      expect(problems).toEqual([]);
    });
  });
}

test.describe('ids written two ways', () => {
  test.use({ locale: 'en-GB' });

  test('leading zeros: proposed with their gain, confirmed, then undone', async ({ page }) => {
    const problems = watchConsole(page);
    const data = new DataPage(page);
    await data.open();
    await data.fillAndRead('customer,order date,amount\n42,2024-01-01,3\n42,2024-02-01,4\n43,2024-01-05,5\n43,2024-03-01,6');
    await data.fillAndRead('customer,nps,answer date\n00042,9,2024-01-10\n00043,3,2024-01-10');
    const join = page.locator('#data-join');
    await expect(join).toHaveText('0 of 2 answers match a customer of the orders (0%); 2 ids match nothing: 00042, 00043. Their answers still count for the NPS itself.');
    await expect(page.locator('#data-reconcile .proposal')).toHaveText(
      'Ignoring leading zeros (00042 = 42) would match 2 more answers: 2 of 2. Ignore leading zeros');
    await page.locator('#data-reconcile-0').click();
    await expect(join).toHaveText('2 of 2 answers match a customer of the orders (100%)');
    await expect(page.locator('#data-reconciled')).toContainText('Ids compared ignoring leading zeros (your choice).');
    await expect(page.locator('#data-reconcile .proposal')).toHaveCount(0);
    await page.locator('#data-reconcile-off').click();
    await expect(join).toContainText('0 of 2 answers match');
    expect(problems).toEqual([]);
  });
});

test.describe('French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('the linked sample: orders and survey of the same customers, joined', async ({ page }) => {
    const problems = watchConsole(page);
    const data = new DataPage(page);
    await data.open();
    await page.locator('#sample-linked').click();
    await expect(data.tableItems).toHaveCount(2);
    await expect(data.tableItem('Exemple : Boutique (commandes)').locator('.table-uses'))
      .toHaveText('Sert à : Valeur client, Attrition & acquisition');
    await expect(data.tableItem('Exemple : Boutique (réponses d\'enquête)').locator('.table-uses'))
      .toHaveText('Sert à : NPS → CA');
    await expect(page.locator('#data-join')).toContainText('correspondent à un client des commandes');
    const nps = new VoicePage(page);
    await nps.openFromNav();
    const rows = page.locator('#nps-linked-table tbody tr');
    await expect(rows).toHaveCount(3);
    // As planted: promoters spend more, and more of them buy again, than detractors.
    const value = async (r, c) => Number(await rows.nth(r).locator('td').nth(c).getAttribute('data-value'));
    expect(await value(2, 3)).toBeGreaterThan(await value(0, 3));
    expect(await value(2, 2)).toBeGreaterThan(await value(0, 2));
    await expect(page.locator('#nps-linked-contrast')).toContainText('Les promoteurs ont dépensé');
    // The orders' fitted model reads each group: promoters more likely active and worth more.
    await expect(page.locator('#nps-linked-table thead th').nth(5)).toHaveText("P(actif) aujourd'hui (modèle)");
    expect(await value(2, 4)).toBeGreaterThan(await value(0, 4));
    expect(await value(2, 5)).toBeGreaterThan(await value(0, 5));
    await expect(page.locator('#nps-linked-model')).toContainText('Promoteurs − détracteurs : CLV');
    // The money stands on that spend, said so, no longer on the assumed spend factors.
    const econ = page.locator('#nps-economics-source');
    await expect(econ).toContainText("Chiffre d'affaires par groupe mesuré dans les commandes");
    await expect(econ).toContainText('jours suivant leur réponse');
    const factors = page.locator('.factor-list');
    await expect(factors).toContainText('Attrition relative');
    await expect(factors).not.toContainText('Dépense relative');
    // The business case's revenue per NPS point is measured by the same join.
    const business = new BusinessPage(page);
    await business.openFromNav();
    await expect(page.locator('#as-bc-per-nps-point-help')).toContainText('Mesuré sur');
    await expect(page.locator('#as-bc-per-nps-point')).not.toHaveValue('0');
    // Another sample replaces both tables of the linked one.
    await data.openFromNav();
    await data.loadSampleNamed('Commerçant (achats)');
    await data.waitForSampleInUse();
    await expect(data.tableItems).toHaveCount(1);
    await expect(page.locator('#data-join')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('two tables listed in French, a sample replaces the sample and not the user\'s table', async ({ page }) => {
    const data = new DataPage(page);
    await data.open();
    await data.fillAndRead(SURVEY);
    await expect(data.tableItems).toHaveCount(1);
    await data.loadSampleNamed('Commerçant (achats)');
    await data.waitForSampleInUse();
    await expect(data.tableItems).toHaveCount(2);
    await data.loadSampleNamed('Entreprise d\'abonnement (clients)');
    await expect(data.inUse).toContainText('Exemple : Entreprise d\'abonnement (clients)');
    await expect(data.tableItems).toHaveCount(2);
    await expect(data.tableItems.nth(0).locator('.table-digest')).toHaveText('5 réponses');
    // The sample also has NPS answers: the survey, added first, serves the NPS page.
    const sample = data.tableItem('Exemple : Entreprise d\'abonnement (clients)');
    await expect(sample.locator('.table-uses').nth(1)).toHaveText(
      'Ne sert pas pour NPS → CA : les pages utilisent Cellules collées, chargé en premier. Retirez l\'un des deux pour choisir.');
    // Show the first table again.
    await data.tableButton('Afficher', 'Cellules collées').click();
    await expect(data.shape).toHaveValue('survey');
    await data.screenshotsAtBothSizes('tables-fr', { settleMs: 300, label: 'data page, two tables' });
  });
});
