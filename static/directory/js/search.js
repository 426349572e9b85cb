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

const map = createMap(mapElement, config.map);
const markers = new Map(); // feature key -> Leaflet marker
let ignoreMoves = 0; // >0 while the script itself moves the map
let searchController = null;
let markerController = null;

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

function renderResults(params, data) {
  list.replaceChildren(...data.results.map(resultItem));
  document.getElementById("no-results")?.remove();
  if (!data.results.length) list.after(element("p", { id: "no-results" }, text.noResults));
  let line = format(text.showing, { count: data.count });
  if (params.get("bbox")) line += ` ${text.inArea}`;
  else if (params.get("near")) line += ` ${text.near} ${params.get("near")}`;
  summary.textContent = line;
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
  if (push) history.pushState(null, "", `?${params}`);
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
  const marker = L.marker([lat, lng], { icon: markerIcon(place.name), keyboard: true, title: place.name });
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
  const marker = L.marker([lat, lng], { icon: markerIcon(format(text.cluster, { count }), { count }), keyboard: true });
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
  // The state of the map, readable by tests and assistive tooling alike.
  const bounds = map.getBounds();
  mapElement.dataset.bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].join(",");
  mapElement.dataset.markers = String(markers.size);
  mapElement.dispatchEvent(new CustomEvent("markers-loaded"));
}

// --- marker <-> list highlight --------------------------------------------------------

function highlight(slug, on) {
  for (const item of list.querySelectorAll(`.result[data-environment="${CSS.escape(slug)}"]`)) {
    item.classList.toggle("is-highlighted", on);
  }
  for (const marker of markers.values()) {
    if (marker.slug === slug) marker.getElement()?.classList.toggle("is-highlighted", on);
  }
}

function bindListHighlights() {
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
window.addEventListener("popstate", () => window.location.reload());

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

initialView();
bindListHighlights();
loadMarkers();
