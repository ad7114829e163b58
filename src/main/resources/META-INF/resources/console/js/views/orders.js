// Orders: find one by number, email or id, or filter the list by status, customer, email, SKU, placement time, the
// stuck flag and the stuck reason.
// Filters live in the route (#/orders?status=PAID), so a filtered list can be linked and reloaded.

import { gql } from '../api.js';
import { field, h, labelled, loading, mount } from '../dom.js';
import { age, dateTime, money, words } from '../format.js';
import { ORDER_STATUSES, STUCK_REASONS } from '../model.js';
import { badge, errorBox, fill, pager } from '../ui.js';

const PAGE_SIZE = 25;
const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** As Order.number shows it, or with the # the console puts in front. */
const ORDER_NUMBER = /^#?\s*(\d{1,18})$/;

const FIND_BY_NUMBER = `query FindOrderByNumber($number: String!) {
  orders(filter: {number: $number}, first: 1) { edges { node { id } } }
}`;

const ORDERS = `query ConsoleOrders($filter: OrderFilter, $first: Int!, $after: String) {
  orders(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id number status customerId email currency total placedAt stuckReason stuckSince } }
  }
}`;

/** @type {import('../types.js').View} */
export function renderOrders(root, ctx) {
  const p = ctx.params;
  const findProblem = h('div');
  const find = h('form', {
    class: 'toolbar', role: 'search',
    onsubmit: async (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      const wanted = field(find, 'find');
      mount(findProblem);
      if (wanted.includes('@')) {
        // An email may have many orders: the list, filtered by it.
        ctx.go(`#/orders?${new URLSearchParams({ email: wanted })}`);
        return;
      }
      const number = ORDER_NUMBER.exec(wanted)?.[1];
      if (!number && !ORDER_ID.test(wanted)) {
        mount(findProblem, h('p', { class: 'error', role: 'alert' }, `"${wanted}" is neither an order number, an email nor an order id.`));
        return;
      }
      try {
        const found = number
          ? (await gql(FIND_BY_NUMBER, { number })).orders.edges[0]?.node
          : (await gql('query FindOrder($id: ID!) { order(id: $id) { id } }', { id: wanted })).order;
        if (found) ctx.go(`#/orders/${found.id}`);
        else mount(findProblem, h('p', { class: 'error', role: 'alert' }, number ? `No order has the number ${number}.` : `No order has the id ${wanted}.`));
      } catch (error) {
        mount(findProblem, errorBox(error));
      }
    },
  }, labelled('Find an order', h('input', { name: 'find', type: 'search', placeholder: 'Order number, email or id', required: true })),
  h('button', { type: 'submit' }, 'Find'));

  const filters = h('form', {
    class: 'toolbar filters',
    onsubmit: (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      const q = new URLSearchParams();
      for (const name of ['status', 'customer', 'email', 'sku', 'from', 'to', 'reason']) {
        const v = field(filters, name);
        if (v) q.set(name, v);
      }
      if (/** @type {HTMLInputElement} */ (filters.elements.namedItem('stuck')).checked) q.set('stuck', '1');
      ctx.go(`#/orders?${q}`);
    },
  },
  labelled('Status', h('select', { name: 'status' }, h('option', { value: '' }, 'Any'),
    ORDER_STATUSES.map(s => h('option', { value: s, selected: p.get('status') === s }, words(s))))),
  labelled('Customer id', h('input', { name: 'customer', value: p.get('customer') ?? '' })),
  labelled('Email', h('input', { name: 'email', type: 'email', value: p.get('email') ?? '' })),
  labelled('SKU', h('input', { name: 'sku', value: p.get('sku') ?? '' })),
  labelled('Placed from', h('input', { name: 'from', type: 'date', value: p.get('from') ?? '' })),
  labelled('Placed before', h('input', { name: 'to', type: 'date', value: p.get('to') ?? '' })),
  h('label', { class: 'check' }, h('input', { name: 'stuck', type: 'checkbox', checked: p.get('stuck') === '1' }), 'Stuck only'),
  labelled('Stuck for', h('select', { name: 'reason' }, h('option', { value: '' }, 'Any reason'),
    STUCK_REASONS.map(r => h('option', { value: r, selected: p.get('reason') === r }, words(r))))),
  h('button', { type: 'submit', class: 'primary' }, 'Filter'));

  const list = h('div', null, loading());
  mount(root, h('h1', null, 'Orders'), find, findProblem, filters, list);

  /** @type {Record<string, unknown>} */
  const filter = {};
  if (p.get('status')) filter.status = p.get('status');
  if (p.get('customer')) filter.customerId = p.get('customer');
  if (p.get('email')) filter.email = p.get('email');
  if (p.get('sku')) filter.sku = p.get('sku');
  if (p.get('from')) filter.placedFrom = new Date(`${p.get('from')}T00:00:00`).toISOString();
  if (p.get('to')) filter.placedTo = new Date(`${p.get('to')}T00:00:00`).toISOString();
  if (p.get('stuck') === '1') filter.stuck = true;
  if (p.get('reason')) filter.stuckReason = p.get('reason'); // implies stuck

  /** @type {(string | null)[]} */
  const cursors = [null];
  /** @param {string | null} after */
  const show = after => fill(list, () => gql(ORDERS, { filter, first: PAGE_SIZE, after }), data => {
    const rows = data.orders.edges.map((/** @type {any} */ e) => e.node);
    return [
      h('p', { class: 'muted' }, `${data.orders.totalCount} order${data.orders.totalCount === 1 ? '' : 's'}`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'orders' },
        h('thead', null, h('tr', null, ['Number', 'Status', 'Customer', 'Total', 'Placed', 'Stuck'].map(t => h('th', t === 'Total' ? { class: 'num' } : null, t)))),
        h('tbody', null, rows.map((/** @type {import('../types.js').OrderSummary} */ o) => h('tr', { 'data-order-number': o.number },
          h('td', null, h('a', { href: `#/orders/${o.id}` }, `#${o.number}`)),
          h('td', null, badge(o.status)),
          h('td', null, o.customerId, o.email ? h('div', { class: 'muted' }, o.email) : null),
          h('td', { class: 'num' }, money(o.total, o.currency)),
          h('td', null, dateTime(o.placedAt)),
          h('td', null, o.stuckReason ? `${words(o.stuckReason)}, ${age(o.stuckSince)}` : '')))))),
      pager(data.orders.pageInfo, cursors, show),
    ];
  });
  show(null);
}
