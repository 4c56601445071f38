// Messenger strings. Only the chosen language's file is fetched, so adding languages costs nothing on load.

export const LANGUAGES = [
  "en", "ko", "ja", "zh-CN", "zh-TW", "es", "fr", "de", "pt-BR", "pt-PT", "it", "nl", "ru", "pl", "tr",
  "sv", "da", "nb", "fi", "cs", "hu", "ro", "el", "uk", "id", "th", "vi", "hi", "ar", "he",
];

const RTL = ["ar", "he"];

// Tags a browser or website may give that name a shipped language by another name.
/** @type {Record<string, string>} */
const ALIASES = {
  pt: "pt-BR", zh: "zh-CN", "zh-Hans": "zh-CN", "zh-SG": "zh-CN", "zh-Hant": "zh-TW", "zh-HK": "zh-TW",
  "zh-MO": "zh-TW", no: "nb", nn: "nb", iw: "he", in: "id",
};

/**
 * The shipped language for a tag, walking from the most to the least specific: "pt-BR" → "pt" → "pt-BR"
 * (alias); "fr-CA" → "fr"; "zh-Hant-HK" → "zh-Hant" → "zh-TW". Null when nothing matches.
 * @param {string | null | undefined} tag
 * @param {string[]} [offered] the languages the business offers; all shipped ones when empty
 */
export function match(tag, offered) {
  const allowed = offered && offered.length ? LANGUAGES.filter((l) => offered.some((o) => o.toLowerCase() === l.toLowerCase())) : LANGUAGES;
  const parts = (tag || "").trim().replace(/_/g, "-").split("-").filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join("-").toLowerCase();
    const alias = Object.keys(ALIASES).find((a) => a.toLowerCase() === candidate);
    for (const c of [candidate, alias && ALIASES[alias]]) {
      const hit = c && allowed.find((l) => l.toLowerCase() === c.toLowerCase());
      if (hit) return hit;
    }
    // "pt" when only pt-PT is offered: any region of the same language beats English.
    const sibling = n === 1 && allowed.find((l) => l.toLowerCase().startsWith(candidate + "-"));
    if (sibling) return sibling;
  }
  return null;
}

/**
 * The first of the candidate tags that names a shipped (and offered) language, else the fallback, else English.
 * @param {(string | null | undefined)[]} candidates in order of preference
 * @param {string[]} [offered] @param {string} [fallback]
 */
export function choose(candidates, offered, fallback) {
  for (const c of candidates) {
    const hit = match(c, offered);
    if (hit) return hit;
  }
  return match(fallback) || "en";
}

/** @param {string} lang */
export const direction = (lang) => (RTL.includes(lang.split("-")[0]) ? "rtl" : "ltr");

export class Strings {
  /** @param {string} lang @param {Record<string, string>} table */
  constructor(lang, table) {
    this.lang = lang;
    this.dir = direction(lang);
    this.table = table;
  }

  /**
   * A string with its {placeholders} filled in.
   * @param {string} key @param {Record<string, string | number>} [values]
   */
  t(key, values) {
    const s = this.table[key] ?? key;
    return values ? s.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m)) : s;
  }
}

/**
 * Fetches one language's strings; English when that file cannot be had.
 * @param {string} lang
 * @returns {Promise<Strings>}
 */
export async function load(lang) {
  for (const l of lang === "en" ? ["en"] : [lang, "en"]) {
    try {
      const response = await fetch(new URL(`./i18n/${l}.json`, import.meta.url));
      if (response.ok) return new Strings(l, await response.json());
    } catch {
      // Try the next one.
    }
  }
  return new Strings("en", {});
}
