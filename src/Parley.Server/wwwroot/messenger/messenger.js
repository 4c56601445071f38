// The Parley messenger: <script type="module" src="https://parley.example.com/messenger/messenger.js"></script>
// Defines <parley-messenger>, adds one to the page and exposes window.Parley. Everything it draws lives in
// the element's shadow root, so the page's CSS cannot break it and its CSS cannot break the page.

import { Client } from "./client.js";
import { choose, load, match } from "./i18n.js";
import { View } from "./view.js";

/**
 * @typedef {import("./i18n.js").Strings} Strings
 * @typedef {import("./api.js").Config} Config
 * @typedef {import("./api.js").Message} Message
 * @typedef {{ open(): void, close(): void, setLocale(tag: string): Promise<void>, identify(jwt: string): Promise<void>,
 *   logout(): Promise<void>, on(event: string, fn: (count: number) => void): void, off(event: string, fn: (count: number) => void): void,
 *   q: { push(...calls: unknown[][]): number } }} ParleyApi
 */

const ORIGIN = new URL(import.meta.url).origin;
const SELF = import.meta.url.split(/[?#]/)[0];
const STATUS_EVERY_MS = 60_000;

class ParleyMessenger extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }
}

if (!customElements.get("parley-messenger")) {
  customElements.define("parley-messenger", ParleyMessenger);
  start();
}

