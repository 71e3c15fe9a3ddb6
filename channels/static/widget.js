/* Wegwijzer chat widget: one script tag, plain JavaScript, no build step, nothing from a CDN.
 *
 *   <script src="https://SERVER/webhooks/web/static/widget.js" data-server="https://SERVER"
 *           data-title="Wegwijzer" data-lang="nl" defer></script>
 *
 * Optional: data-mode="inline" data-target="#some-element" puts the chat in that element
 * instead of behind a launcher button.
 *
 * Security: every text from the server or the user is inserted with textContent (never
 * innerHTML); links are made only for http(s) URLs and open with rel="noopener noreferrer".
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.WegwijzerWidget) return;

  // ---- Configuration ---------------------------------------------------------------------
  function httpOrigin(value) {
    try {
      var url = new URL(value, document.baseURI);
      return /^https?:$/.test(url.protocol) ? url.origin : null;
    } catch (e) { return null; }
  }
  var SERVER = httpOrigin(script.getAttribute("data-server") || "") || httpOrigin(script.src) || window.location.origin;
  var BASE = SERVER + "/webhooks/web/";
  var TITLE = (script.getAttribute("data-title") || "Wegwijzer").slice(0, 60);
  var LANG = "nl"; // the assistant speaks Dutch only; data-lang is accepted for later languages
  var INLINE = script.getAttribute("data-mode") === "inline";
  var TARGET = script.getAttribute("data-target");
  var MAX_CHARS = 2000;
  var KEY_SENDER = "wegwijzer-sender";
  var KEY_UPDATED = "wegwijzer-updated";
  var KEY_SEEN = "wegwijzer-seen";
  // A conversation left alone this long is not reopened: the next person at a shared computer
  // starts fresh. An open page keeps it alive (see keepAlive below).
  var IDLE_LIMIT_MS = 30 * 60 * 1000;
  var KEY_OPEN = "wegwijzer-open";
  var FEEDBACK_RETRIES = [1000, 3000];

  var T = {
    launcher: "Vragen? Chat met " + TITLE,
    subtitle: "Digitale hulp bij wat u moet regelen als er iets verandert in uw leven.",
    close: "Chat sluiten",
    newConversation: "Nieuw gesprek",
    complaint: "Klacht of melding",
    logLabel: "Gesprek met " + TITLE,
    you: "U",
    bot: TITLE,
    caseworker: "Medewerker",
    notice: "Bericht",
    inputLabel: "Uw vraag",
    inputHint: "Druk op Enter om te versturen. Shift en Enter geeft een nieuwe regel.",
    placeholder: "Bijvoorbeeld: we hebben een baby gekregen",
    send: "Verstuur",
    counter: function (n) { return n + " van " + MAX_CHARS + " tekens"; },
    tooLong: "Uw bericht is te lang. Gebruik maximaal " + MAX_CHARS + " tekens, of stel uw vraag in twee delen.",
    empty: "Typ eerst uw vraag.",
    typing: TITLE + " schrijft een antwoord",
    unreachable: "We kunnen u nu niet bereiken. Bel gratis 1700 of probeer het opnieuw.",
    retry: "Opnieuw proberen",
    badRequest: "Dat bericht kon ik niet verwerken. Probeer het anders te formuleren.",
    tooMany: "U stuurt veel berichten kort na elkaar. Wacht even en probeer het dan opnieuw.",
    welcome: "Dag! Ik ben " + TITLE + ". Vertel in een paar woorden wat er in uw leven verandert, " +
      "bijvoorbeeld: 'we hebben een baby gekregen' of 'ik ben mijn job kwijt'. Dan zeg ik welke stappen u moet zetten.",
    privacy: "Schrijf geen rijksregisternummer, bankrekeningnummer of andere persoonlijke gegevens.",
    newConversationDone: "U bent een nieuw gesprek begonnen.",
    rateQuestion: "Was dit antwoord nuttig?",
    rateUp: "Nuttig",
    rateDown: "Niet nuttig",
    remark: "Opmerking",
    remarkLabel: "Uw opmerking over dit antwoord",
    remarkSend: "Verstuur opmerking",
    cancel: "Annuleren",
    journeyQuestion: function (title) { return "Hoe vond u de uitleg over '" + title + "'?"; },
    journeyUp: "Goed",
    journeyDown: "Niet goed",
    thanks: "Bedankt voor uw reactie. We gebruiken ze om " + TITLE + " te verbeteren.",
    thanksRemark: "Bedankt voor uw opmerking. We gebruiken ze om " + TITLE + " te verbeteren.",
    feedbackBusy: "Uw reactie wordt bewaard…",
    feedbackFailed: "Het lukt nu niet om uw reactie te bewaren. Probeer het over enkele minuten opnieuw.",
    feedbackInvalid: "Uw reactie kon niet bewaard worden. Kijk uw tekst na.",
    feedbackTooLong: "Uw tekst is te lang. Maak hem korter.",
    remarkEmpty: "Schrijf eerst uw opmerking.",
    step: function (n, m) { return "Stap " + n + " van " + m; },
    automatic: "Automatisch — u hoeft niets te doen",
    conditional: "Deze stap geldt misschien voor u. Dat hangt af van een antwoord dat we nog niet kennen.",
    counterOnly: "Deze stap doet u ter plaatse, aan het loket.",
    who: "Wie",
    competent: "Bevoegd",
    when: "Wanneer",
    dueDate: function (d) { return "uiterlijk op " + d; },
    how: "Hoe of waar",
    bring: "Meebrengen",
    costs: "Kosten",
    source: "Bron",
    checkedOn: function (d) { return "nagekeken op " + d; },
    newWindow: " (opent in een nieuw venster)",
    handoffStarted: "Een medewerker neemt het gesprek over.",
    handoffEnded: "De medewerker heeft het gesprek afgesloten. " + TITLE + " helpt u weer verder.",
    complaintTitle: "Klacht of melding",
    complaintIntro: "Loopt er iets mis bij een overheidsdienst, of klopt er iets niet in " + TITLE +
      "? Laat het ons weten. We lezen elke melding, maar u krijgt geen persoonlijk antwoord. " +
      "Wilt u een officiële klacht indienen over een Vlaamse overheidsdienst? Bel dan gratis 1700 of lees:",
    complaintLink: "https://www.vlaanderen.be/een-klacht-over-een-vlaamse-overheidsdienst",
    service: "Over welke dienst gaat het?",
    serviceHint: "Bijvoorbeeld: de aangifte van een geboorte",
    agency: "Welke overheid of organisatie?",
    agencyHint: "Bijvoorbeeld: de gemeente, het OCMW of de VDAB",
    level: "Welk bestuursniveau?",
    message: "Wat wilt u melden?",
    needServiceOrAgency: "Vul de dienst of de overheid in (een van de twee is genoeg).",
    needMessage: "Schrijf kort wat u wilt melden.",
    complaintSend: "Verstuur melding",
    complaintDone: "Bedankt. We hebben uw melding goed ontvangen.",
    backToChat: "Terug naar het gesprek",
    levels: [["", "Weet ik niet"], ["lokaal", "Gemeente of OCMW"], ["provinciaal", "Provincie"],
      ["vlaams", "Vlaamse overheid"], ["federaal", "Federale overheid"], ["europees", "Europese Unie"],
      ["derden", "Geen overheid (bijvoorbeeld een ziekenfonds)"]],
    channelTypes: { online: "Online", telefoon: "Telefoon", loket: "Aan het loket", post: "Per post", "e-mail": "Per e-mail" },
    months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
      "oktober", "november", "december"]
  };

  // ---- Small DOM helpers (textContent only) ----------------------------------------------
  var uid = 0;
  function nextId(prefix) { uid += 1; return "wgw-" + prefix + "-" + uid; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function button(className, label, onClick) {
    var b = el("button", className, label);
    b.type = "button";
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }
  function hiddenText(text) { return el("span", "wgw-sr", text); }

  var SVG_NS = "http://www.w3.org/2000/svg";
  var ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    thumb: "M2 10h4v11H2zM8 21h9.3a2 2 0 0 0 2-1.6l1.5-7.1A2 2 0 0 0 18.8 10H14l.9-4.3A2.1 2.1 0 0 0 12.8 3L8 9.6z",
    close: "M5 5l14 14M19 5L5 19"
  };
  function icon(name, rotate) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "wgw-icon");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    if (name === "close") {
      path.setAttribute("fill", "none");
      path.setAttribute("stroke", "currentColor");
      path.setAttribute("stroke-width", "2.5");
      path.setAttribute("stroke-linecap", "round");
    } else {
      path.setAttribute("fill", "currentColor");
    }
    if (rotate) path.setAttribute("transform", "rotate(180 12 12)");
    svg.appendChild(path);
    return svg;
  }

  function isHttpUrl(url) {
    if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return false;
    try { return /^https?:$/.test(new URL(url).protocol); } catch (e) { return false; }
  }
  function link(url, label) {
    if (!isHttpUrl(url)) return el("span", null, label || url || "");
    var a = el("a", "wgw-link", label || url);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    a.appendChild(hiddenText(T.newWindow));
    return a;
  }
  /** Appends text to a node, turning http(s) URLs into safe links. */
  function appendLinkified(node, text) {
    var pattern = /https?:\/\/[^\s<>"']+/g;
    var last = 0;
    var match;
    text = String(text || "");
    while ((match = pattern.exec(text)) !== null) {
      var url = match[0].replace(/[.,;:!?)\]]+$/, "");
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      node.appendChild(link(url, url));
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }
  function dutchDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return iso || "";
    return parseInt(m[3], 10) + " " + T.months[parseInt(m[2], 10) - 1] + " " + m[1];
  }
  function prefersReducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // ---- Conversation id (kept across page loads and tabs, forgotten after 30 idle minutes) ---
  function newSenderId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function storageGet(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function storageSet(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function sessionGet(key) { try { return window.sessionStorage.getItem(key); } catch (e) { return null; } }
  function sessionSet(key, value) { try { window.sessionStorage.setItem(key, value); } catch (e) { /* ignore */ } }

  var sender = storageGet(KEY_SENDER);
  var lastSeen = parseInt(storageGet(KEY_SEEN) || "0", 10);
  if (!/^[0-9a-f]{32}$/.test(sender || "") || !(Date.now() - lastSeen < IDLE_LIMIT_MS)) {
    sender = newSenderId();
    storageSet(KEY_SENDER, sender);
  }
  function keepAlive() { storageSet(KEY_SEEN, String(Date.now())); }
  keepAlive();
  window.setInterval(function () { if (!document.hidden) keepAlive(); }, 60 * 1000);

  // ---- Build the widget -------------------------------------------------------------------
  var root = el("div", "wgw-root" + (INLINE ? " wgw-inline" : ""));
  root.lang = LANG;
  root.setAttribute("data-wegwijzer", "");
  root.hidden = true; // shown once the stylesheet is loaded

  var stylesheet = el("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = BASE + "static/widget.css";

  var launcher = null;
  if (!INLINE) {
    launcher = button("wgw-launcher", null);
    launcher.appendChild(icon("chat"));
    launcher.appendChild(el("span", null, T.launcher));
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "wgw-panel");
    root.appendChild(launcher);
  }

  var panel = el("section", "wgw-panel");
  panel.id = "wgw-panel";
  panel.setAttribute("aria-labelledby", "wgw-title");
  if (!INLINE) {
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "false");
    panel.hidden = true;
  }
  root.appendChild(panel);

  var header = el("div", "wgw-header");
  var titleRow = el("div", "wgw-title-row");
  var title = el("h2", "wgw-title", TITLE);
  title.id = "wgw-title";
  title.tabIndex = -1;
  titleRow.appendChild(title);
  if (!INLINE) {
    var closeButton = button("wgw-close", null, function () { closePanel(); });
    closeButton.setAttribute("aria-label", T.close);
    closeButton.appendChild(icon("close"));
    titleRow.appendChild(closeButton);
  }
  header.appendChild(titleRow);
  header.appendChild(el("p", "wgw-subtitle", T.subtitle));
  var tools = el("div", "wgw-tools");
  var newButton = button("wgw-tool", T.newConversation, function () { startNewConversation(true); });
  var complaintButton = button("wgw-tool", T.complaint, function () { showComplaintForm(); });
  tools.appendChild(newButton);
  tools.appendChild(complaintButton);
  header.appendChild(tools);
  panel.appendChild(header);

  // Chat view
  var chatView = el("div", "wgw-chat");
  var log = el("div", "wgw-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-relevant", "additions");
  log.setAttribute("aria-label", T.logLabel);
  log.tabIndex = 0; // a scrollable region must be reachable by keyboard
  chatView.appendChild(log);

  var typing = el("div", "wgw-typing");
  typing.setAttribute("role", "status");
  chatView.appendChild(typing);

  var alertBox = el("div", "wgw-alert");
  alertBox.setAttribute("role", "alert");
  chatView.appendChild(alertBox);

  var form = el("form", "wgw-composer");
  form.setAttribute("novalidate", "");
  var labelRow = el("div", "wgw-label-row");
  var label = el("label", "wgw-label", T.inputLabel);
  label.htmlFor = "wgw-input";
  var counter = el("span", "wgw-counter", T.counter(0));
  counter.id = "wgw-counter";
  labelRow.appendChild(label);
  labelRow.appendChild(counter);
  form.appendChild(labelRow);
  var hint = el("span", "wgw-sr", T.inputHint);
  hint.id = "wgw-hint";
  form.appendChild(hint);
  var inputRow = el("div", "wgw-input-row");
  var input = el("textarea", "wgw-input");
  input.id = "wgw-input";
  input.name = "message";
  input.rows = 2;
  input.placeholder = T.placeholder;
  input.setAttribute("aria-describedby", "wgw-hint wgw-counter wgw-input-error");
  input.setAttribute("autocomplete", "off");
  var sendButton = el("button", "wgw-send", T.send);
  sendButton.type = "submit";
  inputRow.appendChild(input);
  inputRow.appendChild(sendButton);
  form.appendChild(inputRow);
  var inputError = el("p", "wgw-input-error");
  inputError.id = "wgw-input-error";
  inputError.setAttribute("aria-live", "polite");
  form.appendChild(inputError);
  chatView.appendChild(form);
  chatView.appendChild(el("p", "wgw-privacy", T.privacy));
  panel.appendChild(chatView);

  // Complaint view (built on demand)
  var complaintView = el("div", "wgw-complaint");
  complaintView.hidden = true;
  panel.appendChild(complaintView);

  // A polite announcer for confirmations that are not part of the conversation.
  var announcer = el("div", "wgw-sr");
  announcer.setAttribute("role", "status");
  panel.appendChild(announcer);
  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // ---- Rendering --------------------------------------------------------------------------
  var lastTurn = null;
  var currentEvent = null; // {id, title} of the journey shown last

  /** Shows the newest turn: its start when it is taller than the log (a step card), else the end. */
  function scrollToEnd(turn) {
    var top = log.scrollHeight;
    if (turn && turn.offsetHeight > log.clientHeight) {
      top = log.scrollTop + turn.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    }
    log.scrollTo({ top: top, behavior: prefersReducedMotion() ? "auto" : "smooth" });
  }

  function addRow(dl, term, detail) {
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (typeof detail === "string") dd.textContent = detail; else dd.appendChild(detail);
    dl.appendChild(dd);
  }

  function renderCard(card) {
    var box = el("article", "wgw-card" + (card.automatic ? " wgw-card-auto" : ""));
    var cardTitleId = nextId("card");
    box.setAttribute("aria-labelledby", cardTitleId);
    box.appendChild(el("p", "wgw-step-count", T.step(card.number, card.total) + (card.event_title ? " · " + card.event_title : "")));
    var heading = el("h3", "wgw-card-title", card.title);
    heading.id = cardTitleId;
    box.appendChild(heading);
    if (card.automatic) {
      var auto = el("p", "wgw-auto");
      auto.appendChild(el("strong", null, T.automatic));
      if (card.automatic_reason) auto.appendChild(document.createTextNode(". " + card.automatic_reason));
      box.appendChild(auto);
    }
    if (card.conditional) box.appendChild(el("p", "wgw-conditional", T.conditional));
    box.appendChild(appendLinkified(el("p", "wgw-what"), card.what_to_do));
    var dl = el("dl", "wgw-facts");
    var executing = card.executing || {};
    var competent = card.competent || {};
    if (executing.authority) addRow(dl, T.who, executing.authority + (executing.level_name ? " (" + executing.level_name + ")" : ""));
    if (competent.authority && competent.authority !== executing.authority) {
      addRow(dl, T.competent, competent.authority + (competent.level_name ? " (" + competent.level_name + ")" : ""));
    }
    if (card.deadline) {
      var when = card.deadline.text || "";
      if (card.deadline.due_date_text) when += ": " + T.dueDate(card.deadline.due_date_text);
      addRow(dl, T.when, when);
    }
    if (card.channels && card.channels.length) {
      var channels = el("ul", "wgw-list");
      card.channels.forEach(function (c) {
        var li = el("li");
        var kind = T.channelTypes[c.type];
        if (kind) li.appendChild(document.createTextNode(kind + ": "));
        li.appendChild(link(c.url, c.name));
        channels.appendChild(li);
      });
      addRow(dl, T.how, channels);
    }
    if (card.needs_counter) box.appendChild(el("p", "wgw-counter-note", T.counterOnly));
    if (card.documents && card.documents.length) {
      var docs = el("ul", "wgw-list");
      card.documents.forEach(function (d) { docs.appendChild(el("li", null, d)); });
      addRow(dl, T.bring, docs);
    }
    if (card.costs) addRow(dl, T.costs, card.costs);
    if (card.source_url) {
      var source = el("span");
      source.appendChild(link(card.source_url, card.source_url));
      if (card.checked_on) source.appendChild(document.createTextNode(" (" + T.checkedOn(dutchDate(card.checked_on)) + ")"));
      addRow(dl, T.source, source);
    }
    box.appendChild(dl);
    return box;
  }

  function whoLabel(kind) {
    return kind === "user" ? T.you : kind === "caseworker" ? T.caseworker : kind === "notice" ? T.notice : T.bot;
  }

  function newTurn(kind) {
    var turn = el("div", "wgw-turn wgw-turn-" + kind);
    var who = el("p", "wgw-who", whoLabel(kind));
    turn.appendChild(who);
    turn.wgwKind = kind;
    turn.wgwTexts = [];
    turn.wgwCard = null;
    return turn;
  }

  function addBotMessage(turn, message) {
    var card = message.custom && message.custom.type === "step_card" ? message.custom : null;
    var bubble = el("div", "wgw-msg");
    if (card) {
      bubble.appendChild(renderCard(card));
      turn.wgwCard = card;
      currentEvent = { id: card.event_id, title: card.event_title };
      turn.wgwTexts.push(card.plain_text || card.title);
    } else if (message.text) {
      appendLinkified(bubble, message.text);
      turn.wgwTexts.push(message.text);
    } else {
      return;
    }
    turn.appendChild(bubble);
    if (message.buttons && message.buttons.length) turn.wgwButtons = message.buttons;
  }

  function removeOldReplies() {
    var old = log.querySelectorAll(".wgw-replies");
    Array.prototype.forEach.call(old, function (node) { node.parentNode.removeChild(node); });
  }

  function renderReplies(turn) {
    if (!turn.wgwButtons || !turn.wgwButtons.length) return;
    var group = el("div", "wgw-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Kies een antwoord");
    turn.wgwButtons.forEach(function (b) {
      if (!b || typeof b.title !== "string" || typeof b.payload !== "string") return;
      group.appendChild(button("wgw-reply", b.title, function () {
        input.focus(); // the button disappears with the answer; keep keyboard focus in the panel
        send(b.payload, b.title);
      }));
    });
    turn.appendChild(group);
  }

  /** Closes a bot turn: quick replies of the newest turn, rating controls, journey rating. */
  function finishTurn(turn, interactive) {
    if (!turn.wgwTexts.length) return;
    if (interactive) renderReplies(turn);
    if (turn.wgwKind === "bot" || turn.wgwKind === "caseworker") turn.appendChild(ratingControls(turn));
    var card = turn.wgwCard;
    if (card && card.number === card.total && card.event_id) turn.appendChild(journeyRating(card));
  }

  function appendTurn(turn) {
    log.appendChild(turn);
    lastTurn = turn;
  }

  function addUserTurn(text) {
    var turn = newTurn("user");
    turn.appendChild(el("div", "wgw-msg", text));
    appendTurn(turn);
    scrollToEnd();
    return turn;
  }

  function addBotTurn(messages, kind) {
    removeOldReplies();
    var turn = newTurn(kind || "bot");
    messages.forEach(function (m) { addBotMessage(turn, m); });
    if (!turn.wgwTexts.length) return null;
    finishTurn(turn, true);
    appendTurn(turn);
    scrollToEnd(turn);
    return turn;
  }

  function addNotice(text) {
    var turn = newTurn("notice");
    turn.appendChild(el("div", "wgw-msg", text));
    appendTurn(turn);
    scrollToEnd();
  }

  function showWelcome() {
    var turn = newTurn("bot");
    turn.classList.add("wgw-welcome");
    turn.appendChild(el("div", "wgw-msg", T.welcome));
    appendTurn(turn);
  }

  // ---- Feedback -------------------------------------------------------------------------
  function postFeedback(payload) {
    var attempt = 0;
    function tryOnce() {
      return fetch(BASE + "feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload)
      }).then(function (r) {
        if (r.status === 201) return r.json();
        if ((r.status === 503 || r.status >= 500) && attempt < FEEDBACK_RETRIES.length) return retryLater();
        var error = new Error("HTTP " + r.status);
        error.status = r.status;
        throw error;
      }, function () {
        if (attempt < FEEDBACK_RETRIES.length) return retryLater();
        var error = new Error("network");
        error.status = 0;
        throw error;
      });
    }
    function retryLater() {
      var wait = FEEDBACK_RETRIES[attempt];
      attempt += 1;
      return new Promise(function (resolve) { window.setTimeout(resolve, wait); }).then(tryOnce);
    }
    return tryOnce();
  }

  function feedbackErrorText(error) {
    if (error && error.status === 400) return T.feedbackInvalid;
    if (error && error.status === 413) return T.feedbackTooLong;
    return T.feedbackFailed;
  }

  function contextOf(turn) {
    var context = {};
    var card = turn && turn.wgwCard;
    if (card && card.event_id) {
      context.life_event = card.event_id;
      if (card.step_id) context.step_id = card.step_id;
    } else if (currentEvent && currentEvent.id) {
      context.life_event = currentEvent.id;
    }
    if (turn && turn.wgwTexts.length) context.bot_message = turn.wgwTexts.join("\n").slice(0, 4000);
    return context;
  }

  function assign(target, source) {
    Object.keys(source).forEach(function (k) { target[k] = source[k]; });
    return target;
  }

  /** A message line with an optional retry button, inside a feedback block. */
  function feedbackStatus(container) {
    var line = el("p", "wgw-feedback-status");
    line.setAttribute("role", "status");
    container.appendChild(line);
    return {
      busy: function () { line.textContent = T.feedbackBusy; line.className = "wgw-feedback-status"; },
      done: function (text) { line.textContent = text; line.className = "wgw-feedback-status wgw-ok"; },
      fail: function (text, retry) {
        line.textContent = text + " ";
        line.className = "wgw-feedback-status wgw-error";
        if (retry) line.appendChild(button("wgw-link-button", T.retry, retry));
      }
    };
  }

  function ratingControls(turn) {
    var box = el("div", "wgw-rate");
    var groupLabelId = nextId("rate");
    var question = el("span", "wgw-rate-label", T.rateQuestion);
    question.id = groupLabelId;
    var group = el("div", "wgw-rate-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", groupLabelId);
    box.appendChild(question);
    box.appendChild(group);
    var up = button("wgw-rate-button", null);
    up.appendChild(icon("thumb"));
    up.appendChild(el("span", null, T.rateUp));
    var down = button("wgw-rate-button", null);
    down.appendChild(icon("thumb", true));
    down.appendChild(el("span", null, T.rateDown));
    var remark = button("wgw-rate-button wgw-remark-toggle", T.remark);
    remark.setAttribute("aria-expanded", "false");
    [up, down].forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    group.appendChild(up);
    group.appendChild(down);
    group.appendChild(remark);
    var status = feedbackStatus(box);

    function rate(value, chosen, other) {
      if (chosen.getAttribute("aria-pressed") === "true") return;
      chosen.setAttribute("aria-pressed", "true");
      other.setAttribute("aria-pressed", "false");
      status.busy();
      postFeedback(assign({ conversation_id: sender, kind: "rating", rating: value }, contextOf(turn)))
        .then(function () { status.done(T.thanks); }, function (error) {
          chosen.setAttribute("aria-pressed", "false");
          status.fail(feedbackErrorText(error), function () { rate(value, chosen, other); });
        });
    }
    up.addEventListener("click", function () { rate("up", up, down); });
    down.addEventListener("click", function () { rate("down", down, up); });

    var remarkForm = null;
    remark.addEventListener("click", function () {
      if (remarkForm) {
        remarkForm.hidden = !remarkForm.hidden;
        remark.setAttribute("aria-expanded", String(!remarkForm.hidden));
        if (!remarkForm.hidden) remarkForm.querySelector("textarea").focus();
        return;
      }
      remarkForm = remarkBox(function (comment) {
        return postFeedback(assign({ conversation_id: sender, kind: "remark", comment: comment }, contextOf(turn)));
      }, function () {
        remarkForm.hidden = true;
        remark.setAttribute("aria-expanded", "false");
        remark.focus();
      });
      remark.setAttribute("aria-controls", remarkForm.id);
      remark.setAttribute("aria-expanded", "true");
      box.appendChild(remarkForm);
      remarkForm.querySelector("textarea").focus();
    });
    return box;
  }

  /** A small form for a free-text remark; submit(comment) returns a promise. */
  function remarkBox(submit, cancel, labelText) {
    var wrapper = el("form", "wgw-remark");
    wrapper.id = nextId("remark");
    wrapper.setAttribute("novalidate", "");
    var fieldId = nextId("remark-text");
    var lab = el("label", null, labelText || T.remarkLabel);
    lab.htmlFor = fieldId;
    var area = el("textarea", "wgw-remark-text");
    area.id = fieldId;
    area.rows = 3;
    area.maxLength = MAX_CHARS;
    var row = el("div", "wgw-remark-actions");
    var sendRemark = el("button", "wgw-small-primary", T.remarkSend);
    sendRemark.type = "submit";
    row.appendChild(sendRemark);
    row.appendChild(button("wgw-link-button", T.cancel, cancel));
    wrapper.appendChild(lab);
    wrapper.appendChild(area);
    wrapper.appendChild(row);
    var status = feedbackStatus(wrapper);
    function go() {
      var comment = area.value.trim();
      if (!comment) { status.fail(T.remarkEmpty); area.setAttribute("aria-invalid", "true"); area.focus(); return; }
      area.removeAttribute("aria-invalid");
      status.busy();
      sendRemark.disabled = true;
      submit(comment).then(function () {
        status.done(T.thanksRemark);
        area.value = "";
        sendRemark.disabled = false;
      }, function (error) {
        sendRemark.disabled = false;
        status.fail(feedbackErrorText(error), go);
      });
    }
    wrapper.addEventListener("submit", function (event) { event.preventDefault(); go(); });
    return wrapper;
  }

  function journeyRating(card) {
    var box = el("div", "wgw-journey-rate");
    var labelId = nextId("journey");
    box.appendChild(el("p", "wgw-rate-label", T.journeyQuestion(card.event_title || "")));
    box.firstChild.id = labelId;
    var group = el("div", "wgw-rate-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", labelId);
    var good = button("wgw-rate-button", null);
    good.appendChild(icon("thumb"));
    good.appendChild(el("span", null, T.journeyUp));
    var bad = button("wgw-rate-button", null);
    bad.appendChild(icon("thumb", true));
    bad.appendChild(el("span", null, T.journeyDown));
    [good, bad].forEach(function (b) { b.setAttribute("aria-pressed", "false"); group.appendChild(b); });
    box.appendChild(group);
    var status = feedbackStatus(box);
    var chosen = null;
    function rate(value, pressed, other) {
      chosen = value;
      pressed.setAttribute("aria-pressed", "true");
      other.setAttribute("aria-pressed", "false");
      status.busy();
      postFeedback({ conversation_id: sender, kind: "journey_rating", rating: value, life_event: card.event_id })
        .then(function () {
          status.done(T.thanks);
          if (!box.querySelector(".wgw-remark")) {
            box.appendChild(remarkBox(function (comment) {
              return postFeedback({ conversation_id: sender, kind: "journey_rating", rating: chosen,
                life_event: card.event_id, comment: comment });
            }, function () { var f = box.querySelector(".wgw-remark"); if (f) f.hidden = true; pressed.focus(); },
            "Wilt u nog iets zeggen over deze uitleg? (niet verplicht)"));
          }
        }, function (error) {
          pressed.setAttribute("aria-pressed", "false");
          status.fail(feedbackErrorText(error), function () { rate(value, pressed, other); });
        });
    }
    good.addEventListener("click", function () { rate("up", good, bad); });
    bad.addEventListener("click", function () { rate("down", bad, good); });
    return box;
  }

  // ---- Complaint form ------------------------------------------------------------------------
  function field(container, labelText, control, hintText) {
    var wrap = el("div", "wgw-field");
    var lab = el("label", null, labelText);
    lab.htmlFor = control.id;
    wrap.appendChild(lab);
    var described = [];
    if (hintText) {
      var h = el("span", "wgw-field-hint", hintText);
      h.id = control.id + "-hint";
      described.push(h.id);
      wrap.appendChild(h);
    }
    var err = el("span", "wgw-field-error");
    err.id = control.id + "-error";
    described.push(err.id);
    control.setAttribute("aria-describedby", described.join(" "));
    wrap.appendChild(control);
    wrap.appendChild(err);
    container.appendChild(wrap);
    return err;
  }

  function showComplaintForm() {
    complaintView.textContent = "";
    var heading = el("h3", "wgw-complaint-title", T.complaintTitle);
    heading.tabIndex = -1;
    complaintView.appendChild(heading);
    var intro = el("p", "wgw-complaint-intro", T.complaintIntro + " ");
    intro.appendChild(link(T.complaintLink, "een klacht over een Vlaamse overheidsdienst"));
    complaintView.appendChild(intro);

    var f = el("form", "wgw-complaint-form");
    f.setAttribute("novalidate", "");
    var service = el("input");
    service.id = "wgw-complaint-service";
    service.type = "text";
    service.maxLength = 200;
    var agency = el("input");
    agency.id = "wgw-complaint-agency";
    agency.type = "text";
    agency.maxLength = 200;
    var level = el("select");
    level.id = "wgw-complaint-level";
    T.levels.forEach(function (pair) {
      var option = el("option", null, pair[1]);
      option.value = pair[0];
      level.appendChild(option);
    });
    var message = el("textarea");
    message.id = "wgw-complaint-message";
    message.rows = 5;
    message.maxLength = MAX_CHARS;
    var serviceError = field(f, T.service, service, T.serviceHint);
    var agencyError = field(f, T.agency, agency, T.agencyHint);
    field(f, T.level, level);
    var messageError = field(f, T.message, message, T.privacy);
    var actions = el("div", "wgw-complaint-actions");
    var submit = el("button", "wgw-send", T.complaintSend);
    submit.type = "submit";
    actions.appendChild(submit);
    actions.appendChild(button("wgw-tool", T.cancel, function () { showChat(complaintButton); }));
    f.appendChild(actions);
    complaintView.appendChild(f);
    var status = feedbackStatus(complaintView);

    function invalid(control, errorNode, text) {
      control.setAttribute("aria-invalid", "true");
      errorNode.textContent = text;
    }
    function go() {
      [service, agency, message].forEach(function (c) { c.removeAttribute("aria-invalid"); });
      [serviceError, agencyError, messageError].forEach(function (e) { e.textContent = ""; });
      var first = null;
      if (!service.value.trim() && !agency.value.trim()) {
        invalid(service, serviceError, T.needServiceOrAgency);
        invalid(agency, agencyError, T.needServiceOrAgency);
        first = service;
      }
      if (!message.value.trim()) {
        invalid(message, messageError, T.needMessage);
        first = first || message;
      }
      if (first) { first.focus(); return; }
      var payload = {
        conversation_id: sender, kind: "complaint", comment: message.value.trim(),
        complaint: { service: service.value.trim() || null, agency: agency.value.trim() || null, level: level.value || null }
      };
      if (currentEvent && currentEvent.id) payload.life_event = currentEvent.id;
      submit.disabled = true;
      status.busy();
      postFeedback(payload).then(function () {
        complaintView.textContent = "";
        var done = el("h3", "wgw-complaint-title", T.complaintDone);
        done.tabIndex = -1;
        complaintView.appendChild(done);
        complaintView.appendChild(el("p", null, "We lezen elke melding. U krijgt geen persoonlijk antwoord."));
        complaintView.appendChild(button("wgw-send", T.backToChat, function () { showChat(complaintButton); }));
        done.focus();
      }, function (error) {
        submit.disabled = false;
        status.fail(feedbackErrorText(error), go);
      });
    }
    f.addEventListener("submit", function (event) { event.preventDefault(); go(); });
    chatView.hidden = true;
    complaintView.hidden = false;
    heading.focus();
  }

  function showChat(focusTarget) {
    complaintView.hidden = true;
    complaintView.textContent = "";
    chatView.hidden = false;
    (focusTarget || input).focus();
  }

  // ---- Talking to the server ----------------------------------------------------------------
  var busy = false;
  var pending = null;

  function setTyping(on) {
    typing.textContent = "";
    typing.classList.toggle("wgw-typing-on", on);
    if (on) {
      typing.appendChild(el("span", null, T.typing));
      var dots = el("span", "wgw-dots");
      dots.setAttribute("aria-hidden", "true");
      for (var i = 0; i < 3; i += 1) dots.appendChild(el("span", null, "."));
      typing.appendChild(dots);
    }
  }

  function clearAlert() { alertBox.textContent = ""; alertBox.classList.remove("wgw-alert-on"); }
  function showUnreachable() {
    alertBox.textContent = "";
    alertBox.classList.add("wgw-alert-on");
    alertBox.appendChild(el("p", null, T.unreachable));
    alertBox.appendChild(button("wgw-retry", T.retry, function () {
      if (pending) post(pending.payload, pending.display);
    }));
  }

  function notifyOtherTabs() { keepAlive(); storageSet(KEY_UPDATED, sender + ":" + Date.now()); }

  function post(payload, display) {
    busy = true;
    pending = { payload: payload, display: display };
    clearAlert();
    setTyping(true);
    var body = { sender: sender, message: payload };
    if (display) body.display = display;
    var conversation = sender;
    fetch(BASE + "webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 400 || r.status === 413 || r.status === 429) return { rejected: r.status };
      // 503 carries a polite answer from the server (e.g. the database is briefly unavailable).
      if (!r.ok && r.status !== 503) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (messages) {
      busy = false;
      setTyping(false);
      if (conversation !== sender) return; // a new conversation started meanwhile
      pending = null;
      if (messages && messages.rejected) {
        inputError.textContent = messages.rejected === 413 ? T.tooLong
          : messages.rejected === 429 ? T.tooMany : T.badRequest;
        return;
      }
      if (Array.isArray(messages)) addBotTurn(messages, "bot");
      notifyOtherTabs();
    }).catch(function () {
      busy = false;
      setTyping(false);
      if (conversation === sender) showUnreachable();
    });
  }

  function send(payload, display) {
    if (busy) return;
    inputError.textContent = "";
    var shown = display || payload;
    if (shown && shown.charAt(0) !== "/") addUserTurn(shown);
    post(payload, display);
  }

  function updateCounter() {
    var n = input.value.length;
    counter.textContent = T.counter(n);
    var over = n > MAX_CHARS;
    counter.classList.toggle("wgw-over", over);
    if (over) {
      input.setAttribute("aria-invalid", "true");
      if (inputError.textContent !== T.tooLong) inputError.textContent = T.tooLong;
    } else {
      input.removeAttribute("aria-invalid");
      if (inputError.textContent === T.tooLong || inputError.textContent === T.empty) inputError.textContent = "";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { inputError.textContent = T.empty; input.focus(); return; }
    if (text.length > MAX_CHARS) {
      inputError.textContent = T.tooLong;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    if (busy) return;
    input.value = "";
    updateCounter();
    send(text);
  });
  input.addEventListener("input", updateCounter);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  // ---- History (restores the conversation on load and in other tabs) ----------------------------
  function renderHistory(entries) {
    log.setAttribute("aria-live", "off"); // do not read the whole history aloud
    log.textContent = "";
    lastTurn = null;
    currentEvent = null;
    var turn = null;
    function close(interactive) {
      if (turn && turn.wgwKind !== "user") {
        if (turn.wgwTexts.length) { finishTurn(turn, interactive); appendTurn(turn); }
      } else if (turn) {
        appendTurn(turn);
      }
      turn = null;
    }
    entries.forEach(function (entry, index) {
      var kind = entry.from === "user" ? "user" : entry.caseworker ? "caseworker" : "bot";
      if (!turn || turn.wgwKind !== kind || kind === "user") close(false);
      if (kind === "user") {
        turn = newTurn("user");
        turn.appendChild(el("div", "wgw-msg", entry.text || ""));
        turn.wgwTexts.push(entry.text || "");
        close(false);
        return;
      }
      if (!turn) turn = newTurn(kind);
      addBotMessage(turn, entry);
      if (index === entries.length - 1) close(true);
    });
    close(false);
    if (!log.firstChild) showWelcome();
    log.scrollTop = log.scrollHeight;
    window.setTimeout(function () { log.setAttribute("aria-live", "polite"); }, 0);
  }

  function loadHistory() {
    var conversation = sender;
    return fetch(BASE + "history", { headers: { "X-Wegwijzer-Conversation": sender } }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (entries) {
      if (conversation !== sender || busy) return;
      renderHistory(Array.isArray(entries) ? entries : []);
    }).catch(function () {
      if (!log.firstChild) showWelcome();
    });
  }

  function startNewConversation(byUser) {
    sender = newSenderId();
    storageSet(KEY_SENDER, sender);
    resetView();
    connectEvents();
    if (byUser) {
      announce(T.newConversationDone);
      input.focus();
    }
  }

  function resetView() {
    busy = false;
    pending = null;
    setTyping(false);
    clearAlert();
    inputError.textContent = "";
    log.setAttribute("aria-live", "off");
    log.textContent = "";
    lastTurn = null;
    currentEvent = null;
    showWelcome();
    window.setTimeout(function () { log.setAttribute("aria-live", "polite"); }, 0);
  }

  window.addEventListener("storage", function (event) {
    if (event.key === KEY_SENDER && event.newValue && event.newValue !== sender && /^[0-9a-f]{32}$/.test(event.newValue)) {
      sender = event.newValue;
      resetView();
      loadHistory().then(connectEvents, connectEvents);
    } else if (event.key === KEY_UPDATED && event.newValue && event.newValue.indexOf(sender + ":") === 0 && !busy) {
      loadHistory();
    }
  });

  // ---- Live messages from a caseworker (Server-Sent Events) --------------------------------------
  var source = null;
  // The conversation id never goes in a URL: the page asks a short-lived ticket (id in a header).
  var reconnectTimer = null;
  function connectEvents() {
    if (source) { source.close(); source = null; }
    if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
    if (typeof window.EventSource !== "function") return;
    var conversation = sender;
    fetch(BASE + "events/ticket", { method: "POST", headers: { "X-Wegwijzer-Conversation": sender } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) {
        if (conversation !== sender || !data || typeof data.ticket !== "string") return;
        openStream(data.ticket);
      })
      .catch(function () { reconnectTimer = setTimeout(connectEvents, 30000); });
  }
  function openStream(ticket) {
    try {
      source = new EventSource(BASE + "events?ticket=" + encodeURIComponent(ticket));
    } catch (e) { return; }
    source.onerror = function () {
      // A closed stream (server restart, stream lifetime over) needs a new ticket.
      if (source && source.readyState === 2) { reconnectTimer = setTimeout(connectEvents, 5000); }
    };
    source.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!data || typeof data !== "object") return;
      if (data.type === "handoff") {
        addNotice(typeof data.text === "string" && data.text ? data.text
          : data.status === "ended" ? T.handoffEnded : T.handoffStarted);
        return;
      }
      addBotTurn([data], data.caseworker ? "caseworker" : "bot");
    };
  }

  // ---- Open, close, Escape ---------------------------------------------------------------------
  function isOpen() { return INLINE || !panel.hidden; }
  function openPanel(focus) {
    if (INLINE) return;
    panel.hidden = false;
    root.classList.add("wgw-open");
    launcher.setAttribute("aria-expanded", "true");
    sessionSet(KEY_OPEN, "1");
    log.scrollTop = log.scrollHeight;
    if (focus !== false) input.focus();
  }
  function closePanel() {
    if (INLINE) return;
    panel.hidden = true;
    root.classList.remove("wgw-open");
    launcher.setAttribute("aria-expanded", "false");
    sessionSet(KEY_OPEN, "0");
    launcher.focus();
  }
  if (launcher) launcher.addEventListener("click", function () { if (isOpen()) closePanel(); else openPanel(); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !INLINE) {
      event.preventDefault();
      closePanel();
    }
  });

  // ---- Start ------------------------------------------------------------------------------------
  function mount() {
    var host = INLINE && TARGET ? document.querySelector(TARGET) : null;
    (host || document.body).appendChild(root);
    var shown = false;
    function show() {
      if (shown) return;
      shown = true;
      root.hidden = false;
      if (!INLINE && sessionGet(KEY_OPEN) === "1") openPanel(false);
    }
    stylesheet.addEventListener("load", show);
    stylesheet.addEventListener("error", show);
    window.setTimeout(show, 3000);
    (document.head || document.documentElement).appendChild(stylesheet);
    showWelcome();
    // Listen for live messages once the history is shown, so that rendering the history
    // cannot wipe a message that was pushed meanwhile.
    loadHistory().then(connectEvents, connectEvents);
  }

  window.WegwijzerWidget = {
    open: function () { openPanel(); },
    close: function () { closePanel(); },
    newConversation: function () { startNewConversation(false); },
    sender: function () { return sender; }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
