// The environment form's pin map: drag the marker (or click the map) to place the pin by
// hand. The chosen point goes into the form's hidden latitude/longitude inputs; the server
// records it as a manual pin. Leaflet is the global `L` from django-leaflet's static files.
(function () {
  "use strict";
  const element = document.getElementById("pin-map");
  const configElement = document.getElementById("pin-map-config");
  if (!element || !configElement || typeof L === "undefined") return;
  const config = JSON.parse(configElement.textContent);
  const prefix = JSON.parse(document.getElementById("pin-map-label").textContent);
  const latitudeInput = document.querySelector("input[name=latitude]");
  const longitudeInput = document.querySelector("input[name=longitude]");
  const status = document.getElementById("pin-status");

  const map = L.map(element, { center: config.center, zoom: config.zoom, keyboard: true });
  L.tileLayer(config.tilesUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  let marker = null;

  function record(latlng) {
    const latitude = latlng.lat.toFixed(6);
    const longitude = latlng.lng.toFixed(6);
    latitudeInput.value = latitude;
    longitudeInput.value = longitude;
    status.textContent = prefix + " " + latitude + ", " + longitude + ".";
    element.dataset.pin = latitude + "," + longitude;
  }

  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.marker(latlng, { draggable: true, keyboard: true, title: prefix });
      marker.on("dragend", () => record(marker.getLatLng()));
      marker.addTo(map);
    }
  }

  if (config.hasPin) place(L.latLng(config.center[0], config.center[1]));
  map.on("click", (event) => {
    place(event.latlng);
    record(event.latlng);
  });
})();
