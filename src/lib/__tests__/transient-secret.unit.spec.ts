import { openTransient, sealTransient } from "../transient-secret"

describe("transient secrets (a PIN or a token crossing a workflow)", () => {
  it("round-trips in this process; the sealed form holds no trace of the value and differs each time", () => {
    const a = sealTransient("482915")
    const b = sealTransient("482915")
    expect(a.transient).not.toContain("482915")
    expect(Buffer.from(a.transient.split(".")[3], "base64url").toString("latin1")).not.toContain("482915")
    expect(a.transient).not.toBe(b.transient)
    expect(openTransient(a, "pin")).toBe("482915")
  })

  it("a value altered or sealed elsewhere is refused naming the field, never the value", () => {
    const sealed = sealTransient("482915")
    const [v, iv, tag, body] = sealed.transient.split(".")
    const flipped = Buffer.from(body, "base64url")
    flipped[0] ^= 1
    const tampered = { transient: [v, iv, tag, flipped.toString("base64url")].join(".") }
    expect(() => openTransient(tampered, "pin")).toThrow("pin was sealed by another process (a run resumed elsewhere): send the request again")
    expect(() => openTransient({ transient: "t1.x.y.z" }, "current_pin")).toThrow(/^current_pin was sealed by another process/)
  })
})
