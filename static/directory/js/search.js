// The search page, enhanced: the list and the map update without a full reload by
// fetching the same search from the API (a page URL and an API URL differ only in
// their path). Without this script the page is a plain GET form with a server list.
// Text from providers is inserted with textContent only.
import { activateOnKeys, createMap, markerIcon, popupContent, readJSON } from "./map-common.js";

const config = readJSON("search-config");
const form = document.getElementById("search-form");
const list = document.getElementById("result-list");
const summary = document.getElementById("results-summary");
const mapElement = document.getElementById("search-map");
const text = config.text;

// Parameters that describe the map view, not the filters, when asking for clusters.
const VIEW_PARAMS = ["near", "radius", "ordering", "page", "bbox"];

// The map section is hidden without JavaScript (no empty box); the script shows it first.
document.getElementById("results-map").hidden = false;
const map = createMap(mapElement, config.map);
const markers = new Map(); // feature key -> Leaflet marker
let ignoreMoves = 0; // >0 while the script itself moves the map
let searchController = null;
let markerController = null;
let searchPoint = null; // the marker of the searched point
let pointLabel = config.point ? config.point.label : "";

// --- helpers -------------------------------------------------------------------------

const format = (template, values) => template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));
const slugFromUrl = (url) => (url || "").replace(/\/+$/, "").split("/").pop();
const pageUrl = (template, slug) => template.replace("SLUG", encodeURIComponent(slug));

function formParams() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim() !== "") params.append(name, value);
  }
  return params;
}

function moveMapQuietly(move) {
  ignoreMoves += 1;
  try {
    move();
  } finally {
    ignoreMoves -= 1;
  }
}

function element(tag, attributes = {}, content = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (content !== null) node.textContent = content;
  return node;
}

function distanceText(km) {
  const number = (value, digits) =>
    value.toLocaleString(document.documentElement.lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (km < 1) return `${Math.round((km * 1000) / 10) * 10} m`;
  return `${number(km, km < 10 ? 1 : 0)} km`;
}

function priceText(offer) {
  if (offer.is_free) return config.labels.free;
  const amount = Number(offer.price_dkk);
  const digits = Number.isInteger(amount) ? 0 : 2;
  const formatted = amount.toLocaleString(document.documentElement.lang === "en" ? "en-GB" : "da-DK", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const price = format(config.labels.amount, { amount: formatted });
  return offer.price_note ? `${price} (${offer.price_note})` : price;
}

function gradeName(grade) {
  return document.documentElement.lang === "en" && grade.name_en ? grade.name_en : grade.name;
}

// --- the list ------------------------------------------------------------------------

function resultItem(offer) {
  const place = offer.environments.find((item) => item.slug === offer.nearest_environment) || offer.environments[0];
  const item = element("li", { class: "result", "data-offer": offer.slug });
  if (place) item.dataset.environment = place.slug;
  if (place && place.latitude !== null) {
    Object.assign(item.dataset, { lat: place.latitude, lng: place.longitude, placeName: place.name });
  }
  const heading = element("h3");
  heading.append(element("a", { href: pageUrl(config.offerUrl, offer.slug) }, offer.title));
  const facts = element("dl", { class: "result__meta" });
  const fact = (label, value, className) => {
    if (!value) return;
    facts.append(element("dt", {}, label));
    facts.append(element("dd", className ? { class: className } : {}, value));
  };
  fact(config.labels.provider, offer.organisation.name);
  if (place) fact(config.labels.place, place.city ? `${place.name}, ${place.city}` : place.name);
  if (offer.distance_km !== null) fact(config.labels.distance, distanceText(offer.distance_km), "result__distance");
  const grades = offer.grade_from.level === offer.grade_to.level
    ? gradeName(offer.grade_from)
    : `${gradeName(offer.grade_from)}–${gradeName(offer.grade_to)}`;
  fact(config.labels.grades, grades);
  fact(config.labels.price, priceText(offer));
  fact(config.labels.format, config.formats[offer.format] || offer.format);
  const tags = element("ul", { class: "tag-list", "aria-label": config.labels.subjects });
  for (const slug of offer.subjects) tags.append(element("li", { class: "tag" }, config.subjects[slug] || slug));
  item.append(heading, facts, tags);
  return item;
}

function renderPagination(params, data) {
  document.getElementById("pagination")?.remove();
  const pages = Math.ceil(data.count / config.pageSize);
  if (pages <= 1) return;
  const number = Number(params.get("page") || 1);
  const nav = element("nav", { class: "pagination", id: "pagination", "aria-label": config.labels.pages });
  const link = (page, label, rel) => {
    const target = new URLSearchParams(params);
    target.set("page", String(page));
    const anchor = element("a", { href: `?${target}`, rel }, label);
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      runSearch(target, { focusList: true });
    });
    nav.append(anchor);
  };
  if (number > 1) link(number - 1, text.previous, "prev");
  nav.append(element("span", {}, format(text.pageOf, { number, count: pages })));
  if (number < pages) link(number + 1, text.next, "next");
  list.after(nav);
}

