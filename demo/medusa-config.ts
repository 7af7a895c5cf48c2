// The demo store: a Medusa host app that loads RewardFlow like any installer would.
// demo/run.js links node_modules/medusa-plugin-rewardflow to the repository root and sets the env.
import path from "node:path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
    // The demo is served over plain http: secure cookies would not stick.
    cookieOptions: { secure: false, sameSite: "lax" },
  },
  admin: {
    // The dashboard and its fonts come from the repository's node_modules (the demo has none of
    // its own), outside the folder vite lets `medusa develop` serve: without this the fonts are
    // refused with 403 and the admin falls back to system fonts. The admin bundler merges this
    // into its own config (arrays are joined, so its allow-list stays).
    vite: () => ({ server: { fs: { allow: [path.resolve(__dirname, "..", "node_modules")] } } }),
  },
  plugins: [
    {
      resolve: "medusa-plugin-rewardflow",
      options: {
        // Applied when the demo creates its program (first run); edit it later in the admin API.
        defaultProgram: {
          name: "RewardFlow Club",
          earnRates: { eur: { points: 1, amount: 1 } },
          welcomeBonusPoints: 50,
          pointsValidityMonths: 24,
        },
      },
    },
  ],
})
