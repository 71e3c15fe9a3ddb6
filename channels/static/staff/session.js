// Shared by the staff pages: shows who is logged in and logs out on the server (every replica).
(function () {
  "use strict";
  var bar = document.querySelector("[data-staff-session]");
  if (!bar) return;
  var who = bar.querySelector("[data-staff-name]");
  var logout = bar.querySelector("[data-staff-logout]");
  fetch("/webhooks/staff/me", { credentials: "same-origin" }).then(function (r) {
    return r.ok ? r.json() : null;
  }).then(function (me) {
    if (me && who) who.textContent = "Aangemeld als " + (me.name || me.login);
  }).catch(function () { /* the page itself shows login problems */ });
  if (logout) {
    logout.addEventListener("click", function () {
      fetch("/webhooks/staff/logout", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Wegwijzer-Request": "1" }, body: "{}"
      }).finally(function () { window.location.assign("/webhooks/staff/login?afgemeld=1"); });
    });
  }
})();