// "How many are shown and why": the count, the page's range, the place and the filters set.
function summaryLine(params, data) {
  let line = format(text.showing, { count: data.count });
  const number = Number(params.get("page") || 1);
  if (data.count > config.pageSize) {
    const first = (number - 1) * config.pageSize + 1;
    line += ` (${format(text.showingRange, { first, last: Math.min(number * config.pageSize, data.count) })})`;
  }
  if (params.get("bbox")) line += ` ${text.inArea}`;
  else if (params.get("near")) {
    line += ` ${format(text.within, { km: params.get("radius") || config.radiusKm, place: pointLabel })}`;
  }
  return [line, ...chosenFilters()].join(" · ");
}

// The filters set in the form, named as the form shows them (selected options, ticked boxes).
function chosenFilters() {
  const chosen = [];
  for (const control of form.querySelectorAll("select, input")) {
    if (["near", "radius", "ordering", "bbox", "page"].includes(control.name) || !control.name) continue;
    if (control.tagName === "SELECT") {
      const names = [...control.selectedOptions].filter((option) => option.value).map((option) => option.textContent.trim());
      if (names.length) chosen.push(names.join(", "));
    } else if (control.type === "checkbox" || control.type === "radio") {
      if (control.checked) chosen.push(form.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent.trim() || control.value);
    } else if (control.type !== "hidden" && control.value.trim()) {
      chosen.push(`“${control.value.trim()}”`);
    }
  }
  return chosen;
}

