// Contacts, contact requests, blocks and privacy settings over HTTP (docs/people.md), on top of api.js.

export class PeopleApi {
  /** @param {import('./api.js').Api} api */
  constructor(api) {
    this.api = api;
  }

  /** {contacts: [{userId, username, online?, lastSeen?}]}: online only where the contact's settings allow. */
  contacts() {
    return this.api.request('GET', '/api/contacts');
  }

  /** {incoming: [id], outgoing: [id], users: {id: username}} */
  requests() {
    return this.api.request('GET', '/api/contacts/requests');
  }

  /** {status: 'pending'|'accepted'|'already_contacts'} */
  request(userId) {
    return this.api.request('POST', `/api/contacts/requests/${userId}`, {});
  }

  accept(userId) {
    return this.api.request('POST', `/api/contacts/requests/${userId}/accept`, {});
  }

  /** Declines a request to me, or withdraws mine. */
  decline(userId) {
    return this.api.request('POST', `/api/contacts/requests/${userId}/decline`, {});
  }

  remove(userId) {
    return this.api.request('DELETE', `/api/contacts/${userId}`);
  }

  /** {userIds: [id], users: {id: username}} */
  blocked() {
    return this.api.request('GET', '/api/blocks');
  }

  block(userId) {
    return this.api.request('PUT', `/api/blocks/${userId}`, {});
  }

  unblock(userId) {
    return this.api.request('DELETE', `/api/blocks/${userId}`);
  }

  /** {presence, receipts}: each 'everyone' | 'contacts' | 'nobody' */
  privacy() {
    return this.api.request('GET', '/api/me/privacy');
  }

  setPrivacy(settings) {
    return this.api.request('PUT', '/api/me/privacy', settings);
  }

  user(username) {
    return this.api.user(username);
  }
}
