// Sound and desktop notifications for new conversations, as the agent chose them in this browser. The
// choice lives in localStorage (it is about this browser's speakers and permission, not the account).
// Blazor calls window.parleyWorkspace.* through JS interop.
(() => {
  const SOUND = "parley.alerts.sound";
  const DESKTOP = "parley.alerts.desktop";
  const ALERTED = "parley.alerts.seen";

  const stored = key => { try { return localStorage.getItem(key) === "on"; } catch { return false; } };
  const store = (key, on) => { try { localStorage.setItem(key, on ? "on" : "off"); } catch { /* private mode: this tab only */ } };

  const permission = () => ("Notification" in window ? Notification.permission : "unsupported");

  // Desktop notifications are on only while the browser still allows them.
  const settings = () => ({ sound: stored(SOUND), desktop: stored(DESKTOP) && permission() === "granted", permission: permission() });

  let audio = null;
  // A short two-note chime made on the spot: no sound file to fetch, nothing to cache.
  const chime = () => {
    audio ??= new AudioContext();
    if (audio.state === "suspended") audio.resume();
    const start = audio.currentTime;
    [880, 1320].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = frequency;
      const at = start + i * 0.14;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.32);
    });
  };

  // Every open workspace tab hears of a new conversation; only the first to claim it plays the sound.
  // (Desktop notifications share a tag, so the browser shows one however many tabs ask.)
  const claim = tag => {
    try {
      const seen = JSON.parse(localStorage.getItem(ALERTED) || "[]");
      if (seen.includes(tag)) return false;
      localStorage.setItem(ALERTED, JSON.stringify([...seen.slice(-49), tag]));
    } catch { /* no storage: every tab plays */ }
    return true;
  };

  window.parleyWorkspace = Object.assign(window.parleyWorkspace || {}, {
    notificationSettings: settings,

    setSound(on) {
      store(SOUND, on);
      if (on) chime(); // a preview, and the click that lets the page play sound later
      return settings();
    },

    async setDesktop(on) {
      if (on && permission() === "default") await Notification.requestPermission();
      store(DESKTOP, on && permission() === "granted");
      return settings();
    },

    alertNewConversation({ tag, title, body, url }) {
      const choice = settings();
      if (!claim(String(tag))) return;
      if (choice.sound) chime();
      // Beside the in-app toast, a desktop notification matters when the agent is looking elsewhere.
      if (choice.desktop && (document.hidden || !document.hasFocus())) {
        const notification = new Notification(title, { body, tag: String(tag) });
        notification.onclick = () => {
          window.focus();
          if (window.Blazor?.navigateTo) window.Blazor.navigateTo(url);
          else location.assign(url);
          notification.close();
        };
      }
    },
  });
})();
