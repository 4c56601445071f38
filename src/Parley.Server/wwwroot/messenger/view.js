// The messenger's DOM: launcher, panel, history, composer. It shows what the client tells it and reports
// what the end user does and sees; it knows nothing of the network.

import { css, normaliseColor, readableOn } from "./styles.js";

/**
 * @typedef {import("./api.js").Message} Message
 * @typedef {import("./api.js").Config} Config
 * @typedef {import("./api.js").Availability} Availability
 * @typedef {import("./i18n.js").Strings} Strings
 * @typedef {{ toggle: () => void, close: () => void, send: (text: string) => void,
 *   seen: (conversationId: string, seq: number, visible: boolean) => void,
 *   prompt: (message: Message, slot: HTMLElement) => void,
 *   files: (message: Message, list: HTMLElement) => void }} Handlers
 */

const ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";
const ICON_CLOSE = "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z";
const ICON_SEND = "M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z";

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Record<string, string>} [attrs] @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** @param {string} path */
function icon(path) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
  p.setAttribute("d", path);
  svg.append(p);
  return svg;
}

export class View {
  /** @param {ShadowRoot} shadow @param {Handlers} on */
  constructor(shadow, on) {
    this.shadow = shadow;
    this.on = on;
    this.open = false;
    /** The last availability told, and the notice lines drawn from it. @type {Availability | null} */
    this.availability = null;
    this.shown = "";
    /** @type {Map<Element, { conversationId: string, seq: number }>} */
    this.watched = new Map();
    this.observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const w = this.watched.get(e.target);
        if (!w) continue;
        // Seen when most of it is in view, or, for a message taller than the panel, a good part of it.
        const visible = e.isIntersecting && (e.intersectionRatio >= 0.5 || e.intersectionRect.height >= 48);
        on.seen(w.conversationId, w.seq, visible);
      }
    }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
  }

  /**
   * Builds (or rebuilds, after a language change) the whole widget.
   * @param {Strings} s @param {Config} config
   */
  build(s, config) {
    this.s = s;
    this.config = config;
    this.observer.disconnect();
    this.watched.clear();
    const color = normaliseColor(config.color);
    const style = h("style", {}, [css + `.root{--pc:${color};--pf:${readableOn(color)}}`]);

    this.badge = h("span", { class: "badge", "aria-hidden": "true", hidden: "" });
    this.launcher = h("button", { class: "launcher", type: "button", "aria-controls": "parley-panel", "aria-expanded": "false" }, [icon(ICON_CHAT), this.badge]);
    this.launcher.addEventListener("click", () => this.on.toggle());

    const title = h("h2", { id: "parley-title" }, [config.businessName]);
    const close = h("button", { class: "icon", type: "button", "aria-label": s.t("close") }, [icon(ICON_CLOSE)]);
    close.addEventListener("click", () => this.on.close());
    this.status = h("div", { class: "status", role: "status", hidden: "" });
    this.away = h("div", { class: "away", role: "status", hidden: "" });
    this.log = h("div", { class: "log", role: "log", "aria-live": "off", tabindex: "0", "aria-label": s.t("history") });
    if (config.greeting) this.log.append(h("p", { class: "greeting" }, [config.greeting]));

    const input = h("textarea", { rows: "1", "aria-label": s.t("composerLabel"), placeholder: s.t("composerPlaceholder"), maxlength: "10000" });
    this.input = input;
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    const send = h("button", { class: "send", type: "submit", "aria-label": s.t("send") }, [icon(ICON_SEND)]);
    const form = h("form", { class: "composer" }, [input, send]);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      this.on.send(text);
    });

    this.panel = h("section", { class: "panel", id: "parley-panel", role: "dialog", "aria-labelledby": "parley-title", dir: s.dir, lang: s.lang, hidden: "" },
      [h("header", {}, [title, close]), this.away, this.status, this.log, form]);
    this.panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.on.close();
      }
    });
    this.live = h("div", { class: "sr", "aria-live": "polite", "aria-atomic": "true" });
    this.root = h("div", { class: "root", dir: s.dir, lang: s.lang }, [this.panel, this.launcher, this.live]);
    this.shadow.replaceChildren(style, this.root);
    this.setOpen(this.open, false);
    this.setUnread(this.unread || 0);
    this.shown = "";
    this.setAvailability(this.availability);
  }

  /** @param {boolean} open @param {boolean} [moveFocus] */
  setOpen(open, moveFocus = true) {
    if (!this.panel || !this.launcher || !this.s || !this.input) return;
    const wasOpen = this.open;
    this.open = open;
    this.panel.hidden = !open;
    this.launcher.setAttribute("aria-expanded", String(open));
    this.setUnread(this.unread || 0);
    if (open) {
      this.scrollToEnd();
      if (moveFocus) this.input.focus();
    } else if (moveFocus && wasOpen) {
      this.launcher.focus();
    }
  }

  /** @param {number} count */
  setUnread(count) {
    this.unread = count;
    if (!this.badge || !this.launcher || !this.s) return;
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 99 ? "99+" : String(count);
    const label = this.open ? this.s.t("closeMessenger") : this.s.t("openMessenger");
    this.launcher.setAttribute("aria-label", count > 0 ? `${label}. ${this.s.t("unread", { count })}` : label);
  }

  /** A line above the history (offline, reconnecting), or none. @param {string | null} text */
  setStatus(text) {
    if (!this.status) return;
    this.status.hidden = !text;
    this.status.textContent = text || "";
  }

  /**
   * The notice that nobody can answer right now (no agent online, or outside business hours), with when the
   * business opens again in the visitor's own time and language, so they know a reply may come later.
   * @param {Availability | null} a
   */
  setAvailability(a) {
    this.availability = a;
    if (!this.away || !this.s) return;
    const lines = !a || a.available ? [] : [this.s.t("away")];
    if (lines.length && a?.nextOpening) lines.push(this.s.t("openAgain", { time: this.when(a.nextOpening) }));
    const key = lines.join("\n");
    // Unchanged on a refresh: leave the live region alone so it is not read out again.
    if (key === this.shown) return;
    this.shown = key;
    this.away.hidden = !lines.length;
    this.away.replaceChildren(...lines.map((line) => h("p", {}, [line])));
  }

  /** A coming moment: the time today, the weekday and time this week, else the date and time. @param {string} iso */
  when(iso) {
    const d = new Date(iso);
    const days = (d.getTime() - Date.now()) / 864e5;
    /** @type {Intl.DateTimeFormatOptions} */
    const options = d.toDateString() === new Date().toDateString() ? { timeStyle: "short" }
      : days < 6 ? { weekday: "long", hour: "numeric", minute: "2-digit" } : { dateStyle: "medium", timeStyle: "short" };
    try {
      return new Intl.DateTimeFormat(this.s?.lang, options).format(d);
    } catch {
      return d.toLocaleString();
    }
  }

  /** Says a new message out loud to screen readers, politely. @param {string} text */
  announce(text) {
    if (!this.live) return;
    this.live.textContent = "";
    // A fresh node after a tick, so the same text twice is still announced.
    setTimeout(() => { if (this.live) this.live.textContent = text; }, 50);
  }

  scrollToEnd() {
    if (this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /** @param {number} [slack] how far from the end still counts as at the end */
  nearEnd(slack = 80) {
    return !this.log || this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < slack;
  }

  /** Something in the history grew (an image arrived): stay at the end if the end user was there. */
  grew() {
    if (this.nearEnd(320)) this.scrollToEnd();
  }

  /** Removes every message (log-out, new identity). */
  clear() {
    this.observer.disconnect();
    this.watched.clear();
    this.log?.querySelectorAll(".msg,.divider").forEach((el) => el.remove());
  }

  /** A line between a closed conversation and its follow-up. */
  divider() {
    this.log?.append(h("div", { class: "divider", role: "separator" }, [this.s?.t("newConversation") ?? ""]));
  }

  /**
   * Shows a message in its place (by conversation and sequence), replacing the pending copy with the same
   * clientId or an earlier rendering of the same message.
   * @param {Message} m
   */
  upsert(m) {
    const log = this.log;
    if (!log || !this.s) return;
    const stick = this.nearEnd();
    const old = log.querySelector(`[data-id="${m.id}"]`) || (m.clientId ? log.querySelector(`[data-client-id="${CSS.escape(m.clientId)}"]`) : null);
    const el = this.messageElement(m);
    if (old) {
      old.replaceWith(el);
    } else {
      const later = [...log.querySelectorAll(`.msg[data-conversation="${m.conversationId}"]`)]
        .find((x) => Number(x.getAttribute("data-seq")) > m.seq);
      log.insertBefore(el, later || log.querySelector(".pending") || null);
    }
    if (m.authorKind !== "endUser") {
      this.watched.set(el, { conversationId: m.conversationId, seq: m.seq });
      this.observer.observe(el);
    }
    if (old || stick || m.authorKind === "endUser") this.scrollToEnd();
  }

  /** @param {Message} m */
  messageElement(m) {
    const s = /** @type {Strings} */ (this.s);
    const mine = m.authorKind === "endUser";
    const el = h("div", { class: mine ? "msg mine" : "msg", "data-id": m.id, "data-seq": String(m.seq), "data-conversation": m.conversationId });
    if (m.clientId) el.setAttribute("data-client-id", m.clientId);
    // A message may be files alone.
    if (m.text) el.append(h("div", { class: "bubble" }, [m.text]));
    if (m.attachments?.length) {
      const list = h("ul", { class: "files" });
      el.append(list);
      this.on.files(m, list);
    }
    const author = mine ? s.t("you") : m.authorName || this.config?.businessName || "";
    const parts = [author, this.time(m.createdAt)];
    if (m.channel === "email") parts.push(s.t("viaEmail"));
    el.append(h("div", { class: "meta" }, [parts.filter(Boolean).join(" · ")]));
    if (m.prompt === "email" && !mine) {
      const slot = h("div", {});
      el.append(slot);
      this.on.prompt(m, slot);
    }
    return el;
  }

  /**
   * A message typed here that the server has not accepted yet; failed when it never will.
   * @param {{ clientId: string, text: string }} q @param {string | null} [error]
   */
  pending(q, error) {
    const log = this.log;
    if (!log || !this.s) return;
    const el = h("div", { class: error ? "msg mine pending failed" : "msg mine pending", "data-client-id": q.clientId }, [
      h("div", { class: "bubble" }, [q.text]),
      h("div", { class: "meta" }, [error ? this.s.t("notSent", { reason: error }) : this.s.t("sending")]),
    ]);
    const old = log.querySelector(`[data-client-id="${CSS.escape(q.clientId)}"]`);
    if (old) old.replaceWith(el);
    else log.append(el);
    this.scrollToEnd();
  }

  /** @param {string} iso */
  time(iso) {
    const d = new Date(iso);
    if (isNaN(d.getTime()) || !this.s) return "";
    const today = d.toDateString() === new Date().toDateString();
    try {
      return new Intl.DateTimeFormat(this.s.lang, today ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" }).format(d);
    } catch {
      return d.toLocaleString();
    }
  }
}
