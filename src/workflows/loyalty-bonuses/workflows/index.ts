export * from "./set-loyalty-birthday"
export * from "./pay-birthday-bonuses"
export * from "./settle-referrals"
