// Live audit events: a small client of the graphql-transport-ws protocol on /graphql. Browsers cannot set
// headers on a WebSocket, so the token goes in connection_init, as the service expects. One socket carries
// every subscription of the page; it reconnects with a growing pause, and tells its listeners when it is live
// again, since events committed while it was down are not replayed (the views reload then).

import { ApiError } from './api.js';
import { token } from './session.js';

/** @typedef {'connecting' | 'live' | 'reconnecting' | 'closed'} LiveStatus */

/**
 * @typedef {object} Listener
 * @property {string} query
 * @property {Record<string, unknown>} variables
 * @property {(data: any) => void} onData
 * @property {(error: ApiError) => void} onError
 * @property {(status: LiveStatus) => void} onStatus
 */

const MAX_PAUSE_MS = 15000;

/** @type {WebSocket | null} */
let socket = null;
let acknowledged = false;
let pauseMs = 1000;
/** @type {number | undefined} */
let retryTimer;
let nextId = 1;
/** @type {Map<string, Listener>} */
const listeners = new Map();
/** @type {LiveStatus} */
let status = 'closed';

/** @param {LiveStatus} next */
function setStatus(next) {
  status = next;
  for (const l of listeners.values()) l.onStatus(next);
}

function connect() {
  clearTimeout(retryTimer);
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = new WebSocket(url, 'graphql-transport-ws');
  socket = ws;
  acknowledged = false;
  setStatus(status === 'closed' ? 'connecting' : 'reconnecting');
  ws.onopen = () => {
    ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token()}` } }));
  };
  ws.onmessage = event => {
    const message = JSON.parse(String(event.data));
    switch (message.type) {
      case 'connection_ack':
        acknowledged = true;
        pauseMs = 1000;
        for (const [id, l] of listeners) send(id, l);
        setStatus('live');
        break;
      case 'ping':
        ws.send(JSON.stringify({ type: 'pong' }));
        break;
      case 'next': {
        const l = listeners.get(message.id);
        const errors = message.payload?.errors;
        if (l && errors?.length) {
          l.onError(new ApiError(String(errors[0].extensions?.code ?? 'INTERNAL'), errors[0].message, errors[0].extensions));
        } else if (l) {
          l.onData(message.payload.data);
        }
        break;
      }
      case 'error': {
        // The subscription was refused (FORBIDDEN, VALIDATION): it stays off until the page subscribes again.
        const l = listeners.get(message.id);
        listeners.delete(message.id);
        const first = Array.isArray(message.payload) ? message.payload[0] : message.payload;
        l?.onError(new ApiError(String(first?.extensions?.code ?? 'INTERNAL'), first?.message ?? 'Subscription refused', first?.extensions));
        break;
      }
      default:
        break;
    }
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = null;
    if (listeners.size === 0) {
      setStatus('closed');
      return;
    }
    setStatus('reconnecting');
    retryTimer = window.setTimeout(connect, pauseMs);
    pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
  };
}

/**
 * @param {string} id
 * @param {Listener} l
 */
function send(id, l) {
  socket?.send(JSON.stringify({ id, type: 'subscribe', payload: { query: l.query, variables: l.variables } }));
}

/**
 * Subscribes; returns the function that ends this subscription (and the socket, when it was the last).
 * @param {string} query
 * @param {Record<string, unknown>} variables
 * @param {{ onData: (data: any) => void, onError: (error: ApiError) => void, onStatus?: (status: LiveStatus) => void }} handlers
 */
export function subscribe(query, variables, handlers) {
  const id = String(nextId++);
  /** @type {Listener} */
  const listener = { query, variables, onData: handlers.onData, onError: handlers.onError, onStatus: handlers.onStatus ?? (() => {}) };
  listeners.set(id, listener);
  if (!socket) {
    connect();
  } else if (acknowledged) {
    send(id, listener);
    listener.onStatus('live');
  } else {
    listener.onStatus(status);
  }
  return () => {
    if (!listeners.delete(id)) return;
    if (acknowledged) socket?.send(JSON.stringify({ id, type: 'complete' }));
    if (listeners.size === 0) closeAll();
  };
}

/** Closes the socket and forgets every subscription (sign-out). */
export function closeAll() {
  listeners.clear();
  clearTimeout(retryTimer);
  const ws = socket;
  socket = null;
  ws?.close();
  status = 'closed';
}
