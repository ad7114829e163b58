// The console's own rules, without a browser: refund preview, backorder grouping, chart buckets, routing
// decisions read from audit events, dead notices.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deadChannels, deliveryNote, groupBySku, activityRange, noticeOrderNumber, oldestNotices, refundPreview, routingDecisions } from '../../src/main/resources/META-INF/resources/console/js/model.js';

/** @param {string} id @param {string} unitPrice @param {number} quantity */
const line = (id, unitPrice, quantity) => ({ id, lineNumber: 1, sku: id, quantity, unitPrice,
  quantityAllocated: quantity, quantityBackordered: 0, quantityCancelled: 0, quantityShipped: 0 });

test('the refund preview is unit price times quantity, exact to the cent', () => {
  const order = { status: /** @type {const} */ ('AWAITING_FULFILLMENT'), currency: 'USD', lines: [line('a', '0.10', 5), line('b', '19.99', 3)] };
  assert.equal(refundPreview(order, new Map([['a', 3], ['b', 3]])), '60.27');
});

test('the refund preview rounds to the currency: none of a yen has decimals', () => {
  const order = { status: /** @type {const} */ ('PAID'), currency: 'JPY', lines: [line('a', '1500', 2)] };
  assert.equal(refundPreview(order, new Map([['a', 2]])), '3000');
});

test('an order not paid yet refunds nothing', () => {
  const order = { status: /** @type {const} */ ('PENDING'), currency: 'USD', lines: [line('a', '10.00', 2)] };
  assert.equal(refundPreview(order, new Map([['a', 2]])), '0.00');
});

test('backorders group by SKU, the SKU waiting longest first, each group oldest first', () => {
  /** @param {string} id @param {string} sku @param {number} quantity @param {string} createdAt @param {string | null} expectedAt */
  const b = (id, sku, quantity, createdAt, expectedAt) => ({ id, sku, quantity, createdAt, expectedAt,
    status: /** @type {const} */ ('OPEN'), decision: /** @type {const} */ ('WAIT') });
  const groups = groupBySku([
    b('1', 'NEW', 1, '2026-11-03T00:00:00Z', null),
    b('2', 'OLD', 2, '2026-11-02T00:00:00Z', '2026-12-09T00:00:00Z'),
    b('3', 'OLD', 5, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'),
  ]);
  assert.deepEqual(groups.map(g => [g.sku, g.units, g.backorders.map(x => x.id), g.nextExpectedAt]),
    [['OLD', 7, ['3', '2'], '2026-12-01T00:00:00Z'], ['NEW', 1, ['1'], null]]);
});

test('the chart asks for whole UTC hours ending with the current one', () => {
  const { from, to } = activityRange(new Date('2026-11-30T10:25:00Z'), 3);
  assert.deepEqual([from, to], ['2026-11-30T08:00:00.000Z', '2026-11-30T11:00:00.000Z']);
  // On the hour, that hour is the current one: it is the last bucket, and `to` does not reach into the next.
  assert.equal(activityRange(new Date('2026-11-30T11:00:00Z'), 3).to, '2026-11-30T12:00:00.000Z');
});

test('routing decisions come from the audit trail, newest first, with their reasons', () => {
  const events = [
    { id: '1', orderId: 'o', type: 'ORDER_PLACED', fromStatus: null, toStatus: 'PENDING', actor: 'c', note: null, details: '{}', occurredAt: 't1' },
    { id: '2', orderId: 'o', type: 'ORDER_ROUTED', fromStatus: 'PAID', toStatus: 'AWAITING_FULFILLMENT', actor: 'system:routing',
      note: '1 shipment(s)', occurredAt: 't2',
      details: JSON.stringify({ routingPass: 1, attempts: 1, shipments: [{ location: 'WH', lines: [{ sku: 'S', quantity: 1 }] }], backordered: [], reasons: ['WH: closest'] }) },
    { id: '3', orderId: 'o', type: 'ROUTING_FAILED', fromStatus: 'PAID', toStatus: 'PAID', actor: 'system:routing', note: 'failed', details: '{"attempts":5}', occurredAt: 't3' },
  ];
  const decisions = routingDecisions(events);
  assert.deepEqual(decisions.map(d => [d.occurredAt, d.failed, d.reasons]), [['t3', true, []], ['t2', false, ['WH: closest']]]);
  assert.equal(decisions[1].shipments[0].location, 'WH');
});

test('the oldest notices come first, compared as instants whatever their offset', () => {
  const notices = [{ id: 'c', createdAt: '2026-11-30T10:00:00Z' }, { id: 'a', createdAt: '2026-11-30T10:30:00+02:00' },
    { id: 'b', createdAt: '2026-11-30T09:00:00Z' }];
  assert.deepEqual(oldestNotices(notices, 2).map(n => n.id), ['a', 'b']);
  assert.equal(notices[0].id, 'c', 'the list given is left as it was');
});

test('a notice names its order number in its payload, if anywhere', () => {
  assert.equal(noticeOrderNumber({ payload: '{"orderNumber": 100042, "sku": "X"}' }), '100042');
  assert.equal(noticeOrderNumber({ payload: '{"sku": "X"}' }), null);
  assert.equal(noticeOrderNumber({ payload: 'not json' }), null);
  assert.equal(noticeOrderNumber({}), null);
});

test('a channel says why it stopped or when it is tried next; only dead channels are redelivered', () => {
  /** @param {'PENDING' | 'SENT' | 'SKIPPED' | 'DEAD'} status @param {'WEBHOOK' | 'MAIL'} channel @param {Partial<import('../../src/main/resources/META-INF/resources/console/js/types.js').NotificationDelivery>} more */
  const d = (status, channel, more = {}) => ({ channel, status, attempts: 3, nextAttemptAt: null, lastError: null, skipReason: null, ...more });
  const when = (/** @type {string | null | undefined} */ iso) => `at ${iso}`;
  assert.equal(deliveryNote(d('DEAD', 'WEBHOOK', { lastError: 'HTTP 503' }), when), 'last error: HTTP 503');
  assert.equal(deliveryNote(d('SKIPPED', 'MAIL', { skipReason: 'no recipient' }), when), 'skipped: no recipient');
  assert.equal(deliveryNote(d('PENDING', 'MAIL', { nextAttemptAt: 'T', lastError: 'timeout' }), when), 'next try at T; last error: timeout');
  assert.equal(deliveryNote(d('SENT', 'MAIL'), when), '');
  const notice = { id: 'n', kind: /** @type {const} */ ('ORDER_STUCK'), status: /** @type {const} */ ('DEAD'), orderId: null,
    recipient: null, createdAt: 'T', sentAt: null, deliveries: [d('DEAD', 'WEBHOOK'), d('SENT', 'MAIL'), d('DEAD', 'MAIL')] };
  assert.deepEqual(deadChannels(notice), ['WEBHOOK', 'MAIL']);
});
