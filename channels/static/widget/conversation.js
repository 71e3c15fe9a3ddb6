// The conversation log: turns of the person, the assistant and a caseworker; step cards; quick
// replies of the newest turn; the plan overview; rating controls under step cards; the history
// after a reload.

import { appendLinkified, button, el, nextId } from "../shared/dom.js";
import { stepCount, stepParts } from "../shared/stepcard.js";

function prefersReducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export function installConversation(w) {
  var t = w.t;
  var d = w.dom;

  /** Shows the newest turn: its start when it is taller than the log (a step card), else the end. */
  function scrollToEnd(turn) {
    var top = d.log.scrollHeight;
    if (turn && turn.offsetHeight > d.log.clientHeight) {
      top = d.log.scrollTop + turn.getBoundingClientRect().top - d.log.getBoundingClientRect().top - 8;
    }
    d.log.scrollTo({ top: top, behavior: prefersReducedMotion() ? "auto" : "smooth" });
  }

  function renderCard(card) {
    var box = el("article", "wgw-card" + (card.automatic ? " wgw-card-auto" : ""));
    var cardTitleId = nextId("card");
    box.setAttribute("aria-labelledby", cardTitleId);
    box.setAttribute("data-event", String(card.event_id || ""));
    box.setAttribute("data-step", String(card.number));
    box.appendChild(el("p", "wgw-step-count", stepCount(w.S, card) + (card.event_title ? " · " + card.event_title : "")));
    var heading = el("h3", "wgw-card-title", card.title);
    heading.id = cardTitleId;
    box.appendChild(heading);
    var parts = stepParts(card, {
      strings: w.S, link: w.link, audience: "citizen",
      classes: { facts: "wgw-facts", list: "wgw-list", auto: "wgw-auto", conditional: "wgw-conditional",
        counter: "wgw-counter-note" }
    });
    parts.notes.forEach(function (note) { box.appendChild(note); });
    box.appendChild(appendLinkified(el("p", "wgw-what"), card.what_to_do, w.link));
    parts.afterText.forEach(function (note) { box.appendChild(note); });
    box.appendChild(parts.facts);
    return box;
  }

  function whoLabel(kind) {
    if (kind === "user") return t("you");
    if (kind === "caseworker") return t("caseworker");
    if (kind === "notice") return t("notice");
    return w.config.title;
  }

  function newTurn(kind) {
    var turn = el("div", "wgw-turn wgw-turn-" + kind);
    turn.appendChild(el("p", "wgw-who", whoLabel(kind)));
    turn.wgwKind = kind;
    turn.wgwTexts = [];
    turn.wgwCard = null;
    return turn;
  }

  function addBotMessage(turn, message) {
    var custom = message.custom && typeof message.custom === "object" ? message.custom : {};
    var card = custom.type === "step_card" ? custom : null;
    var bubble = el("div", "wgw-msg");
    if (custom.type === "plan_overview" && Array.isArray(custom.steps)) {
      bubble.classList.add("wgw-msg-wide");
      bubble.appendChild(w.renderOverview(custom));
      w.state.plan = custom;
      turn.wgwTexts.push(message.text || custom.event_title || "");
    } else if (card) {
      bubble.appendChild(renderCard(card));
      turn.wgwCard = card;
      w.state.currentEvent = { id: card.event_id, title: card.event_title };
      turn.wgwTexts.push(card.plain_text || card.title);
    } else if (message.text) {
      appendLinkified(bubble, message.text, w.link);
      turn.wgwTexts.push(message.text);
    } else {
      return;
    }
    if (custom.type === "faq_answer") turn.wgwRated = true;
    turn.appendChild(bubble);
    if (message.buttons && message.buttons.length) turn.wgwButtons = message.buttons;
  }

  function removeOldReplies() {
    var old = d.log.querySelectorAll(".wgw-replies");
    Array.prototype.forEach.call(old, function (node) { node.parentNode.removeChild(node); });
  }

  function renderReplies(turn) {
    if (!turn.wgwButtons || !turn.wgwButtons.length) return;
    var group = el("div", "wgw-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("choose_answer"));
    turn.wgwButtons.forEach(function (b) {
      if (!b || typeof b.title !== "string" || typeof b.payload !== "string") return;
      group.appendChild(button("wgw-reply", b.title, function () {
        w.keepFocusInPanel(); // the button disappears with the answer
        w.send(b.payload, b.title);
      }));
    });
    turn.appendChild(group);
  }

  /** Closes a bot turn: quick replies of the newest turn, rating controls, journey rating.
   * Feedback is asked once per step card (and FAQ answer) and at the end of the plan: never under
   * questions, small talk or a caseworker's messages. */
  function finishTurn(turn, interactive) {
    if (!turn.wgwTexts.length) return;
    if (interactive) renderReplies(turn);
    if (turn.wgwKind === "bot" && (turn.wgwCard || turn.wgwRated)) turn.appendChild(w.ratingControls(turn));
    var card = turn.wgwCard;
    if (card && card.number === card.total && card.event_id) turn.appendChild(w.journeyRating(card));
  }

  function appendTurn(turn) {
    d.log.appendChild(turn);
    w.state.lastTurn = turn;
  }

  w.addUserTurn = function (text) {
    var turn = newTurn("user");
    turn.appendChild(el("div", "wgw-msg", text));
    appendTurn(turn);
    scrollToEnd();
    return turn;
  };

  w.addBotTurn = function (messages, kind) {
    removeOldReplies();
    var turn = newTurn(kind || "bot");
    messages.forEach(function (m) { addBotMessage(turn, m); });
    if (!turn.wgwTexts.length) return null;
    finishTurn(turn, true);
    appendTurn(turn);
    scrollToEnd(turn);
    return turn;
  };

  w.addNotice = function (text) {
    var turn = newTurn("notice");
    turn.appendChild(el("div", "wgw-msg", text));
    appendTurn(turn);
    scrollToEnd();
  };

  w.showWelcome = function () {
    var turn = newTurn("bot");
    turn.classList.add("wgw-welcome");
    turn.appendChild(el("div", "wgw-msg", t("welcome")));
    appendTurn(turn);
  };

  w.announce = function (text) {
    d.announcer.textContent = "";
    window.setTimeout(function () { d.announcer.textContent = text; }, 50);
  };

  /** Shows a conversation's history (after a reload, or when another tab changed it). */
  w.renderHistory = function (entries) {
    d.log.setAttribute("aria-live", "off"); // do not read the whole history aloud
    d.log.textContent = "";
    w.state.lastTurn = null;
    w.state.currentEvent = null;
    w.state.plan = null;
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
    if (!d.log.firstChild) w.showWelcome();
    d.log.scrollTop = d.log.scrollHeight;
    window.setTimeout(function () { d.log.setAttribute("aria-live", "polite"); }, 0);
  };

  w.clearLog = function () {
    if (w.closeConfirm) w.closeConfirm(null); // a question about the conversation that is gone
    d.log.setAttribute("aria-live", "off");
    d.log.textContent = "";
    w.state.lastTurn = null;
    w.state.currentEvent = null;
    w.state.plan = null;
    w.showWelcome();
    window.setTimeout(function () { d.log.setAttribute("aria-live", "polite"); }, 0);
  };
}
