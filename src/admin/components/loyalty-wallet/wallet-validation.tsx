import { Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { validateWallet, type WalletCheck } from "../../lib/wallet-api"
import { WALLET_CHECK_NAMES } from "./wallet-fields"

const CheckRow = ({ check }: { check: WalletCheck }) => {
  const { t } = useTranslation("rewardflow")
  return (
    <div className="flex flex-col gap-y-1 px-6 py-3" data-testid={`rewardflow-wallet-check-${check.id}`}>
      <div className="flex items-center gap-x-2">
        <Badge color={check.ok ? "green" : "red"} size="2xsmall">
          {check.ok ? t("wallet.validation.ok") : t("wallet.validation.failed")}
        </Badge>
        <Text size="small" weight="plus">
          {WALLET_CHECK_NAMES[check.id] ? t(WALLET_CHECK_NAMES[check.id]) : check.id}
        </Text>
        <Text size="xsmall" className="text-ui-fg-muted font-mono">
          {check.id}
        </Text>
      </div>
      {/* The API's own words: not translated, shown as they came. */}
      <Text size="small">{check.message}</Text>
      {check.fix && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("wallet.validation.fix")} {check.fix}
        </Text>
      )}
    </div>
  )
}

/** "Validate": runs every check of the saved setup and shows each, ok or failed with its fix. */
export const WalletValidation = () => {
  const { t } = useTranslation("rewardflow")
  const validation = useMutation({ mutationFn: validateWallet, onError: (e: Error) => toast.error(e.message) })
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-wallet-validation">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("wallet.validation.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("wallet.validation.hint")}
          </Text>
        </div>
        <Button size="small" variant="secondary" isLoading={validation.isPending} onClick={() => validation.mutate()}>
          {t("wallet.validation.run")}
        </Button>
      </div>
      {validation.isError && (
        <Text size="small" className="text-ui-fg-error px-6 py-3" data-testid="rewardflow-wallet-validation-error">
          {validation.error.message}
        </Text>
      )}
      {validation.data?.checks.map((check) => <CheckRow key={check.id} check={check} />)}
    </Container>
  )
}
