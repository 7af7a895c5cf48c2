import { messageUnderField } from "../components/settings/api-error"
import { numberOrText } from "../lib/program-api"

describe("the Program page's values and messages", () => {
  it("sends a number field as a number, an empty one as null, anything else as typed", () => {
    expect(numberOrText("14")).toBe(14)
    expect(numberOrText(" 1.25 ")).toBe(1.25)
    expect(numberOrText("0")).toBe(0)
    expect(numberOrText("")).toBeNull()
    expect(numberOrText("   ")).toBeNull()
    // What is not a number goes as typed, so that the API's message names the field.
    expect(numberOrText("abc")).toBe("abc")
  })

  it("shows the API's message under its field without Medusa's prefix", () => {
    expect(messageUnderField(new Error("Invalid request: multiplier must be at most 10, got 20"))).toBe("multiplier must be at most 10, got 20")
    expect(messageUnderField(new Error("threshold 500 is already the threshold of tier Silver: each tier needs its own"))).toBe(
      "threshold 500 is already the threshold of tier Silver: each tier needs its own"
    )
    expect(messageUnderField(null)).toBe("")
  })
})
