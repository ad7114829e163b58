// Stuck orders, longest stuck first, each with the action that usually fixes its reason.

import { gql } from '../api.js';
import { h, loading, mount } from '../dom.js';
import { age, dateTime, words } from '../format.js';
import { REMEDY, STUCK_REASONS } from '../model.js';
import { badge, confirmAction, fill, pager } from '../ui.js';


const PAGE_SIZE = 50;

const STUCK = `query ConsoleStuck($reason: StuckReason, $first: Int!, $after: String) {
  stuckOrders(reason: $reason, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id number status stuckReason stuckSince placedAt
      fulfillmentOrders { status location { code } updatedAt }
      backorders { sku quantity status expectedAt } } }
  }
}`;

/** @type {import('../types.js').View} */
export function renderStuck(root, ctx) {
  const asked = ctx.params.get('reason');
  const reason = STUCK_REASONS.find(r => r === asked) ?? null;
  const list = h('div', null, loading());
  mount(root, h('h1', null, 'Stuck orders'),
    h('nav', { class: 'tabs', 'aria-label': 'Reason' },
      h('a', { href: '#/stuck', 'aria-current': reason ? null : 'page' }, 'All'),
      STUCK_REASONS.map(r => h('a', { href: `#/stuck?reason=${r}`, 'aria-current': reason === r ? 'page' : null }, words(r)))),
    reason ? h('p', { class: 'muted' }, REMEDY[reason]) : null,
    list);

  /** @type {(string | null)[]} */
  const cursors = [null];
  /** @param {string | null} after */
  const show = after => fill(list, () => gql(STUCK, { reason, first: PAGE_SIZE, after }), data => {
    const rows = data.stuckOrders.edges.map((/** @type {any} */ e) => e.node);
    return [
      h('p', { class: 'muted' }, `${data.stuckOrders.totalCount} stuck ${reason ? `for this reason` : 'in all'}`),
      h('div', { class: 'table-wrap' }, h('table', null,
        h('thead', null, h('tr', null, ['Order', 'Reason', 'Stuck for', 'Status', 'What usually fixes it'].map(t => h('th', null, t)))),
        h('tbody', null, rows.map((/** @type {any} */ o) => h('tr', { 'data-order-number': o.number },
          h('td', null, h('a', { href: `#/orders/${o.id}` }, `#${o.number}`)),
          h('td', null, words(o.stuckReason)),
          h('td', { title: dateTime(o.stuckSince) }, age(o.stuckSince)),
          h('td', null, badge(o.status)),
          h('td', null, remedy(o, () => show(after)))))))),
      pager(data.stuckOrders.pageInfo, cursors, show),
    ];
  });
  show(null);
}

/**
 * @param {any} o
 * @param {() => void} reload
 */
function remedy(o, reload) {
  switch (o.stuckReason) {
    case 'UNROUTED':
      return h('button', {
        type: 'button',
        onclick: () => confirmAction({
          title: `Route order #${o.number} now`,
          body: h('p', null, 'Routing reserves what is available now and creates its shipments; what nobody has becomes backorders.'),
          confirm: 'Route now',
          run: async () => {
            await gql('mutation StuckRoute($id: ID!) { routeOrder(orderId: $id) { id } }', { id: o.id });
            reload();
          },
        }),
      }, 'Route now');
    case 'NOT_PROGRESSING': {
      const open = (o.fulfillmentOrders ?? []).filter((/** @type {any} */ f) => ['OPEN', 'PICKING', 'PICKED', 'PACKED'].includes(f.status));
      return [open.map((/** @type {any} */ f) => h('div', null, `${f.location?.code}: ${words(f.status)} since ${age(f.updatedAt)}`)),
        h('a', { href: `#/orders/${o.id}` }, 'Open the order to move a shipment still open')];
    }
    case 'BACKORDER_OVERDUE': {
      const skus = [...new Set((o.backorders ?? []).filter((/** @type {any} */ b) => b.status === 'OPEN').map((/** @type {any} */ b) => b.sku))];
      return skus.map(sku => h('div', null, h('a', { href: `#/backorders?sku=${encodeURIComponent(String(sku))}` }, `Receive or expect ${sku}`)));
    }
    default:
      return '';
  }
}
