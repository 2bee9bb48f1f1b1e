// Sign-in and account creation.

import { h } from './dom.js';

const USERNAME_RULE = /^[A-Za-z0-9_.-]{3,32}$/;

const ERRORS = {
  LOGIN_FAILED: 'Wrong username or password.',
  USERNAME_TAKEN: 'That username is already taken.',
  INVALID_CREDENTIALS_FORMAT: 'Usernames have 3 to 32 letters, digits, dots, dashes or underscores and start with a letter; passwords 8 to 128 characters.',
  NETWORK: 'Cannot reach the server. Check your connection.',
  ACCOUNT_DISABLED: 'This account is disabled. Ask an administrator.',
  REGISTRATION_CLOSED: 'This server does not take new accounts. Ask an administrator for one.',
  INVITE_INVALID: 'This server needs an invite code to create an account, and this one is missing, used or expired.',
};

/**
 * Renders the sign-in card into `root`.
 * @param {object} o
 * @param {import('../api.js').Api} o.api
 * @param {string} o.deviceId
 * @param {(login: object, username: string) => void} o.onLoggedIn
 * @param {string} [o.notice] a message to show above the form (e.g. "you were signed out")
 */
export function showLogin(root, { api, deviceId, onLoggedIn, notice }) {
  let mode = 'login';
  const error = h('p', { class: 'form-error', role: 'alert', id: 'login-error' });
  const username = h('input', {
    id: 'login-username', name: 'username', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', placeholder: 'e.g. alice',
  });
  const password = h('input', {
    id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
    placeholder: '••••••••',
  });
  // only servers with auth.registration=INVITE need it; elsewhere it may stay empty
  const invite = h('input', {
    id: 'login-invite', name: 'invite', autocomplete: 'off', spellcheck: 'false', placeholder: 'if you were given one',
  });
  const inviteLabel = h('label', { for: 'login-invite', text: 'Invite code', hidden: true });
  invite.hidden = true;
  const hint = h('p', { class: 'field-hint', hidden: true,
    text: '3–32 letters, digits, “.”, “-” or “_”. Password: at least 8 characters.' });
  const submit = h('button', { class: 'btn primary wide', type: 'submit', id: 'login-submit', text: 'Sign in' });
  const tabLogin = h('button', { type: 'button', class: 'tab active', id: 'tab-login', text: 'Sign in' });
  const tabRegister = h('button', { type: 'button', class: 'tab', id: 'tab-register', text: 'Create account' });

  function setMode(m) {
    mode = m;
    tabLogin.classList.toggle('active', m === 'login');
    tabRegister.classList.toggle('active', m === 'register');
    submit.textContent = m === 'login' ? 'Sign in' : 'Create account';
    password.autocomplete = m === 'login' ? 'current-password' : 'new-password';
    hint.hidden = m === 'login';
    invite.hidden = m === 'login';
    inviteLabel.hidden = m === 'login';
    error.textContent = '';
  }
  tabLogin.addEventListener('click', () => setMode('login'));
  tabRegister.addEventListener('click', () => setMode('register'));

  const form = h('form', { class: 'login-form', novalidate: true },
    h('div', { class: 'tabs', role: 'tablist' }, tabLogin, tabRegister),
    notice ? h('p', { class: 'form-notice', text: notice }) : null,
    h('label', { for: 'login-username', text: 'Username' }), username,
    h('label', { for: 'login-password', text: 'Password' }), password,
    inviteLabel, invite, hint, error, submit);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const u = username.value.trim();
    const p = password.value;
    if (mode === 'register' && (!USERNAME_RULE.test(u) || p.length < 8 || p.length > 128)) {
      error.textContent = ERRORS.INVALID_CREDENTIALS_FORMAT;
      return;
    }
    if (!u || !p) {
      error.textContent = 'Enter your username and password.';
      return;
    }
    submit.disabled = true;
    submit.textContent = mode === 'login' ? 'Signing in…' : 'Creating account…';
    try {
      if (mode === 'register') await api.register(u, p, invite.value.trim());
      const login = await api.login(u, p, deviceId);
      onLoggedIn(login, u);
    } catch (e) {
      submit.disabled = false;
      setMode(mode); // restores the button label; clears the error, which is set right after
      error.textContent = ERRORS[e.code] || e.message || 'Something went wrong.';
    }
  });

  root.replaceChildren(h('div', { class: 'login-screen' },
    h('div', { class: 'login-card' },
      h('div', { class: 'brand' },
        h('img', { src: '/icon.svg', alt: '', class: 'brand-logo', width: 48, height: 48 }),
        h('div', {}, h('h1', { text: 'Tern' }), h('p', { class: 'muted', text: 'Messages that arrive. Every time.' }))),
      form)));
  username.focus();
}
