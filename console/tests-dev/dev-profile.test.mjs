// The console as `./mvnw quarkus:dev` serves it: at /console, with the demo data, and with the dev profile's
// role picker that mints the token (io.oms.console.DevTokenRoute), which no other profile has.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, inPage, launch, screenshot } from '../tests/support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * @param {import('playwright-core').Page} page
 * @param {string} role
 * @param {string} [location]
 */
async function pickRole(page, role, location) {
  await page.getByLabel('Role').selectOption(role);
  if (location) await page.getByLabel('Location').selectOption(location);
  await page.getByRole('button', { name: 'Get a dev token and sign in' }).click();
  await page.locator('#who').getByRole('button', { name: 'Sign out' }).waitFor();
}

test('dev mode serves the console at /console with the demo data, and signs in by role', { timeout: 90000 }, async () => {
  await inPage(browser, 'dev-profile', {}, async page => {
    await page.goto(`${BASE_URL}/console`);
    await pickRole(page, 'admin');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    await page.locator('#nav').getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByLabel('Customer id').fill('alice');
    await page.getByRole('button', { name: 'Filter' }).click();
    // The demo's two orders of alice (db/demo): numbers 1 and 2.
    await page.locator('tr[data-order-number="1"]').waitFor();
    await page.locator('tr[data-order-number="2"]').waitFor();
    await screenshot(page, 'dev-orders');

    await page.locator('#who').getByRole('button', { name: 'Sign out' }).click();
    await pickRole(page, 'warehouse', 'WH-EAST');
    await page.getByRole('heading', { name: 'Location board · WH-EAST' }).waitFor();
    assert.match(await page.locator('#who').innerText(), /warehouse @ WH-EAST/);
  });
});

test('the dev token endpoint refuses a role the console does not serve', async () => {
  const response = await fetch(`${BASE_URL}/console/dev-token?role=customer`, { method: 'POST' });
  assert.equal(response.status, 400);
  assert.match((await response.json()).error, /role must be one of/);
});
