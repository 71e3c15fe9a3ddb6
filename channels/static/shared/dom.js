// Small DOM helpers shared by the widget and the staff pages. Every text goes in with
// textContent (never innerHTML); links are made only for http(s) URLs.

var uid = 0;

/** A unique element id with a prefix (``wgw-card-3``). */
export function nextId(prefix) {
  uid += 1;
  return "wgw-" + prefix + "-" + uid;
}

export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function button(className, label, onClick) {
  var b = el("button", className, label);
  b.type = "button";
  if (onClick) b.addEventListener("click", onClick);
  return b;
}

export function isHttpUrl(url) {
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return false;
  try { return /^https?:$/.test(new URL(url).protocol); } catch (e) { return false; }
}

/**
 * A link that opens in a new window, announced to screen readers; plain text when the URL is
 * not http(s). ``options``: {className, hiddenClass, newWindow (the announcement)}.
 */
export function link(url, label, options) {
  if (!isHttpUrl(url)) return el("span", null, label || url || "");
  var a = el("a", options.className || null, label || url);
  a.href = url;
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  a.appendChild(el("span", options.hiddenClass, options.newWindow));
  return a;
}

/** Appends text to a node, turning http(s) URLs into safe links. */
export function appendLinkified(node, text, makeLink) {
  var pattern = /https?:\/\/[^\s<>"']+/g;
  var last = 0;
  var match;
  text = String(text || "");
  while ((match = pattern.exec(text)) !== null) {
    var url = match[0].replace(/[.,;:!?)\]]+$/, "");
    node.appendChild(document.createTextNode(text.slice(last, match.index)));
    node.appendChild(makeLink(url, url));
    last = match.index + url.length;
    pattern.lastIndex = last;
  }
  node.appendChild(document.createTextNode(text.slice(last)));
  return node;
}

/** A term and its detail in a definition list. */
export function addRow(dl, term, detail) {
  dl.appendChild(el("dt", null, term));
  var dd = el("dd");
  if (typeof detail === "string") dd.textContent = detail; else dd.appendChild(detail);
  dl.appendChild(dd);
}
