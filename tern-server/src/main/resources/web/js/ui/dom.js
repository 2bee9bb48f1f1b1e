// Tiny DOM helpers. User data only ever reaches the page as text nodes (textContent / append(string)),
// never as HTML.

/** h('div', {class: 'x', onclick: fn, text: 'hi'}, child, 'text', ...) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) el.append(c);
  }
  return el;
}

const ICONS = {
  send: 'M3.4 20.4 21 12 3.4 3.6 3.4 10.1 16 12 3.4 13.9z',
  back: 'M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12z',
  logout: 'M10 4H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h5v-2H6V6h4zm6.6 3.4L15.2 8.8 17.4 11H9v2h8.4l-2.2 2.2 1.4 1.4L21.2 12z',
  group: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm7 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM9 13c-3.3 0-6 1.7-6 3.8V19h12v-2.2C15 14.7 12.3 13 9 13zm7 0c-.5 0-1 0-1.4.1 1.5.9 2.4 2.2 2.4 3.7V19h4v-2.2c0-2.1-2.2-3.8-5-3.8z',
  search: 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  addUser: 'M10 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-7 1.7-7 4v2h11.1A6 6 0 0 1 14 19c0-1.8.8-3.4 2-4.5-1.8-.3-3.9-.5-6-.5zm9 1v-3h-2v3h-3v2h3v3h2v-3h3v-2z',
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  checks: 'M17.6 6.6 16.2 5.2 9.8 11.6l1.4 1.4zm4.2-1.4L11.2 15.8 7 11.6l-1.4 1.4 5.6 5.6 12-12zM.4 13 6 18.6 7.4 17.2 1.8 11.6z',
  clock: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.2-4.5-2.7z',
  alert: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2zm0-4h-2V7h2z',
  key: 'M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm5.6-4A6 6 0 1 0 12.6 14H16v3h3v-3h2v-4z',
  bell: 'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11a6 6 0 0 0-5-5.9V4h-2v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z',
  attach: 'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z',
  close: 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z',
};

export function icon(name, cls = 'icon') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', cls);
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

function hue(text) {
  let x = 0;
  for (const ch of text) x = (x * 31 + ch.codePointAt(0)) % 360;
  return x;
}

/** A round avatar with initials, coloured by name; an online dot when `online` is a boolean. */
export function avatar(name, { group = false, online = null, size = '' } = {}) {
  const initials = (name || '?').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ')
    .slice(0, 2).map((w) => [...w][0] || '').join('').toUpperCase() || '?';
  const el = h('div', { class: `avatar ${size} ${group ? 'group' : ''}`.trim(), 'aria-hidden': 'true' },
    group ? icon('group', 'avatar-icon') : initials);
  el.style.setProperty('--hue', String(hue(name || '?')));
  if (online !== null) el.append(h('span', { class: `dot ${online ? 'on' : 'off'}` }));
  return el;
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekdayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDateFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

function startOfDay(ts) {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function clock(ts) {
  return timeFmt.format(new Date(ts));
}

/** Short time for the conversation list: 14:05, Yesterday, Tue, 3 Mar. */
export function shortWhen(ts) {
  if (!ts) return '';
  const days = Math.round((startOfDay(Date.now()) - startOfDay(ts)) / 86_400_000);
  if (days <= 0) return clock(ts);
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekdayFmt.format(new Date(ts));
  return dateFmt.format(new Date(ts));
}

/** Day separator in a chat: Today, Yesterday, Monday 3 March 2025. */
export function dayLabel(ts) {
  const days = Math.round((startOfDay(Date.now()) - startOfDay(ts)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return longDateFmt.format(new Date(ts));
}

export function dayKey(ts) {
  return startOfDay(ts);
}

/** "last seen 5 min ago" from a lastSeen timestamp. */
export function lastSeenText(ts) {
  if (!ts) return 'offline';
  const min = Math.floor((Date.now() - ts) / 60_000);
  if (min < 1) return 'last seen just now';
  if (min < 60) return `last seen ${min} min ago`;
  const hours = Math.floor(min / 60);
  if (hours < 24) return `last seen ${hours} h ago`;
  return `last seen ${shortWhen(ts)}`;
}
