// Signing in to the packaged service: a pasted token only; the dev profile's role picker is not built in.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, BASE_URL, inPage, launch, screenshot, signIn } from './support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the packaged service has no dev token endpoint, and the console offers only pasting a token', { timeout: 60000 }, async () => {
  assert.equal((await fetch(`${BASE_URL}/console/dev-token`)).status, 404);
  // No route mints a token: the static files' handler answers the POST (405, method not allowed).
  const minted = await fetch(`${BASE_URL}/console/dev-token?role=admin`, { method: 'POST' });
  assert.ok([404, 405].includes(minted.status), `POST /console/dev-token answered ${minted.status}`);
  await inPage(browser, 'signin', {}, async page => {
    // The address as the README gives it, without the trailing slash: the service redirects it to the directory.
    await page.goto(`${BASE_URL}/console`);
    assert.equal(new URL(page.url()).pathname, '/console/');
    await page.getByLabel('Bearer token').waitFor();
    // The page asks for the endpoint once; give that answer time to arrive before looking for its form.
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('button', { name: 'Get a dev token and sign in' }).count(), 0);
    await screenshot(page, 'signin');
  });
});

test('the token lives in the tab\'s memory only: a reload asks for it again', { timeout: 60000 }, async () => {
  await inPage(browser, 'signout', {}, async page => {
    await signIn(page, ADMIN, '#/overview');
    await page.reload();
    await page.getByLabel('Bearer token').waitFor();
    assert.equal(await page.locator('#nav a').count(), 0);
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]), [0, 0, '']);
    await screenshot(page, 'signed-out-after-reload');
  });
});
