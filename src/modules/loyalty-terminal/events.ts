/** Events of the in-store terminals (ids only; load the rest with query.graph). */
export const TerminalEvents = {
  /** { id: staff_id, device_id, locked_until, lock_count }: the 5th failed PIN in the window locked the staff member */
  STAFF_PIN_LOCKED: "loyalty.staff_pin_locked",
  /** { id: device_id, stock_location_id, user_id }: an admin revoked a device */
  TERMINAL_REVOKED: "loyalty.terminal_revoked",
} as const
