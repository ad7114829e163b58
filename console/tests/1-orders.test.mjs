// An admin in the console: finds an order by its number, reads it, cancels part of it, and sees the API's
// refusals in words.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ADMIN, BASE_URL, inPage, launch, routedOrder, screenshot, signIn, tag, token, warehouse } from './support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an admin finds an order by its email and by its number, and opens it', { timeout: 90000 }, async () => {
  const t = tag();
  const sku = `E2E-${t}-FIND`;
  const location = await warehouse(`E2E-${t}-F`, { [sku]: 10 });
  const order = await routedOrder(`cust-${t}`, [{ sku, quantity: 2, unitPrice: '12.50' }]);
  const email = `cust-${t}@example.com`;

  await inPage(browser, 'find-order', {}, async page => {
    await signIn(page, ADMIN);
    await page.locator('#nav').getByRole('link', { name: 'Orders', exact: true }).click();
    const find = page.getByRole('search').getByLabel('Find an order');
    // An email in any case lists that customer's orders.
    await find.fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByText('1 order', { exact: true }).waitFor();
    await page.locator(`tr[data-order-number="${order.number}"]`).waitFor();
    assert.equal(await page.getByLabel('Email').inputValue(), email.toUpperCase());

    // A number nobody has is said so; the order's number opens it.
    await find.fill('999999999999');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('alert').getByText('No order has the number 999999999999.').waitFor();
    await find.fill(`#${order.number}`);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('heading', { name: `Order #${order.number}` }).waitFor();
    assert.match(page.url(), new RegExp(`#/orders/${order.id}$`));
    await page.locator('h1 .badge', { hasText: 'Awaiting fulfillment' }).waitFor();
    await page.locator('table.lines tr[data-sku]', { hasText: sku }).waitFor();
    await page.locator(`.shipment[data-location="${location.code}"]`, { hasText: 'Open' }).waitFor();
    const decision = page.locator('.decision');
    await decision.getByText('1 shipment(s), 2 unit(s) allocated, 0 backordered').waitFor();
    assert.ok(await decision.locator('.reasons li').count() > 0, 'the routing decision lists its reasons');
    for (const type of ['ORDER_PLACED', 'PAYMENT_CONFIRMED', 'ORDER_ROUTED']) {
      await page.locator(`.timeline li[data-type="${type}"]`).waitFor();
    }
    await screenshot(page, 'order-detail');
  });
});

test('an admin cancels a line and sees the refund and the new total', { timeout: 90000 }, async () => {
  const t = tag();
  const [a, b] = [`E2E-${t}-A`, `E2E-${t}-B`];
  await warehouse(`E2E-${t}-C`, { [a]: 10, [b]: 10 });
  const order = await routedOrder(`cust-${t}`, [
    { sku: a, quantity: 3, unitPrice: '10.00' },
    { sku: b, quantity: 1, unitPrice: '5.50' },
  ]);

  await inPage(browser, 'cancel-line', {}, async page => {
    await signIn(page, ADMIN, `#/orders/${order.id}`);
    await page.getByTestId('total').getByText('$35.50').waitFor();
    await page.getByRole('button', { name: 'Cancel lines…' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel(`Quantity of ${a} to cancel`).fill('2');
    await dialog.getByLabel('Reason').fill('customer changed their mind');
    await dialog.getByTestId('refund-preview').getByText('$20.00').waitFor();
    await dialog.getByRole('button', { name: 'Cancel these quantities' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('total').getByText('$15.50').waitFor();
    await page.getByTestId('refunded').getByText('$20.00').waitFor();
    const refund = page.getByTestId('refund');
    await refund.getByText('customer changed their mind').waitFor();
    await refund.getByText(`2 × ${a} = $20.00`).waitFor();
    assert.equal(await page.locator(`table.lines tr[data-sku="${a}"] [data-testid="cancelled"]`).textContent(), '2');
    await page.locator('.timeline li[data-type="LINES_CANCELLED"]').waitFor();
    await screenshot(page, 'cancel-line');
  });
});

test('an API error is shown in words next to the action that caused it', { timeout: 90000 }, async () => {
  const t = tag();
  const sku = `E2E-${t}-MOVE`;
  const from = await warehouse(`E2E-${t}-HAS`, { [sku]: 5 });
  const empty = await warehouse(`E2E-${t}-NONE`, {});
  const order = await routedOrder(`cust-${t}`, [{ sku, quantity: 3, unitPrice: '4.00' }]);

  await inPage(browser, 'api-error', {}, async page => {
    await signIn(page, ADMIN, `#/orders/${order.id}`);
    await page.locator(`.shipment[data-location="${from.code}"]`).getByRole('button', { name: 'Move…' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('To location').selectOption(empty.id);
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    // The location holds none of the SKU: the service refuses with INSUFFICIENT_QUANTITY and nothing changes.
    const problem = dialog.getByRole('alert');
    await problem.waitFor();
    assert.match(await problem.innerText(), /^Not enough quantity: .+/);
    await screenshot(page, 'api-error');
    await dialog.getByRole('button', { name: 'Back' }).click();
    await page.locator(`.shipment[data-location="${from.code}"]`).waitFor();
    assert.equal(await page.locator(`.shipment[data-location="${empty.code}"]`).count(), 0);
  });

  await inPage(browser, 'refused-token', {}, async page => {
    // A token signed with another key: the service answers HTTP 401 before GraphQL runs.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await page.goto(`${BASE_URL}/console/`);
    await page.getByLabel('Bearer token').fill(token('admin', { key: stranger }));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    assert.match(await problem.innerText(), /refused the token \(HTTP 401\)/);
    assert.equal(await page.locator('#nav a').count(), 0, 'nothing of the console is shown');
    await screenshot(page, 'refused-token');
  });
});
