// The panel as a dialog: on small screens (and at 200 % zoom) it fills the screen and is a proper
// modal dialog (aria-modal, focus kept inside, Escape closes); the header's "Meer" menu; and no
// keyboard popping up on touch screens after a button tap.

var SMALL_SCREEN = "(max-width: 34rem), (max-height: 34rem)";
var FOCUSABLE = "a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), " +
  "select:not([disabled]), [tabindex]:not([tabindex='-1'])";

export function installDialog(w) {
  var d = w.dom;
  var small = window.matchMedia ? window.matchMedia(SMALL_SCREEN) : { matches: false };
  var lastPointer = null;

  /** True on touch screens: focusing the text box there pops up the keyboard. */
  w.isTouch = function () {
    if (lastPointer) return lastPointer === "touch";
    return Boolean(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
  };
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType || "mouse"; }, true);
  document.addEventListener("keydown", function () { lastPointer = "keyboard"; }, true);

  /** After a button that goes away: focus stays in the panel, without a keyboard on touch screens. */
  w.keepFocusInPanel = function () {
    if (w.isTouch()) d.log.focus({ preventScroll: true });
    else d.input.focus();
  };

  function modal() { return !w.config.inline && small.matches; }

  function updateModal() {
    if (w.config.inline) return;
    var on = modal() && !d.panel.hidden;
    d.panel.setAttribute("aria-modal", on ? "true" : "false");
    document.documentElement.classList.toggle("wgw-modal-open", on);
  }
  w.updateModal = updateModal;
  if (small.addEventListener) small.addEventListener("change", updateModal);

  function focusables() {
    return Array.prototype.filter.call(d.panel.querySelectorAll(FOCUSABLE), function (node) {
      return node.getClientRects().length > 0;
    });
  }

  d.panel.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || !modal()) return;
    var nodes = focusables();
    if (!nodes.length) return;
    var first = nodes[0];
    var last = nodes[nodes.length - 1];
    if (event.shiftKey && (document.activeElement === first || !d.panel.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
  // Focus that leaves a modal panel (a click outside cannot happen: it covers the screen) is
  // brought back.
  document.addEventListener("focusin", function (event) {
    if (modal() && !d.panel.hidden && !d.panel.contains(event.target) && !event.target.closest(".wgw-print")) {
      var nodes = focusables();
      if (nodes.length) nodes[0].focus();
    }
  });

  // The "Meer" menu.
  w.openMenu = function () {
    d.menuPlanItems.forEach(function (item) { item.hidden = !w.state.plan; });
    d.menu.hidden = false;
    d.menuButton.setAttribute("aria-expanded", "true");
    var first = d.menu.querySelector("li:not([hidden]) button");
    if (first) first.focus();
  };
  w.closeMenu = function (focusButton) {
    if (d.menu.hidden) return;
    d.menu.hidden = true;
    d.menuButton.setAttribute("aria-expanded", "false");
    if (focusButton) d.menuButton.focus();
  };
  d.menuButton.addEventListener("click", function () {
    if (d.menu.hidden) w.openMenu(); else w.closeMenu(true);
  });
  d.menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation(); // Escape closes the menu, not the panel
      w.closeMenu(true);
    }
  });
  d.menu.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (next && !d.menu.contains(next) && next !== d.menuButton) w.closeMenu(false);
  });
  document.addEventListener("click", function (event) {
    if (!d.menu.hidden && !d.menu.contains(event.target) && !d.menuButton.contains(event.target)) w.closeMenu(false);
  });
}
