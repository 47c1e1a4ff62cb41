// The API's ReDoc page (templates/ninja/redoc.html): from a file, as the CSP allows no inline script.
const redocSettings = JSON.parse(document.getElementById("redoc-settings").textContent);
Redoc.init(
  document.body.dataset.openapiUrl,
  redocSettings,
  document.getElementById("redoc-ui"),
);
