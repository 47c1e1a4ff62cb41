// The content checks panel of the article admin: re-check the text as one types. Every
// 1.5 s, if the title, summary or body changed, post them to the panel's URL and show the
// answer (the server renders it: one rule, articles/checks.py). Nothing here blocks saving.
(function () {
  "use strict";
  const panel = document.getElementById("content-checks");
  const form = document.querySelector("form#article_form, form#translate-form");
  if (!panel || !form) return;
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  const names = ["title", "summary", "body"];
  const read = () => names.map((name) => {
    const field = form.querySelector(`[name="${name}"]`);
    return field ? field.value : "";
  });
  let checked = JSON.stringify(read());
  let busy = false;
  setInterval(async () => {
    const values = read();
    const now = JSON.stringify(values);
    if (busy || now === checked) return;
    busy = true;
    const data = new FormData();
    names.forEach((name, i) => data.append(name, values[i]));
    try {
      const response = await fetch(panel.dataset.url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      });
      if (response.ok) {
        panel.innerHTML = await response.text();
        checked = now;
      }
    } finally {
      busy = false;
    }
  }, 1500);
})();
