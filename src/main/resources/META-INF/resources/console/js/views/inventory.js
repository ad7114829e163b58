// Inventory: the levels of a SKU per location (on hand, reserved, available, incoming) with the stock changes:
// adjust, receive, and stock on its way. Warehouse staff see and change their own location only.

import { gql } from '../api.js';
import { field, h, labelled, mount } from '../dom.js';
import { date } from '../format.js';
import { may } from '../session.js';
import { confirmAction, fill, needsApi, notice } from '../ui.js';
import { expect, receive } from './backorders.js';

/** @typedef {import('../types.js').InventoryLevel} InventoryLevel */

const LEVELS = `query ConsoleLevels($sku: String!) {
  inventoryLevels(sku: $sku) { sku onHand reserved safetyStock available location { id code name active } incoming { quantity expectedAt } }
}`;

/** @type {import('../types.js').View} */
export function renderInventory(root, ctx) {
  const sku = ctx.params.get('sku');
  const workable = may.chooseLocation() ? ctx.locations : ctx.locations.filter(l => l.id === ctx.ownLocation?.id);
  const levels = h('div');
  const search = h('form', {
    class: 'toolbar', role: 'search',
    onsubmit: (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      ctx.go(`#/inventory?sku=${encodeURIComponent(field(search, 'sku'))}`);
    },
  }, labelled('SKU', h('input', { name: 'sku', required: true, value: sku ?? '' })), h('button', { type: 'submit', class: 'primary' }, 'Show levels'));
  mount(root, h('h1', null, 'Inventory', ctx.ownLocation ? ` · ${ctx.ownLocation.code}` : ''), search,
    needsApi('Every SKU of a location, paged', 'inventoryLevels(locationId:, first:, after:)'), levels);
  if (!sku) return;

  const reload = () => fill(levels, () => gql(LEVELS, { sku }), data => {
    /** @type {InventoryLevel[]} */
    const rows = data.inventoryLevels;
    return [
      h('h2', null, sku),
      rows.length === 0 ? h('p', { class: 'muted' }, 'No location holds or expects this SKU yet.') : h('div', { class: 'table-wrap' }, h('table', { class: 'levels' },
        h('thead', null, h('tr', null, ['Location', 'On hand', 'Reserved', 'Safety', 'Available', 'Incoming', ''].map(t => h('th', null, t)))),
        h('tbody', null, rows.map(l => h('tr', { 'data-location': l.location.code },
          h('td', null, `${l.location.code} · ${l.location.name}`),
          h('td', { class: 'num' }, String(l.onHand)), h('td', { class: 'num' }, String(l.reserved)),
          h('td', { class: 'num' }, String(l.safetyStock)), h('td', { class: 'num' }, String(l.available)),
          h('td', null, (l.incoming ?? []).map(i => h('div', null, `${i.quantity} on ${date(i.expectedAt)}`))),
          h('td', null, may.workAt(l.location.code) ? h('button', { type: 'button', onclick: () => adjust(l, reload) }, 'Adjust…') : null)))))),
      workable.length ? h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => receive(sku, workable, reload) }, 'Receive stock…'),
        h('button', { type: 'button', onclick: () => expect(sku, workable, reload) }, 'Add incoming…')) : null,
    ];
  });
  reload();
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
