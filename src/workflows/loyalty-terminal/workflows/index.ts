export * from "./revoke-terminal-device"
export * from "./open-terminal-session"
export * from "./report-pin-failures"
export * from "./change-own-staff-pin"
