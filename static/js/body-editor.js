// Starts one rich-text editor per body textarea (one per language tab).
//
// Our own start-up instead of django-prose-editor's presets, for one reason:
// Tiptap by default inserts a <style> element, which the Content Security
// Policy refuses. Here it is told not to (injectCSS: false); the few rules it
// carried are in css/body-editor.css. The configuration (which extensions, and
// their options) comes from articles/editor.py through the data attribute.
import * as prose from "django-prose-editor/editor"

const ATTRIBUTE = "data-django-prose-editor-newsroom"

function extensionsFrom(config) {
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions)) {
    const extension = prose[name]
    if (!extension) {
      console.error(`body editor: no extension named ${name}`)
      continue
    }
    extensions.push(typeof options === "object" ? extension.configure(options) : extension)
  }
  return extensions
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null // already has one
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE))
  // The textarea stays in the form (hidden by the package's CSS) and is kept
  // up to date on every change, so the ordinary form post carries the HTML.
  const label = document.querySelector(`label[for="${textarea.id}"]`)
  const wrapper = document.createElement("div")
  wrapper.className = "prose-editor"
  textarea.before(wrapper)
  wrapper.append(textarea)
  return new prose.Editor({
    element: wrapper,
    extensions: extensionsFrom(config),
    content: textarea.value,
    editable: !textarea.disabled,
    injectCSS: false,
    editorProps: {
      // The <label> points at the hidden textarea; the editing area gets its
      // name, a role and its language (set by articles/editor.py) itself.
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label ? label.textContent.replace(/:\s*$/, "").trim() : "",
        lang: textarea.dataset.language || "",
      },
    },
    onUpdate({ editor }) {
      // An empty document is still one empty paragraph: post nothing instead,
      // so an untouched language stays empty (and so not "written").
      textarea.value = editor.isEmpty ? "" : editor.getHTML()
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
  })
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`)
