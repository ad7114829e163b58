// Inventory: every level of a location by SKU, paged (on hand, reserved, safety, held, available, incoming), and
// one SKU at every location; with the stock changes: adjust, receive, and stock on its way. Warehouse staff see
// and change their own location only.

import { gql } from '../api.js';
import { field, h, labelled, loading, mount } from '../dom.js';
import { date } from '../format.js';
import { may } from '../session.js';
import { confirmAction, fill, notice, pager } from '../ui.js';
import { expect, receive } from './backorders.js';

/** @typedef {import('../types.js').InventoryLevel} InventoryLevel */
/** @typedef {import('../types.js').Location} Location */

const PAGE_SIZE = 50;
const LEVEL_FIELDS = 'sku onHand reserved safetyStock held available location { id code name active } incoming { quantity expectedAt }';

const LEVELS_AT = `query ConsoleLevelsAt($location: ID!, $first: Int!, $after: String) {
  inventoryLevelsAt(locationId: $location, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${LEVEL_FIELDS} } }
  }
}`;

const LEVELS_OF_SKU = `query ConsoleLevels($sku: String!) {
  inventoryLevels(sku: $sku) { ${LEVEL_FIELDS} }
}`;

/** @type {import('../types.js').View} */
export function renderInventory(root, ctx) {
  const sku = ctx.params.get('sku');
  const workable = may.chooseLocation() ? ctx.locations : ctx.locations.filter(l => l.id === ctx.ownLocation?.id);
  // Warehouse staff: their own location, whatever the route says (the service would refuse another).
  const location = may.chooseLocation()
    ? ctx.locations.find(l => l.id === ctx.params.get('location')) ?? ctx.locations[0]
    : ctx.ownLocation;
  const content = h('div', null, loading());

  const pickForm = h('form', {
    class: 'toolbar',
    onsubmit: (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      ctx.go(`#/inventory?${new URLSearchParams({ location: field(pickForm, 'location') })}`);
    },
  }, labelled('Location', h('select', { name: 'location' },
    ctx.locations.map(l => h('option', { value: l.id, selected: l.id === location?.id }, `${l.code} · ${l.name}${l.active ? '' : ' (inactive)'}`)))),
  h('button', { type: 'submit', class: 'primary' }, 'Show stock'));
  const pick = may.chooseLocation() ? pickForm : null;
  const search = h('form', {
    class: 'toolbar', role: 'search',
    onsubmit: (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      ctx.go(`#/inventory?${new URLSearchParams({ sku: field(search, 'sku') })}`);
    },
  }, labelled('SKU', h('input', { name: 'sku', required: true, value: sku ?? '' })),
  h('button', { type: 'submit' }, may.chooseLocation() ? 'Show at every location' : 'Show'));
  mount(root, h('h1', null, 'Inventory', ctx.ownLocation ? ` · ${ctx.ownLocation.code}` : ''), pick, search, content);

  if (sku) {
    const reload = () => fill(content, () => gql(LEVELS_OF_SKU, { sku }), data => {
      /** @type {InventoryLevel[]} */
      const rows = data.inventoryLevels;
      return [
        h('h2', null, sku, ' ', h('a', { href: location ? `#/inventory?location=${location.id}` : '#/inventory', class: 'muted' }, '(back to the location)')),
        rows.length === 0 ? h('p', { class: 'muted' }, 'No location holds or expects this SKU yet.')
          : levelsTable('Location', rows, l => `${l.location.code} · ${l.location.name}`, reload),
        workable.length ? h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => receive(sku, workable, reload) }, 'Receive stock…'),
          h('button', { type: 'button', onclick: () => expect(sku, workable, reload) }, 'Add incoming…')) : null,
      ];
    });
    reload();
    return;
  }
  if (!location) {
    mount(content, h('p', { class: 'muted' }, 'This service has no locations yet.'));
    return;
  }

  /** @type {(string | null)[]} */
  const cursors = [null];
  /** @param {string | null} after */
  const show = after => fill(content, () => gql(LEVELS_AT, { location: location.id, first: PAGE_SIZE, after }), data => {
    /** @type {import('../types.js').Connection<InventoryLevel>} */
    const levels = data.inventoryLevelsAt;
    const rows = levels.edges.map(e => e.node);
    return [
      h('h2', null, `${location.code} · ${location.name}`),
      h('p', { class: 'muted' }, `${levels.totalCount} SKU${levels.totalCount === 1 ? '' : 's'}`),
      rows.length === 0 ? h('p', { class: 'muted' }, 'This location holds and expects nothing yet.')
        : levelsTable('SKU', rows, l => h('a', { href: `#/inventory?${new URLSearchParams({ sku: l.sku })}` }, l.sku), () => show(after)),
      pager(levels.pageInfo, cursors, show),
    ];
  });
  show(null);
}

/**
 * The levels with their stock change buttons; the first column names the row (a location or a SKU).
 * @param {string} first
 * @param {InventoryLevel[]} rows
 * @param {(level: InventoryLevel) => import('../dom.js').Children} name
 * @param {() => void} reload
 */
function levelsTable(first, rows, name, reload) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'levels' },
    h('thead', null, h('tr', null, [first, 'On hand', 'Reserved', 'Safety', 'Held', 'Available', 'Incoming', '']
      .map((t, i) => h('th', i > 0 && i < 6 ? { class: 'num' } : null, t)))),
    h('tbody', null, rows.map(l => h('tr', { 'data-location': l.location.code, 'data-sku': l.sku },
      h('td', null, name(l)),
      h('td', { class: 'num' }, String(l.onHand)), h('td', { class: 'num' }, String(l.reserved)),
      h('td', { class: 'num' }, String(l.safetyStock)), h('td', { class: 'num' }, String(l.held)),
      h('td', { class: 'num' }, String(l.available)),
      h('td', null, (l.incoming ?? []).map(i => h('div', null, `${i.quantity} on ${date(i.expectedAt)}`))),
      h('td', null, may.workAt(l.location.code) ? [
        h('button', { type: 'button', onclick: () => adjust(l, reload) }, 'Adjust…'),
        h('button', { type: 'button', onclick: () => receive(l.sku, [l.location], reload) }, 'Receive…'),
      ] : null))))));
}

/**
 * @param {InventoryLevel} level
 * @param {() => void} reload
 */
function adjust(level, reload) {
  return confirmAction({
    title: `Adjust ${level.sku} at ${level.location.code}`,
    body: [
      h('p', null, `On hand is ${level.onHand}. A count, damage or a found unit: enter the change, negative to take units out.`),
      labelled('Change (±units)', h('input', { name: 'delta', type: 'number', required: true })),
      labelled('Reason', h('input', { name: 'reason', required: true })),
    ],
    confirm: 'Adjust',
    run: async form => {
      const result = (await gql(`mutation ConsoleAdjust($location: ID!, $sku: String!, $delta: Int!, $reason: String!) {
        adjustInventory(locationId: $location, sku: $sku, delta: $delta, reason: $reason) { onHand }
      }`, { location: level.location.id, sku: level.sku, delta: Number(field(form, 'delta')), reason: field(form, 'reason') })).adjustInventory;
      notice(`${level.sku} at ${level.location.code}: on hand is now ${result.onHand}.`);
      reload();
    },
  });
}
