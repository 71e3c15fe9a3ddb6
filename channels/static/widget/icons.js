// The widget's icons (inline SVG, no icon font, nothing from a CDN).

var SVG_NS = "http://www.w3.org/2000/svg";
var ICONS = {
  chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
  thumb: "M2 10h4v11H2zM8 21h9.3a2 2 0 0 0 2-1.6l1.5-7.1A2 2 0 0 0 18.8 10H14l.9-4.3A2.1 2.1 0 0 0 12.8 3L8 9.6z",
  close: "M5 5l14 14M19 5L5 19",
  menu: "M4 6h16M4 12h16M4 18h16"
};

export function icon(name, rotate) {
  var svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "wgw-icon");
  var path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICONS[name]);
  if (name === "close" || name === "menu") {
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
