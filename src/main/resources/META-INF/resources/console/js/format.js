// How amounts, times and names read in the console.

/** @typedef {import('./types.js').Decimal} Decimal */

/**
 * Digits after the decimal point of a currency (2 for USD, 0 for JPY), as the API rounds them.
 * @param {string} currency
 */
export function currencyDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * @param {Decimal | null | undefined} amount
 * @param {string} currency
 */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return '';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** @param {string | null | undefined} iso */
export function dateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** @param {string | null | undefined} iso */
export function date(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** @param {string | null | undefined} iso */
export function time(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'medium' });
}

/**
 * How long ago, in the two largest units: "3 d 4 h", "25 min".
 * @param {string | null | undefined} iso
 * @param {number} [now]
 */
export function age(iso, now = Date.now()) {
  if (!iso) return '';
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * OrderStatus / event type to words: AWAITING_FULFILLMENT -> "Awaiting fulfillment".
 * @param {string | null | undefined} constant
 */
export function words(constant) {
  if (!constant) return '';
  const text = constant.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** @param {import('./types.js').Address | null | undefined} a */
export function address(a) {
  if (!a) return '';
  return [a.name, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
    .filter(Boolean).join(', ');
}

/** "5 min ago", "just now". @param {string | null | undefined} iso */
export function ago(iso) {
  const a = age(iso);
  return a === 'just now' || a === '' ? a : `${a} ago`;
}
