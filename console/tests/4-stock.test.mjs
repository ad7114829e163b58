// Backorders and inventory in the console: what waits for a SKU, stock on its way, stock received filling the
// backorder, and an adjustment; a location's stock page by page; stuck orders by reason.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, api, inPage, launch, placeOrder, routedOrder, screenshot, signIn, sql, tag, token, until, warehouse } from './support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an admin records incoming stock for a backordered SKU, receives it, and the backorder is filled', { timeout: 90000 }, async () => {
  const t = tag();
  const sku = `E2E-${t}-LATE`;
  const location = await warehouse(`E2E-${t}-DC`, {});
  const order = await placeOrder(`cust-${t}`, [{ sku, quantity: 2, unitPrice: '7.00' }]);
  await api(token('payments'), 'mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: "e2e-bo") { status } }', { id: order.id });
  await until(async () => (await api(ADMIN, 'query($id: ID!) { order(id: $id) { backorders { status } } }', { id: order.id }))
    .order.backorders.length === 1, `the backorder of order ${order.number}`);

  await inPage(browser, 'backorders', {}, async page => {
    await signIn(page, ADMIN, `#/backorders?sku=${sku}`);
    const group = page.locator(`.group[data-sku="${sku}"]`);
    await group.getByText('2 units waiting in 1 backorder(s)').waitFor();
    await group.getByRole('link', { name: `#${order.number}` }).waitFor();
    await group.getByText('Next expected: unknown').waitFor();

    await group.getByRole('button', { name: 'Add incoming…' }).click();
    let dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Location').selectOption(location.id);
    await dialog.getByLabel('Quantity').fill('5');
    await dialog.getByLabel('Expected on').fill('2030-01-15');
    await dialog.getByRole('button', { name: 'Record' }).click();
    await group.getByText(`5 to ${location.code} on`).waitFor();
    assert.doesNotMatch(await group.locator('p', { hasText: 'Next expected' }).innerText(), /unknown/);
    await screenshot(page, 'backorders');

    await group.getByRole('button', { name: 'Receive stock…' }).click();
    dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Location').selectOption(location.id);
    await dialog.getByLabel('Quantity').fill('5');
    await dialog.getByRole('button', { name: 'Receive' }).click();
    await page.locator('#notice', { hasText: `Received ${sku}: 1 backorder(s) filled.` }).waitFor();
    await page.getByText('Nothing waits for stock.').waitFor();
  });

  const filled = (await api(ADMIN, 'query($id: ID!) { order(id: $id) { status backorders { status } } }', { id: order.id })).order;
  assert.deepEqual(filled, { status: 'AWAITING_FULFILLMENT', backorders: [{ status: 'ALLOCATED' }] });
});

