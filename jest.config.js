const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    {
      jsc: {
        parser: { syntax: "typescript", decorators: true, tsx: true },
        target: "es2021",
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
    },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/demo/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}

module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"],
    },
    {
      ...common,
      displayName: "modules",
      testMatch: ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
      testPathIgnorePatterns: ["\\.unit\\.spec\\.[jt]s$"],
    },
    {
      ...common,
      displayName: "http",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
    },
    {
      // Hostile input and access through the real HTTP API (see integration-tests/security).
      ...common,
      displayName: "security",
      testMatch: ["<rootDir>/integration-tests/security/**/*.spec.[jt]s"],
    },
    {
      // Real headless Chromium (/usr/bin/chromium) against a real Medusa server: see
      // integration-tests/admin/support. Skipped with a warning when Chromium is missing.
      ...common,
      displayName: "admin",
      testMatch: ["<rootDir>/integration-tests/admin/**/*.spec.ts"],
    },
  ],
}
