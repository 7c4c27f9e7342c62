/*!
 * Madoguchi chat widget. A company embeds it with one tag:
 *
 *   <script src="https://desk.example/static/widget.js" data-profile="actio" data-lang="ja" defer></script>
 *
 * data-profile  the company profile (optional: the desk's default profile)
 * data-lang     ja | en (optional: <html lang>, then the browser's language)
 * data-server   the desk's base URL (optional: the origin this script was loaded from)
 *
 * Plain JavaScript, no build step, no dependencies. Everything is drawn in an open
 * Shadow DOM so the page's CSS does not leak in. Message text is only ever set with
 * textContent: customer and staff lines may contain markup, and it stays text.
 * All wording comes from GET /api/chat/strings (responses/labels/*.yaml, widget.*);
 * a missing key shows its code.
 */
(function () {
  "use strict";

  if (window.__madoguchiChatWidget) return; // the tag was pasted twice
  window.__madoguchiChatWidget = true;

  const script = document.currentScript || document.querySelector('script[src*="widget.js"][data-profile]');
  const MAX_TEXT = 2000; // desk/gateway.py MAX_TEXT, counted in code points like Python's len()
  const BACKOFF_MIN = 1000;
  const BACKOFF_MAX = 30000;
  const STABLE_AFTER = 5000; // a socket that stayed open this long resets the backoff
  const TYPING_TIMEOUT = 35000; // the relay gives the assistant 30 s
  const SENDERS = ["customer", "bot", "staff", "system"];
  const WHO = { customer: "you", bot: "bot_name", staff: "staff_name" };
  const MODE_AFTER = { waiting_for_staff: "waiting", staff_joined: "staff", handed_back: "bot" };
  const SVG_NS = "http://www.w3.org/2000/svg";

  // ---- configuration -------------------------------------------------------------

  const attr = (name) => ((script && script.getAttribute(name)) || "").trim();

  function serverBase() {
    try {
      const explicit = attr("data-server");
      if (explicit) return new URL(explicit, location.href).href.replace(/\/+$/, "");
      if (script && script.src) return new URL(script.src, location.href).origin;
    } catch (_) {
      /* a malformed URL: use the page's origin */
    }
    return location.origin;
  }

  function langOf(value) {
    const v = String(value || "").trim().toLowerCase();
    return v.startsWith("ja") ? "ja" : v.startsWith("en") ? "en" : null;
  }

  const SERVER = serverBase();
  const WS_SERVER = SERVER.replace(/^http/i, "ws");
  const PROFILE = attr("data-profile") || null;
  const STORE_KEY = `madoguchi.chat.${PROFILE || "default"}`; // localStorage: {id, token, lastSeq}
  const LANG_KEY = `${STORE_KEY}.lang`; // sessionStorage: {lang, base}, the customer's toggle
  const PAGE_LANG =
    langOf(attr("data-lang")) || langOf(document.documentElement.lang) || langOf(navigator.language) || "en";

  // ---- storage (may be unavailable: private modes, sandboxed frames) ----------------

  function readJSON(area, key) {
    try {
      return JSON.parse(window[area].getItem(key) || "null");
    } catch (_) {
      return null;
    }
  }

  function writeJSON(area, key, value) {
    try {
      if (value == null) window[area].removeItem(key);
      else window[area].setItem(key, JSON.stringify(value));
    } catch (_) {
      /* not kept: the chat still works on this page */
    }
  }

  function storedConversation() {
    const c = readJSON("localStorage", STORE_KEY);
    if (c && typeof c.id === "string" && c.id && typeof c.token === "string" && c.token) {
      return { id: c.id, token: c.token, lastSeq: Number(c.lastSeq) || 0 };
    }
    return null;
  }

  function initialLang() {
    // The toggle wins while the page stays in the language it was used on.
    const pref = readJSON("sessionStorage", LANG_KEY);
    return (pref && pref.base === PAGE_LANG && langOf(pref.lang)) || PAGE_LANG;
  }

  // ---- state -----------------------------------------------------------------------
  // The conversation, its socket and the lines on their way belong to `chat` (a Chat,
  // below); only its methods change them. What this page has drawn is in `shown`.

  let lang = initialLang();
  let strings = {};
  const stringCache = {};
  let typingTimer = null;
  let isOpen = false;

  /** The lines drawn on this page; emptied by clearTranscript() when the conversation starts over. */
  const shown = {
    seq: 0, // the highest seq drawn
    lines: new Map(), // seq -> message
    titles: new Map(), // quick-reply payload -> its title, to show the title, not "/intent"
    mode: "bot", // bot | waiting | staff (desk.models.ConversationState): who answers next
    dismissedSeq: 0, // quick replies of bot lines up to here were answered
  };

  // ---- DOM helpers -----------------------------------------------------------------

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value == null || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) if (child != null) el.append(child); // strings become text nodes
    return el;
  }

  function icon(...paths) {
    const svg = document.createElementNS(SVG_NS, "svg");
    for (const [k, v] of Object.entries({
      viewBox: "0 0 24 24",
      width: "24",
      height: "24",
      fill: "none",
      stroke: "currentColor",
      "stroke-width": "2",
      "stroke-linecap": "round",
      "stroke-linejoin": "round",
      "aria-hidden": "true",
      focusable: "false",
    })) {
      svg.setAttribute(k, v);
    }
    for (const d of paths) {
      const path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  }

  function t(key, fallback) {
    const value = strings[key];
    if (typeof value === "string" && value) return value;
    return fallback === undefined ? key : fallback;
  }

  /** Text from a label, kept current when the language changes. */
  function say(el, key, fallback) {
    el.dataset.i18n = key;
    if (fallback !== undefined) el.dataset.i18nFallback = fallback;
    else delete el.dataset.i18nFallback;
    el.textContent = t(key, fallback);
    return el;
  }

  function unsay(el) {
    delete el.dataset.i18n;
    delete el.dataset.i18nFallback;
    el.textContent = "";
  }

  function labelled(el, key, attribute = "aria-label") {
    el.setAttribute(`data-i18n-${attribute}`, key);
    el.setAttribute(attribute, t(key));
    return el;
  }

  // ---- the widget's DOM ------------------------------------------------------------

  const CSS = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --brand: #1d4f91; --brand-dark: #163c6e; --ink: #1b1f24; --muted: #56606b; --line: #d5dbe1;
  --bot: #f0f3f6; --staff: #e6f3ea; --staff-edge: #2e7a4a; --focus: #0b57d0;
  font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Hiragino Kaku Gothic ProN", "Hiragino Sans",
    "Noto Sans JP", "Noto Sans CJK JP", "IPAPGothic", Meiryo, sans-serif;
  color: var(--ink); color-scheme: light;
}
button, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.panel:focus { outline: none; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border: 0; border-radius: 50%;
  display: grid; place-items: center;
  background: var(--brand); color: #fff; box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
}
.launcher:hover { background: var(--brand-dark); }
.launcher:focus-visible { outline-offset: 3px; box-shadow: 0 0 0 3px #fff, 0 4px 14px rgba(0, 0, 0, .25); }
.launcher svg { width: 28px; height: 28px; }
.badge {
  position: absolute; top: 4px; right: 4px; width: 14px; height: 14px;
  border-radius: 50%; background: #c62828; border: 2px solid #fff;
}

.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483000;
  width: 380px; max-width: calc(100vw - 40px); height: min(620px, calc(100vh - 108px));
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border: 1px solid var(--line); border-radius: 12px;
  box-shadow: 0 10px 32px rgba(0, 0, 0, .22);
}
.header {
  display: flex; align-items: center; gap: 6px; padding: 8px 8px 8px 16px;
  border-bottom: 1px solid var(--line);
}
.title { flex: 1; margin: 0; font-size: 16px; font-weight: 700; line-height: 1.4; color: var(--brand-dark); }
.lang {
  min-height: 34px; padding: 2px 12px; border: 1px solid var(--brand); border-radius: 999px;
  background: #fff; color: var(--brand-dark); font-size: 13px;
}
.lang:hover, .icon-button:hover { background: #eaf0f7; }
.icon-button {
  width: 40px; height: 40px; padding: 0; border: 0; border-radius: 8px;
  display: grid; place-items: center; background: transparent; color: var(--ink);
}
.status, .error { margin: 0; font-size: 13px; line-height: 1.5; }
.status { padding: 6px 16px; background: #fff4d6; color: #5a4300; border-bottom: 1px solid #ecd18a; }
.error { padding: 6px 16px; background: #fdecec; color: #8a1c1c; border-top: 1px solid #f2c2c2; }
.status:empty, .error:empty { padding: 0; border: 0; }

.scroll {
  flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 16px;
  display: flex; flex-direction: column; gap: 10px;
}
.log, .pending { display: flex; flex-direction: column; gap: 10px; }
.pending:empty { display: none; }
.msg {
  max-width: 85%; padding: 8px 12px; border: 1px solid transparent; border-radius: 12px;
  overflow-wrap: anywhere;
}
.text { white-space: pre-wrap; }
.who { display: flex; gap: 8px; font-size: 12px; line-height: 1.4; color: var(--muted); margin-bottom: 2px; }
.msg--bot { align-self: flex-start; background: var(--bot); border-bottom-left-radius: 4px; }
.msg--staff { align-self: flex-start; background: var(--staff); border-left: 4px solid var(--staff-edge); border-bottom-left-radius: 4px; }
.msg--customer { align-self: flex-end; background: var(--brand); color: #fff; border-bottom-right-radius: 4px; }
.msg--customer .who { color: #dde7f4; justify-content: flex-end; }
.msg--system {
  align-self: center; max-width: 95%; padding: 4px 12px; text-align: center;
  font-size: 13px; color: var(--muted); border: 1px dashed var(--line); border-radius: 8px;
}
.msg--customer.is-pending { background: #fff; color: var(--ink); border: 1px dashed var(--brand); }
.msg--customer.is-pending .who { color: var(--muted); }

.typing { align-self: flex-start; display: inline-flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); }
.dots { display: inline-flex; gap: 3px; }
.dots span { width: 6px; height: 6px; border-radius: 50%; background: var(--muted); animation: blink 1.2s infinite ease-in-out; }
.dots span:nth-child(2) { animation-delay: .2s; }
.dots span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }

.quick { display: flex; flex-wrap: wrap; gap: 8px; padding: 8px 16px; max-height: 40%; overflow-y: auto; }
.qr {
  min-height: 36px; padding: 4px 14px; border: 1px solid var(--brand); border-radius: 999px;
  background: #fff; color: var(--brand-dark); font-size: 14px; text-align: left;
}
.qr:hover { background: #eaf0f7; }

.composer {
  display: flex; align-items: flex-end; gap: 8px;
  padding: 10px 12px calc(10px + env(safe-area-inset-bottom, 0px));
  border-top: 1px solid var(--line);
}
.input {
  flex: 1; min-height: 44px; max-height: 160px; resize: none; padding: 9px 10px;
  font-size: 16px; line-height: 1.5; background: #fff; color: var(--ink);
  border: 1px solid #737c86; border-radius: 8px;
}
.input::placeholder { color: #6b747e; }
.send {
  flex: none; width: 44px; height: 44px; padding: 0; border: 0; border-radius: 8px;
  display: grid; place-items: center; background: var(--brand); color: #fff;
}
.send:hover { background: var(--brand-dark); }

@media (max-width: 479.98px) {
  .panel { inset: 0; width: auto; max-width: none; height: auto; border: 0; border-radius: 0; }
  .is-open .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) { .dots span { animation: none; opacity: .6; } }
@media (forced-colors: active) { .msg, .qr, .lang { border: 1px solid CanvasText; } }
`;

  const host = h("div", { id: "madoguchi-chat", "data-madoguchi-chat": "" });
  host.style.setProperty("all", "initial", "important"); // page rules on div (transform, display...) stay out
  const shadow = host.attachShadow({ mode: "open" });

  const launcher = h(
    "button",
    {
      type: "button",
      class: "launcher",
      "data-testid": "launcher",
      "aria-expanded": "false",
      "aria-controls": "mc-panel",
    },
    icon("M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.8A8 8 0 1 1 21 12z", "M8.5 10.5h7M8.5 13.5h4.5"),
  );
  const badge = h("span", { class: "badge", "data-testid": "unread", hidden: true });
  launcher.append(badge);

  const title = h("h2", { id: "mc-title", class: "title" });
  const langToggle = h("button", { type: "button", class: "lang", "data-testid": "lang-toggle" });
  const closeButton = h(
    "button",
    { type: "button", class: "icon-button", "data-testid": "close" },
    icon("M6 6l12 12M18 6L6 18"),
  );
  const status = h("p", { class: "status", "data-testid": "status", role: "status" });
  const intro = h(
    "div",
    { class: "msg msg--bot intro", "data-testid": "intro" },
    h("div", { class: "who" }, say(h("span"), "bot_name")),
    say(h("div", { class: "text" }), "intro"),
  );
  const log = h("div", { id: "mc-log", class: "log", "data-testid": "log", role: "log", "aria-live": "polite" });
  const pending = h("div", { class: "pending" });
  const typingLabel = h("span");
  const typing = h(
    "div",
    { class: "typing", "data-testid": "typing", role: "status", hidden: true },
    h("span", { class: "dots", "aria-hidden": "true" }, h("span"), h("span"), h("span")),
    typingLabel,
  );
  const scroller = h("div", { class: "scroll" }, intro, log, pending, typing);
  const quick = h("div", { class: "quick", "data-testid": "quick-replies", role: "group", hidden: true });
  const error = h("p", { class: "error", "data-testid": "error", role: "alert" });
  const input = h("textarea", {
    id: "mc-input",
    class: "input",
    "data-testid": "input",
    rows: "1",
    autocomplete: "off",
    enterkeyhint: "send",
  });
  const send = h(
    "button",
    { type: "submit", class: "send", "data-testid": "send" },
    icon("M22 2L11 13", "M22 2l-7 20-4-9-9-4 20-7z"),
  );
  const composer = h("form", { class: "composer", novalidate: true }, input, send);
  const panel = h(
    "section",
    {
      id: "mc-panel",
      class: "panel",
      "data-testid": "panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "mc-title",
      tabindex: "-1",
      "data-connection": "idle",
      hidden: true,
    },
    h("div", { class: "header" }, title, langToggle, closeButton),
    status,
    scroller,
    quick,
    error,
    composer,
  );
  const root = h("div", { class: "root" }, launcher, panel); // Tab goes from the launcher into the panel

  say(title, "title");
  labelled(launcher, "open");
  labelled(closeButton, "close");
  labelled(langToggle, "switch_language");
  say(langToggle, "switch_language_short");
  labelled(log, "log_label");
  labelled(quick, "quick_replies");
  labelled(input, "input_label");
  labelled(input, "placeholder", "placeholder");
  labelled(send, "send");

  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet]; // not subject to the page's style-src CSP
  } catch (_) {
    shadow.append(h("style", { text: CSS }));
  }
  shadow.append(root);

  // ---- strings ---------------------------------------------------------------------

  async function fetchStrings(code) {
    if (stringCache[code]) return stringCache[code];
    try {
      const response = await fetch(`${SERVER}/api/chat/strings?lang=${code}`, { credentials: "omit" });
      if (!response.ok) return null;
      const data = await response.json();
      if (data && typeof data === "object" && !Array.isArray(data)) {
        stringCache[code] = data;
        return data;
      }
    } catch (_) {
      /* shown as codes until the next try */
    }
    return null;
  }

  function applyStrings() {
    root.lang = lang;
    for (const el of shadow.querySelectorAll("[data-i18n]")) {
      el.textContent = t(el.dataset.i18n, el.dataset.i18nFallback);
    }
    for (const attribute of ["aria-label", "placeholder"]) {
      for (const el of shadow.querySelectorAll(`[data-i18n-${attribute}]`)) {
        el.setAttribute(attribute, t(el.getAttribute(`data-i18n-${attribute}`)));
      }
    }
    for (const el of shadow.querySelectorAll("time[datetime]")) el.textContent = formatTime(el.dateTime);
    langToggle.lang = lang === "ja" ? "en" : "ja"; // its visible text names the other language
  }

  async function setLang(next) {
    lang = next;
    const data = await fetchStrings(next);
    if (lang !== next) return; // toggled again meanwhile
    strings = data || {};
    applyStrings();
  }

  // ---- drawing messages ------------------------------------------------------------

  function parseTime(at) {
    if (typeof at !== "string" || !at) return "";
    let iso = at.replace(/(\.\d{3})\d+/, "$1"); // Python gives microseconds
    if (!/([zZ]|[+-]\d\d:?\d\d)$/.test(iso)) iso += "Z"; // the desk stores UTC
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? "" : date.toISOString();
  }

  function formatTime(iso) {
    try {
      const locale = lang === "ja" ? "ja-JP" : "en-GB";
      return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
    } catch (_) {
      return "";
    }
  }

  function whoLine(sender, at, extraKey) {
    const line = h("div", { class: "who" }, say(h("span", { class: "name" }), WHO[sender]));
    const iso = parseTime(at);
    if (iso) line.append(h("time", { datetime: iso, text: formatTime(iso) }));
    if (extraKey) line.append(say(h("span"), extraKey));
    return line;
  }

  function displayText(message) {
    const title = message.sender === "customer" ? shown.titles.get(message.text) : undefined;
    return title !== undefined ? title : message.text;
  }

  function messageElement(message) {
    const el = h("div", {
      class: `msg msg--${message.sender}`,
      "data-testid": "message",
      "data-sender": message.sender,
      "data-seq": message.seq,
    });
    if (message.sender === "system") {
      const code = message.text.trim();
      el.dataset.code = code;
      say(el, `system.${code}`, code);
    } else {
      el.append(whoLine(message.sender, message.at), h("div", { class: "text", text: displayText(message) }));
    }
    return el;
  }

  function insertBySeq(el, seq) {
    const last = log.lastElementChild;
    if (!last || Number(last.dataset.seq) < seq) {
      log.append(el);
      return;
    }
    const next = [...log.children].find((child) => Number(child.dataset.seq) > seq) || null;
    log.insertBefore(el, next);
  }

  function cleanButtons(buttons) {
    if (!Array.isArray(buttons)) return [];
    return buttons
      .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string" && b.payload.trim())
      .map((b) => ({ title: b.title, payload: b.payload.trim() }));
  }

  function receive(data, notify) {
    const seq = Number(data && data.seq);
    if (!Number.isInteger(seq) || seq < 1 || shown.lines.has(seq)) return; // each line once
    const message = {
      seq,
      sender: SENDERS.includes(data.sender) ? data.sender : "bot",
      text: typeof data.text === "string" ? data.text : "",
      buttons: cleanButtons(data.buttons),
      at: data.at,
    };
    shown.lines.set(seq, message);
    if (message.sender === "bot") for (const b of message.buttons) shown.titles.set(b.payload, b.title);
    const stick = message.sender === "customer" || nearBottom();
    insertBySeq(messageElement(message), seq);
    shown.seq = Math.max(shown.seq, seq);
    chat.seen(seq);
    if (message.sender === "customer") chat.settle(message);
    else showTyping(false);
    const code = message.sender === "system" ? message.text.trim() : "";
    if (MODE_AFTER[code]) shown.mode = MODE_AFTER[code];
    else if (message.sender === "staff") shown.mode = "staff";
    renderQuickReplies();
    if (notify && !isOpen && message.sender !== "customer") setUnread(true);
    if (stick) scrollToBottom();
  }

  function renderQuickReplies() {
    let latest = null;
    for (let el = log.lastElementChild; el; el = el.previousElementSibling) {
      const message = shown.lines.get(Number(el.dataset.seq));
      if (!message || message.sender === "system") continue;
      if (message.sender === "bot") latest = message;
      break; // a customer or staff line after it: the buttons were answered
    }
    quick.replaceChildren();
    const buttons = latest && latest.seq > shown.dismissedSeq ? latest.buttons : [];
    for (const button of buttons) {
      quick.append(
        h("button", {
          type: "button",
          class: "qr",
          "data-testid": "quick-reply",
          "data-payload": button.payload,
          text: button.title,
          onclick: () => {
            submit(button.payload, button.title);
            input.focus(); // the button is gone: keep focus in the panel
          },
        }),
      );
    }
    quick.hidden = buttons.length === 0;
  }

  function pendingElement(text) {
    return h(
      "div",
      { class: "msg msg--customer is-pending", "data-testid": "pending" },
      whoLine("customer", null, "sending"),
      h("div", { class: "text", text }),
    );
  }

  /** Forget every drawn line: the conversation starts over. */
  function clearTranscript() {
    shown.lines.clear();
    shown.titles.clear();
    log.replaceChildren();
    shown.seq = 0;
    shown.dismissedSeq = 0;
    shown.mode = "bot";
    renderQuickReplies();
  }

  function showTyping(on) {
    clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) {
      const stick = nearBottom();
      say(typingLabel, "typing");
      typingTimer = setTimeout(() => showTyping(false), TYPING_TIMEOUT);
      if (stick) scrollToBottom();
    } else {
      unsay(typingLabel);
    }
  }

  function showError(code) {
    say(error, `error.${code}`, code);
  }

  function clearError() {
    unsay(error);
  }

  function setConnection(state) {
    panel.dataset.connection = state; // idle | connecting | connected | reconnecting
    if (state === "reconnecting") say(status, "reconnecting");
    else unsay(status);
  }

  function setUnread(on) {
    badge.hidden = !on;
    if (!isOpen) labelled(launcher, on ? "open_unread" : "open");
  }

  function nearBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  // ---- the conversation and its connection ------------------------------------------

  function failure(code) {
    const err = new Error(code);
    err.code = code;
    return err;
  }

  /** The stored lines after `after`; `gone` when the desk does not know the conversation (404). */
  async function missedLines(c, after) {
    try {
      const response = await fetch(
        `${SERVER}/api/chat/conversations/${encodeURIComponent(c.id)}/messages?after=${after}`,
        { headers: { "X-Chat-Token": c.token }, cache: "no-store", credentials: "omit" },
      );
      if (response.status === 404) return { gone: true, list: null };
      if (response.ok) return { gone: false, list: await response.json() };
    } catch (_) {
      /* offline, or the desk is down: try again later */
    }
    return { gone: false, list: null };
  }

  /**
   * The conversation with the desk and the way to it: its id and token, the socket, the
   * backoff, and the outbox of the customer's lines on their way. Only these methods change
   * that state: start() opens a conversation, sync() fetches what was missed and then follows
   * the socket, restart() drops a conversation the desk no longer knows, send() queues a line.
   */
  class Chat {
    constructor(stored) {
      this.conv = stored; // {id, token, lastSeq}, or null until the first line is sent
      this.ws = null;
      this.syncing = false; // sync() is fetching what was missed
      this.starting = null; // the promise of start() while it runs
      this.retryTimer = null;
      this.attempt = 0; // reconnects since the last stable socket, for the backoff
      this.loaded = false; // the first transcript load is not "unread"
      this.outbox = []; // {text, quick, state: queued|sent|accepted, afterSeq, el}
    }

    save() {
      const c = this.conv;
      writeJSON("localStorage", STORE_KEY, c && { id: c.id, token: c.token, lastSeq: c.lastSeq });
    }

    /** A line of this conversation was drawn. */
    seen(seq) {
      if (this.conv && seq > this.conv.lastSeq) {
        this.conv.lastSeq = seq;
        this.save();
      }
    }

    /** Open a conversation on the desk: one request, however many lines wait for it. */
    start() {
      if (!this.starting) {
        this.starting = this.create().finally(() => {
          this.starting = null;
        });
      }
      return this.starting;
    }

    async create() {
      let response;
      try {
        response = await fetch(`${SERVER}/api/chat/conversations`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ profile: PROFILE, lang }),
        });
      } catch (_) {
        throw failure("unavailable");
      }
      if (response.status === 429) throw failure("rate_limited");
      if (!response.ok) throw failure("unavailable");
      const data = await response.json().catch(() => null);
      if (!data || typeof data.id !== "string" || typeof data.token !== "string") {
        throw failure("unavailable");
      }
      this.conv = { id: data.id, token: data.token, lastSeq: 0 };
      this.loaded = true;
      this.save();
    }

    /** Fetch what was missed over HTTP, then open the socket from there. Safe to call any time. */
    async sync() {
      if (!this.conv || this.ws || this.syncing) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.syncing = true;
      if (panel.dataset.connection !== "reconnecting") setConnection("connecting");
      const c = this.conv;
      const { gone, list } = await missedLines(c, shown.seq);
      this.syncing = false;
      if (this.conv !== c) return; // started over meanwhile
      if (gone) {
        this.restart(this.loaded || shown.lines.size > 0);
        return;
      }
      if (!Array.isArray(list)) {
        this.reconnectLater();
        return;
      }
      for (const message of list) receive(message, this.loaded);
      this.loaded = true;
      this.connect(c);
    }

    connect(c) {
      const url =
        `${WS_SERVER}/ws/chat/${encodeURIComponent(c.id)}` +
        `?token=${encodeURIComponent(c.token)}&after=${shown.seq}`;
      let sock;
      try {
        sock = new WebSocket(url);
      } catch (_) {
        this.reconnectLater();
        return;
      }
      this.ws = sock;
      let openedAt = 0;
      sock.onopen = () => {
        if (this.ws !== sock) return;
        openedAt = Date.now();
        setConnection("connected");
        this.flush();
      };
      sock.onmessage = (event) => {
        if (this.ws !== sock) return;
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch (_) {
          return;
        }
        this.onFrame(frame);
      };
      sock.onclose = (event) => {
        if (this.ws !== sock) return; // closed on purpose
        this.ws = null;
        showTyping(false);
        for (const item of this.outbox) {
          if (item.state === "sent") item.state = "queued"; // sent again unless it was stored
        }
        if (openedAt && Date.now() - openedAt >= STABLE_AFTER) this.attempt = 0;
        if (event.code === 4404) this.restart(true);
        else this.reconnectLater();
      };
    }

    reconnectLater() {
      if (!this.conv || this.ws || this.syncing || this.retryTimer) return;
      const delay = Math.min(BACKOFF_MAX, BACKOFF_MIN * 2 ** this.attempt);
      this.attempt += 1;
      setConnection("reconnecting");
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.sync();
      }, delay);
    }

    onFrame(frame) {
      if (!frame || typeof frame !== "object") return;
      if (frame.type === "message") {
        receive(frame, true);
      } else if (frame.type === "typing") {
        this.acknowledge(false); // the server answers each line with "typing" (accepted) or an error
        if (shown.mode === "bot") showTyping(true);
      } else if (frame.type === "error") {
        this.acknowledge(true);
        showTyping(false);
        showError(String(frame.code || "unavailable"));
      }
    }

    acknowledge(rejected) {
      const item = this.outbox.find((i) => i.state === "sent");
      if (!item) return;
      if (!rejected) {
        item.state = "accepted";
        return;
      }
      this.drop(item);
      if (!item.quick) giveBack([item.text]); // not stored: give the words back
    }

    /** The conversation is unknown to the desk (404 / close 4404): start a new one. */
    restart(tell) {
      if (this.ws) {
        const old = this.ws;
        this.ws = null;
        try {
          old.close();
        } catch (_) {
          /* already closed */
        }
      }
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.attempt = 0;
      this.conv = null;
      this.save();
      clearTranscript();
      showTyping(false);
      setConnection("idle");
      for (const item of [...this.outbox]) {
        if (item.state === "accepted") this.drop(item); // stored in the lost conversation
        else Object.assign(item, { state: "queued", afterSeq: 0 });
      }
      if (tell) showError("expired");
      if (this.outbox.length) this.deliver();
    }

    flush() {
      for (const item of this.outbox) {
        if (item.state !== "queued") continue;
        try {
          this.ws.send(JSON.stringify({ text: item.text, lang: item.lang })); // the language the customer chose
          item.state = "sent";
        } catch (_) {
          break;
        }
      }
    }

    /** Queue a line; it goes as soon as there is a socket (a conversation is opened first). */
    send(item) {
      this.outbox.push(item);
      this.deliver();
    }

    async deliver() {
      if (!this.outbox.length) return;
      if (!this.conv) {
        try {
          await this.start();
        } catch (err) {
          showError(err.code || "unavailable");
          const typed = this.outbox.filter((i) => !i.quick).map((i) => i.text);
          for (const item of [...this.outbox]) this.drop(item);
          giveBack(typed); // nothing was sent
          return;
        }
        this.sync();
        return;
      }
      if (this.ws && this.ws.readyState === WebSocket.OPEN) this.flush();
      else if (!this.ws && !this.syncing) this.sync(); // waiting out a backoff: try now
    }

    /** The customer's own line came back stored: its "sending" copy goes. */
    settle(message) {
      const candidates = this.outbox.filter((item) => item.afterSeq < message.seq);
      const item =
        candidates.find((i) => i.text === message.text) || candidates.find((i) => i.state === "accepted");
      if (item) this.drop(item);
    }

    drop(item) {
      const index = this.outbox.indexOf(item);
      if (index >= 0) this.outbox.splice(index, 1);
      item.el.remove();
    }
  }

  const chat = new Chat(storedConversation());

  /** A typed line or a picked quick reply: drawn as "sending" at once, then handed to the chat. */
  function submit(raw, quickTitle) {
    const text = String(raw || "").trim();
    if (!text) return false;
    if ([...text].length > MAX_TEXT) {
      showError("too_long");
      return false;
    }
    clearError();
    const quick = quickTitle !== undefined;
    const el = pendingElement(quick ? quickTitle : text);
    const item = { text, quick, lang, state: "queued", afterSeq: shown.seq, el };
    pending.append(item.el);
    shown.dismissedSeq = shown.seq;
    renderQuickReplies();
    scrollToBottom();
    chat.send(item);
    return true;
  }

  // ---- opening, closing, keyboard ----------------------------------------------------

  const fullScreen = window.matchMedia("(max-width: 479.98px)");
  const coarsePointer = window.matchMedia("(pointer: coarse)");

  function openPanel() {
    if (isOpen) return;
    isOpen = true;
    panel.hidden = false;
    root.classList.add("is-open");
    launcher.setAttribute("aria-expanded", "true");
    labelled(launcher, "close");
    setUnread(false);
    if (!stringCache[lang]) setLang(lang); // the first try failed: try again
    chat.sync();
    scrollToBottom();
    // On a phone, focusing the textarea would pop the keyboard over the transcript.
    (coarsePointer.matches ? panel : input).focus();
  }

  function closePanel() {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    root.classList.remove("is-open");
    launcher.setAttribute("aria-expanded", "false");
    setUnread(false);
    launcher.focus();
  }

  function focusables() {
    return [...panel.querySelectorAll("button, textarea")].filter(
      (el) => !el.disabled && el.getClientRects().length > 0,
    );
  }

  function resize() {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, 160)}px`;
  }

  /** Lines that were not stored go back into an empty input, so nothing typed is lost. */
  function giveBack(texts) {
    if (texts.length && !input.value) {
      input.value = texts.join("\n");
      resize();
    }
  }

  launcher.addEventListener("click", () => (isOpen ? closePanel() : openPanel()));
  closeButton.addEventListener("click", closePanel);
  langToggle.addEventListener("click", () => {
    const next = lang === "ja" ? "en" : "ja";
    writeJSON("sessionStorage", LANG_KEY, { lang: next, base: PAGE_LANG });
    setLang(next);
  });

  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.isComposing) {
      event.preventDefault();
      closePanel();
    } else if (event.key === "Tab" && fullScreen.matches) {
      // Full-screen on a phone: the page behind is covered, so keep Tab inside.
      const items = focusables();
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      const active = shadow.activeElement;
      if (event.shiftKey && (active === first || active === panel)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  input.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a newline; Enter that confirms an IME conversion is neither.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    sendTyped();
  });
  input.addEventListener("input", resize);
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    sendTyped();
  });

  function sendTyped() {
    if (submit(input.value)) {
      input.value = "";
      resize();
    }
    input.focus();
  }

  window.addEventListener("online", () => chat.sync());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") chat.sync();
  });

  // ---- start -----------------------------------------------------------------------

  function mount() {
    document.body.append(host);
    applyStrings();
    setLang(lang);
    chat.sync(); // a stored conversation: redraw its transcript from seq 0 and follow it
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
