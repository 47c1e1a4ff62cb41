// The rich-text editor, named and worded in the admin's language (WCAG 4.1.2, 3.1.1).
// The texts come from core/forms.py (editor_labels), rendered as a JSON data block first in
// each editor's wrapper, so they are in the site's message catalogues.
// - Each editor's editable area is named after its field's label: it is an ARIA textbox,
//   which screen readers announce by name.
// - django-prose-editor writes its toolbar buttons' names (title, aria-label) in English in
//   its code, with no hook: rename each by its data-name once the toolbar is built, and lay
//   the toolbar out in the admin's direction (the text itself keeps the field's).
// - Its dialogs (link, list properties) take their texts from window.gettext, which it reads
//   once, when its module loads. Modules run after classic scripts and before
//   DOMContentLoaded, so the one installed here is the one it reads; at DOMContentLoaded
//   the page's own gettext (the admin's JavaScript catalogue, when the page loads one
//   before this script) is put back for the admin's scripts, so the editor's texts answer
//   only the editor. Texts it has no entry for go on to that catalogue too.
(function () {
  "use strict";
  const parsed = new WeakMap();

  function labelsOf(wrapper) {
    if (!parsed.has(wrapper)) {
      let labels = { dir: "", buttons: {}, messages: {} };
      const data = wrapper.querySelector(':scope > script[type="application/json"]');
      try {
        labels = { ...labels, ...JSON.parse(data ? data.textContent : "{}") };
      } catch (error) {
        console.error("editor-labels: unreadable labels", error);
      }
      parsed.set(wrapper, labels);
    }
    return parsed.get(wrapper);
  }

  const hadGettext = Object.prototype.hasOwnProperty.call(window, "gettext");
  const previous = window.gettext;
  function pageGettext(text) {
    return typeof previous === "function" ? previous(text) : text;
  }
  window.gettext = function editorGettext(text) {
    const wrapper = document.querySelector(".rich-text-editor");
    const messages = wrapper ? labelsOf(wrapper).messages : {};
    return Object.prototype.hasOwnProperty.call(messages, text) ? messages[text] : pageGettext(text);
  };
  document.addEventListener("DOMContentLoaded", () => {
    if (hadGettext) window.gettext = previous;
    else delete window.gettext;
  });

  function nameArea(wrapper) {
    const area = wrapper.querySelector("[contenteditable]");
    const field = wrapper.querySelector("textarea, input[type=hidden]");
    if (!area || area.hasAttribute("aria-label") || !field || !field.id) return;
    const text = document.querySelector(`label[for="${field.id}"]`);
    if (text) area.setAttribute("aria-label", text.textContent.replace(/:\s*$/, "").trim());
  }

  function nameToolbar(wrapper, labels) {
    const toolbar = wrapper.querySelector(".prose-menubar");
    if (!toolbar || toolbar.hasAttribute("data-labelled")) return;
    toolbar.setAttribute("data-labelled", "");
    if (labels.dir) toolbar.dir = labels.dir;
    toolbar.querySelectorAll(".prose-menubar__button[data-name]").forEach((button) => {
      const name = labels.buttons[button.dataset.name];
      if (!name) return;
      button.title = name;
      button.setAttribute("aria-label", name);
    });
    if (labels.dir === "rtl") mirrorHistory(toolbar);
  }

  // Undo goes back, which in right to left is towards the right: its arrow is the mirror of
  // the left-to-right one, which is the redo icon (and the other way round).
  function mirrorHistory(toolbar) {
    const undo = toolbar.querySelector('[data-name="history:undo"]');
    const redo = toolbar.querySelector('[data-name="history:redo"]');
    if (undo && redo && undo.textContent === "undo" && redo.textContent === "redo") {
      undo.textContent = "redo";
      redo.textContent = "undo";
    }
  }

  function orientDialogs(wrapper, labels) {
    wrapper.querySelectorAll(".prose-editor-dialog:not([data-labelled])").forEach((dialog) => {
      dialog.setAttribute("data-labelled", "");
      if (labels.dir) dialog.dir = labels.dir;
      // An address reads left to right whatever the language around it.
      dialog.querySelectorAll("input[name=href]").forEach((input) => (input.dir = "ltr"));
    });
  }

  function update() {
    document.querySelectorAll(".rich-text-editor").forEach((wrapper) => {
      const labels = labelsOf(wrapper);
      nameArea(wrapper);
      nameToolbar(wrapper, labels);
      orientDialogs(wrapper, labels);
    });
  }

  new MutationObserver(update).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", update);
})();
