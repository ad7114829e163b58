// The routing queue on the overview: what waits, what is due and since when, retries, and jobs given up.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, inPage, launch, placeOrder, screenshot, signIn, sql, tag } from './support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the overview shows the routing queue: waiting, retrying and given up, from routingQueue', { timeout: 60000 }, async () => {
  const t = tag();
  // A job retrying tomorrow and a job given up, written with SQL: the API queues a job only for a paid order,
  // and the workers route it at once. Their orders are not paid, so nothing else acts on them.
  const retrying = await placeOrder(`cust-${t}-R`, [{ sku: `E2E-${t}-Q`, quantity: 1, unitPrice: '1.00' }]);
  const failed = await placeOrder(`cust-${t}-F`, [{ sku: `E2E-${t}-Q`, quantity: 1, unitPrice: '1.00' }]);
  sql(`insert into routing_jobs (order_id, status, attempts, next_attempt_at, last_error, created_at, updated_at) values
       ('${retrying.id}', 'PENDING', 1, now() + interval '1 day', 'e2e', now(), now()),
       ('${failed.id}', 'FAILED', 3, now(), 'e2e', now(), now())`);
  const count = (/** @type {string} */ where) => sql(`select count(*) from routing_jobs where ${where}`);

  await inPage(browser, 'routing-queue', {}, async page => {
    await signIn(page, ADMIN, '#/overview');
    const depth = page.getByTestId('routing-depth');
    await depth.waitFor();
    assert.equal(await depth.innerText(), count("status = 'PENDING'"));
    assert.ok(Number(await depth.innerText()) >= 1);
    await page.getByText(`${count("status = 'PENDING' and attempts > 0")} retrying after a failed attempt`).waitFor();
    await page.getByRole('link', { name: `${count("status = 'FAILED'")} given up (stuck unrouted)` }).waitFor();
    await screenshot(page, 'routing-queue');
  });
});
