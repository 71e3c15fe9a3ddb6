// The widget's settings, read from its own script tag:
//   <script type="module" src="https://SERVER/webhooks/web/static/widget/main.js"
//           data-server="https://SERVER" data-title="Wegwijzer" data-mode="inline" data-target="#chat">

function httpOrigin(value) {
  try {
    var url = new URL(value, document.baseURI);
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch (e) { return null; }
}

/** The script element that loaded ``moduleUrl`` (module scripts have no document.currentScript). */
export function ownScript(moduleUrl) {
  var scripts = document.querySelectorAll("script[src]");
  for (var i = 0; i < scripts.length; i += 1) {
    if (new URL(scripts[i].getAttribute("src"), document.baseURI).href === moduleUrl) return scripts[i];
  }
  return document.querySelector("script[data-wegwijzer-widget]");
}

export function readConfig(script, moduleUrl) {
  var server = httpOrigin(script.getAttribute("data-server") || "") || httpOrigin(moduleUrl) || window.location.origin;
  return {
    server: server,
    base: server + "/webhooks/web/",
    title: (script.getAttribute("data-title") || "Wegwijzer").slice(0, 60),
    lang: "nl", // the assistant speaks Dutch only; data-lang is accepted for later languages
    inline: script.getAttribute("data-mode") === "inline",
    target: script.getAttribute("data-target"),
    maxChars: 2000,
    feedbackRetries: [1000, 3000]
  };
}
