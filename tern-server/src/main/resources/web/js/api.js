// The HTTP API (docs/protocol.md section 8): a small fetch wrapper that turns error bodies into ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  /** @param {() => string|null} getToken the bearer token for authenticated calls */
  constructor(getToken) {
    this.getToken = getToken;
  }

  async request(method, path, body) {
    const headers = {};
    const token = this.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'NETWORK', 'Cannot reach the server');
    }
    const text = await res.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!res.ok) {
      const err = data && data.error;
      throw new ApiError(res.status, err ? err.code : `HTTP_${res.status}`, err ? err.message : res.statusText);
    }
    return data;
  }

  register(username, password, invite) {
    const body = invite ? { username, password, invite } : { username, password };
    return this.request('POST', '/api/register', body);
  }

  login(username, password, deviceId) {
    return this.request('POST', '/api/login', { username, password, deviceId });
  }

  logout() {
    return this.request('POST', '/api/logout');
  }

  /** The wsUrl of a live node other than those in avoid (a killed or draining node): cluster failover. */
  reconnect(avoid) {
    return this.request('POST', '/api/reconnect', { avoid });
  }

  /** Every other device of the user is logged out; ApiError WRONG_PASSWORD (403) if current is wrong. */
  changePassword(currentPassword, newPassword) {
    return this.request('POST', '/api/password', { currentPassword, newPassword });
  }

  /** Revokes every token of the user, this one too. */
  logoutAll() {
    return this.request('POST', '/api/logout-all');
  }

  me() {
    return this.request('GET', '/api/me');
  }

  /** {userId, username, online}; ApiError NO_SUCH_USER (404) if there is none. */
  user(username) {
    return this.request('GET', `/api/users/${encodeURIComponent(username)}`);
  }

  conversations(limit = 500) {
    return this.request('GET', `/api/conversations?limit=${limit}`);
  }

  /** One page backwards: the newest messages with seq < beforeSeq (the newest page if beforeSeq is null). */
  history(conversationId, beforeSeq, limit = 50) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (beforeSeq != null) q.set('beforeSeq', String(beforeSeq));
    return this.request('GET', `/api/conversations/${encodeURIComponent(conversationId)}/messages?${q}`);
  }

  /** {seq, readCount, readers}: who has read the message at seq. */
  reads(conversationId, seq) {
    return this.request('GET', `/api/conversations/${encodeURIComponent(conversationId)}/reads?seq=${seq}`);
  }

  /** {presence: [{userId, username, online, lastSeen}]} for at most 200 ids. */
  presence(userIds) {
    return this.request('GET', `/api/presence?userIds=${userIds.join(',')}`);
  }

  /** {users: [{userId, username, displayName, avatarMediaId}], nextAfter}: the directory (docs/people.md). */
  findUsers(prefix, after, limit = 10) {
    const p = new URLSearchParams({ prefix, limit: String(limit) });
    if (after) p.set('after', after);
    return this.request('GET', `/api/users?${p}`);
  }

  /** {hits: [{message, text, highlights}], nextBefore}: messages the user may see that contain q (docs/search.md). */
  searchMessages(q, before, limit = 20) {
    const p = new URLSearchParams({ q, limit: String(limit) });
    if (before != null) p.set('before', String(before));
    return this.request('GET', `/api/search?${p}`);
  }

  groups() {
    return this.request('GET', '/api/groups');
  }

  group(groupId) {
    return this.request('GET', `/api/groups/${groupId}`);
  }

  createGroup(name, memberIds) {
    return this.request('POST', '/api/groups', { name, memberIds });
  }

  addMembers(groupId, userIds) {
    return this.request('POST', `/api/groups/${groupId}/members`, { userIds });
  }
}
