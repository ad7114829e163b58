// Overview for admins: orders by status, stuck orders by reason, the routing queue, backorders, dead notices, the activity
// of the last hours and the live feed of audit events. Each panel loads on its own, so one failing shows its error in its
// place and the others still work; a live event reloads the figures.

import { gql } from '../api.js';
import { barChart } from '../chart.js';
import { h, loading, mount } from '../dom.js';
import { age, time, words } from '../format.js';
import { subscribe } from '../live.js';
import { activityRange, noticeOrderNumber, oldestNotices, ORDER_STATUSES, STUCK_REASONS } from '../model.js';
import { badge, card, errorBox, fill } from '../ui.js';

const CHART_HOURS = 12;
const FEED_LENGTH = 25;
const DEAD_PAGE = 200;
/** Pages of DEAD notices read to find the oldest: the API lists them newest first. */
const DEAD_PAGES = 5;
const DEAD_SHOWN = 5;
const RELOAD_AFTER_EVENT_MS = 1000;

// One count per status, in one request: `first: 0` asks for no rows, only totalCount.
const STATUS_COUNTS = `query OverviewStatusCounts {
  ${ORDER_STATUSES.map(s => `${s}: orders(filter: {status: ${s}}, first: 0) { totalCount }`).join('\n  ')}
}`;

// Per reason, in one request: how many (totalCount) and the one stuck longest (the first of stuckOrders).
const STUCK = `query OverviewStuck {
  ${STUCK_REASONS.map(r => `${r}: stuckOrders(reason: ${r}, first: 1) { totalCount edges { node { id number stuckSince } } }`).join('\n  ')}
}`;

const ROUTING_QUEUE = `query OverviewRoutingQueue { routingQueue { depth due retrying oldestDueSince failed } }`;

// Every open backorder counted by the service, and the SKU waiting longest (the first of bySku).
const BACKORDERS = `query OverviewBackorders {
  backorderSummary { openCount unitsWaiting skuCount bySku(first: 1) { edges { node { sku oldestCreatedAt } } } }
}`;

const DEAD_NOTICES = `query OverviewDeadNotices($first: Int!, $after: String) {
  notifications(filter: {status: DEAD}, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind orderId createdAt payload deliveries { channel status attempts lastError } } }
  }
}`;

// The chart: orders placed and first routed per UTC hour, every hour included, from the audit trail.
const ACTIVITY = `query OverviewActivity($from: DateTime!, $to: DateTime!) {
  orderActivity(from: $from, to: $to, bucket: HOUR) { start placed routed }
}`;

const EVENTS = `subscription OverviewEvents { orderEvents { id orderId type fromStatus toStatus actor occurredAt } }`;

/**
 * The number of DEAD notices and the oldest of them. The API lists notices newest first, so the oldest are at
 * the end: up to DEAD_PAGES pages are read, and `read` says how many notices the oldest were chosen from.
 * @returns {Promise<{ total: number, oldest: import('../types.js').Notification[], read: number }>}
 */