test('the overview and the backorders page count every open backorder, by SKU, the SKU waiting longest first, a page of SKUs at a time', { timeout: 90000 }, async () => {
  const t = tag();
  // One SKU more than a page of SKUs (15): the last one waits on page 2.
  const skus = Array.from({ length: 16 }, (_, i) => `E2E-${t}-W${String(i).padStart(2, '0')}`);
  const order = await placeOrder(`cust-${t}`, skus.map((sku, i) => ({ sku, quantity: 1 + (i % 3), unitPrice: '2.00' })));
  await api(token('payments'), 'mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: "e2e-wait") { status } }', { id: order.id });
  await until(async () => (await api(ADMIN, 'query($id: ID!) { order(id: $id) { backorders { id } } }', { id: order.id }))
    .order.backorders.length === skus.length, `the backorders of order ${order.number}`);
  // Older than every other open backorder, a minute apart in SKU order: these SKUs wait longest (the API cannot date them).
  sql(`update backorders set created_at = (select min(created_at) from backorders where status = 'OPEN') - interval '1 day'
    + substring(sku from '..$')::int * interval '1 minute' where sku like 'E2E-${t}-W%'`);
  const [open, units, skuCount] = sql("select count(*), sum(quantity), count(distinct sku) from backorders where status = 'OPEN'").split('|');

  await inPage(browser, 'backorder-summary', {}, async page => {
    await signIn(page, ADMIN);
    await page.waitForFunction(([o, u]) => document.querySelector('[data-testid="open-backorders"]')?.textContent === o
      && document.querySelector('[data-testid="units-waiting"]')?.textContent === u, [open, units]);
    await page.getByTestId('waiting-longest').getByRole('link', { name: skus[0] }).waitFor();

    await page.goto(`${page.url().split('#')[0]}#/backorders`);
    await page.getByTestId('backorder-totals').getByText(`${open} open backorders, ${units} units, ${skuCount} SKUs`).waitFor();
    const groups = page.locator('.group');
    await groups.first().locator('h2', { hasText: skus[0] }).waitFor();
    assert.deepEqual(await groups.evaluateAll(gs => gs.map(g => g.getAttribute('data-sku'))), skus.slice(0, 15));
    await page.locator(`.group[data-sku="${skus[2]}"]`).getByText('3 units waiting in 1 backorder(s)').waitFor();
    await page.locator(`.group[data-sku="${skus[0]}"]`).getByRole('link', { name: `#${order.number}` }).waitFor();
    assert.equal(await page.getByRole('button', { name: '← Previous' }).isDisabled(), true);
    await screenshot(page, 'backorders-by-sku');

    await page.getByRole('button', { name: 'Next →' }).click();
    await groups.first().locator('h2', { hasText: skus[15] }).waitFor();
    await page.getByRole('button', { name: '← Previous' }).click();
    await groups.first().locator('h2', { hasText: skus[0] }).waitFor();
    assert.equal(await groups.count(), 15);
  });
});

