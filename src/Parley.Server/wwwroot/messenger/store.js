// What the messenger keeps in the host page's localStorage, keyed per Parley origin so two Parley
// servers embedded on one site never share a session. Storage can be missing or full (private modes,
// blocked cookies); the messenger then still works, it just forgets on reload.

/**
 * @typedef {{ token: string, endUserId: string, conversationId: string | null, identity?: string | null }} Session
 * @typedef {{ clientId: string, text: string, pageUrl: string, queuedAt: string }} Queued
 */

/** @param {string} key @returns {any} */
function read(key) {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** @param {string} key @param {unknown} value */
function write(key, value) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or disabled storage: keep working in memory.
  }
}

export class Store {
  /** @param {string} origin the Parley server's origin */
  constructor(origin) {
    this.sessionKey = `parley:${origin}:session`;
    this.outboxKey = `parley:${origin}:outbox`;
  }

  /** @returns {Session | null} */
  get session() {
    const s = read(this.sessionKey);
    return s && typeof s.token === "string" ? s : null;
  }

  /** @param {Session | null} value */
  set session(value) {
    write(this.sessionKey, value);
  }

  /** Messages typed but not yet accepted by the server, oldest first. @returns {Queued[]} */
  get outbox() {
    const q = read(this.outboxKey);
    return Array.isArray(q) ? q : [];
  }

  /** @param {Queued} item */
  enqueue(item) {
    write(this.outboxKey, [...this.outbox, item]);
  }

  /** @param {string} clientId */
  dequeue(clientId) {
    const rest = this.outbox.filter((q) => q.clientId !== clientId);
    write(this.outboxKey, rest.length ? rest : null);
  }

  clear() {
    write(this.sessionKey, null);
    write(this.outboxKey, null);
  }
}
