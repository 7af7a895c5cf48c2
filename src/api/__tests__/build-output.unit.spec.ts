import fs from "node:fs"
import path from "node:path"

/**
 * `medusa plugin:build` leaves out of .medusa/server every file with a path segment named
 * exactly one of these (@medusajs/framework build-tools/compiler.js, backendIgnoreFiles). A
 * route folder with such a name works in the HTTP tests (they run src/) and answers 404 in
 * every installed plugin: POST /admin/loyalty/email/test did.
 */
const DROPPED_BY_PLUGIN_BUILD = ["test", "unit-tests", "integration-tests"]
const SRC = path.resolve(__dirname, "..", "..")

function folders(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    // Tests are meant to stay out; src/admin is bundled by the admin build, not this compiler.
    .filter((e) => e.isDirectory() && e.name !== "__tests__" && path.join(dir, e.name) !== path.join(SRC, "admin"))
    .flatMap((e) => [path.join(dir, e.name), ...folders(path.join(dir, e.name))])
}

describe("plugin build output", () => {
  it("no folder under src/ has a name that medusa plugin:build leaves out", () => {
    const dropped = folders(SRC)
      .map((f) => path.relative(SRC, f))
      .filter((f) => f.split(path.sep).some((segment) => DROPPED_BY_PLUGIN_BUILD.includes(segment)))
    expect(dropped).toEqual([])
  })
})