// What the place text was understood as ("8270 Højbjerg"), and the searched point on the map.
async function understandPlace(params) {
  const near = params.get("near");
  if (!near) {
    pointLabel = "";
    showSearchPoint(null);
    return;
  }
  try {
    const response = await fetch(`${config.geocodeUrl}?${new URLSearchParams({ q: near })}`, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const point = await response.json();
    pointLabel = point.source === "coordinates" ? text.yourLocation : point.label;
    showSearchPoint({ lat: point.latitude, lng: point.longitude, label: pointLabel });
  } catch (error) {
    pointLabel = near;
  }
}

function showSearchPoint(point) {
  searchPoint?.remove();
  searchPoint = null;
  if (!point) return;
  const icon = L.divIcon({ className: "search-point", html: "<span></span>", iconSize: [18, 18] });
  searchPoint = L.marker([point.lat, point.lng], { icon, interactive: false, keyboard: false, zIndexOffset: 1000 });
  searchPoint.addTo(map);
  searchPoint.getElement()?.setAttribute("aria-hidden", "true");
}

function renderResults(params, data) {
  list.replaceChildren(...data.results.map(resultItem));
  document.getElementById("no-results")?.remove();
  if (!data.results.length) list.after(element("p", { id: "no-results" }, text.noResults));
  summary.textContent = summaryLine(params, data);
  renderPagination(params, data);
  bindListHighlights();
}

// --- searching -----------------------------------------------------------------------

async function runSearch(params, { push = true, focusList = false } = {}) {
  searchController?.abort();
  searchController = new AbortController();
  summary.textContent = text.loading;
  let response;
  try {
    response = await fetch(`${config.apiUrl}?${params}`, {
      headers: { Accept: "application/json" },
      signal: searchController.signal,
    });
  } catch (error) {
    if (error.name !== "AbortError") summary.textContent = text.failed;
    return;
  }
  if (response.status === 400) {
    // Let the server render the page: its messages stand next to the fields.
    window.location.assign(`?${params}`);
    return;
  }
  if (!response.ok) {
    summary.textContent = text.failed;
    return;
  }
  const data = await response.json();
  if (!data.count && !params.get("bbox")) {
    // Nothing found: the server's page says why and offers the ways forward.
    window.location.assign(`?${params}`);
    return;
  }
  if (push) history.pushState(null, "", `?${params}`);
  shownSearch = window.location.search;
  if (!params.get("bbox")) await understandPlace(params);
  renderResults(params, data);
  if (focusList) document.getElementById("results-heading").scrollIntoView();
  const point = data.results.find((offer) => offer.distance_km !== null);
  if (!params.get("bbox") && params.get("near") && point) {
    fitToResults(data.results);
  }
  loadMarkers();
}

function fitToResults(offers) {
  const positions = [];
  for (const offer of offers) {
    const place = offer.environments.find((item) => item.slug === offer.nearest_environment);
    if (place && place.latitude !== null) positions.push([place.latitude, place.longitude]);
  }
  if (positions.length) moveMapQuietly(() => map.fitBounds(positions, { padding: [32, 32], maxZoom: 14, animate: false }));
}

function searchVisibleArea() {
  const params = formParams();
  const bounds = map.getBounds();
  const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
    .map((value) => value.toFixed(5))
    .join(",");
  params.set("bbox", bbox);
  // The visible area limits the search; keep 'near' for the distance order only.
  if (params.get("near")) params.set("radius", "500");
  params.delete("page");
  let hidden = form.querySelector('input[name="bbox"]');
  if (!hidden) {
    hidden = element("input", { type: "hidden", name: "bbox" });
    form.append(hidden);
  }
  hidden.value = bbox;
  runSearch(params);
}

// --- the map -------------------------------------------------------------------------

function clusterParams() {
  const params = new URLSearchParams(window.location.search);
  for (const name of VIEW_PARAMS) params.delete(name);
  const bounds = map.getBounds().pad(0.2);
  const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
  params.set("zoom", String(map.getZoom()));
  params.set(
    "bbox",
    [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90), clamp(bounds.getEast(), 180), clamp(bounds.getNorth(), 90)]
      .map((value) => value.toFixed(5))
      .join(","),
  );
  return params;
}

function featureKey(feature) {
  const [lng, lat] = feature.geometry.coordinates;
  return feature.properties.cluster ? `c:${lat.toFixed(5)},${lng.toFixed(5)},${feature.properties.count}` : `p:${feature.properties.id}`;
}

function offersInListAt(slug) {
  return [...list.querySelectorAll(`.result[data-environment="${CSS.escape(slug)}"] h3 a`)];
}

function placeMarker(feature) {
  const [lng, lat] = feature.geometry.coordinates;
  const place = feature.properties;
  const slug = slugFromUrl(place.url);
  // autoPanOnFocus off: tabbing onto a marker must never move the map (and so never search).
  const marker = L.marker([lat, lng], { icon: markerIcon(place.name), keyboard: true, autoPanOnFocus: false });
  marker.slug = slug;
  marker.bindPopup(() => {
    const links = offersInListAt(slug).map((anchor) => anchor.textContent);
    const content = popupContent({
      title: place.name,
      url: pageUrl(config.environmentUrl, slug),
      lines: [place.organisation, format(text.offerCount, { count: place.offer_count })],
    });
    if (links.length) {
      const offers = element("ul");
      for (const anchor of offersInListAt(slug)) {
        const item = element("li");
        item.append(element("a", { href: anchor.getAttribute("href") }, anchor.textContent));
        offers.append(item);
      }
      content.append(offers);
    }
    return content;
  }, { autoPanPadding: [24, 24] });
  marker.on("popupopen", () => highlight(slug, true));
  marker.on("popupclose", () => highlight(slug, false));
  activateOnKeys(marker);
  return marker;
}

function clusterMarker(feature) {
  const [lng, lat] = feature.geometry.coordinates;
  const count = feature.properties.count;
  const marker = L.marker([lat, lng], {
    icon: markerIcon(format(text.cluster, { count }), { count }),
    keyboard: true,
    autoPanOnFocus: false,
  });
  marker.on("click", () => map.setView([lat, lng], Math.min(map.getZoom() + 2, config.map.maxZoom)));
  activateOnKeys(marker);
  return marker;
}

