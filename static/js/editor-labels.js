// Name each rich-text editor after its field's label: the editor's editable area is an
// ARIA textbox, which screen readers announce by name (WCAG 4.1.2). The editor builds its
// area after the page loads, so label the areas as they appear.
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll(".rich-text-editor").forEach((wrapper) => {
      const area = wrapper.querySelector("[contenteditable]");
      const field = wrapper.querySelector("textarea, input[type=hidden]");
      if (!area || area.hasAttribute("aria-label") || !field || !field.id) return;
      const text = document.querySelector(`label[for="${field.id}"]`);
      if (text) area.setAttribute("aria-label", text.textContent.replace(/:\s*$/, "").trim());
    });
  }
  new MutationObserver(() => label(document)).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", () => label(document));
})();
