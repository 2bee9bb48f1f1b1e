// Entry point: resume the session kept in sessionStorage (so a reload stays signed in), else sign in.

import { Api } from './api.js';
import { App } from './app.js';
import { showLogin } from './ui/login.js';

const SESSION_KEY = 'tern.session';
const DEVICE_KEY = 'tern.deviceId';
const root = document.getElementById('root');

/**
 * One device id per tab (sessionStorage): two tabs are two devices, so they do not replace each other,
 * and a reload keeps its id.
 */
function deviceId() {
  let id = sessionStorage.getItem(DEVICE_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    id = `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    sessionStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

function savedSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    return s && s.token && s.wsUrl ? s : null;
  } catch {
    return null;
  }
}

function signIn(notice) {
  showLogin(root, {
    api: new Api(() => null),
    deviceId: deviceId(),
    notice,
    onLoggedIn: (login, username) => {
      const session = {
        token: login.token, userId: login.userId, deviceId: login.deviceId, wsUrl: login.wsUrl, username,
      };
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      run(session);
    },
  });
}

function run(session) {
  const app = new App(root, session, {
    onSignedOut: (notice) => {
      sessionStorage.removeItem(SESSION_KEY);
      signIn(notice);
    },
  });
  app.start();
}

const session = savedSession();
if (session) run(session);
else signIn(null);
