import { randomBytes } from "node:crypto"
import { describeSettings, field, mergeOverrides, openStoredOverrides, resolveSettings, sealPatch, SecretBox } from ".."

const spec = {
  host: field.string({ env: "T_HOST" }),
  port: field.int(1, 65535, { env: "T_PORT", default: 587 }),
  secure: field.bool({ env: "T_SECURE", default: false }),
  password: field.string({ env: "T_PASSWORD", secret: true }),
  origins: field.list({ env: "T_ORIGINS" }),
}
const key = randomBytes(32).toString("hex")

describe("SecretBox", () => {
  const box = SecretBox.fromConfig(key)!

  it("round-trips and never stores the clear text", () => {
    const sealed = box.seal("hunter2", "m.password")
    expect(sealed).not.toContain("hunter2")
    expect(box.seal("hunter2", "m.password")).not.toBe(sealed)
    expect(box.open(sealed, "m.password")).toBe("hunter2")
  })

  it("refuses a value moved to another field or opened with another key", () => {
    const sealed = box.seal("hunter2", "m.password")
    expect(() => box.open(sealed, "m.api_key")).toThrow(/cannot be decrypted/)
    const other = SecretBox.fromConfig(randomBytes(32).toString("base64"))!
    expect(() => other.open(sealed, "m.password")).toThrow(/encryption key changed/)
  })

  it("reads the key from the option, then env, and rejects a short one", () => {
    expect(SecretBox.fromConfig(undefined, {})).toBeNull()
    expect(SecretBox.fromConfig(undefined, { REWARDFLOW_ENCRYPTION_KEY: key })).toBeInstanceOf(SecretBox)
    expect(() => SecretBox.fromConfig("short")).toThrow(/option encryptionKey must be a 32-byte key/)
  })
})

describe("resolveSettings", () => {
  const box = SecretBox.fromConfig(key)!

  it("takes each field from database, options, env, default in that order", () => {
    const stored = mergeOverrides(spec, {}, { host: "db.example", password: "from-db" }, box, "m")
    const eff = resolveSettings(spec, {
      ...openStoredOverrides(spec, stored, box, "m"),
      options: { host: "opt.example", port: 465 },
      env: { T_HOST: "env.example", T_PORT: "2525", T_SECURE: "true", T_PASSWORD: "from-env", T_ORIGINS: "https://a.lu, https://b.lu" },
    })
    expect(eff.values).toEqual({ host: "db.example", port: 465, secure: true, password: "from-db", origins: ["https://a.lu", "https://b.lu"] })
    expect(eff.sources).toEqual({ host: "database", port: "options", secure: "env", password: "database", origins: "env" })
  })

  it("null in a patch removes the override; unknown fields and bad values are named", () => {
    const stored = mergeOverrides(spec, {}, { host: "db.example", port: 25 }, box, "m")
    expect(mergeOverrides(spec, stored, { host: null }, box, "m")).toEqual({ port: 25 })
    expect(() => mergeOverrides(spec, stored, { hots: "x" }, box, "m")).toThrow(/hots is not a setting/)
    expect(() => mergeOverrides(spec, stored, { port: 70000 }, box, "m")).toThrow(/port must be an integer from 1 to 65535/)
    expect(() => resolveSettings(spec, { env: { T_PORT: "abc" } })).toThrow(/env T_PORT must be an integer/)
  })

  it("refuses to save a secret without a key", () => {
    expect(() => mergeOverrides(spec, {}, { password: "x" }, null, "m")).toThrow(/no encryption key is configured/)
  })

  it("describes secrets without their value", () => {
    const eff = resolveSettings(spec, { env: { T_PASSWORD: "s3cret", T_HOST: "h" } })
    const view = describeSettings(spec, eff)
    expect(JSON.stringify(view)).not.toContain("s3cret")
    expect(view.password).toEqual({ value: null, source: "env", secret: true, is_set: true })
    expect(view.port).toEqual({ value: 587, source: "default", is_set: true })
    expect(view.origins).toEqual({ value: null, source: null, is_set: false })
  })
})

