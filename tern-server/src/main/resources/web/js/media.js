// Images and files (docs/media.md): upload with progress, signed links for <img>, and how media content shows.

import { h } from './ui/dom.js';

const CONTENT_IMAGE = 2;
/** A link is asked for again this long before it expires, so a shown image never points at a dead URL. */
const LINK_MARGIN_MS = 60_000;

export class Media {
  /** @param {() => string|null} getToken */
  constructor(getToken) {
    this.getToken = getToken;
    this.links = new Map(); // mediaId -> Promise<{url, thumbnailUrl, expiresAt}>
  }

  /**
   * POST /api/media with the file's bytes; resolves to the server's answer (with a ready `content`). XHR rather
   * than fetch: only XHR reports upload progress. `onProgress(fraction)` is called as bytes go out.
   */
  upload(file, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/media?name=${encodeURIComponent(file.name || 'file')}`);
      xhr.setRequestHeader('Authorization', `Bearer ${this.getToken()}`);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        let data = null;
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          data = null;
        }
        if (xhr.status === 201 && data) resolve(data);
        else reject(new Error(data && data.error ? data.error.message : `upload failed (HTTP ${xhr.status})`));
      };
      xhr.onerror = () => reject(new Error('Cannot reach the server'));
      xhr.send(file);
    });
  }

  /** Signed links to a media and its thumbnail, cached until shortly before they expire. */
  link(mediaId) {
    const cached = this.links.get(mediaId);
    if (cached && cached.expiresAt - LINK_MARGIN_MS > Date.now()) return cached.promise;
    const promise = fetch(`/api/media/${encodeURIComponent(mediaId)}/link`, {
      headers: { Authorization: `Bearer ${this.getToken()}` },
    }).then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))));
    const entry = { promise, expiresAt: Date.now() + 5 * 60_000 };
    this.links.set(mediaId, entry);
    promise.then((l) => { entry.expiresAt = l.expiresAt; }, () => this.links.delete(mediaId));
    return promise;
  }

  /** The body of a media message: a thumbnail that opens the full image, or a file card that downloads it. */
  render(content) {
    if (content.contentType === CONTENT_IMAGE) {
      const w = content.thumbnail ? content.thumbnail.width : 240;
      const ht = content.thumbnail ? content.thumbnail.height : 180;
      const img = h('img', { class: 'media-thumb', alt: content.caption || content.name || 'image', width: w, height: ht });
      const open = h('a', { class: 'media-open', target: '_blank', rel: 'noopener' }, img);
      this.link(content.mediaId).then((l) => {
        img.src = l.thumbnailUrl || l.url;
        open.href = l.url;
      }, () => img.classList.add('broken'));
      return h('figure', { class: 'media-image' }, open,
        content.caption ? h('figcaption', { class: 'text', text: content.caption }) : null);
    }
    const card = h('a', { class: 'file-card', download: content.name || 'file' },
      h('span', { class: 'file-name', text: content.name || 'file' }),
      h('span', { class: 'file-size', text: size(content.size) }));
    this.link(content.mediaId).then((l) => { card.href = l.url; }, () => card.classList.add('broken'));
    return h('div', { class: 'media-file' }, card,
      content.caption ? h('div', { class: 'text', text: content.caption }) : null);
  }
}

function size(bytes) {
  if (!(bytes >= 0)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Whether this content references an upload the client can show (image, file, voice, video). */
export function isMedia(content) {
  return Boolean(content && content.contentType >= 2 && content.contentType <= 5 && typeof content.mediaId === 'string');
}
