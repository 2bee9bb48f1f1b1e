// Service worker of the web client: shows Web Push notifications (docs/push.md) and opens the conversation
// when one is clicked. The payload is {id, title, body, conversationId, seq, messages, badge}; the
// conversation is the tag, so a newer notification of it replaces the older one.

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: 'Tern', body: 'New message' };
  }
  const title = data.title || 'Tern';
  event.waitUntil(self.registration.showNotification(title, {
    body: data.body || 'New message',
    tag: data.conversationId || 'tern',
    renotify: true,
    icon: '/icon.svg',
    data: { conversationId: data.conversationId || null },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const conversationId = event.notification.data && event.notification.data.conversationId;
  const url = conversationId ? `/#c=${encodeURIComponent(conversationId)}` : '/';
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).origin === self.location.origin) {
        await client.focus();
        client.postMessage({ type: 'tern.open', conversationId });
        return;
      }
    }
    await self.clients.openWindow(url);
  })());
});