function start() {
  /** @type {any} */
  const w = window;
  const queued = Array.isArray(w.Parley?.q) ? w.Parley.q : [];
  const script = /** @type {HTMLScriptElement[]} */ ([...document.querySelectorAll("script[src]")]).find((s) => s.src.split(/[?#]/)[0] === SELF);

  const host = document.createElement("parley-messenger");
  const view = new View(/** @type {ShadowRoot} */ (host.shadowRoot), {
    toggle: () => setOpen(!view.open),
    close: () => setOpen(false),
    send: (text) => client.send(text),
    seen: (id, seq, visible) => client.seen(id, seq, visible),
    prompt: (m, slot) => showEmailForm(slot),
    files: (m, list) => showFiles(m, list),
  });
  /** @type {Set<(count: number) => void>} */
  const listeners = new Set();
  const client = new Client(ORIGIN, view, (count) => {
    setTitle(count);
    for (const fn of listeners) {
      try { fn(count); } catch (e) { console.error(e); }
    }
    dispatchEvent(new CustomEvent("parley:unreadchange", { detail: { count } }));
  });

  /** @type {Config | null} */
  let config = null;
  /** @type {Strings | null} */
  let strings = null;
  let siteLocale = script?.dataset.locale || null;
  let wantOpen = false;
  /** @type {string | null} */
  let pendingIdentity = null;
  /** @type {(() => void) | null} */
  let shown = null;
  const ready = new Promise((resolve) => { shown = () => resolve(undefined); });

  /** @type {ReturnType<typeof setInterval> | undefined} */
  let statusTimer;
  /** @param {boolean} open */
  function setOpen(open) {
    wantOpen = open;
    if (!strings) return;
    view.setOpen(open);
    client.setOpen(open);
    // Whether anyone can answer is asked when the panel opens and every minute while it stays open.
    clearInterval(statusTimer);
    if (open) {
      refreshStatus();
      statusTimer = setInterval(refreshStatus, STATUS_EVERY_MS);
    }
  }

  function refreshStatus() {
    client.api.status().then((a) => view.setAvailability(a), () => { /* keep the last notice */ });
  }

  let baseTitle = document.title;
  /** @type {string | null} */
  let ownTitle = null;
  /** "(N) " before the page's own title while N messages are unread. @param {number} count */
  function setTitle(count) {
    if (ownTitle !== document.title) baseTitle = document.title;
    ownTitle = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
    if (document.title !== ownTitle) document.title = ownTitle;
  }

  /** The files of a message: the code that fetches and shows them is loaded with the first one. @param {Message} m @param {HTMLElement} list */
  async function showFiles(m, list) {
    const files = await import("./files.js");
    if (!strings) return;
    files.showFiles(list, m.attachments, strings, (a) => client.api.file(m.conversationId, a.id), () => view.grew());
  }

  /** @param {HTMLElement} slot */
  async function showEmailForm(slot) {
    const [{ emailForm }, profile] = await Promise.all([import("./email-form.js"), client.profile()]);
    if (!strings) return;
    slot.replaceChildren(emailForm(strings, async (email) => {
      const saved = await client.api.setEmail(email);
      client.profilePromise = Promise.resolve(saved);
    }, profile?.email ?? null));
  }

  /**
   * The language to show: the website's choice, else the profile's, else the browser's, else the account's
   * default. Every shipped language is available whatever the account offers its agents.
   * @param {string | null} profileLanguage
   */
  function language(profileLanguage) {
    const c = /** @type {Config} */ (config);
    return choose([siteLocale, profileLanguage, ...(navigator.languages || [navigator.language])], undefined, c.defaultLanguage);
  }

  /** Tells the server the website's language choice, so emails follow it too. @param {string | null | undefined} current */
  function storeSiteLanguage(current) {
    const wanted = siteLocale ? match(siteLocale) : null;
    client.siteLanguage = wanted;
    if (wanted && client.session && current !== wanted) client.api.setLanguage(wanted).catch(() => {});
  }

  async function boot() {
    try {
      config = await client.api.config();
    } catch (e) {
      console.warn("Parley: the messenger could not load its settings", e);
      return;
    }
    // Not allowed on this website, or messaging is off: no launcher at all.
    if (!config.enabled || config.embedAllowed !== true) return;
    await continueFromEmail();
    if (pendingIdentity) await identify(pendingIdentity).catch(() => {});
    const picked = client.pickConversation();
    const profile = await client.profile();
    strings = await load(language(profile?.language ?? null));
    client.strings = strings;
    view.build(strings, config);
    storeSiteLanguage(profile?.language);
    shown?.();
    if (wantOpen) setOpen(true);
    else refreshStatus();
    await client.load(picked);
  }

  /**
   * A continuation email's link lands here with #parley-continue=<link>: the conversation opens on this
   * device. The link leaves the address bar at once, so it is not bookmarked or shared by accident.
   */
  async function continueFromEmail() {
    const found = /(?:^#|&)parley-continue=([A-Za-z0-9_-]{20,100})/.exec(location.hash);
    if (!found) return;
    const rest = location.hash.slice(1).split("&").filter((p) => !p.startsWith("parley-continue=")).join("&");
    history.replaceState(history.state, "", location.pathname + location.search + (rest ? "#" + rest : ""));
    try {
      await client.continueWith(found[1]);
      wantOpen = true;
    } catch (e) {
      console.warn("Parley: the link from the email has expired", e);
    }
  }

  /** @param {string} jwt */
  async function identify(jwt) {
    if (!config) {
      pendingIdentity = jwt;
      return;
    }
    pendingIdentity = null;
    try {
      if ((await client.identify(jwt)) && strings) await client.load();
    } catch (e) {
      console.warn("Parley: identify was refused", e);
      throw e;
    }
  }

  /** @type {ParleyApi} */
  const api = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    async setLocale(tag) {
      siteLocale = tag || null;
      if (!strings || !config) return;
      const profile = await client.profile();
      const lang = language(profile?.language ?? null);
      storeSiteLanguage(profile?.language);
      if (lang === strings.lang) return;
      strings = await load(lang);
      client.strings = strings;
      view.build(strings, config);
      client.rerender();
    },
    async identify(jwt) {
      if (config) return identify(jwt);
      pendingIdentity = jwt;
      await ready;
    },
    async logout() {
      pendingIdentity = null;
      await ready;
      await client.logout();
    },
    on(event, fn) {
      if (event === "unreadchange") listeners.add(fn);
    },
    off(event, fn) {
      listeners.delete(fn);
    },
    // Calls pushed after load, by snippets that only know the queue, run at once.
    q: { push: (...calls) => { calls.forEach(run); return 0; } },
  };

  /** @param {unknown[]} call */
  function run(call) {
    const [name, ...args] = Array.isArray(call) ? call : [];
    const fn = /** @type {any} */ (api)[String(name)];
    if (typeof fn !== "function" || name === "q") {
      console.warn("Parley: unknown call", name);
      return;
    }
    Promise.resolve(fn(...args)).catch(() => { /* already reported */ });
  }

  w.Parley = api;
  queued.forEach(run);
  const attach = () => {
    document.body.append(host);
    boot().finally(() => shown?.());
  };
  if (document.body) attach();
  else addEventListener("DOMContentLoaded", attach, { once: true });
}
