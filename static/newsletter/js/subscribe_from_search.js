// The search page updates its results and its address without reloading (search.js); the
// subscription must be the search shown now, so the form takes the address's query on submit.
const form = document.querySelector("form.newsletter-subscribe");
if (form) {
  form.addEventListener("submit", () => {
    form.elements.filters.value = window.location.search.replace(/^\?/, "");
  });
}
