// The rich-text editor's Link, adjusted (loaded by django-prose-editor's configurable
// preset, which lets a module's exports replace its built-in extensions):
// - not inclusive: text typed right after a link is plain text, not more link;
// - an empty title (the link dialog's untouched field) is not written as title="".
import { Link as ProseLink } from "django-prose-editor/editor"

export const Link = ProseLink.extend({
  inclusive() {
    return false
  },

  addAttributes() {
    return {
      ...this.parent?.(),
      title: {
        default: null,
        parseHTML: (element) => element.getAttribute("title") || null,
        renderHTML: (attributes) => (attributes.title ? { title: attributes.title } : {}),
      },
    }
  },
})
