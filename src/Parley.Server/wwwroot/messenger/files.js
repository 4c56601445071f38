// A message's files in the messenger. Loaded only when a message with files is shown, so it costs nothing
// on first load. The file API needs the session token, which neither an <img> nor a link can send, so
// each file is fetched with it and handed to the browser as a blob: URL, revoked once it has been used.

import { h } from "./view.js";

/**
 * @typedef {import("./api.js").Attachment} Attachment
 * @typedef {import("./i18n.js").Strings} Strings
 */

/** @param {number} bytes */
export const size = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);

/**
 * Fills a message's file list: one button per file that saves it; real images (the server says which)
 * are fetched at once and shown inside their button.
 * @param {HTMLElement} list
 * @param {Attachment[]} files
 * @param {Strings} s
 * @param {(a: Attachment) => Promise<Blob>} fetchFile
 * @param {() => void} grew called when the list got taller, so the view can stay pinned to the newest message
 */
export function showFiles(list, files, s, fetchFile, grew) {
  list.replaceChildren(...files.map((a) => {
    const label = h("span", {}, [s.t("attachment", { name: a.fileName, size: size(a.sizeBytes) })]);
    const button = h("button", { type: "button", class: "file" }, [label]);
    const error = h("span", { class: "error", role: "status" });
    /** @type {Promise<Blob> | null} the image, fetched once and kept for saving */
    let image = null;
    if (a.inline) {
      image = fetchFile(a);
      image.then((blob) => {
        const img = h("img", { alt: "" });
        const url = URL.createObjectURL(blob);
        // A decoded image stays on screen after its URL is revoked.
        img.onload = img.onerror = () => { URL.revokeObjectURL(url); grew(); };
        img.src = url;
        button.prepend(img);
      }, () => { image = null; });
    }
    button.addEventListener("click", async () => {
      error.textContent = "";
      try {
        save(await (image || fetchFile(a)), a.fileName, button);
      } catch {
        error.textContent = s.t("errorGeneric");
      }
    });
    return h("li", {}, [button, error]);
  }));
  grew();
}

/**
 * Hands a file to the browser as a download under its name.
 * @param {Blob} blob @param {string} name @param {HTMLElement} near where the temporary link goes (some browsers only follow attached links)
 */
function save(blob, name, near) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: "" });
  near.after(link);
  link.click();
  link.remove();
  // Long enough for the browser to have started the download from it.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
