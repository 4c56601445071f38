// The messenger's state and its conversation with the server: session, history, live events, the
// outbox of messages typed offline, and read tracking.

import { Api, ApiError, backoff, pause } from "./api.js";
import { Store } from "./store.js";

/**
 * @typedef {import("./api.js").Message} Message
 * @typedef {import("./api.js").Conversation} Conversation
 * @typedef {import("./api.js").Profile} Profile
 * @typedef {import("./store.js").Queued} Queued
 * @typedef {import("./view.js").View} View
 * @typedef {import("./i18n.js").Strings} Strings
 */

/** A random UUID, also on plain-http pages where crypto.randomUUID is missing. */
export function uuid() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, "0")).join("");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export class Client {
  /** @param {string} origin @param {View} view @param {(count: number) => void} onUnread */
  constructor(origin, view, onUnread) {
    this.api = new Api(origin);
    this.store = new Store(origin);
    this.view = view;
    this.onUnread = onUnread;
    this.session = this.store.session;
    this.api.token = this.session?.token ?? null;
    /** @type {Conversation | null} */
    this.conversation = null;
    /** Messages of the current conversation, by sequence number. @type {Map<number, Message>} */
    this.messages = new Map();
    /** Agent messages of the current conversation now in view. @type {Set<number>} */
    this.inView = new Set();
    /** @type {Map<string, string>} failed sends: clientId → reason */
    this.failed = new Map();
    /** @type {EventSource | null} */
    this.events = null;
    this.open = false;
    /** The signal of the running flush, so a flush of an older session cannot unlock a newer one. @type {AbortSignal | null} */
    this.flushing = null;
    /** @type {Strings | undefined} */
    this.strings = undefined;
    this.streamFailures = 0;
    this.unread = 0;
    /** Aborted when the session changes (identify, log-out), so old work stops. */
    this.epoch = new AbortController();
    /** The browser language, sent when a session is created; the website's locale, stored on the profile. */
    this.browserLanguage = navigator.language;
    /** @type {string | null} */
    this.siteLanguage = null;
    /** @type {Promise<Profile> | null} */
    this.profilePromise = null;

    addEventListener("online", () => { this.updateStatus(); this.flush(); if (!this.events) this.connect(); });
    addEventListener("offline", () => this.updateStatus());
    addEventListener("focus", () => this.checkRead());
    document.addEventListener("visibilitychange", () => this.checkRead());
    // Another tab of this site changed the session (log-out, identify): follow it.
    addEventListener("storage", (e) => {
      if (e.key === this.store.sessionKey && (this.store.session?.token ?? null) !== this.api.token) {
        this.session = this.store.session;
        this.api.token = this.session?.token ?? null;
        this.reset();
        this.load();
      }
    });
  }

  /** The end user's profile, fetched once per session; null without a session. */
  profile() {
    if (!this.session) return Promise.resolve(null);
    this.profilePromise ??= this.api.profile();
    return this.profilePromise.catch(() => null);
  }

  /** The conversation to show: the one stored, else the newest; null when there is none yet. */
  /** @returns {Promise<Conversation | null>} */
  async pickConversation() {
    if (!this.session) return null;
    try {
      const list = await this.api.conversations();
      return list.find((c) => c.id === this.session?.conversationId) || list[0] || null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.forget();
      else console.warn("Parley: could not load conversations", e);
      return null;
    }
  }

  /**
   * Loads the conversation and its history, goes live and sends what the outbox holds.
   * @param {Promise<Conversation | null>} [picked] the conversation, when already being looked up
   */
  async load(picked) {
    const conversation = await (picked || this.pickConversation());
    if (conversation) {
      this.adopt(conversation);
      await this.history(0);
      this.connect();
    }
    this.showOutbox();
    this.flush();
  }

  /** @param {Conversation} c */
  adopt(c) {
    const switching = this.conversation && this.conversation.id !== c.id;
    if (switching) {
      // A follow-up of a closed conversation: the old one stays on screen above a divider.
      this.closeStream();
      this.messages.clear();
      this.inView.clear();
      this.view.divider();
    }
    const readSeq = Math.max(c.endUserReadSeq, this.conversation?.id === c.id ? this.conversation.endUserReadSeq : 0);
    this.conversation = { ...c, endUserReadSeq: readSeq };
    if (this.session && this.session.conversationId !== c.id) {
      this.session = { ...this.session, conversationId: c.id };
      this.store.session = this.session;
    }
    if (switching) this.connect();
    this.updateUnread();
  }

  /** Fetches messages after a sequence number, page by page. @param {number} after */
  async history(after) {
    const id = this.conversation?.id;
    if (!id) return;
    for (;;) {
      let page;
      try {
        page = await this.api.messages(id, after);
      } catch (e) {
        console.warn("Parley: could not load history", e);
        return;
      }
      if (this.conversation?.id !== id) return;
      page.forEach((m) => this.add(m, false));
      if (page.length < 100) return;
      after = page[page.length - 1].seq;
    }
  }

  lastSeq() {
    return Math.max(0, ...this.messages.keys());
  }

  /** @param {Message} m @param {boolean} live */
  add(m, live) {
    if (!this.conversation || m.conversationId !== this.conversation.id) return;
    // Messages never change, so one seen before (history and replay overlap) is left as it is.
    if (this.messages.get(m.seq)?.id === m.id) return;
    const known = this.messages.has(m.seq);
    this.messages.set(m.seq, m);
    this.view.upsert(m);
    if (!known && live && m.authorKind !== "endUser" && this.strings) {
      const text = m.text || (m.attachments || []).map((a) => a.fileName).join(", ");
      this.view.announce(this.strings.t("newMessage", { name: m.authorName || this.view.config?.businessName || "", text }));
    }
    this.updateUnread();
  }

  /** Live events of the current conversation; a dropped stream resumes where it stopped. */
  connect() {
    const c = this.conversation;
    if (!c || this.events || !this.session) return;
    const es = new EventSource(this.api.eventsUrl(c.id, this.lastSeq()));
    this.events = es;
    /** @param {string} type @param {(data: any) => void} handle */
    const on = (type, handle) => es.addEventListener(type, (e) => {
      if (this.events === es) handle(JSON.parse(/** @type {MessageEvent} */ (e).data || "{}"));
    });
    on("ready", () => {
      this.streamFailures = 0;
      this.updateStatus();
      this.flush();
    });
    on("message", (m) => this.add(m, true));
    on("read", (r) => {
      if (this.conversation && r.conversationId === this.conversation.id && r.endUserReadSeq > this.conversation.endUserReadSeq) {
        this.conversation.endUserReadSeq = r.endUserReadSeq;
        this.updateUnread();
      }
    });
    on("conversation", (conv) => {
      if (this.conversation && conv.id === this.conversation.id) this.adopt(conv);
    });
    on("resync", () => this.history(this.lastSeq()));
    es.onerror = () => {
      if (this.events !== es) return;
      this.updateStatus(true);
      // The browser retries a dropped stream itself (with Last-Event-ID); a refused one it gives up on.
      if (es.readyState === EventSource.CLOSED) this.reconnect();
    };
  }

  async reconnect() {
    const c = this.conversation;
    this.closeStream();
    await pause(backoff(this.streamFailures++), this.epoch.signal);
    if (!c || this.conversation?.id !== c.id || this.epoch.signal.aborted) return;
    try {
      // Find out why the stream was refused: a session that ended is forgotten.
      this.adopt(await this.api.conversation(c.id));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 404)) {
        if (e.status === 401) this.forget();
        return;
      }
    }
    this.connect();
  }

  closeStream() {
    this.events?.close();
    this.events = null;
  }

  /** @param {boolean} [trouble] */
  updateStatus(trouble) {
    const s = this.strings;
    if (!s) return;
    this.view.setStatus(!navigator.onLine ? s.t("offline") : trouble && this.events?.readyState !== EventSource.OPEN ? s.t("reconnecting") : null);
  }

  /** Queues a message and sends it when it can: now, or when the connection returns. @param {string} text */
  send(text) {
    /** @type {Queued} */
    const q = { clientId: uuid(), text, pageUrl: location.href, queuedAt: new Date().toISOString() };
    this.store.enqueue(q);
    this.view.pending(q);
    this.flush();
  }

  /** Shows everything again, after the view was rebuilt for another language. */
  rerender() {
    [...this.messages.values()].sort((a, b) => a.seq - b.seq).forEach((m) => this.view.upsert(m));
    this.showOutbox();
    this.updateUnread();
    this.updateStatus();
  }

  showOutbox() {
    for (const q of this.store.outbox) this.view.pending(q);
  }

  async ensureSession() {
    if (this.session) return;
    const answer = await this.api.createSession(this.browserLanguage || undefined);
    this.session = { token: answer.token, endUserId: answer.endUserId, conversationId: null };
    this.store.session = this.session;
    this.api.token = answer.token;
    if (this.siteLanguage) this.api.setLanguage(this.siteLanguage).catch(() => {});
  }

  /**
   * Sends the outbox, oldest first, one at a time. Each message keeps its clientId across retries, tabs
   * and reloads, so the server stores it once however often it is sent.
   */
  async flush() {
    if (this.flushing) return;
    const { signal } = this.epoch;
    this.flushing = signal;
    let refused = 0;
    try {
      for (let q = this.store.outbox[0]; q && !signal.aborted; q = this.store.outbox[0]) {
        try {
          await this.ensureSession();
          const posted = await this.api.send(this.conversation?.id ?? null, { text: q.text, clientId: q.clientId, pageUrl: q.pageUrl }, signal);
          if (signal.aborted) return;
          this.store.dequeue(q.clientId);
          const first = !this.conversation;
          this.adopt(posted.conversation);
          this.add(posted.message, false);
          if (first) this.connect();
        } catch (e) {
          if (signal.aborted) return;
          if (!(e instanceof ApiError)) {
            // Not the server's refusal (an unreadable answer): try again later, same clientId.
            console.warn("Parley: sending failed, will retry", e);
            await pause(backoff(4), signal);
            continue;
          }
          if ((e.status === 401 || e.status === 404) && refused++ < 1) {
            // The session ended elsewhere, or the conversation is gone: start afresh, same message.
            if (e.status === 401) this.forget(false);
            else this.dropConversation();
            continue;
          }
          this.store.dequeue(q.clientId);
          this.view.pending(q, problemText(e, this.strings));
        }
      }
    } finally {
      if (this.flushing === signal) this.flushing = null;
    }
  }

  /** The panel was opened or closed. @param {boolean} open */
  setOpen(open) {
    this.open = open;
    this.checkRead();
  }

  /** @param {string} conversationId @param {number} seq @param {boolean} visible */
  seen(conversationId, seq, visible) {
    if (conversationId !== this.conversation?.id) return;
    if (visible) this.inView.add(seq);
    else this.inView.delete(seq);
    this.checkRead();
  }

  /** Marks read what the end user can actually see: in the open panel, on a visible page that has focus. */
  checkRead() {
    const c = this.conversation;
    if (!c || !this.open || document.visibilityState !== "visible" || !document.hasFocus()) return;
    const seq = Math.max(0, ...this.inView);
    if (seq <= c.endUserReadSeq) return;
    c.endUserReadSeq = seq;
    this.updateUnread();
    this.api.markRead(c.id, seq).catch((e) => console.warn("Parley: could not mark read", e));
  }

  updateUnread() {
    const read = this.conversation?.endUserReadSeq ?? 0;
    let count = 0;
    for (const m of this.messages.values()) if (m.authorKind !== "endUser" && m.seq > read) count++;
    this.view.setUnread(count);
    if (count !== this.unread) {
      this.unread = count;
      this.onUnread(count);
    }
  }

  /** Drops what is on screen and in memory, keeping the session. */
  reset() {
    this.epoch.abort();
    this.epoch = new AbortController();
    this.flushing = null;
    this.dropConversation();
    this.profilePromise = null;
    this.view.clear();
  }

  /** Stops following the current conversation; the next message starts a new one. */
  dropConversation() {
    this.closeStream();
    this.conversation = null;
    this.messages.clear();
    this.inView.clear();
    this.updateUnread();
  }

  /** Forgets the local session (and, unless kept, the unsent messages). @param {boolean} [dropOutbox] */
  forget(dropOutbox = true) {
    this.session = null;
    this.api.token = null;
    if (dropOutbox) this.store.clear();
    else this.store.session = null;
    this.profilePromise = null;
    this.dropConversation();
  }

  /** A session for the end user the website vouches for; their history replaces the visitor's. @param {string} jwt */
  async identify(jwt) {
    // Websites identify on every page view; the same claims again need no new session.
    const identity = claimsKey(jwt);
    if (this.session && identity && this.session.identity === identity) return false;
    const answer = await this.api.identify(jwt);
    this.reset();
    this.session = { token: answer.token, endUserId: answer.endUserId, conversationId: null, identity };
    this.store.session = this.session;
    this.api.token = answer.token;
    return true;
  }

  /** Takes over the end user of a continuation email's link, on this device, at its conversation. @param {string} link */
  async continueWith(link) {
    const answer = await this.api.continueSession(link);
    this.reset();
    this.session = { token: answer.token, endUserId: answer.endUserId, conversationId: answer.conversationId };
    this.store.session = this.session;
    this.api.token = answer.token;
  }

  async logout() {
    const had = this.session;
    this.reset();
    if (had) {
      try {
        await this.api.endSession();
      } catch (e) {
        // Still forget it here: the token is useless without the browser that holds it.
        console.warn("Parley: could not end the session on the server", e);
      }
    }
    this.forget();
    this.view.clear();
  }
}

/**
 * The identity token's claims without its times, to tell "same user, same details" from a change. The
 * signature is not checked here; the server checked it when it made the session this is compared with.
 * @param {string} jwt
 */
export function claimsKey(jwt) {
  try {
    const json = atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"));
    const { iat, exp, nbf, jti, ...claims } = JSON.parse(json);
    return JSON.stringify(Object.keys(claims).sort().map((k) => [k, claims[k]]));
  } catch {
    return null;
  }
}

/**
 * What to tell the end user about a refused request.
 * @param {ApiError} e @param {Strings | undefined} s
 */
export function problemText(e, s) {
  if (!s) return e.message;
  if (e.status === 429) return s.t("tooMany");
  const field = e.problem.errors && Object.values(e.problem.errors)[0];
  return (field && field[0]) || e.problem.title || s.t("errorGeneric");
}