async function deadNotices() {
  /** @type {import('../types.js').Notification[]} */
  let tail = [];
  let total = 0;
  let read = 0;
  /** @type {string | null} */
  let after = null;
  for (let page = 0; page < DEAD_PAGES; page++) {
    /** @type {import('../types.js').Connection<import('../types.js').Notification>} */
    const c = (await gql(DEAD_NOTICES, { first: DEAD_PAGE, after })).notifications;
    if (page === 0) total = c.totalCount ?? 0;
    const nodes = c.edges.map(e => e.node);
    read += nodes.length;
    tail = oldestNotices([...tail, ...nodes], DEAD_SHOWN);
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  return { total, oldest: tail, read };
}

/** @type {import('../types.js').View} */
export function renderOverview(root) {
  const statuses = h('div', null, loading());
  const stuck = h('div', null, loading());
  const routing = h('div', null, loading());
  const backorders = h('div', null, loading());
  const notices = h('div', null, loading());
  const chart = h('div', null, loading());
  const liveState = h('span', { class: 'live-state', 'data-state': 'connecting' }, 'connecting');
  const feed = h('ol', { class: 'feed', 'aria-live': 'polite' });
  const feedProblem = h('div');

  mount(root, h('h1', null, 'Overview'), h('div', { class: 'grid' },
    card('Stuck orders', stuck),
    card('Routing', routing),
    card('Backorders', backorders),
    card('Dead notices', notices),
    card('Orders by status', statuses),
    h('section', { class: 'card wide-3' }, h('h2', null, `Orders placed and routed, last ${CHART_HOURS} hours`), chart),
    h('section', { class: 'card wide' }, h('h2', null, 'Live events ', liveState), feedProblem, feed)));

  const reload = () => {
    fill(statuses, () => gql(STATUS_COUNTS), c => h('table', { class: 'counts' }, h('tbody', null, ORDER_STATUSES.map(s => h('tr', null,
      h('th', null, h('a', { href: `#/orders?status=${s}` }, badge(s))),
      h('td', { 'data-status': s }, String(c[s].totalCount)))))));
    fill(routing, () => gql(ROUTING_QUEUE), data => {
      /** @type {import('../types.js').RoutingQueue} */
      const q = data.routingQueue;
      return [
        h('p', { class: 'figure' }, h('strong', { 'data-testid': 'routing-depth' }, String(q.depth)), ' waiting to be routed'),
        h('ul', { class: 'plain' },
          h('li', { 'data-testid': 'routing-due' }, `${q.due} due now`,
            q.oldestDueSince ? `, the oldest for ${age(q.oldestDueSince)}` : ''),
          h('li', null, `${q.retrying} retrying after a failed attempt`),
          h('li', null, q.failed > 0
            ? h('a', { href: '#/stuck?reason=UNROUTED' }, `${q.failed} given up (stuck unrouted)`)
            : '0 given up')),
      ];
    });
    fill(stuck, () => gql(STUCK), data => {
      const byReason = STUCK_REASONS.map(reason => ({
        reason, count: data[reason].totalCount, oldest: data[reason].edges[0]?.node ?? null,
      }));
      const total = byReason.reduce((sum, r) => sum + r.count, 0);
      if (total === 0) return h('p', { class: 'figure' }, h('strong', { 'data-testid': 'stuck-total' }, '0'), ' stuck');
      return [
        h('p', { class: 'figure' }, h('a', { href: '#/stuck' }, h('strong', { 'data-testid': 'stuck-total' }, String(total)), ' stuck')),
        h('table', null, h('thead', null, h('tr', null, h('th', null, 'Reason'), h('th', { class: 'num' }, 'Orders'), h('th', null, 'Oldest'))),
          h('tbody', null, byReason.map(r => h('tr', { 'data-reason': r.reason },
            h('td', null, h('a', { href: `#/stuck?reason=${r.reason}` }, words(r.reason))), h('td', { class: 'num' }, String(r.count)),
            h('td', null, r.oldest ? [h('a', { href: `#/orders/${r.oldest.id}` }, `#${r.oldest.number}`), ` ${age(r.oldest.stuckSince)}`] : '—'))))),
      ];
    });
    fill(backorders, () => gql(BACKORDERS), data => {
      /** @type {import('../types.js').BackorderSummary} */
      const summary = data.backorderSummary;
      const longest = summary.bySku.edges[0]?.node;
      return [
        h('p', { class: 'figure' }, h('a', { href: '#/backorders' }, h('strong', { 'data-testid': 'open-backorders' }, String(summary.openCount)), ' open')),
        h('p', null, h('span', { 'data-testid': 'units-waiting' }, String(summary.unitsWaiting)),
          ` units waiting for ${summary.skuCount} SKU${summary.skuCount === 1 ? '' : 's'}`),
        longest ? h('p', { 'data-testid': 'waiting-longest' }, 'Waiting longest: ',
          h('a', { href: `#/backorders?sku=${encodeURIComponent(longest.sku)}` }, longest.sku), `, for ${age(longest.oldestCreatedAt)}`) : null,
      ];
    });
    fill(notices, deadNotices, ({ total, oldest, read }) => [
      h('p', { class: 'figure' }, h('strong', { 'data-testid': 'dead-notices' }, String(total)), ' dead'),
      total === 0 ? h('p', { class: 'muted' }, 'Every notice was delivered, skipped on purpose, or is still being tried.') : [
        h('p', { class: 'muted' }, read < total ? `The oldest among the newest ${read}:` : 'The oldest:'),
        h('ol', { class: 'dead-notices' }, oldest.map(n => h('li', { 'data-notice': n.id },
          h('div', null, n.orderId ? h('a', { href: `#/orders/${n.orderId}` }, `#${noticeOrderNumber(n) ?? '…'}`) : 'No order',
            ` · ${words(n.kind)} · `, h('span', { class: 'muted' }, `${age(n.createdAt)} ago`)),
          n.deliveries.filter(d => d.status === 'DEAD').map(d => h('div', { class: 'muted' },
            `${words(d.channel)} gave up after ${d.attempts} attempt(s)${d.lastError ? `: ${d.lastError}` : ''}`))))),
        h('p', { class: 'muted' }, 'Open the order to redeliver a notice.'),
      ],
    ]);
    fill(chart, () => gql(ACTIVITY, activityRange(new Date(), CHART_HOURS)), data => {
      /** @type {import('../types.js').ActivityCount[]} */
      const hours = data.orderActivity;
      const total = (/** @type {'placed' | 'routed'} */ key) => hours.reduce((sum, c) => sum + c[key], 0);
      return [
        barChart(hours.map(c => ({
          label: new Date(c.start).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false }),
          values: [c.placed, c.routed],
        })), [{ name: 'placed', className: 'placed' }, { name: 'routed', className: 'routed' }], 'Orders placed and routed per hour'),
        h('p', { class: 'legend' },
          h('span', { class: 'key placed' }), h('strong', { 'data-testid': 'activity-placed' }, String(total('placed'))), ' placed · ',
          h('span', { class: 'key routed' }), h('strong', { 'data-testid': 'activity-routed' }, String(total('routed'))),
          ' routed for the first time, in these hours'),
      ];
    });
  };
  reload();

  /** @type {Map<string, string>} */
  const numbers = new Map();
  /** @type {number | undefined} */
  let reloadTimer;
  let wasLive = false;
  const unsubscribe = subscribe(EVENTS, {}, {
    onData: async data => {
      const e = data.orderEvents;
      const number = h('a', { href: `#/orders/${e.orderId}` }, numbers.get(e.orderId) ?? '…');
      feed.prepend(h('li', { 'data-type': e.type },
        h('time', null, time(e.occurredAt)), ' ', number, ' ', h('strong', null, words(e.type)),
        e.fromStatus || e.toStatus ? ` ${words(e.fromStatus) || '—'} → ${words(e.toStatus) || '—'}` : '',
        h('span', { class: 'muted' }, ` by ${e.actor}`)));
      while (feed.children.length > FEED_LENGTH) feed.lastElementChild?.remove();
      clearTimeout(reloadTimer);
      reloadTimer = window.setTimeout(reload, RELOAD_AFTER_EVENT_MS);
      if (!numbers.has(e.orderId)) {
        try {
          const found = (await gql('query FeedOrderNumber($id: ID!) { order(id: $id) { number } }', { id: e.orderId })).order;
          if (found) numbers.set(e.orderId, found.number);
        } catch {
          // The number is a convenience: the link still opens the order.
        }
      }
      number.textContent = numbers.has(e.orderId) ? `#${numbers.get(e.orderId)}` : 'order';
    },
    onError: error => mount(feedProblem, errorBox(error)),
    onStatus: status => {
      liveState.textContent = status;
      liveState.dataset.state = status;
      if (status === 'live' && wasLive) reload(); // events committed while reconnecting are not replayed
      wasLive = wasLive || status === 'live';
    },
  });
  return () => {
    clearTimeout(reloadTimer);
    unsubscribe();
  };
}
