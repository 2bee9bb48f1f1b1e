// One WebSocket connection to the server, kept alive: heartbeats both ways, and reconnects with
// jittered exponential backoff. It knows nothing about messages; frames go to onFrame.

import { T } from './protocol.js';

const PING_EVERY_MS = 10_000;
// No frame at all for this long (our PINGs go unanswered) means the connection is dead even if the
// browser has not noticed yet (a laptop waking up, a changed network).
const DEAD_AFTER_MS = 25_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export class Socket {
  /**
   * @param {object} o
   * @param {string} o.url   the wsUrl from login
   * @param {string} o.token the login token, sent as ?token=
   * @param {(frame: object) => void} o.onFrame every frame except PING/PONG
   * @param {(state: string, info?: object) => void} o.onState 'connecting' | 'open' | 'closed' | 'waiting' | 'stopped'
   * @param {(failedUrl: string) => Promise<string>} [o.relocate] another node's URL, avoiding failedUrl (cluster)
   */
  constructor({ url, token, onFrame, onState, relocate }) {
    this.relocate = relocate || null;
    this.reroute = false; // the URL failed or we were moved off it: ask for another before connecting
    this.routing = false;
    this.asked = false; // asked for another node since the last open
    this.url = url;
    this.token = token;
    this.onFrame = onFrame;
    this.onState = onState;
    this.ws = null;
    this.attempt = 0;
    this.stopped = true;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastReceived = 0;
  }

  get connected() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  /** Closes for good (logout, or the session was taken over); no reconnect. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.drop();
    this.onState('stopped');
  }

  /** Skips the remaining backoff wait (the "Retry now" button, or the browser came back online). */
  reconnectNow() {
    if (this.stopped || this.ws || this.routing) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  /** Sends a frame if the connection is open; returns false otherwise (the caller keeps it for later). */
  send(frame) {
    if (!this.connected) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** The server moved us off this node (KICK moved or shutdown): reconnect elsewhere at once. */
  moveNow() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const wasOpen = this.connected;
    this.drop();
    this.reroute = true;
    this.onState('closed', { wasOpen, code: 4001 });
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => this.open(), Math.random() * 200); // spreads a whole node's clients
  }

  open() {
    if (!this.reroute || !this.relocate) {
      this.connect();
      return;
    }
    if (this.routing) return;
    this.routing = true;
    this.reroute = false;
    this.onState('connecting', { attempt: this.attempt });
    this.relocate(this.url).then((url) => {
      if (url) this.url = url;
    }, () => {
      // no answer (an older server, the API is down): try the same URL; a failure asks again
    }).finally(() => {
      this.routing = false;
      if (!this.stopped && !this.ws) this.connect();
    });
  }

  connect() {
    const sep = this.url.includes('?') ? '&' : '?';
    const ws = new WebSocket(`${this.url}${sep}token=${encodeURIComponent(this.token)}`);
    this.ws = ws;
    let opened = false;
    this.onState('connecting', { attempt: this.attempt });

    ws.onopen = () => {
      if (ws !== this.ws) return;
      opened = true;
      this.attempt = 0;
      this.asked = false;
      this.lastReceived = Date.now();
      this.pingTimer = setInterval(() => this.heartbeat(), PING_EVERY_MS);
      this.onState('open');
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws) return; // a frame from a connection we already gave up on
      this.lastReceived = Date.now();
      let frame;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (frame.type === T.PING) {
        this.send({ type: T.PONG });
      } else if (frame.type !== T.PONG) {
        this.onFrame(frame);
      }
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      this.closed(opened, ev.code);
    };
    // onerror is always followed by onclose, which does the work.
  }

  heartbeat() {
    if (Date.now() - this.lastReceived > DEAD_AFTER_MS) {
      // Closing a dead TCP connection can take minutes to report; give up on it at once.
      const wasOpen = this.connected;
      this.drop();
      this.closed(wasOpen, 4000);
      return;
    }
    this.send({ type: T.PING });
  }

  /** Detaches and closes the current WebSocket without triggering our onclose. */
  drop() {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      try {
        ws.close(1000);
      } catch {
        // already closed
      }
    }
  }

  closed(wasOpen, code) {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.ws = null;
    if (this.stopped) return;
    this.onState('closed', { wasOpen, code });
    if (this.stopped) return; // onState may have stopped us (e.g. the token was revoked)
    if (!wasOpen && this.relocate && !this.asked) {
      // The node may be gone (cluster): ask for a live one at once rather than after the backoff; only once
      // per outage, so a server that is down altogether still gets the backoff.
      this.asked = true;
      this.reroute = true;
      this.retryTimer = setTimeout(() => this.open(), Math.random() * 200);
      return;
    }
    // Full jitter on the upper half: spreads the reconnects of many clients after a server restart.
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt++;
    this.onState('waiting', { retryAt: Date.now() + delay, attempt: this.attempt });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }
}
