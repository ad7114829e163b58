// The shell: sign-in, the sections the user's role may see, and the hash routes that pick a view.

import { gql, whenTokenRefused } from './api.js';
import { h, mount } from './dom.js';
import { closeAll } from './live.js';
import { end, may, parseToken, session, start } from './session.js';
import { errorBox } from './ui.js';
import { renderSignIn } from './views/signin.js';
import { renderOverview } from './views/overview.js';
import { renderOrders } from './views/orders.js';
import { renderOrder } from './views/order.js';
import { renderStuck } from './views/stuck.js';
import { renderBackorders } from './views/backorders.js';
import { renderBoard } from './views/board.js';
import { renderInventory } from './views/inventory.js';

/** @typedef {import('./types.js').Location} Location */
/** @typedef {import('./types.js').View} View */

/**
 * The sections, in the order of the navigation, with who may open them.
 * @type {{ name: string, label: string, view: View, allowed: () => boolean }[]}
 */
const SECTIONS = [
  { name: 'overview', label: 'Overview', view: renderOverview, allowed: may.seeOrders },
  { name: 'orders', label: 'Orders', view: (root, ctx) => (ctx.path.length ? renderOrder : renderOrders)(root, ctx), allowed: may.seeOrders },
  { name: 'stuck', label: 'Stuck orders', view: renderStuck, allowed: may.seeStuck },
  { name: 'backorders', label: 'Backorders', view: renderBackorders, allowed: may.seeBackorders },
  { name: 'board', label: 'Location board', view: renderBoard, allowed: () => may.workAt(session()?.locationCode) },
  { name: 'inventory', label: 'Inventory', view: renderInventory, allowed: () => may.workAt(session()?.locationCode) },
];

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const who = /** @type {HTMLElement} */ (document.getElementById('who'));

/** @type {Location[]} */
let locations = [];
/** @type {Location | null} */
let ownLocation = null;
/** @type {void | (() => void)} */
let leaveView;
/** While a token is being checked, its refusal is the sign-in form's error, not a sign-out. */
let signingIn = false;

/**
 * Signs in with a token: the service must accept it (the locations query with it answers, not HTTP 401), and
 * its role must be one the console serves.
 * @param {string} raw
 */
async function signIn(raw) {
  const candidate = parseToken(raw);
  start(candidate);
  signingIn = true;
  try {
    locations = (await gql('query ConsoleLocations { locations { id code name type priority active countries } }')).locations;
    if (!may.useConsole()) {
      throw new Error(`This console is for admin and warehouse staff (with a location claim); the token's roles are: ${candidate.roles.join(', ') || 'none'}.`);
    }
    ownLocation = locations.find(l => l.code === candidate.locationCode) ?? null;
    if (!may.chooseLocation() && !ownLocation) {
      throw new Error(`The token's location ${candidate.locationCode} is not a location of this service.`);
    }
  } catch (error) {
    end();
    throw error;
  } finally {
    signingIn = false;
  }
  const home = may.seeOrders() ? '#/overview' : '#/board';
  if (!location.hash || location.hash === '#/') {
    location.hash = home; // hashchange draws it
  } else {
    route();
  }
}

/** @param {string} [message] */
function signOut(message) {
  leaveView?.();
  leaveView = undefined;
  closeAll();
  end();
  locations = [];
  ownLocation = null;
  mount(nav);
  mount(who);
  renderSignIn(main, signIn, message);
}

whenTokenRefused(() => {
  if (session() && !signingIn) signOut('The service refused the token (it is invalid or has expired). Sign in again.');
});

function route() {
  const s = session();
  if (!s) {
    signOut();
    return;
  }
  const [pathPart, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...path] = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const allowed = SECTIONS.filter(section => section.allowed());
  const section = allowed.find(x => x.name === name) ?? allowed[0];
  mount(nav, allowed.map(x => h('a', { href: `#/${x.name}`, 'aria-current': x === section ? 'page' : null }, x.label)));
  mount(who,
    h('span', { class: 'who' }, `${s.subject} · ${s.roles.join(', ')}${s.locationCode ? ` @ ${s.locationCode}` : ''}`),
    h('button', { type: 'button', onclick: () => signOut() }, 'Sign out'));
  leaveView?.();
  mount(main);
  document.title = `${section.label} · OMS console`;
  try {
    leaveView = section.view(main, {
      path: section.name === name ? path : [],
      params: new URLSearchParams(query),
      locations,
      ownLocation,
      go: hash => { location.hash = hash; },
    });
  } catch (error) {
    mount(main, errorBox(error));
  }
}

window.addEventListener('hashchange', () => { if (session()) route(); });
renderSignIn(main, signIn);
