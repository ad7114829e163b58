// What the browser tests share: the service's address, tokens signed with the development key (which the
// service under test trusts), GraphQL calls to set up data through the public API, SQL for the little the API
// cannot make (a notice that gave up), and headless Chromium.
// Every test makes its own locations, SKUs and customers, so the tests need no clean database.

import { execFileSync } from 'node:child_process';
import { createPrivateKey, createSign, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.OMS_CONSOLE_URL ?? 'http://localhost:8080';
const REPO = new URL('../../', import.meta.url);
const SCREENSHOTS = new URL('target/console-screenshots/', REPO);
const ISSUER = process.env.OMS_JWT_ISSUER ?? 'https://oms.dev/issuer';
const DEV_KEY = createPrivateKey(readFileSync(new URL('dev-keys/jwt-private.pem', REPO)));

/** Chromium from Debian; the flags keep it off the network this machine does not have (see the env notes). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A short random tag that keeps one test's data apart from every other's. */
export function tag() {
  return randomUUID().slice(0, 8).toUpperCase();
}

/**
 * A bearer token as dev-keys/token.sh makes it.
 * @param {string} role
 * @param {{ sub?: string, location?: string, minutes?: number, key?: import('node:crypto').KeyObject }} [options]
 */
export function token(role, options = {}) {
  const now = Math.floor(Date.now() / 1000);
  const sub = options.sub ?? `${role}-e2e`;
  /** @type {Record<string, unknown>} */
  const claims = { iss: ISSUER, sub, upn: sub, groups: [role], iat: now, exp: now + 60 * (options.minutes ?? 60) };
  if (options.location) claims.location = options.location;
  const b64 = (/** @type {object} */ json) => Buffer.from(JSON.stringify(json)).toString('base64url');
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(options.key ?? DEV_KEY).toString('base64url');
  return `${unsigned}.${signature}`;
}

export const ADMIN = token('admin', { sub: 'admin-e2e' });
const PAYMENTS = token('payments', { sub: 'payments-e2e' });

/**
 * Runs SQL in the database of the service under test (console/test.sh names it in OMS_CONSOLE_DB) with psql,
 * and returns what it printed (unaligned, tuples only). Only for what the API cannot set up.
 * @param {string} statement
 */
export function sql(statement) {
  return execFileSync('psql', ['-h', process.env.PGHOST ?? '127.0.0.1', '-p', process.env.PGPORT ?? '5432',
    '-U', process.env.OMS_DB_USER ?? 'postgres', '-d', process.env.OMS_CONSOLE_DB ?? 'oms_console_e2e',
    '-v', 'ON_ERROR_STOP=1', '-qAtc', statement], { encoding: 'utf8' }).trim();
}

/**
 * Calls the API; throws with the error's code on any GraphQL error.
 * @param {string} bearer
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
export async function api(bearer, query, variables = {}) {
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) {
    throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
  }
  return body.data;
}

/**
 * A warehouse of its own, shipping to the US, holding the given stock.
 * @param {string} code
 * @param {Record<string, number>} stock   SKU -> units on hand
 * @returns {Promise<{ id: string, code: string }>}
 */
export async function warehouse(code, stock) {
  const location = (await api(ADMIN, `mutation($in: LocationInput!) { upsertLocation(input: $in) { id code } }`, {
    in: { code, name: `Test warehouse ${code}`, type: 'WAREHOUSE', priority: 10, active: true,
      latitude: 40.7, longitude: -74.0, countries: ['US'] },
  })).upsertLocation;
  for (const [sku, units] of Object.entries(stock)) {
    await api(ADMIN, `mutation($l: ID!, $sku: String!, $d: Int!) { adjustInventory(locationId: $l, sku: $sku, delta: $d, reason: "e2e stock") { onHand } }`,
      { l: location.id, sku, d: units });
  }
  return location;
}

/**
 * Places an order as its customer.
 * @param {string} customer
 * @param {{ sku: string, quantity: number, unitPrice: string }[]} lines
 * @returns {Promise<{ id: string, number: string, customer: string }>}
 */
export async function placeOrder(customer, lines) {
  const placed = (await api(token('customer', { sub: customer }), `mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id number } }`, {
    in: { idempotencyKey: randomUUID(), email: `${customer.toLowerCase()}@example.com`, currency: 'USD', lines,
      shippingAddress: { name: `Customer ${customer}`, line1: '1 Main St', city: 'Boston', postalCode: '02108', country: 'US' } },
  })).placeOrder;
  return { ...placed, customer };
}

/**
 * Places, pays and waits until the routing worker has routed the order.
 * @param {string} customer
 * @param {{ sku: string, quantity: number, unitPrice: string }[]} lines
 */
export async function routedOrder(customer, lines) {
  const order = await placeOrder(customer, lines);
  await api(PAYMENTS, 'mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: "e2e-pay") { status } }', { id: order.id });
  await until(async () => {
    const o = (await api(ADMIN, 'query($id: ID!) { order(id: $id) { status } }', { id: order.id })).order;
    return o.status === 'AWAITING_FULFILLMENT';
  }, `order ${order.number} routed`);
  return order;
}

/**
 * @param {() => Promise<boolean>} check
 * @param {string} what
 * @param {number} [timeoutMs]
 */
export async function until(check, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * Runs a test in a fresh page of its own. Fails on any script error in the page, and keeps a screenshot of
 * the page as it was when the test failed.
 * @param {import('playwright-core').Browser} browser
 * @param {string} name
 * @param {{ viewport?: { width: number, height: number } }} options
 * @param {(page: import('playwright-core').Page) => Promise<void>} body
 */
export async function inPage(browser, name, options, body) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  /** @type {string[]} */
  const scriptErrors = [];
  page.on('pageerror', error => scriptErrors.push(error.message));
  try {
    await body(page);
    if (scriptErrors.length) throw new Error(`script errors in the page: ${scriptErrors.join('; ')}`);
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}

/**
 * Opens the console and signs in by pasting the token.
 * @param {import('playwright-core').Page} page
 * @param {string} bearer
 * @param {string} [hash]   where to go once signed in
 */
export async function signIn(page, bearer, hash = '') {
  // The packaged service serves the directory with its slash only (Quarkus answers 404 for /console there;
  // dev mode redirects): see the README.
  await page.goto(`${BASE_URL}/console/${hash}`);
  await page.getByLabel('Bearer token').fill(bearer);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('#who').getByRole('button', { name: 'Sign out' }).waitFor();
}
