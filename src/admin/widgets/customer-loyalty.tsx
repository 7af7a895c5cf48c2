import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminCustomer } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { AdjustPointsDrawer } from "../components/adjust-points-drawer"
import { enrollCustomer, fetchAccount, fetchCustomerAccount, loyaltyKeys } from "../lib/loyalty-api"

const ENTRY_LABELS: Record<string, string> = {
  earn: "Earned",
  welcome_bonus: "Welcome bonus",
  redeem: "Redeemed",
  reserve: "Reserved",
  release: "Released",
  reverse: "Reversed",
  adjust: "Adjustment",
  expire: "Expired",
  transfer: "Transfer",
}

const formatPoints = (n: number) => `${n > 0 ? "+" : ""}${n.toLocaleString()}`

/** Customer page: the shopper's loyalty card, balance, recent points and a manual adjustment. */
const CustomerLoyaltyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const queryClient = useQueryClient()
  const accountQuery = useQuery({
    queryKey: loyaltyKeys.customerAccount(customer.id),
    queryFn: () => fetchCustomerAccount(customer.id),
  })
  const accountId = accountQuery.data?.id
  const detailQuery = useQuery({
    queryKey: loyaltyKeys.account(accountId ?? "none"),
    queryFn: () => fetchAccount(accountId!),
    enabled: !!accountId,
  })
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: ["rewardflow"] })
  const enroll = useMutation({
    mutationFn: () => enrollCustomer(customer.id),
    onSuccess: () => {
      toast.success("Customer enrolled in the loyalty program")
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })

  const account = detailQuery.data?.account ?? accountQuery.data
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-customer-loyalty">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Loyalty</Heading>
        {account ? (
          <div className="flex items-center gap-x-2">
            <Badge color={account.status === "active" ? "green" : "red"} size="2xsmall">
              {account.status}
            </Badge>
            <AdjustPointsDrawer account={account} onAdjusted={refresh} />
          </div>
        ) : null}
      </div>
      {accountQuery.isLoading ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">Loading…</Text>
      ) : accountQuery.isError ? (
        <Text className="px-6 py-4 text-ui-fg-error">{(accountQuery.error as Error).message}</Text>
      ) : !account ? (
        <div className="flex items-center justify-between px-6 py-4">
          <Text className="text-ui-fg-subtle">Not a member of the loyalty program.</Text>
          <Button size="small" variant="secondary" isLoading={enroll.isPending} onClick={() => enroll.mutate()}>
            Enroll
          </Button>
        </div>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-4 px-6 py-4">
            <div>
              <Text size="small" className="text-ui-fg-subtle">Balance</Text>
              <Text size="xlarge" weight="plus" data-testid="rewardflow-balance">
                {account.balance.toLocaleString()} points
              </Text>
            </div>
            <div>
              <Text size="small" className="text-ui-fg-subtle">Lifetime earned</Text>
              <Text weight="plus">{account.lifetime_earned.toLocaleString()}</Text>
            </div>
            <div>
              <Text size="small" className="text-ui-fg-subtle">Card number</Text>
              <Text className="font-mono" data-testid="rewardflow-card-number">{account.card_number_formatted}</Text>
            </div>
            <div>
              <Text size="small" className="text-ui-fg-subtle">Next expiry</Text>
              <Text>
                {account.next_expiry
                  ? `${account.next_expiry.points} on ${new Date(account.next_expiry.expires_at).toLocaleDateString()}`
                  : "None"}
              </Text>
            </div>
          </div>
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">Recent points</Text>
            {detailQuery.isLoading ? (
              <Text size="small" className="text-ui-fg-subtle">Loading…</Text>
            ) : detailQuery.data?.entries.length ? (
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Date</Table.HeaderCell>
                    <Table.HeaderCell>Type</Table.HeaderCell>
                    <Table.HeaderCell>Reason</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {detailQuery.data.entries.map((e) => (
                    <Table.Row key={e.id}>
                      <Table.Cell>{new Date(e.created_at).toLocaleDateString()}</Table.Cell>
                      <Table.Cell>{ENTRY_LABELS[e.type] ?? e.type}</Table.Cell>
                      <Table.Cell>{e.reason ?? (e.source_type === "order" ? e.source_id : "")}</Table.Cell>
                      <Table.Cell className="text-right">{formatPoints(e.points)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">No points yet.</Text>
            )}
          </div>
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerLoyaltyWidget
