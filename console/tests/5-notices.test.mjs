// Dead notices: the overview counts them and shows the oldest, the order lists its notices with their channels,
// and an admin redelivers a dead one; redelivering one that someone else requeued meanwhile shows the API's
// error in words. A notice only dies after days of retries, so the test writes two that gave up with SQL, as
// the service's own tests do (NotificationAdminApiTest).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ADMIN, api, inPage, launch, placeOrder, screenshot, signIn, sql, tag, until } from './support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * A shipment notice of the order whose webhook gave up (DEAD) and whose mail was skipped: the notice is DEAD.
 * Written long ago, so it is older than any other dead notice.
 * @param {{ id: string, number: string, customer: string }} order
 * @param {number} daysAgo
 */
function deadNotice(order, daysAgo) {
  const id = randomUUID();
  sql(`insert into notifications (id, kind, order_id, recipient, payload, status, attempts, next_attempt_at, created_at)
       values ('${id}', 'SHIPMENT_SHIPPED', '${order.id}', '${order.customer.toLowerCase()}@example.com',
               '{"orderNumber": ${Number(order.number)}}'::jsonb, 'PENDING', 0, now() + interval '1 day',
               now() - interval '${daysAgo} days')`);
  sql(`update notification_deliveries set status = 'DEAD', attempts = 12, last_error = 'HTTP 503 from the receiver',
       done_at = now() - interval '${daysAgo - 1} days' where notification_id = '${id}' and channel = 'WEBHOOK'`);
  sql(`update notification_deliveries set status = 'SKIPPED', skip_reason = 'no mail server is configured',
       done_at = now() - interval '${daysAgo} days' where notification_id = '${id}' and channel = 'MAIL'`);
  assert.equal(status(id), 'DEAD');
  return id;
}

/** @param {string} id */
function status(id) {
  return sql(`select status from notifications where id = '${id}'`);
}

test('an admin sees the dead notices on the overview and redelivers one from its order', { timeout: 90000 }, async () => {
  const t = tag();
  const order = await placeOrder(`cust-${t}`, [{ sku: `E2E-${t}-NOTE`, quantity: 1, unitPrice: '5.00' }]);
  const oldest = deadNotice(order, 900);
  const other = deadNotice(order, 899);

  await inPage(browser, 'notices', {}, async page => {
    await signIn(page, ADMIN);
    const count = page.getByTestId('dead-notices');
    await count.waitFor();
    assert.ok(Number(await count.innerText()) >= 2, `at least the two dead notices, not ${await count.innerText()}`);
    const row = page.locator(`.dead-notices li[data-notice="${oldest}"]`);
    await row.getByText('Webhook gave up after 12 attempt(s): HTTP 503 from the receiver').waitFor();
    await page.locator(`.dead-notices li[data-notice="${other}"]`).waitFor();
    await page.getByTestId('routing-depth').waitFor();
    await screenshot(page, 'notices-overview');

    await row.getByRole('link', { name: `#${order.number}` }).click();
    await page.getByRole('heading', { name: `Order #${order.number}` }).waitFor();
    const notice = page.locator(`tr[data-notice="${oldest}"]`);
    assert.equal(await notice.getAttribute('data-status'), 'DEAD');
    await notice.locator('li[data-channel="WEBHOOK"]').getByText('last error: HTTP 503 from the receiver').waitFor();
    await notice.locator('li[data-channel="MAIL"]').getByText('skipped: no mail server is configured').waitFor();
    await screenshot(page, 'notices');

    await notice.getByRole('button', { name: 'Redeliver…' }).click();
    let dialog = page.locator('dialog[open]');
    await dialog.getByRole('button', { name: 'Redeliver', exact: true }).click();
    await page.locator('#notice', { hasText: 'The notice is back in the queue' }).waitFor();
    await page.locator(`tr[data-notice="${oldest}"]:not([data-status="DEAD"])`).waitFor();
    assert.equal(await page.locator(`tr[data-notice="${oldest}"]`).getByRole('button', { name: 'Redeliver…' }).count(), 0);

    // Someone else redelivers the other notice while the dialog is open: the API refuses, the console says why.
    await page.locator(`tr[data-notice="${other}"]`).getByRole('button', { name: 'Redeliver…' }).click();
    dialog = page.locator('dialog[open]');
    await api(ADMIN, 'mutation($id: ID!) { redeliverNotification(id: $id) { id } }', { id: other });
    await dialog.getByRole('button', { name: 'Redeliver', exact: true }).click();
    await dialog.getByRole('alert').getByText(/^Not possible now \(/).waitFor();
    await dialog.getByRole('button', { name: 'Back' }).click();
  });

  await until(async () => status(oldest) !== 'DEAD', 'the redelivered notice to leave DEAD');
  assert.notEqual(status(other), 'DEAD');
});
