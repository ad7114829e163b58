// The overview follows the service live: an order placed through the API appears in the live feed and in the
// counts, without a reload.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, api, inPage, launch, placeOrder, screenshot, signIn, tag, token, warehouse } from './support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an order placed through the API shows up live on the overview', { timeout: 90000 }, async () => {
  const t = tag();
  const sku = `E2E-${t}-LIVE`;
  await warehouse(`E2E-${t}-L`, { [sku]: 10 });

  await inPage(browser, 'live-overview', {}, async page => {
    await signIn(page, ADMIN, '#/overview');
    await page.locator('.live-state[data-state="live"]').waitFor();
    const pending = page.locator('td[data-status="PENDING"]');
    await pending.waitFor();
    const before = Number(await pending.textContent());

    const order = await placeOrder(`cust-${t}`, [{ sku, quantity: 1, unitPrice: '9.99' }]);

    const row = page.locator('.feed li[data-type="ORDER_PLACED"]', { hasText: `#${order.number}` });
    await row.waitFor();
    assert.equal(await page.locator('.feed li').count() >= 1, true);
    await page.waitForFunction(([min]) => Number(document.querySelector('td[data-status="PENDING"]')?.textContent) >= min, [before + 1]);
    await row.getByRole('link', { name: `#${order.number}` }).waitFor();

    // Paid, it is routed by the worker; what no location holds becomes a backorder: both arrive live too.
    const openBackorders = Number(await page.getByTestId('open-backorders').textContent());
    // The chart counts it too, placed and routed (a fresh database: nothing drops out of the last 12 hours meanwhile).
    const routed = Number(await page.getByTestId('activity-routed').textContent());
    const placed = Number(await page.getByTestId('activity-placed').textContent());
    const waiting = await placeOrder(`cust-${t}`, [{ sku: `E2E-${t}-NOWHERE`, quantity: 2, unitPrice: '1.00' }]);
    await api(token('payments'), 'mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: "e2e-live") { status } }', { id: waiting.id });
    await page.locator('.feed li[data-type="ORDER_ROUTED"]', { hasText: `#${waiting.number}` }).waitFor();
    await page.waitForFunction(([min]) => Number(document.querySelector('[data-testid="open-backorders"]')?.textContent) >= min, [openBackorders + 1]);
    await page.waitForFunction(([minPlaced, minRouted]) =>
      Number(document.querySelector('[data-testid="activity-placed"]')?.textContent) >= minPlaced
      && Number(document.querySelector('[data-testid="activity-routed"]')?.textContent) >= minRouted, [placed + 1, routed + 1]);
    await screenshot(page, 'overview');
  });
});
