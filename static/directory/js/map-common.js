// Shared map helpers for the page scripts (ES module). Leaflet itself is the global `L`
// from django-leaflet's static files, loaded by a classic <script> before this module.
// Everything a provider typed goes into the DOM with textContent, never innerHTML.

export function readJSON(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

export function createMap(element, settings) {
  const map = L.map(element, {
    center: settings.center,
    zoom: settings.zoom,
    minZoom: settings.minZoom,
    maxZoom: settings.maxZoom,
    keyboard: true,
    zoomControl: false,
  });
  // Leaflet's own control, with its labels in the page's language.
  L.control.zoom({ zoomInTitle: settings.labels.zoomIn, zoomOutTitle: settings.labels.zoomOut }).addTo(map);
  // Tiles are decoration: with no network the markers and the list still work.
  L.tileLayer(settings.tiles.url, {
    attribution: settings.tiles.attribution,
    maxZoom: settings.tiles.maxZoom,
  }).addTo(map);
  return map;
}

// A marker whose icon is a real <button>, so it is reachable with Tab and has a name.
export function markerIcon(label, { count = null, highlighted = false } = {}) {
  const size = count ? Math.min(48, 28 + String(count).length * 6) : 26;
  const icon = L.divIcon({
    className: "marker" + (count ? " marker--cluster" : "") + (highlighted ? " is-highlighted" : ""),
    html: "",
    iconSize: [size, size],
  });
  icon.createIcon = function createIcon(oldIcon) {
    const element = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    element.replaceChildren();
    const dot = document.createElement("span");
    dot.textContent = count ? String(count) : "";
    element.append(dot);
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", label);
    element.title = label;
    return element;
  };
  return icon;
}

// Popup content as DOM nodes: heading link, then lines of plain text.
export function popupContent({ title, url, lines = [] }) {
  const root = document.createElement("div");
  root.className = "popup";
  const heading = document.createElement("h3");
  if (url) {
    const link = document.createElement("a");
    link.href = url;
    link.textContent = title;
    heading.append(link);
  } else {
    heading.textContent = title;
  }
  root.append(heading);
  for (const line of lines.filter(Boolean)) {
    const paragraph = document.createElement("p");
    paragraph.textContent = line;
    root.append(paragraph);
  }
  return root;
}

// Leaflet opens a bound popup on Enter; a role=button must also answer Space, and a
// marker without a popup (a cluster) must answer Enter by firing its click.
export function activateOnKeys(marker) {
  marker.on("keypress", (event) => {
    const key = event.originalEvent.key;
    const leafletHandlesIt = key === "Enter" && marker.getPopup();
    if ((key === "Enter" || key === " ") && !leafletHandlesIt) {
      event.originalEvent.preventDefault();
      marker.fire("click", { latlng: marker.getLatLng() });
    }
  });
}
