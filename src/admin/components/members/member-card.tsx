import { Container, Heading, Text } from "@medusajs/ui"
import { toSVG } from "bwip-js/browser"
import { useMemo } from "react"
import { useTranslation } from "react-i18next"

/**
 * The symbol as SVG markup. bwip-js draws it from the digits alone (no network, no font file),
 * so the markup holds nothing but paths; a number it cannot encode draws nothing.
 */
function symbolSvg(kind: "code128" | "qrcode", digits: string): string | null {
  try {
    const svg =
      kind === "code128"
        ? toSVG({ bcid: "code128", text: digits, scale: 2, height: 14, includetext: false, paddingwidth: 4, paddingheight: 4 })
        : toSVG({ bcid: "qrcode", text: digits, scale: 3, paddingwidth: 4, paddingheight: 4 })
    // bwip-js gives only a viewBox: the symbol fills its frame's width and keeps its proportions.
    return svg.replace("<svg ", '<svg width="100%" style="display:block" ')
  } catch {
    return null
  }
}

/** One scannable symbol on a white ground (scanners need the contrast whatever the admin's theme). */
const Symbol = ({ svg, label, testId, width }: { svg: string | null; label: string; testId: string; width: number }) => (
  <figure className="flex flex-col items-center gap-y-2">
    {svg ? (
      <div
        role="img"
        aria-label={label}
        data-testid={testId}
        className="rounded-md p-2"
        style={{ background: "#ffffff", width }}
        // Markup drawn by bwip-js from the card's digits only.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
    ) : null}
    <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
  </figure>
)

/** The member's card as the till scans it: its number as a Code 128 barcode and as a QR code (what the Wallet pass carries). */
export const MemberCard = ({ cardNumber, formatted }: { cardNumber: string; formatted: string }) => {
  const { t } = useTranslation("rewardflow")
  const barcode = useMemo(() => symbolSvg("code128", cardNumber), [cardNumber])
  const qr = useMemo(() => symbolSvg("qrcode", cardNumber), [cardNumber])
  return (
    <Container className="flex flex-col gap-y-4 px-6 py-4" data-testid="rewardflow-member-card">
      <div>
        <Heading level="h2">{t("members.card.heading")}</Heading>
        <Text className="font-mono" data-testid="rewardflow-member-card-number">{formatted}</Text>
      </div>
      <div className="flex flex-wrap items-end justify-around gap-6">
        <Symbol svg={barcode} label={t("members.card.barcode")} testId="rewardflow-member-barcode" width={280} />
        <Symbol svg={qr} label={t("members.card.qr")} testId="rewardflow-member-qr" width={140} />
      </div>
      {!barcode || !qr ? (
        <Text size="small" className="text-ui-fg-error">{t("members.card.unreadable")}</Text>
      ) : null}
    </Container>
  )
}
