// The admin's rich-text editor for sanitised HTML fields (django-prose-editor's bundle).
// Our own preset instead of the package's, for the Content-Security-Policy: the bundle
// is imported by its address (no inline import map needed) and Tiptap is told not to
// inject a <style> element (the same rules are in css/admin-prose-editor.css).
// The extensions are the tags the server keeps (citiesofmigration/richtext.py).
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  HTML,
  Italic,
  Link,
  ListItem,
  Menu,
  NoSpellCheck,
  OrderedList,
  Paragraph,
  Text,
  Underline,
  crel,
  initializeEditors,
} from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-django-prose-editor-portal";

function extensions() {
  return [
    Document,
    Dropcursor,
    Gapcursor,
    Paragraph,
    HardBreak,
    Text,
    History,
    Menu,
    HTML,
    NoSpellCheck,
    Bold,
    Italic,
    Underline,
    Link,
    BulletList,
    OrderedList,
    ListItem,
    Blockquote,
    Heading.configure({ levels: [2, 3, 4] }),
    HorizontalRule,
  ];
}

function labelOf(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  return label ? label.textContent.replace(/:\s*$/, "").trim() : textarea.name;
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` });
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new Editor({
    element: wrapper,
    editable: !disabled,
    extensions: extensions(),
    content: textarea.value,
    injectCSS: false,
    editorProps: {
      // The hidden textarea's label names the editable area for screen readers, and its
      // language (a French field's lang="fr") is the area's, for them and spell checkers.
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": labelOf(textarea),
        ...(textarea.lang ? { lang: textarea.lang } : {}),
      },
    },
    onUpdate({ editor }) {
      const html = editor.getHTML();
      // ProseMirror always keeps one empty paragraph: an empty editor stores "".
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
}

initializeEditors(createEditor, `[${ATTRIBUTE}]`);
