// Only for the HTTP integration tests and local development of the plugin.
// A host app loads the plugin with `plugins: [{ resolve: "medusa-plugin-rewardflow", options }]`.
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/** Plugin options for the tests. */
const rewardflowOptions = {
  // A fixed key for tests and local development only; a real store sets its own.
  encryptionKey: process.env.REWARDFLOW_ENCRYPTION_KEY || "0".repeat(63) + "1",
  email: {
    // Staff allowed to edit templates when RBAC is off (integration-tests/http/email.spec.ts).
    templateEditors: { emails: ["editor@rewardflow.test"], roles: ["marketing"] },
    // SendGrid's relay is reached on loopback in tests (smtp.sendgrid.net by default).
    sendgridSmtpHost: "127.0.0.1",
  },
  // Offline keys sealed with test-sized scrypt in the test runs only (the option is refused at boot
  // unless NODE_ENV is "test"); development and every real store keep the production parameters.
  ...(process.env.NODE_ENV === "test" ? { terminal: { offlineScrypt: "test" as const } } : {}),
}

export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  modules: [
    // Medusa's RBAC (behind the `rbac` feature flag in 2.21) for integration-tests/http/email-rbac.spec.ts.
    ...(process.env.MEDUSA_FF_RBAC === "true" ? [{ key: "rbac", resolve: "@medusajs/medusa/rbac" }] : []),
    // In a host app the plugin entry passes one options object to every module; so do we.
    { resolve: "./src/modules/loyalty", options: rewardflowOptions },
    { resolve: "./src/modules/loyalty-wallet", options: rewardflowOptions },
    { resolve: "./src/modules/loyalty-messaging", options: rewardflowOptions },
    { resolve: "./src/modules/loyalty-terminal", options: rewardflowOptions },
  ],
})
