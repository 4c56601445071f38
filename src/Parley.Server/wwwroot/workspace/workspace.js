// Keyboard shortcuts of the conversation page. One listener on the document survives Blazor's page changes;
// it acts only when focus is not in a text field, and only on elements the page marks with data-shortcut.
(() => {
  // The composer reads chosen files at once. Emptying its file input afterwards lets the agent choose the
  // same file again for the next message (an unchanged selection fires no change event); Blazor's own
  // listener on the input ran first and holds the files it was given.
  document.addEventListener("change", e => {
    if (e.target instanceof HTMLInputElement && e.target.type === "file" && e.target.closest(".pw-composer")) e.target.value = "";
  });

  const typing = el => el instanceof HTMLElement &&
    (el.isContentEditable || el.closest("input, textarea, select, [contenteditable=true]") !== null);

  const focusComposer = intent => {
    const composer = document.querySelector(".pw-composer");
    const text = composer?.querySelector("textarea");
    if (!composer || !text || text.disabled) return false;
    composer.dataset.intent = intent;
    text.focus();
    return true;
  };

  // The send buttons are enabled by the server once it has the typed text; a fast Ctrl+Enter can come first.
  // Then the click waits (briefly) for that, and only if the text is still what was there when it was pressed.
  const clickWhenEnabled = (button, text) => {
    if (!button.disabled) { button.click(); return; }
    const pending = text.value;
    const observer = new MutationObserver(() => {
      if (button.disabled) return;
      observer.disconnect();
      clearTimeout(timer);
      if (text.value === pending) button.click();
    });
    const timer = setTimeout(() => observer.disconnect(), 2000);
    observer.observe(button, { attributes: true, attributeFilter: ["disabled"] });
  };

  document.addEventListener("keydown", e => {
    // Ctrl/Cmd+Enter in the composer sends what r or n chose (a reply unless n was pressed).
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target instanceof HTMLTextAreaElement) {
      const composer = e.target.closest(".pw-composer");
      const send = composer?.querySelector(`[data-send=${composer.dataset.intent === "note" ? "note" : "reply"}]`);
      if (send && (!send.disabled || e.target.value.trim())) {
        e.preventDefault();
        clickWhenEnabled(send, e.target);
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
    let handled = false;
    if (e.key === "r") handled = focusComposer("reply");
    else if (e.key === "n") handled = focusComposer("note");
    else if (e.key === "j" || e.key === "k" || e.key === "s") {
      const target = document.querySelector(`[data-shortcut="${e.key}"]`);
      if (target && !target.disabled) {
        target.click();
        handled = true;
      }
    }
    if (handled) e.preventDefault();
  });
})();
