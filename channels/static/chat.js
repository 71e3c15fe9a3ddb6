/* Wegwijzer chat page: plain JavaScript, no build step, no CDN.
 * All bot and user text is inserted with textContent (never innerHTML); links only http(s). */
(function () {
  "use strict";
  var WEBHOOK = "webhook";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("input");
  var statusEl = document.getElementById("status");

  function newSenderId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  var sender = localStorage.getItem("wegwijzer-sender") || newSenderId();
  localStorage.setItem("wegwijzer-sender", sender);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function safeLink(url, label) {
    if (!/^https?:\/\//i.test(url || "")) return el("span", null, label);
    var a = el("a", null, label);
    a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank";
    return a;
  }
  function addRow(dt, dd, dl) {
    dl.appendChild(el("dt", null, dt));
    var d = el("dd"); if (typeof dd === "string") d.textContent = dd; else d.appendChild(dd);
    dl.appendChild(d);
  }
  function renderCard(card) {
    var box = el("div", "card");
    box.appendChild(el("p", "step-count", "Stap " + card.number + " van " + card.total));
    box.appendChild(el("h2", null, card.title));
    box.appendChild(el("p", null, card.what_to_do));
    if (card.automatic) box.appendChild(el("p", "auto", "Automatisch: u hoeft niets te doen. " + (card.automatic_reason || "")));
    var dl = el("dl");
    addRow("Wie", card.executing.authority + " (" + card.executing.level_name + ")", dl);
    if (card.deadline) addRow("Wanneer", card.deadline.text + (card.deadline.due_date_text ? " (uiterlijk " + card.deadline.due_date_text + ")" : ""), dl);
    if (card.channels && card.channels.length) {
      var ul = el("ul");
      card.channels.forEach(function (c) { var li = el("li"); li.appendChild(safeLink(c.url, c.name)); ul.appendChild(li); });
      addRow("Hoe of waar", ul, dl);
    }
    if (card.documents && card.documents.length) {
      var docs = el("ul");
      card.documents.forEach(function (d) { docs.appendChild(el("li", null, d)); });
      addRow("Meebrengen", docs, dl);
    }
    addRow("Bron", safeLink(card.source_url, card.source_url), dl);
    box.appendChild(dl);
    return box;
  }
  function addMessage(who, message) {
    var li = el("li", "msg " + who);
    if (message.custom && message.custom.type === "step_card") li.appendChild(renderCard(message.custom));
    else if (message.text) li.appendChild(el("span", null, message.text));
    if (message.buttons && message.buttons.length) {
      var row = el("div", "buttons");
      message.buttons.forEach(function (b) {
        var button = el("button", null, b.title);
        button.type = "button";
        button.addEventListener("click", function () { send(b.payload, b.title); });
        row.appendChild(button);
      });
      li.appendChild(row);
    }
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
  }
  function send(payload, shownText) {
    addMessage("user", { text: shownText || payload });
    statusEl.textContent = "Wegwijzer typt…";
    fetch(WEBHOOK, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: payload })
    }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (messages) {
      statusEl.textContent = "";
      messages.forEach(function (m) { addMessage("bot", m); });
    }).catch(function () {
      statusEl.textContent = "We kunnen u nu niet bereiken. Probeer het later opnieuw of bel gratis 1700.";
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
  document.getElementById("new-conversation").addEventListener("click", function () {
    sender = newSenderId();
    localStorage.setItem("wegwijzer-sender", sender);
    log.textContent = "";
    input.focus();
  });
})();
