import { localeChain } from "../lib/locale"
import { renderEmail, validateTemplate } from "../lib/render-email"
import { parseTemplate, renderNodes, templateVariables } from "../lib/template-syntax"
import { EMAIL_LOCALES, sampleVariables, TEMPLATE_KEYS, TEMPLATE_VARIABLES } from "../lib/variables"
import { SEED_TEMPLATES } from "../templates"

describe("locale fallback (i18next fallbackLng)", () => {
  it("falls back lb -> de -> en and fr -> en, whole locales only", () => {
    expect(localeChain("lb")).toEqual(["lb", "de", "en"])
    expect(localeChain("fr")).toEqual(["fr", "en"])
    expect(localeChain("de")).toEqual(["de", "en"])
    expect(localeChain("fr-BE")).toEqual(["fr", "en"])
    expect(localeChain("it")).toEqual(["en"])
    expect(localeChain(null)).toEqual(["en"])
  })

  it("reads upper-case and region-tagged locales by their language", () => {
    expect(localeChain("FR")).toEqual(["fr", "en"])
    expect(localeChain("LB")).toEqual(["lb", "de", "en"])
    expect(localeChain("de-LU")).toEqual(["de", "en"])
    expect(localeChain("DE-lu")).toEqual(["de", "en"])
    expect(localeChain("lb_LU")).toEqual(["lb", "de", "en"])
    expect(localeChain(" fr-BE ")).toEqual(["fr", "en"])
    expect(localeChain("PT-br")).toEqual(["en"])
    expect(localeChain("  ")).toEqual(["en"])
  })
})

describe("template syntax", () => {
  const content = (html_body: string) => ({ subject: "Hi", html_body, text_body: "x" })

  it("escapes variables in HTML, not in text or subject", () => {
    const raw = { ...sampleVariables("loyalty_enrollment"), "customer.first_name": `<b>Zoé & "Max"</b>` }
    const out = renderEmail("loyalty_enrollment", "en", {
      subject: "For {{customer.first_name}}",
      html_body: "<p>{{customer.first_name}}</p>",
      text_body: "Dear {{customer.first_name}}",
    }, raw)
    expect(out.subject).toBe(`For <b>Zoé & "Max"</b>`)
    expect(out.html).toContain("<p>&lt;b&gt;Zoé &amp; &quot;Max&quot;&lt;/b&gt;</p>")
    expect(out.html).not.toContain("<b>Zoé")
    expect(out.text).toContain(`Dear <b>Zoé & "Max"</b>`)
  })

  it("formats numbers and dates for the locale", () => {
    const raw = { ...sampleVariables("loyalty_points_expiring"), points: 12345, expires_at: "2026-12-31T00:00:00Z" }
    const body = { subject: "{{points}} / {{expires_at}}", html_body: "x", text_body: "x" }
    expect(renderEmail("loyalty_points_expiring", "en", body, raw).subject).toBe("12,345 / December 31, 2026")
    expect(renderEmail("loyalty_points_expiring", "de", body, raw).subject).toBe("12.345 / 31. Dezember 2026")
    expect(renderEmail("loyalty_points_expiring", "fr", body, raw).subject).toBe("12\u202f345 / 31 décembre 2026")
    expect(renderEmail("loyalty_points_expiring", "lb", body, raw).subject).toBe("12.345 / 31. Dezember 2026")
  })

  it("writes dates as the calendar reads in the configured time zone", () => {
    const raw = { ...sampleVariables("loyalty_points_expiring"), expires_at: "2026-12-31T23:30:00Z" }
    const body = { subject: "{{expires_at}}", html_body: "x", text_body: "x" }
    expect(renderEmail("loyalty_points_expiring", "fr", body, raw).subject).toBe("31 décembre 2026")
    expect(renderEmail("loyalty_points_expiring", "fr", body, raw, "Europe/Luxembourg").subject).toBe("1 janvier 2027")
  })

  it("keeps or drops {{#if}} parts by whether the value is empty", () => {
    const body = { subject: "{{#if reward.name}}Ready: {{reward.name}}{{else}}Ready{{/if}}", html_body: "x", text_body: "x" }
    const raw = sampleVariables("loyalty_reward_ready")
    expect(renderEmail("loyalty_reward_ready", "en", body, raw).subject).toBe("Ready: Free coffee")
    expect(renderEmail("loyalty_reward_ready", "en", body, { ...raw, "reward.name": null }).subject).toBe("Ready")
  })

  it("rejects unknown variables and broken tags, naming field and variable", () => {
    expect(() => validateTemplate("loyalty_enrollment", content("{{reward.name}}"))).toThrow(
      "html_body: unknown variable {{reward.name}} for loyalty_enrollment"
    )
    expect(() => validateTemplate("loyalty_enrollment", { subject: "{{ custmer.first_name }}" })).toThrow(/subject: unknown variable \{\{custmer.first_name\}\}/)
    expect(() => validateTemplate("loyalty_enrollment", content("{{#if balance}}open"))).toThrow(/html_body: \{\{#if balance\}\} is never closed/)
    expect(() => validateTemplate("loyalty_enrollment", content("{{balance + 1}}"))).toThrow(/is not a variable/)
    expect(() => validateTemplate("loyalty_enrollment", content("{{ {{balance}}"))).toThrow(/unclosed/)
    expect(() => validateTemplate("loyalty_enrollment", content("{{/if}}"))).toThrow(/without \{\{#if\}\}/)
    expect(() => validateTemplate("loyalty_enrollment", content("{{balance}} points"))).not.toThrow()
  })

  it("refuses to render a variable it was not given", () => {
    expect(() => renderNodes(parseTemplate("Hi {{customer.first_name}}"), {}, "text")).toThrow("Variable {{customer.first_name}} has no value")
  })
})

describe("seeded templates", () => {
  it.each(EMAIL_LOCALES.flatMap((l) => TEMPLATE_KEYS.map((k) => [l, k] as const)))(
    "%s %s uses only its variables and renders them all",
    (locale, key) => {
      const template = SEED_TEMPLATES[locale][key]
      const used = new Set<string>()
      for (const part of [template.subject, template.html_body, template.text_body]) templateVariables(parseTemplate(part), used)
      expect([...used].filter((v) => !TEMPLATE_VARIABLES[key].includes(v))).toEqual([])
      const out = renderEmail(key, locale, template, sampleVariables(key))
      for (const part of [out.subject, out.html, out.text]) {
        expect(part).not.toMatch(/\{\{|\}\}/)
      }
      expect(out.text).toContain("Léa")
      expect(out.html).toContain(`lang="${locale}"`)
    }
  )
})
