// The email form a trigger can ask for inside the conversation (prompt: "email"). Loaded only when such a
// message is shown, so it costs nothing on first load.

import { ApiError } from "./api.js";
import { h } from "./view.js";

/** @typedef {import("./i18n.js").Strings} Strings */

let forms = 0;

/**
 * Why an address is refused, as a string key, or null when it looks fine. The same rules as the server's:
 * plain ASCII, one at sign, a dotted domain, no spaces or double dots, at most 254 characters.
 * @param {string} email
 * @returns {"emailAccented" | "emailInvalid" | null}
 */
export function checkEmail(email) {
  // Any character past ASCII, accented letters and non-Latin scripts alike.
  if (/[^\x00-\x7f]/.test(email)) return "emailAccented";
  const ok = email.length <= 254 && !email.includes("..") &&
    /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(email);
  return ok ? null : "emailInvalid";
}

/**
 * The form, or the confirmation when the end user already gave an address.
 * @param {Strings} s
 * @param {(email: string) => Promise<unknown>} save
 * @param {string | null} known the address on the profile, if any
 * @returns {HTMLElement}
 */
export function emailForm(s, save, known) {
  const box = h("div", { class: "email" });
  /** @param {string} email */
  const done = (email) => box.replaceChildren(h("p", { class: "ok", role: "status" }, [s.t("emailSaved", { email })]));
  if (known) {
    done(known);
    return box;
  }

  const id = `parley-email-${++forms}`;
  const input = h("input", {
    id, type: "text", inputmode: "email", autocomplete: "email", spellcheck: "false", autocapitalize: "off",
    placeholder: s.t("emailPlaceholder"), "aria-describedby": `${id}-error`, maxlength: "254",
  });
  const error = h("p", { class: "error", id: `${id}-error`, role: "alert", hidden: "" });
  const button = h("button", { type: "submit" }, [s.t("emailSubmit")]);
  const form = h("form", { novalidate: "" }, [
    h("label", { for: id }, [s.t("emailLabel")]),
    h("div", { class: "row" }, [input, button]),
    error,
  ]);
  /** @param {string | null} text */
  const show = (text) => {
    error.hidden = !text;
    error.textContent = text || "";
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };
  input.addEventListener("input", () => { if (!error.hidden) show(null); });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    show(null);
    const email = input.value.trim();
    const refused = checkEmail(email);
    if (refused) {
      show(s.t(refused));
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      await save(email);
      done(email);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : "";
      show(s.t(code === "accented-email" ? "emailAccented" : code === "invalid-email" ? "emailInvalid"
        : err instanceof ApiError && err.status === 429 ? "tooMany" : "errorGeneric"));
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  box.append(form);
  return box;
}
