import { nonLoopbackAddress, startMailServer } from "../../../../integration-tests/fixtures/mail-server"
import {
  createTransport,
  describeDelivery,
  isLoopbackHost,
  nodemailerOptions,
  plainSmtpProblem,
  smtpConnection,
  smtpSecurity,
} from "../lib/transports"
import { LEASE_MARGIN_SECONDS, MIN_LEASE_SECONDS, messagingConfigFromOptions } from "../options"

type Values = Parameters<typeof smtpConnection>[0]
const smtp = (extra: Partial<Values>): Values => ({ provider: "smtp", ...extra }) as Values

describe("loopback hosts", () => {
  it("are only hosts written as a loopback address", () => {
    for (const h of ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) {
      expect([h, isLoopbackHost(h)]).toEqual([h, true])
    }
    // Names are not resolved: one that points at loopback through DNS counts as remote.
    for (const h of ["localhost.", "localhost.example.lu", "mail.localhost", "192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "fd00::2", "smtp.example.lu", "", null]) {
      expect([h, isLoopbackHost(h)]).toEqual([h, false])
    }
  })
})

describe("SMTP connection security", () => {
  it("implicit TLS when secure is set, or when it is unset and the port is 465", () => {
    expect(smtpSecurity("smtp.example.lu", 465, undefined, undefined)).toBe("implicit_tls")
    expect(smtpSecurity("smtp.example.lu", 2465, true, undefined)).toBe("implicit_tls")
    expect(smtpSecurity("127.0.0.1", 465, undefined, undefined)).toBe("implicit_tls")
    // Set explicitly, secure wins over the port rule.
    expect(smtpSecurity("smtp.example.lu", 465, false, undefined)).toBe("starttls")
    expect(smtpSecurity("smtp.example.lu", 587, undefined, undefined)).toBe("starttls")
  })

  it("plain SMTP only to a loopback host; STARTTLS required everywhere else, require_tls false or not", () => {
    expect(smtpSecurity("127.0.0.1", 1025, undefined, undefined)).toBe("plain")
    expect(smtpSecurity("localhost", 25, false, false)).toBe("plain")
    expect(smtpSecurity("127.0.0.1", 587, undefined, true)).toBe("starttls")
    expect(smtpSecurity("smtp.example.lu", 25, undefined, false)).toBe("starttls")
    expect(smtpSecurity("localhost.", 25, undefined, false)).toBe("starttls")
  })

  it("hands nodemailer an explicit secure flag, so port 465 works without setting secure", () => {
    const on465 = nodemailerOptions(smtpConnection(smtp({ host: "smtp.example.lu", port: 465, user: "u", password: "p" }))!)
    expect(on465).toMatchObject({ host: "smtp.example.lu", port: 465, secure: true, requireTLS: false, ignoreTLS: false })
    expect(on465.tls).toMatchObject({ rejectUnauthorized: true, servername: "smtp.example.lu" })

    // require_tls false cannot make a remote host plain: nodemailer would send AUTH in clear
    // to a server that offers no STARTTLS.
    const remote = nodemailerOptions(smtpConnection(smtp({ host: "smtp.example.lu", port: 587, require_tls: false, user: "u", password: "p" }))!)
    expect(remote).toMatchObject({ secure: false, requireTLS: true, ignoreTLS: false })

    const loopback = nodemailerOptions(smtpConnection(smtp({ host: "127.0.0.1", port: 1025 }))!)
    expect(loopback).toMatchObject({ secure: false, requireTLS: false, ignoreTLS: true })
    expect(loopback.tls).not.toHaveProperty("servername")
    expect(nodemailerOptions(smtpConnection(smtp({ host: "127.0.0.1", port: 1025, require_tls: true }))!)).toMatchObject({
      requireTLS: true,
      ignoreTLS: false,
    })
  })

  it("the SendGrid relay is never plain, even on loopback (tests)", () => {
    const relay = smtpConnection({ provider: "sendgrid", sendgrid_api_key: "SG.x", port: 587 } as Values, "127.0.0.1")!
    expect(relay).toMatchObject({ host: "127.0.0.1", security: "starttls", user: "apikey" })
    expect(smtpConnection({ provider: "sendgrid", sendgrid_api_key: "SG.x", port: 465 } as Values)!.security).toBe("implicit_tls")
  })

  it("describes the security actually used, never a conditional", () => {
    expect(describeDelivery(smtp({ host: "smtp.example.lu", port: 465 })).security).toBe("implicit TLS")
    expect(describeDelivery(smtp({ host: "smtp.example.lu", port: 587 })).security).toBe("STARTTLS")
    expect(describeDelivery(smtp({ host: "127.0.0.1", port: 1025 })).security).toBe("plain on loopback (no TLS)")
  })

  it("require_tls false is refused for a host that is not loopback, naming the field", () => {
    expect(plainSmtpProblem({ host: "smtp.example.lu", require_tls: false })).toMatch(/^require_tls can be false only for a loopback SMTP host/)
    expect(plainSmtpProblem({ host: "127.0.0.1", require_tls: false })).toBeNull()
    expect(plainSmtpProblem({ host: "smtp.example.lu", require_tls: undefined })).toBeNull()
    expect(plainSmtpProblem({ host: "smtp.example.lu", require_tls: true })).toBeNull()
  })
})

describe("SMTP transport against a real server with no STARTTLS", () => {
  const message = {
    from: { address: "loyalty@rewardflow.test" },
    to: "member@rewardflow.test",
    subject: "Points",
    html: "<p>10 points</p>",
    text: "10 points",
    message_id: "<unit@rewardflow>",
  }
  const send = (host: string, port: number) =>
    createTransport(smtp({ host, port, user: "loyalty", password: "smtp-pass-123" })).send(message)

  it("reached by a non-loopback address: refuses to log in or send in clear, and says why", async () => {
    const host = nonLoopbackAddress()
    const server = await startMailServer({ host, auth: { user: "loyalty", pass: "smtp-pass-123" } })
    try {
      await expect(send(host, server.port)).rejects.toThrow(
        `${host}:${server.port} did not upgrade to TLS with STARTTLS, which is required: RewardFlow sends plain SMTP (password and mail unencrypted) only to a loopback host`
      )
      expect(server.authAttempts).toEqual([])
      expect(server.mails).toEqual([])
    } finally {
      await server.stop()
    }
  })

  it("on loopback: plain, logs in and delivers (the development setup)", async () => {
    const server = await startMailServer({ auth: { user: "loyalty", pass: "smtp-pass-123" } })
    try {
      await send("127.0.0.1", server.port)
      expect(server.authAttempts).toEqual([{ user: "loyalty", secure: false }])
      expect(server.mails.map((m) => m.subject)).toEqual(["Points"])
    } finally {
      await server.stop()
    }
  })
})

describe("email options at boot", () => {
  afterEach(() => {
    delete process.env.REWARDFLOW_SMTP_HOST
    delete process.env.REWARDFLOW_SMTP_REQUIRE_TLS
  })

  it("refuse plain SMTP to a remote host from options or env", () => {
    expect(() => messagingConfigFromOptions({ email: { host: "smtp.example.lu", requireTls: false } })).toThrow(
      /option email.requireTls: require_tls can be false only for a loopback SMTP host/
    )
    expect(() => messagingConfigFromOptions({ email: { host: "localhost", requireTls: false } })).not.toThrow()
    process.env.REWARDFLOW_SMTP_HOST = "smtp.example.lu"
    process.env.REWARDFLOW_SMTP_REQUIRE_TLS = "false"
    expect(() => messagingConfigFromOptions({})).toThrow(/env REWARDFLOW_SMTP_REQUIRE_TLS: require_tls can be false only/)
  })

  it("a lease shorter than an SMTP attempt can take is refused", () => {
    expect(MIN_LEASE_SECONDS).toBe(60 + LEASE_MARGIN_SECONDS)
    expect(() => messagingConfigFromOptions({ email: { leaseSeconds: 30 } })).toThrow(
      /option email.leaseSeconds must be at least 70, got 30: an SMTP attempt may take 60 s/
    )
    expect(messagingConfigFromOptions({ email: { leaseSeconds: 70 } }).leaseSeconds).toBe(70)
  })
})