describe("a saved secret that cannot be decrypted", () => {
  const box = SecretBox.fromConfig(key)!
  const otherBox = SecretBox.fromConfig(randomBytes(32).toString("hex"))!
  // Saved with another key (the key was changed since), beside readable overrides.
  const stored = { ...mergeOverrides(spec, {}, { host: "db.example", password: "old-secret" }, otherBox, "m"), host: "db.example" }
  const env = { T_PASSWORD: "env-secret", T_HOST: "env.example" }

  it("falls back to the next layer, keeps the other saved fields, and names the problem", () => {
    const eff = resolveSettings(spec, { ...openStoredOverrides(spec, stored, box, "m"), env })
    expect(eff.values).toMatchObject({ host: "db.example", password: "env-secret" })
    expect(eff.sources).toMatchObject({ host: "database", password: "database" })
    expect(eff.problems).toEqual({
      password: {
        problem: "password cannot be decrypted with the current REWARDFLOW_ENCRYPTION_KEY (or option encryptionKey); save it again",
        fallback_source: "env",
      },
    })
    const view = describeSettings(spec, eff)
    expect(view.password).toEqual({ value: null, source: "database", secret: true, is_set: true, ...eff.problems!.password })
    expect(view.host).toEqual({ value: "db.example", source: "database", is_set: true })
    expect(JSON.stringify(view)).not.toContain("old-secret")
    expect(JSON.stringify(view)).not.toContain("env-secret")
  })

  it("with no other layer the field is unset, still reported; without any key too", () => {
    const eff = resolveSettings(spec, { ...openStoredOverrides(spec, stored, box, "m"), env: {} })
    expect(eff.values.password).toBeUndefined()
    expect(eff.problems?.password?.fallback_source).toBeNull()
    const noKey = resolveSettings(spec, { ...openStoredOverrides(spec, stored, null, "m"), env })
    expect(noKey.values.password).toBe("env-secret")
    expect(noKey.problems?.password?.problem).toMatch(/password is saved encrypted, but no encryption key is configured/)
  })

  it("readable settings have no problems", () => {
    const fine = mergeOverrides(spec, {}, { password: "p" }, box, "m")
    const eff = resolveSettings(spec, { ...openStoredOverrides(spec, fine, box, "m"), env: {} })
    expect(eff.values.password).toBe("p")
    expect(eff).not.toHaveProperty("problems")
    expect(describeSettings(spec, eff).password).not.toHaveProperty("problem")
  })
})

describe("sealPatch: secrets sealed before a workflow sees them", () => {
  const box = SecretBox.fromConfig(key)!

  it("seals only the secrets (validated first), leaves the rest and null as they are; mergeOverrides keeps the sealed value", () => {
    const patch = sealPatch(spec, { host: "smtp.example.lu", password: "hunter2", origins: null }, box, "m")
    expect(patch.host).toBe("smtp.example.lu")
    expect(patch.origins).toBeNull()
    expect(JSON.stringify(patch)).not.toContain("hunter2")
    const sealed = (patch.password as { sealed: string }).sealed
    expect(box.open(sealed, "m.password")).toBe("hunter2")
    const stored = mergeOverrides(spec, {}, patch, box, "m")
    expect(stored.password).toBe(sealed)
    expect(resolveSettings(spec, openStoredOverrides(spec, stored, box, "m")).values.password).toBe("hunter2")
  })

  it("refuses a sealed value made for another field or with another key, and a secret without a key", () => {
    const forApiKey = { password: { sealed: box.seal("hunter2", "m.api_key") } }
    expect(() => mergeOverrides(spec, {}, forApiKey, box, "m")).toThrow(/cannot be decrypted/)
    const other = SecretBox.fromConfig(randomBytes(32).toString("hex"))!
    expect(() => mergeOverrides(spec, {}, sealPatch(spec, { password: "x" }, other, "m"), box, "m")).toThrow(/encryption key changed/)
    expect(() => sealPatch(spec, { password: "x" }, null, "m")).toThrow(/password/)
  })
})
