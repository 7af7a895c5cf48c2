import { MedusaError } from "@medusajs/framework/utils"

/**
 * The template language, deliberately tiny: `{{path}}` inserts a variable (escaped in HTML),
 * `{{#if path}} ... {{else}} ... {{/if}}` keeps a part only when the variable is not empty.
 * Nothing else: no code, no helpers, no access to anything but the variables given.
 */
export type TemplateNode =
  | { kind: "text"; text: string }
  | { kind: "var"; path: string }
  | { kind: "if"; path: string; then: TemplateNode[]; otherwise: TemplateNode[] }

const TAG = /\{\{\s*([^{}]*?)\s*\}\}/g
const PATH = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/

const bad = (field: string, problem: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: ${problem}`)

/** Parses a template; `field` names it in errors ("html_body: {{/if}} without {{#if}}"). */
export function parseTemplate(source: string, field = "template"): TemplateNode[] {
  const root: TemplateNode[] = []
  const stack: { node: Extract<TemplateNode, { kind: "if" }>; inElse: boolean }[] = []
  const target = () => {
    const top = stack[stack.length - 1]
    return top ? (top.inElse ? top.node.otherwise : top.node.then) : root
  }
  const pushText = (text: string) => {
    if (/\{\{|\}\}/.test(text)) throw bad(field, `has an unclosed {{ or a stray }} near ${JSON.stringify(text.slice(0, 40))}`)
    if (text) target().push({ kind: "text", text })
  }
  let last = 0
  for (const match of source.matchAll(TAG)) {
    pushText(source.slice(last, match.index))
    last = match.index! + match[0].length
    const tag = match[1]
    if (tag.startsWith("#if ")) {
      const path = tag.slice(4).trim()
      if (!PATH.test(path)) throw bad(field, `{{#if ${path}}} is not a variable name`)
      const node = { kind: "if" as const, path, then: [], otherwise: [] }
      target().push(node)
      stack.push({ node, inElse: false })
    } else if (tag === "else") {
      const top = stack[stack.length - 1]
      if (!top || top.inElse) throw bad(field, "{{else}} outside {{#if}}")
      top.inElse = true
    } else if (tag === "/if") {
      if (!stack.pop()) throw bad(field, "{{/if}} without {{#if}}")
    } else if (PATH.test(tag)) {
      target().push({ kind: "var", path: tag })
    } else {
      throw bad(field, `{{${tag}}} is not a variable (use {{name}} or {{name.field}})`)
    }
  }
  if (stack.length) throw bad(field, `{{#if ${stack[stack.length - 1].node.path}}} is never closed with {{/if}}`)
  pushText(source.slice(last))
  return root
}

/** Every variable a template reads, in order of first use. */
export function templateVariables(nodes: TemplateNode[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.kind === "var") into.add(n.path)
    if (n.kind === "if") {
      into.add(n.path)
      templateVariables(n.then, into)
      templateVariables(n.otherwise, into)
    }
  }
  return into
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])

/**
 * Renders parsed nodes with formatted values (path -> string). A variable missing from
 * `values` is an error, never an empty hole in a shopper's mail.
 */
export function renderNodes(nodes: TemplateNode[], values: Record<string, string>, mode: "html" | "text"): string {
  let out = ""
  for (const n of nodes) {
    if (n.kind === "text") out += n.text
    else {
      if (!(n.path in values)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Variable {{${n.path}}} has no value`)
      }
      if (n.kind === "var") out += mode === "html" ? escapeHtml(values[n.path]) : values[n.path]
      else out += renderNodes(values[n.path] !== "" ? n.then : n.otherwise, values, mode)
    }
  }
  return out
}
