// Warehouse staff on a tablet: the board of their own location, a shipment walked from Open to Shipped one
// press at a time, and no way to see another location's work.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, api, inPage, launch, routedOrder, screenshot, signIn, tag, token, warehouse } from './support.mjs';

const TABLET = { width: 820, height: 1180 };

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a warehouse user walks a shipment from Open to Shipped on its board and cannot see another location', { timeout: 120000 }, async () => {
  const t = tag();
  const [mine, theirs] = [`E2E-${t}-MINE`, `E2E-${t}-THEIRS`];
  const own = await warehouse(`E2E-${t}-OWN`, { [mine]: 10 });
  const other = await warehouse(`E2E-${t}-OTHER`, { [theirs]: 10 });
  const ours = await routedOrder(`cust-${t}-1`, [{ sku: mine, quantity: 2, unitPrice: '3.00' }]);
  const waiting = await routedOrder(`cust-${t}-2`, [{ sku: mine, quantity: 1, unitPrice: '3.00' }]);
  const notOurs = await routedOrder(`cust-${t}-3`, [{ sku: theirs, quantity: 1, unitPrice: '3.00' }]);

  await inPage(browser, 'warehouse-board', { viewport: TABLET }, async page => {
    await signIn(page, token('warehouse', { sub: `wh-${t}`, location: own.code }));
    // Warehouse staff land on their board and have no order sections.
    await page.getByRole('heading', { name: `Location board · ${own.code}` }).waitFor();
    const nav = await page.locator('#nav a').allTextContents();
    assert.deepEqual(nav, ['Location board', 'Inventory']);

    const card = (/** @type {string} */ column) =>
      page.locator(`[data-column="${column}"] .shipment[data-order-number="${ours.number}"]`);
    await card('OPEN').waitFor();
    assert.equal(await page.locator(`.shipment[data-order-number="${notOurs.number}"]`).count(), 0);

    await card('OPEN').getByRole('button', { name: 'Start picking' }).click();
    await card('PICKING').getByRole('button', { name: 'Mark picked' }).click();
    await card('PICKED').getByRole('button', { name: 'Mark packed' }).click();
    await card('PACKED').getByRole('button', { name: 'Ship…' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Carrier').fill('UPS');
    await dialog.getByLabel('Tracking number').fill(`1Z${t}`);
    await dialog.getByRole('button', { name: 'Ship', exact: true }).click();
    await card('SHIPPED').getByText(`UPS 1Z${t}`).waitFor();
    // Only the shipment walked moved.
    await page.locator(`[data-column="OPEN"] .shipment[data-order-number="${waiting.number}"]`).waitFor();
    await screenshot(page, 'warehouse-board');

    const shipped = (await api(ADMIN, 'query($id: ID!) { order(id: $id) { status fulfillmentOrders { status trackingNumber } } }', { id: ours.id })).order;
    assert.equal(shipped.status, 'FULFILLED');
    assert.deepEqual(shipped.fulfillmentOrders, [{ status: 'SHIPPED', trackingNumber: `1Z${t}` }]);

    // Another location's board, asked for by address: the service refuses and the console says so.
    await page.goto(`${page.url().split('#')[0]}#/board?location=${other.id}`);
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /^Not allowed: .*own location/);
    assert.equal(await page.locator(`.shipment[data-order-number="${notOurs.number}"]`).count(), 0);
    await screenshot(page, 'warehouse-other-location');
  });
});