async function loadMarkers() {
  markerController?.abort();
  markerController = new AbortController();
  let data;
  try {
    const response = await fetch(`${config.clustersUrl}?${clusterParams()}`, {
      headers: { Accept: "application/geo+json, application/json" },
      signal: markerController.signal,
    });
    if (!response.ok) return;
    data = await response.json();
  } catch (error) {
    return; // aborted by a newer request, or offline: the list still stands
  }
  const wanted = new Map(data.features.filter((feature) => feature.geometry).map((feature) => [featureKey(feature), feature]));
  for (const [key, marker] of markers) {
    if (!wanted.has(key)) {
      marker.remove();
      markers.delete(key);
    }
  }
  for (const [key, feature] of wanted) {
    if (markers.has(key)) continue;
    const marker = feature.properties.cluster ? clusterMarker(feature) : placeMarker(feature);
    marker.addTo(map);
    markers.set(key, marker);
  }
  tabOnlyVisibleMarkers();
  // The state of the map, readable by tests and assistive tooling alike.
  const bounds = map.getBounds();
  mapElement.dataset.bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].join(",");
  mapElement.dataset.markers = String(markers.size);
  mapElement.dispatchEvent(new CustomEvent("markers-loaded"));
}

// Markers are loaded for a margin around the view; those outside it are not in the tab
// order, so focus never lands on something unseen (nor asks the map to move to it).
function tabOnlyVisibleMarkers() {
  const bounds = map.getBounds();
  for (const marker of markers.values()) {
    marker.getElement()?.setAttribute("tabindex", bounds.contains(marker.getLatLng()) ? "0" : "-1");
  }
}

// --- popups are dialogs: they take focus, close on Escape and give focus back -----------

let popupOpener = null;

map.on("popupopen", (event) => {
  const container = event.popup.getElement();
  const heading = container.querySelector("h3");
  popupOpener = document.activeElement !== document.body ? document.activeElement : null;
  container.setAttribute("role", "dialog");
  if (heading) {
    heading.id = heading.id || `popup-heading-${Date.now()}`;
    container.setAttribute("aria-labelledby", heading.id);
  }
  const close = container.querySelector(".leaflet-popup-close-button");
  close?.setAttribute("aria-label", text.closePopup);
  close?.setAttribute("title", text.closePopup);
  if (!container.dataset.dialog) {
    // Leaflet keeps a popup's element between openings: listen once.
    container.dataset.dialog = "true";
    container.addEventListener("keydown", (keyEvent) => {
      if (keyEvent.key === "Escape") {
        keyEvent.preventDefault();
        map.closePopup();
      }
    });
  }
  const first = container.querySelector(".leaflet-popup-content a, .leaflet-popup-content button");
  (first || container).focus({ preventScroll: true });
});
map.on("popupclose", (event) => {
  const container = event.popup.getElement();
  const focusWasInside = !document.activeElement || document.activeElement === document.body
    || container?.contains(document.activeElement);
  if (popupOpener && popupOpener.isConnected && focusWasInside) popupOpener.focus({ preventScroll: true });
  popupOpener = null;
});

// --- marker <-> list highlight --------------------------------------------------------

function highlight(slug, on) {
  for (const item of list.querySelectorAll(`.result[data-environment="${CSS.escape(slug)}"]`)) {
    item.classList.toggle("is-highlighted", on);
  }
  for (const marker of markers.values()) {
    if (marker.slug === slug) marker.getElement()?.classList.toggle("is-highlighted", on);
  }
}

// "Vis på kort" under each located result: opens the place's popup, without moving the map
// unless the place is out of view; Escape gives focus back to the button.
function addShowOnMapButtons() {
  const byOffer = new Map(config.places.map((place) => [`result-${place.offer}`, place]));
  for (const item of list.querySelectorAll(".result")) {
    const place = item.dataset.lat ? { lat: Number(item.dataset.lat), lng: Number(item.dataset.lng), name: item.dataset.placeName } : byOffer.get(item.id);
    if (!place || item.querySelector(".result__show-on-map")) continue;
    const button = element("button", { type: "button", class: "button button--secondary result__show-on-map" }, text.showOnMap);
    const title = item.querySelector("h3 a");
    button.setAttribute("aria-label", `${text.showOnMap}: ${title.textContent}`);
    button.addEventListener("click", () => showOnMap(place, title, item.dataset.environment));
    item.append(button);
  }
}

