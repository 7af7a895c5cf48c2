import { z } from "@medusajs/framework/zod"
import { invalidRequestBody } from "../validate"

async function problems(schema: z.ZodTypeAny, body: unknown, query = false) {
  const strict = "strict" in schema && typeof (schema as any).strict === "function" ? (schema as any).strict() : schema
  const result = await strict.safeParseAsync(body)
  if (result.success) throw new Error("expected the body to be refused")
  return invalidRequestBody(result.error.issues as any, body, query)
}

describe("validation messages say the rule as it is, field first", () => {
  const Reward = z.object({
    points_cost: z.number().int().positive().max(1_000_000_000),
    percentage: z.number().min(1).max(100).optional(),
    share: z.number().gt(0).lt(1).optional(),
    name: z.string().min(1).optional(),
    code: z.string().min(3).max(5).optional(),
    tags: z.array(z.string()).max(2).optional(),
    kind: z.enum(["a", "b"]).optional(),
    nested: z.object({ eur: z.number().nonnegative() }).optional(),
    pin: z.string().length(6).optional(),
    port: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
  })

  it.each([
    [{ points_cost: -1 }, "points_cost", "points_cost must be greater than 0, got -1"],
    [{ points_cost: 0 }, "points_cost", "points_cost must be greater than 0, got 0"],
    [{ points_cost: 1.5 }, "points_cost", "points_cost must be a whole number, got 1.5"],
    [{ points_cost: "5" }, "points_cost", 'points_cost must be a number, got "5"'],
    [{}, "points_cost", "points_cost is required"],
    [{ points_cost: 2_000_000_000 }, "points_cost", "points_cost must be at most 1000000000, got 2000000000"],
    [{ points_cost: 1, percentage: 0 }, "percentage", "percentage must be at least 1, got 0"],
    [{ points_cost: 1, share: 1 }, "share", "share must be less than 1, got 1"],
    [{ points_cost: 1, name: "" }, "name", 'name must not be empty, got ""'],
    [{ points_cost: 1, code: "ab" }, "code", 'code must be at least 3 characters, got "ab"'],
    [{ points_cost: 1, tags: ["a", "b", "c"] }, "tags", 'tags must have at most 2 item(s), got ["a","b","c"]'],
    [{ points_cost: 1, kind: "c" }, "kind", 'kind must be one of "a", "b", got "c"'],
    [{ points_cost: 1, nested: { eur: -2 } }, "nested.eur", "nested.eur must be at least 0, got -2"],
    [{ points_cost: 1, colour: "red" }, "colour", "unknown field colour"],
    [{ points_cost: 1, pin: "123" }, "pin", 'pin must be exactly 6 characters, got "123"'],
    [{ points_cost: 1, port: true }, "port", "port must be a number or a string, got true"],
  ])("%j -> %s: %s", async (body, field, message) => {
    const out = await problems(Reward, body)
    expect(out).toMatchObject({ type: "invalid_data", reason: "invalid_request", field, message: `Invalid request: ${message}` })
    expect(out.errors[0]).toEqual({ field, message })
  })

  it("a query's values are text: said without quotes, an empty one as \"\"", async () => {
    const Q = z.object({ limit: z.preprocess((v) => (typeof v === "string" && v !== "" ? Number(v) : v), z.number().int().min(1)), order_id: z.string().min(1).optional() })
    expect((await problems(Q, { limit: "0" }, true)).message).toBe("Invalid request: limit must be at least 1, got 0")
    expect((await problems(Q, { limit: "5", order_id: "" }, true)).message).toBe('Invalid request: order_id must not be empty, got ""')
    expect((await problems(Q, { limit: "x" }, true)).message).toBe('Invalid request: limit must be a number, got x')
  })

  it("a schema's own message is kept, with the field in front unless it names it", async () => {
    const S = z.object({ a: z.number().optional(), b: z.number().optional() }).refine((v) => (v.a === undefined) !== (v.b === undefined), { message: "give either a or b, not both" })
    expect((await problems(S, { a: 1, b: 2 })).message).toBe("Invalid request: give either a or b, not both")
    const T = z.object({ email: z.string().refine((v) => v.includes("@"), { message: "must be an email address" }) })
    expect((await problems(T, { email: "x" })).message).toBe("Invalid request: email must be an email address")
  })
})
