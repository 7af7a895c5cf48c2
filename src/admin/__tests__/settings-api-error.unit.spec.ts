import { fieldOfError } from "../components/settings/api-error"

const WALLET = ["issuer_id", "service_account_json", "origins", "environment", "issuer_name"]
const error = (message: string) => new Error(message)

describe("fieldOfError (which field an API 400 is about)", () => {
  it("finds the field a message starts with, after Medusa's validation prefix", () => {
    expect(fieldOfError(error("Invalid request: issuer_id must be the numeric issuer id from the Google Pay & Wallet Console"), WALLET)).toBe("issuer_id")
    expect(fieldOfError(error("service_account_json has no private_key: paste the whole JSON key file"), WALLET)).toBe("service_account_json")
    expect(fieldOfError(error("subject: unknown variable {{wallet}} for loyalty_points_earned"), ["subject", "html_body"])).toBe("subject")
  })

  it("finds a quoted field, also one with an index ('origins, 0'), skipping quoted values", () => {
    expect(fieldOfError(error("Invalid request: Value for field 'issuer_name' too small, expected at least: '1'"), WALLET)).toBe("issuer_name")
    expect(fieldOfError(error("Invalid request: Value for field 'origins, 0' too big, expected at most: '20'"), WALLET)).toBe("origins")
    expect(fieldOfError(error("Invalid request: Expected: 'demo, production' for field 'environment', but got: 'live'"), WALLET)).toBe("environment")
  })

  it("is null for a message about no known field, and for no error", () => {
    expect(fieldOfError(error("Invalid request: Unrecognized fields: 'api_base_url'"), WALLET)).toBeNull()
    expect(fieldOfError(error("Internal error"), WALLET)).toBeNull()
    expect(fieldOfError(null, WALLET)).toBeNull()
  })
})