function showOnMap(place, title, slug) {
  const position = L.latLng(place.lat, place.lng);
  mapElement.scrollIntoView({ block: "nearest" });
  if (!map.getBounds().contains(position)) {
    moveMapQuietly(() => map.setView(position, Math.max(map.getZoom(), 11), { animate: false }));
  }
  const content = popupContent({
    title: place.name,
    url: slug ? pageUrl(config.environmentUrl, slug) : null,
    lines: [],
  });
  const offers = element("ul");
  const entry = element("li");
  entry.append(element("a", { href: title.getAttribute("href") }, title.textContent));
  offers.append(entry);
  content.append(offers);
  const popup = L.popup({ autoPanPadding: [24, 24] }).setLatLng(position).setContent(content);
  if (slug) {
    popup.on("add", () => highlight(slug, true));
    popup.on("remove", () => highlight(slug, false));
  }
  popup.openOn(map);
}

function bindListHighlights() {
  addShowOnMapButtons();
  for (const item of list.querySelectorAll(".result[data-environment]")) {
    const slug = item.dataset.environment;
    for (const type of ["mouseenter", "focusin"]) item.addEventListener(type, () => highlight(slug, true));
    for (const type of ["mouseleave", "focusout"]) item.addEventListener(type, () => highlight(slug, false));
  }
}

// --- wiring --------------------------------------------------------------------------

function initialView() {
  const fit = (bounds, options = {}) =>
    moveMapQuietly(() => map.fitBounds(bounds, { padding: [32, 32], maxZoom: 14, animate: false, ...options }));
  if (config.bbox) {
    const [west, south, east, north] = config.bbox;
    fit([[south, west], [north, east]], { padding: [0, 0], maxZoom: config.map.maxZoom });
  } else if (config.places.length) {
    // The listed results (nearest first when a place was given), with the point itself.
    const positions = config.places.map((place) => [place.lat, place.lng]);
    if (config.point) positions.push([config.point.lat, config.point.lng]);
    fit(positions);
  } else if (config.point) {
    fit(L.latLng(config.point.lat, config.point.lng).toBounds(config.radiusKm * 2000), { padding: [0, 0] });
  }
}

const autoSearch = document.getElementById("search-as-map-moves");
const areaButton = document.getElementById("search-this-area");
document.getElementById("map-tools").hidden = false;

map.on("autopanstart", () => {
  ignoreMoves += 1;
  map.once("moveend", () => {
    ignoreMoves -= 1;
  });
});
map.on("moveend", () => {
  tabOnlyVisibleMarkers();
  loadMarkers();
  if (ignoreMoves > 0) return;
  if (autoSearch.checked) searchVisibleArea();
  else areaButton.hidden = false;
});
autoSearch.addEventListener("change", () => {
  if (autoSearch.checked) areaButton.hidden = true;
});
areaButton.addEventListener("click", () => {
  areaButton.hidden = true;
  searchVisibleArea();
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // A new search from the form forgets the old map area.
  form.querySelector('input[name="bbox"]')?.remove();
  runSearch(formParams());
});
// Back and Forward between searches reload that search; a jump to an anchor (the skip
// link) changes only the fragment and must not.
let shownSearch = window.location.search;
window.addEventListener("popstate", () => {
  if (window.location.search !== shownSearch) window.location.reload();
});

const locate = document.getElementById("use-location");
const locationStatus = document.getElementById("location-status");
if ("geolocation" in navigator) {
  locate.hidden = false;
  locate.addEventListener("click", () => {
    locationStatus.textContent = text.locating;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const near = document.getElementById("id_near");
        near.value = `${position.coords.latitude.toFixed(5)},${position.coords.longitude.toFixed(5)}`;
        locationStatus.textContent = text.located;
        form.requestSubmit();
      },
      () => {
        locationStatus.textContent = text.locationFailed;
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
}

if (config.point) showSearchPoint(config.point);
initialView();
bindListHighlights();
loadMarkers();
