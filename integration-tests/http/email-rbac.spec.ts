// Medusa 2.21 ships RBAC behind the `rbac` feature flag; it must be on before the app boots.
process.env.MEDUSA_FF_RBAC = "true"

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, FeatureFlag, Modules } from "@medusajs/framework/utils"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import { join } from "node:path"
import { ensureAdminUser, failure } from "../fixtures"

jest.setTimeout(120_000)

// `npm test` runs suites in one process: do not leave RBAC on for the next one.
afterAll(() => {
  delete process.env.MEDUSA_FF_RBAC
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    /** Logs in through Medusa's own auth route, whose token carries the user's RBAC roles. */
    async function login(email: string, roleId: string | null) {
      const container = getContainer()
      const password = "rbac-test-password"
      const { user } = await ensureAdminUser(container, { email, password })
      if (roleId) {
        await container.resolve(ContainerRegistrationKeys.LINK).create({
          [Modules.USER]: { user_id: user.id },
          [Modules.RBAC]: { rbac_role_id: roleId },
        })
      }
      const { data } = await api.post("/auth/user/emailpass", { email, password })
      return { headers: { authorization: `Bearer ${data.token}` } }
    }

    it("with RBAC on, Medusa's policies decide: super admin and a role granted loyalty:manage_templates may edit, a plain role may not", async () => {
      expect(FeatureFlag.isFeatureEnabled("rbac")).toBe(true)
      const container = getContainer()
      const migrator = new MigrationScriptsMigrator({ container })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])

      const rbac = container.resolve(Modules.RBAC) as any
      const [policy] = await rbac.listRbacPolicies({ resource: "loyalty", operation: "manage_templates" })
      expect(policy).toBeDefined()
      const [editorRole, viewerRole] = await rbac.createRbacRoles([{ name: "Template editors" }, { name: "Viewers" }])
      await rbac.createRbacRolePolicies([{ role_id: editorRole.id, policy_id: policy.id }])

      const superAdmin = await login("owner@rewardflow.test", "role_super_admin")
      const editor = await login("editor-rbac@rewardflow.test", editorRole.id)
      const viewer = await login("viewer@rewardflow.test", viewerRole.id)

      const [t] = (await api.get("/admin/loyalty/email/templates?key=loyalty_enrollment&locale=fr", superAdmin)).data.templates
      await api.post(`/admin/loyalty/email/templates/${t.id}`, { subject: "Bienvenue, {{customer.first_name}} !" }, superAdmin)
      await api.post(`/admin/loyalty/email/templates/${t.id}`, { subject: "Bienvenue chez {{store.name}} !" }, editor)
      const refused = await failure(api.post(`/admin/loyalty/email/templates/${t.id}`, { subject: "Viewer" }, viewer))
      expect(refused.status).toBe(403)
      expect(refused.data.message).toContain("loyalty:manage_templates")
      const settings = await failure(api.post("/admin/loyalty/email/settings", { host: "smtp.example.lu" }, editor))
      expect(settings.status).toBe(403)
      expect(settings.data.message).toContain("loyalty:manage_email_settings")
      expect((await api.get(`/admin/loyalty/email/templates/${t.id}`, superAdmin)).data.template.subject).toBe("Bienvenue chez {{store.name}} !")
    })
  },
})
