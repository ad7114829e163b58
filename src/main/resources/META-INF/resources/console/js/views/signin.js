// Sign-in: paste a bearer token, or, where the service runs in its dev profile, pick a role and get a dev token.

import { describe, gql } from '../api.js';
import { field, h, labelled, mount } from '../dom.js';

/** @typedef {import('../types.js').Location} Location */

/**
 * The dev profile's token endpoint (io.oms.console.DevTokenRoute); absent (404) in every other profile.
 * @returns {Promise<string[] | null>} the roles it mints, or null
 */
async function devRoles() {
  try {
    const response = await fetch('/console/dev-token', { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = await response.json();
    return Array.isArray(body.roles) ? body.roles.map(String) : null;
  } catch {
    return null;
  }
}

/**
 * @param {HTMLElement} root
 * @param {(token: string) => Promise<void>} signIn
 * @param {string} [message]   why the user is here again
 */
export function renderSignIn(root, signIn, message) {
  document.title = 'Sign in · OMS console';
  const problem = h('div', { 'aria-live': 'polite' });
  /** @param {() => Promise<string>} getToken @param {HTMLButtonElement} button */
  const attempt = async (getToken, button) => {
    button.disabled = true;
    mount(problem);
    try {
      await signIn(await getToken());
    } catch (error) {
      mount(problem, h('p', { class: 'error', role: 'alert' }, describe(error)));
    } finally {
      button.disabled = false;
    }
  };

  const pasted = h('textarea', { name: 'token', rows: 4, required: true, spellcheck: 'false', autocomplete: 'off', placeholder: 'eyJhbGciOiJSUzI1NiIs…' });
  const pasteButton = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const pasteForm = h('form', {
    class: 'stack',
    onsubmit: (/** @type {SubmitEvent} */ e) => { e.preventDefault(); attempt(async () => pasted.value, pasteButton); },
  }, labelled('Bearer token', pasted), pasteButton);

  const devSlot = h('div');
  mount(root, h('section', { class: 'card signin' },
    h('h1', null, 'Sign in'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    h('p', { class: 'muted' }, 'The token stays in this tab\'s memory only: reloading or closing the tab signs you out.'),
    pasteForm, devSlot, problem));

  devRoles().then(async roles => {
    if (!roles) return;
    /** @type {Location[]} */
    let locations = [];
    try {
      locations = (await gql('query SignInLocations { locations { id code name } }')).locations;
    } catch (error) {
      mount(devSlot, h('p', { class: 'error' }, describe(error)));
      return;
    }
    const role = h('select', { name: 'role' }, roles.map(r => h('option', { value: r }, r)));
    const where = h('select', { name: 'location' }, locations.map(l => h('option', { value: l.code }, `${l.code} · ${l.name}`)));
    const whereField = labelled('Location', where);
    const syncLocation = () => { whereField.hidden = role.value !== 'warehouse'; };
    role.addEventListener('change', syncLocation);
    syncLocation();
    const devButton = h('button', { type: 'submit' }, 'Get a dev token and sign in');
    const devForm = h('form', {
      class: 'stack dev',
      onsubmit: (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        attempt(async () => {
          const query = new URLSearchParams({ role: field(devForm, 'role') });
          if (role.value === 'warehouse') query.set('location', field(devForm, 'location'));
          const response = await fetch(`/console/dev-token?${query}`, { method: 'POST' });
          const body = await response.json().catch(() => ({}));
          if (!response.ok) throw new Error(body.error ?? `The dev token endpoint answered HTTP ${response.status}.`);
          return body.token;
        }, devButton);
      },
    }, h('h2', null, 'Development profile'),
    h('p', { class: 'muted' }, 'This service runs in its dev profile and mints tokens signed with the development key.'),
    labelled('Role', role), whereField, devButton);
    mount(devSlot, devForm);
  });
}
