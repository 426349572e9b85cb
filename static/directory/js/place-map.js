// Small map on the detail pages: one marker per place, fitted to the places.
import { activateOnKeys, createMap, markerIcon, popupContent, readJSON } from "./map-common.js";

const element = document.getElementById("place-map");
const places = readJSON("places-data") || [];
const settings = readJSON("map-settings");

if (element && settings && places.length) {
  const map = createMap(element, settings);
  const bounds = [];
  for (const place of places) {
    const marker = L.marker([place.lat, place.lng], { icon: markerIcon(place.name), keyboard: true });
    marker.bindPopup(() => popupContent({ title: place.name, url: place.url, lines: [place.address] }));
    activateOnKeys(marker);
    marker.addTo(map);
    bounds.push([place.lat, place.lng]);
  }
  if (bounds.length === 1) {
    map.setView(bounds[0], 13);
  } else {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }
}
