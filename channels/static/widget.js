/* Loader for the Wegwijzer chat widget, for pages that embed it with a classic script tag:
 *
 *   <script src="https://SERVER/webhooks/web/static/widget.js" data-server="https://SERVER" defer></script>
 *
 * It adds the module script (widget/main.js) with the same data attributes. New pages can use the
 * module directly: <script type="module" src="https://SERVER/webhooks/web/static/widget/main.js" ...>.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.WegwijzerWidget || document.querySelector("script[data-wegwijzer-widget]")) return;
  var module = document.createElement("script");
  module.type = "module";
  module.src = new URL("widget/main.js", script.src).href;
  Array.prototype.forEach.call(script.attributes, function (attribute) {
    if (attribute.name.indexOf("data-") === 0) module.setAttribute(attribute.name, attribute.value);
  });
  module.setAttribute("data-wegwijzer-widget", "");
  if (!module.getAttribute("data-server")) module.setAttribute("data-server", new URL(script.src).origin);
  document.head.appendChild(module);
})();
