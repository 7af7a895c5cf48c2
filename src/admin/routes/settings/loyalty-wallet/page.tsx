import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Select, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { SettingSourceBadge } from "../../../components/setting-source-badge"
import { fetchWalletSettings, saveWalletSettings, validateWallet, walletKeys, type WalletSetting } from "../../../lib/wallet-api"

function display(setting: WalletSetting) {
  if (setting.secret) return setting.is_set ? "set (hidden)" : "not set"
  if (!setting.is_set) return "not set"
  return Array.isArray(setting.value) ? setting.value.join(", ") || "none" : String(setting.value)
}

/** Settings > Google Wallet: effective settings with their source, demo/production, and the validator. */
const LoyaltyWalletPage = () => {
  const queryClient = useQueryClient()
  const settings = useQuery({ queryKey: walletKeys.settings, queryFn: fetchWalletSettings })
  const save = useMutation({
    mutationFn: saveWalletSettings,
    onSuccess: (view) => {
      queryClient.setQueryData(walletKeys.settings, view)
      toast.success("Google Wallet settings saved")
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const validation = useMutation({ mutationFn: validateWallet, onError: (e: Error) => toast.error(e.message) })
  const view = settings.data

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0" data-testid="rewardflow-wallet-settings">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">Google Wallet</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Loyalty cards in Google Wallet. Each value shows where it comes from.
            </Text>
          </div>
          {view && (
            <Badge color={view.configured ? "green" : "orange"}>{view.configured ? "Configured" : `Missing: ${view.missing.join(", ")}`}</Badge>
          )}
        </div>
        {settings.isPending && (
          <Text size="small" className="px-6 py-4">
            Loading settings…
          </Text>
        )}
        {settings.isError && (
          <Text size="small" className="text-ui-fg-error px-6 py-4" data-testid="rewardflow-wallet-settings-error">
            The settings cannot be read: {settings.error.message}
          </Text>
        )}
        {view && (
          <div className="flex items-center gap-x-4 px-6 py-4">
            <Text size="small" weight="plus">
              Issuer mode
            </Text>
            <Select
              value={view.environment}
              onValueChange={(environment) => save.mutate({ environment })}
              disabled={save.isPending}
            >
              <Select.Trigger className="w-48" data-testid="rewardflow-wallet-environment">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="demo">Demo (test users only)</Select.Item>
                <Select.Item value="production">Production</Select.Item>
              </Select.Content>
            </Select>
            <SettingSourceBadge source={view.settings.environment?.source} testId="rewardflow-wallet-environment-source" />
            {view.service_account.client_email && (
              <Text size="small" className="text-ui-fg-subtle">
                Service account: {view.service_account.client_email}
              </Text>
            )}
          </div>
        )}
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Setting</Table.HeaderCell>
              <Table.HeaderCell>Value</Table.HeaderCell>
              <Table.HeaderCell>Source</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {Object.entries(view?.settings ?? {}).map(([name, setting]) => (
              <Table.Row key={name}>
                <Table.Cell>{name}</Table.Cell>
                <Table.Cell className="max-w-md truncate">{display(setting)}</Table.Cell>
                <Table.Cell>
                  <SettingSourceBadge source={setting.source} testId={`rewardflow-wallet-source-${name}`} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>

      <Container className="divide-y p-0" data-testid="rewardflow-wallet-validation">
        <div className="flex items-center justify-between px-6 py-4">
          <Heading level="h2">Check the setup</Heading>
          <Button size="small" variant="secondary" isLoading={validation.isPending} onClick={() => validation.mutate()}>
            Validate
          </Button>
        </div>
        {validation.data?.checks.map((check) => (
          <div key={check.id} className="flex flex-col gap-y-1 px-6 py-3" data-testid={`rewardflow-wallet-check-${check.id}`}>
            <div className="flex items-center gap-x-2">
              <Badge color={check.ok ? "green" : "red"} size="2xsmall">
                {check.ok ? "OK" : "Failed"}
              </Badge>
              <Text size="small" weight="plus">
                {check.id}
              </Text>
            </div>
            <Text size="small">{check.message}</Text>
            {check.fix && (
              <Text size="small" className="text-ui-fg-subtle">
                How to fix: {check.fix}
              </Text>
            )}
          </div>
        ))}
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Google Wallet" })

export default LoyaltyWalletPage
