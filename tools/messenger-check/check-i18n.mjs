// Fails (exit 1) unless all 30 messenger languages exist and each has exactly the English keys, every
// value a non-empty string with the same {placeholders} as the English one.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../src/Parley.Server/wwwroot/messenger/i18n");
const LANGUAGES = [
  "en", "ko", "ja", "zh-CN", "zh-TW", "es", "fr", "de", "pt-BR", "pt-PT", "it", "nl", "ru", "pl", "tr",
  "sv", "da", "nb", "fi", "cs", "hu", "ro", "el", "uk", "id", "th", "vi", "hi", "ar", "he",
];

const errors = [];
/** @param {string} lang */
function read(lang) {
  try {
    return JSON.parse(readFileSync(join(dir, `${lang}.json`), "utf8"));
  } catch (e) {
    errors.push(`${lang}.json: ${e.message}`);
    return null;
  }
}
/** @param {string} s */
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");

const en = read("en") ?? {};
const keys = Object.keys(en).sort();
for (const lang of LANGUAGES) {
  const table = read(lang);
  if (!table) continue;
  const have = Object.keys(table).sort();
  for (const k of keys.filter((k) => !have.includes(k))) errors.push(`${lang}: missing key ${k}`);
  for (const k of have.filter((k) => !keys.includes(k))) errors.push(`${lang}: extra key ${k}`);
  for (const k of keys.filter((k) => have.includes(k))) {
    const v = table[k];
    if (typeof v !== "string" || !v.trim()) errors.push(`${lang}: ${k} is empty or not a string`);
    else if (placeholders(v) !== placeholders(en[k])) errors.push(`${lang}: ${k} has {${placeholders(v)}}, English has {${placeholders(en[k])}}`);
  }
}
for (const file of readdirSync(dir)) {
  if (!LANGUAGES.includes(file.replace(/\.json$/, ""))) errors.push(`${file}: not one of the shipped languages`);
}

if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
console.log(`i18n: ${LANGUAGES.length} languages, ${keys.length} keys each, placeholders match.`);
