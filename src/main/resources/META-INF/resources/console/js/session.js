// The signed-in user. The token lives in this module's memory only: never in localStorage, sessionStorage or a
// cookie, so closing or reloading the tab signs out. Claims are read (not verified: the service verifies every
// request) to decide what the console shows; the service still refuses whatever the token may not do.

/**
 * @typedef {object} Session
 * @property {string} token
 * @property {string} subject
 * @property {string[]} roles       the JWT `groups` claim
 * @property {string | null} locationCode   the `location` claim of warehouse staff
 * @property {Date | null} expiresAt
 */

/** @type {Session | null} */
let current = null;

/**
 * Reads a JWT's claims without verifying it.
 * @param {string} token
 * @returns {Session}
 */
export function parseToken(token) {
  const bare = token.trim().replace(/^Bearer\s+/i, '');
  const parts = bare.split('.');
  if (parts.length !== 3) {
    throw new Error('This is not a JWT: it should be three base64url parts separated by dots.');
  }
  /** @type {Record<string, unknown>} */
  let claims;
  try {
    const json = atob(parts[1].replaceAll('-', '+').replaceAll('_', '/'));
    claims = JSON.parse(decodeURIComponent(Array.from(json, c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
  } catch {
    throw new Error('The token\'s claims could not be read: it is not a valid JWT.');
  }
  const groups = Array.isArray(claims.groups) ? claims.groups.map(String) : [];
  return {
    token: bare,
    subject: String(claims.sub ?? claims.upn ?? ''),
    roles: groups,
    locationCode: typeof claims.location === 'string' ? claims.location : null,
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
  };
}

/** @param {Session} session */
export function start(session) {
  current = session;
}

export function end() {
  current = null;
}

/** @returns {Session | null} */
export function session() {
  return current;
}

export function token() {
  return current?.token ?? null;
}

/** @param {string} role */
function has(role) {
  return current?.roles.includes(role) ?? false;
}

/**
 * What the user may see and press, after the role table of the API: admins everything; warehouse staff the
 * fulfillment work and stock of their own location. Customers and the payment provider have their own clients.
 */
export const may = {
  useConsole: () => has('admin') || (has('warehouse') && current?.locationCode !== null),
  seeOrders: () => has('admin'),
  seeStuck: () => has('admin'),
  seeBackorders: () => has('admin'),
  watchLive: () => has('admin'),
  routeOrder: () => has('admin'),
  cancel: () => has('admin'),
  moveShipment: () => has('admin'),
  seeNotices: () => has('admin'),
  redeliver: () => has('admin'),
  chooseLocation: () => has('admin'),
  /** Warehouse steps and stock changes: admins anywhere, warehouse staff at their own location. */
  /** @param {string | null | undefined} locationCode */
  workAt: locationCode => has('admin') || (has('warehouse') && locationCode === current?.locationCode),
};
