// A small bar chart in SVG, drawn by hand: one group of bars per bucket, one bar per series.

const SVG = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {string} [text]
 */
function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * @param {{ label: string, values: number[] }[]} buckets
 * @param {{ name: string, className: string }[]} series
 * @param {string} title   the chart's accessible name
 */
export function barChart(buckets, series, title) {
  const width = 640;
  const height = 200;
  const left = 32;
  const bottom = 24;
  const top = 12;
  const max = Math.max(1, ...buckets.flatMap(b => b.values));
  const slot = (width - left) / Math.max(1, buckets.length);
  const bar = Math.max(2, (slot - 6) / series.length);
  const y = (/** @type {number} */ v) => top + (height - top - bottom) * (1 - v / max);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  root.append(svg('title', {}, title));
  for (const tick of [0, Math.round(max / 2), max]) {
    root.append(svg('line', { x1: left, x2: width, y1: y(tick), y2: y(tick), class: 'grid' }));
    root.append(svg('text', { x: left - 4, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis' }, String(tick)));
  }
  buckets.forEach((b, i) => {
    const x0 = left + i * slot + 3;
    b.values.forEach((v, s) => {
      const rect = svg('rect', { x: x0 + s * bar, y: y(v), width: bar - 1, height: Math.max(0, y(0) - y(v)), class: series[s].className });
      rect.append(svg('title', {}, `${b.label}: ${v} ${series[s].name}`));
      root.append(rect);
    });
    if (buckets.length <= 12 || i % 2 === 0) {
      root.append(svg('text', { x: x0 + (slot - 6) / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' }, b.label));
    }
  });
  return root;
}
