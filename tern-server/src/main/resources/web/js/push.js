// Web Push for the web client (docs/push.md): permission is asked only after the user clicks the bell;
// then the service worker subscribes with the server's VAPID key and the subscription is registered.

const SUBSCRIBE_TIMEOUT_MS = 15_000;

/** Whether this browser can do Web Push at all. */
export function pushSupported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

function keyBytes(base64url) {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/**
 * Asks for permission, registers the service worker, subscribes and tells the server. Resolves to a short
 * status text for the user; never throws.
 */
export async function enablePush(api) {
  if (!pushSupported()) return 'This browser cannot show notifications.';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'Notifications are blocked for this site.';
  let registration;
  try {
    registration = await navigator.serviceWorker.register('/push-sw.js');
    await navigator.serviceWorker.ready;
  } catch (e) {
    return `Could not start notifications: ${e.message}`;
  }
  try {
    const { publicKey } = await api.request('GET', '/api/push/vapid');
    // a browser whose push service cannot be reached may never answer: give up rather than hang
    const timeout = new Promise((_, reject) => {
      setTimeout(() => reject(new Error('the browser\'s push service did not answer')), SUBSCRIBE_TIMEOUT_MS);
    });
    const subscription = await registration.pushManager.getSubscription()
      || await Promise.race([timeout, registration.pushManager.subscribe({
        userVisibleOnly: true, applicationServerKey: keyBytes(publicKey),
      })]);
    await api.request('POST', '/api/push/devices', {
      platform: 'webpush', subscription: subscription.toJSON(), locale: navigator.language,
    });
    return 'Notifications are on.';
  } catch (e) {
    return `Could not subscribe to notifications: ${e.message}`;
  }
}

/**
 * Opens the conversation a clicked notification names: from the service worker's message while the page
 * is open, or from the #c= link it opened the page with.
 */
export function openFromNotifications(open, signal) {
  const fromHash = () => {
    const id = new URLSearchParams(location.hash.slice(1)).get('c');
    if (id) {
      history.replaceState(null, '', location.pathname);
      open(id);
    }
  };
  fromHash();
  window.addEventListener('hashchange', fromHash, { signal });
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', (ev) => {
      if (ev.data && ev.data.type === 'tern.open' && ev.data.conversationId) open(ev.data.conversationId);
    }, { signal });
  }
}

/** Shows a status line for a few seconds (role=status, so screen readers read it). */
export function showPushStatus(text) {
  let el = document.getElementById('push-status');
  if (!el) {
    el = document.createElement('p');
    el.id = 'push-status';
    el.className = 'toast';
    el.setAttribute('role', 'status');
    document.body.append(el);
  }
  el.textContent = text;
  el.hidden = false;
  clearTimeout(showPushStatus.timer);
  showPushStatus.timer = setTimeout(() => { el.hidden = true; }, 6000);
}