test('warehouse staff page through the stock of their own location, adjust it, and see no other location', { timeout: 90000 }, async () => {
  const t = tag();
  // One SKU more than a page (50), by SKU: the last one is alone on page 2.
  const skus = Array.from({ length: 51 }, (_, i) => `E2E-${t}-S${String(i).padStart(2, '0')}`);
  const own = await warehouse(`E2E-${t}-HERE`, {});
  await api(ADMIN, 'mutation($l: ID!, $levels: [InventoryLevelInput!]!) { importInventory(locationId: $l, levels: $levels) { rows } }',
    { l: own.id, levels: skus.map(sku => ({ sku, onHand: 4 })) });
  const other = await warehouse(`E2E-${t}-THERE`, { [skus[0]]: 9 });

  await inPage(browser, 'inventory', { viewport: { width: 820, height: 1180 } }, async page => {
    await signIn(page, token('warehouse', { sub: `wh-${t}`, location: own.code }), '#/inventory');
    await page.getByText('51 SKUs', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Location').count(), 0, 'a warehouse user cannot pick another location');
    const row = page.locator(`tr[data-sku="${skus[0]}"]`);
    assert.equal(await row.getAttribute('data-location'), own.code);
    assert.equal(await page.locator('table.levels tbody tr').count(), 50);
    await row.getByRole('button', { name: 'Adjust…' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Change (±units)').fill('-1');
    await dialog.getByLabel('Reason').fill('cycle count');
    await dialog.getByRole('button', { name: 'Adjust' }).click();
    await page.locator('#notice', { hasText: `${skus[0]} at ${own.code}: on hand is now 3.` }).waitFor();
    await row.locator('td').nth(1).getByText('3', { exact: true }).waitFor();
    await screenshot(page, 'inventory');

    await page.getByRole('button', { name: 'Next →' }).click();
    await page.locator(`tr[data-sku="${skus[50]}"]`).waitFor();
    assert.equal(await page.locator('table.levels tbody tr').count(), 1);

    // One SKU at every location: only their own.
    await page.getByRole('search').getByLabel('SKU').fill(skus[0]);
    await page.getByRole('search').getByRole('button', { name: 'Show' }).click();
    await page.locator(`tr[data-location="${own.code}"] td`).nth(1).getByText('3', { exact: true }).waitFor();
    assert.equal(await page.locator(`tr[data-location="${other.code}"]`).count(), 0);
  });
});

test('an admin picks a location and sees its stock', { timeout: 60000 }, async () => {
  const t = tag();
  const sku = `E2E-${t}-PICK`;
  const location = await warehouse(`E2E-${t}-PICKED`, { [sku]: 6 });

  await inPage(browser, 'inventory-admin', {}, async page => {
    await signIn(page, ADMIN, '#/inventory');
    await page.getByLabel('Location').selectOption(location.id);
    await page.getByRole('button', { name: 'Show stock' }).click();
    await page.getByRole('heading', { name: `${location.code} · Test warehouse ${location.code}` }).waitFor();
    await page.getByText('1 SKU', { exact: true }).waitFor();
    const row = page.locator(`tr[data-sku="${sku}"]`);
    assert.equal(await row.locator('td').nth(5).innerText(), '6');
  });
});

test('stuck orders by reason: counts and the oldest on the overview, the list of one reason, the orders filter', { timeout: 90000 }, async () => {
  const t = tag();
  const sku = `E2E-${t}-STILL`;
  await warehouse(`E2E-${t}-SLOW`, { [sku]: 5 });
  const order = await routedOrder(`cust-${t}`, [{ sku, quantity: 1, unitPrice: '3.00' }]);
  // A shipment untouched for two days, flagged as the detector flags it (SQL: the detector waits a day, and its
  // rule holds, so a run meanwhile keeps the flag). Stuck since 2000: the oldest of its reason.
  sql(`update fulfillment_orders set updated_at = now() - interval '2 days' where order_id = '${order.id}';
       update orders set stuck_since = '2000-01-01T00:00:00Z', stuck_reason = 'NOT_PROGRESSING' where id = '${order.id}'`);
  const count = (/** @type {string} */ reason) => sql(`select count(*) from orders where stuck_since is not null and stuck_reason = '${reason}'`);

  await inPage(browser, 'stuck', {}, async page => {
    await signIn(page, ADMIN, '#/overview');
    const row = page.locator('tr[data-reason="NOT_PROGRESSING"]');
    await row.getByRole('link', { name: `#${order.number}` }).waitFor();
    assert.equal(await row.locator('td').nth(1).innerText(), count('NOT_PROGRESSING'));
    assert.equal(await page.locator('tr[data-reason="UNROUTED"] td').nth(1).innerText(), count('UNROUTED'));

    await row.getByRole('link', { name: 'Not progressing' }).click();
    await page.getByText('A shipment has not moved: ask its location, or move it while it is still open.').waitFor();
    await page.getByText(`${count('NOT_PROGRESSING')} stuck for this reason`).waitFor();
    await page.locator(`tr[data-order-number="${order.number}"]`).waitFor();
    await screenshot(page, 'stuck');
    await page.getByRole('link', { name: 'Unrouted', exact: true }).click();
    await page.locator('.tabs a[aria-current="page"]', { hasText: 'Unrouted' }).waitFor(); // the new list, loading
    await page.getByText(`${count('UNROUTED')} stuck for this reason`).waitFor();
    assert.equal(await page.locator(`tr[data-order-number="${order.number}"]`).count(), 0);
    await page.getByRole('link', { name: 'All', exact: true }).click();
    await page.getByText(/\d+ stuck in all/).waitFor();

    await page.goto(`${page.url().split('#')[0]}#/orders?reason=NOT_PROGRESSING`);
    await page.locator(`tr[data-order-number="${order.number}"]`).waitFor();
    assert.equal(await page.getByLabel('Stuck for').inputValue(), 'NOT_PROGRESSING');
  });
});
