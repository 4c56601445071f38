// The messenger's styles, inside its shadow root: the host page's CSS cannot reach in and these cannot leak out.

const DEFAULT_COLOR = "#1f73b7";

/** "#abc" or "#aabbcc" as a normalised "#aabbcc"; the default colour for anything else. @param {string | null | undefined} value */
export function normaliseColor(value) {
  const v = (value || "").trim();
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(v)) return ("#" + [...v.slice(1)].map((c) => c + c).join("")).toLowerCase();
  return DEFAULT_COLOR;
}

/** WCAG relative luminance of "#rrggbb". @param {string} hex */
export function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** @param {number} a @param {number} b */
const contrast = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

export const WHITE = "#ffffff";
export const NEAR_BLACK = "#111111";

/** The text colour readable on a background: white or near-black, whichever contrasts more. @param {string} background */
export function readableOn(background) {
  const l = luminance(normaliseColor(background));
  return contrast(l, 1) >= contrast(l, luminance(NEAR_BLACK)) ? WHITE : NEAR_BLACK;
}

export const css = `
:host{all:initial!important;display:block!important;position:static!important}
*{box-sizing:border-box}
.root{position:fixed;inset-block-end:20px;inset-inline-end:20px;z-index:2147483000;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a}
button,textarea,input{font:inherit;color:inherit}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.launcher{position:relative;display:grid;place-items:center;width:56px;height:56px;border:0;border-radius:50%;background:var(--pc);color:var(--pf);cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.launcher svg{width:28px;height:28px;fill:currentColor}
.badge{position:absolute;inset-block-start:-4px;inset-inline-end:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c62828;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center}
.badge[hidden],[hidden]{display:none!important}
.panel{position:absolute;inset-block-end:72px;inset-inline-end:0;display:flex;flex-direction:column;width:370px;height:min(600px,calc(100vh - 110px));background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}
header{display:flex;align-items:center;gap:8px;padding:14px 16px;background:var(--pc);color:var(--pf)}
header h2{flex:1;margin:0;font-size:17px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.icon{display:grid;place-items:center;width:36px;height:36px;border:0;border-radius:8px;background:transparent;color:inherit;cursor:pointer}
.icon svg{width:20px;height:20px;fill:currentColor}
header :focus-visible{outline-color:currentColor}
.status{padding:6px 16px;background:#fff4ce;color:#3d2e00;font-size:13px}
.away{padding:8px 16px;background:#eef1f6;color:#1f2d3d;font-size:13px;border-bottom:1px solid #d5dbe5}
.away p{margin:0}.away p+p{margin-top:2px;font-weight:600}
.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:10px}
.greeting{align-self:stretch;margin:0 0 4px;color:#444;white-space:pre-wrap}
.msg{max-width:85%;align-self:flex-start}
.msg.mine{align-self:flex-end}
.bubble{padding:8px 12px;border-radius:14px;background:#f0f1f3;color:#1a1a1a;white-space:pre-wrap;overflow-wrap:anywhere}
.mine .bubble{background:var(--pc);color:var(--pf)}
.meta{margin:2px 4px 0;font-size:12px;color:#595959}
.mine .meta{text-align:end}
.pending .bubble{opacity:.75}
.failed .meta{color:#b3261e}
.files{list-style:none;margin:4px 0 0;padding:0;display:grid;gap:4px}
.file{display:flex;flex-direction:column;align-items:flex-start;gap:6px;max-width:100%;padding:6px 10px;border:1px solid #ccc;border-radius:10px;background:#fff;font-size:13px;text-align:start;overflow-wrap:anywhere;cursor:pointer}
.mine .files{justify-items:end}
.file img{display:block;max-width:100%;max-height:160px;border-radius:6px}
.files .error{display:block;color:#b3261e;font-size:12px}
.divider{align-self:center;font-size:12px;color:#595959}
form.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #ddd}
textarea{flex:1;min-height:40px;max-height:120px;padding:9px 10px;border:1px solid #8a8a8a;border-radius:8px;resize:none;background:#fff}
.send{flex:none;width:40px;height:40px;border:0;border-radius:8px;background:var(--pc);color:var(--pf);cursor:pointer;display:grid;place-items:center}
.send svg{width:20px;height:20px;fill:currentColor}
[dir=rtl] .send svg{transform:scaleX(-1)}
.email{margin-top:8px;padding:10px;border:1px solid #ccc;border-radius:10px;background:#fff}
.email label{display:block;font-size:13px;margin-bottom:4px}
.email .row{display:flex;gap:6px}
.email input{flex:1;min-width:0;padding:7px 9px;border:1px solid #8a8a8a;border-radius:6px;background:#fff}
.email input[aria-invalid=true]{border-color:#b3261e}
.email button{padding:7px 12px;border:0;border-radius:6px;background:var(--pc);color:var(--pf);cursor:pointer}
.email .error{margin:6px 0 0;color:#b3261e;font-size:13px}
.email .ok{margin:0;color:#1e5e20}
@media (max-width:480px){
.root{inset-block-end:12px;inset-inline-end:12px}
.panel{position:fixed;inset:0;width:auto;height:auto;border-radius:0}
}
@media (prefers-reduced-motion:no-preference){.launcher{transition:transform .15s}.launcher:hover{transform:scale(1.05)}}
`;
