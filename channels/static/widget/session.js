// The conversation id: kept across page loads and tabs, forgotten after 30 idle minutes (the next
// person at a shared computer starts fresh); an open page keeps it alive.

export var KEY_SENDER = "wegwijzer-sender";
export var KEY_UPDATED = "wegwijzer-updated";
export var KEY_OPEN = "wegwijzer-open";
var KEY_SEEN = "wegwijzer-seen";
var IDLE_LIMIT_MS = 30 * 60 * 1000;

export function storageGet(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
export function storageSet(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
export function sessionGet(key) { try { return window.sessionStorage.getItem(key); } catch (e) { return null; } }
export function sessionSet(key, value) { try { window.sessionStorage.setItem(key, value); } catch (e) { /* ignore */ } }

export function isSenderId(value) { return /^[0-9a-f]{32}$/.test(value || ""); }

export function newSenderId() {
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}

export function keepAlive() { storageSet(KEY_SEEN, String(Date.now())); }

/** The conversation to continue, or a new one when there is none or it was left alone too long. */
export function restoreSender() {
  var sender = storageGet(KEY_SENDER);
  var lastSeen = parseInt(storageGet(KEY_SEEN) || "0", 10);
  if (!isSenderId(sender) || !(Date.now() - lastSeen < IDLE_LIMIT_MS)) {
    sender = newSenderId();
    storageSet(KEY_SENDER, sender);
  }
  keepAlive();
  window.setInterval(function () { if (!document.hidden) keepAlive(); }, 60 * 1000);
  return sender;
}

/** Tells other tabs of this site that the conversation changed (they reload its history). */
export function notifyOtherTabs(sender) {
  keepAlive();
  storageSet(KEY_UPDATED, sender + ":" + Date.now());
}
