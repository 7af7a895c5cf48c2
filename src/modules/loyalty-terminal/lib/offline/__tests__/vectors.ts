// Test vectors shared by the offline suites and quoted in the README ("The offline bundle").
// They were cross-checked against an independent Python implementation of the README
// (hashlib.scrypt + pyca/cryptography): it unsealed both blobs, produced the same signature, opened
// SEALED_SIGNATURE_BY_NODE and made SEALED_SIGNATURE_BY_PYTHON.
export const PIN = "482915"
export const SALT_HEX = "000102030405060708090a0b0c0d0e0f"
// RFC 8032 test 1 secret key; its public key is d75a9801…511a.
export const SEED_HEX = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
export const PUBLIC_KEY = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
export const SEALED_TEST_PARAMS = "AejA55Z9iWwtPSLx2pH9r1ORtp4JqrhYITE3p0SbJyb2hg" // N=16, r=8, p=1
export const SEALED_PRODUCTION_PARAMS = "AbhYpkOwse83c9rkVsn-CCLlTZEk7_M8tZ_CPyYf8Zy5PA" // N=32768, r=8, p=1
export const ACTION = {
  client_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  type: "award",
  staff_id: "tstaff_01",
  device_id: "tdev_01",
  created_at: "2026-12-03T10:15:00.000Z",
  payload: { receipt_number: "R-1042", amount: 42.5, currency_code: "eur", card_number: "6012345678901234" },
}
export const CANONICAL_ACTION =
  '{"client_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","created_at":"2026-12-03T10:15:00.000Z","device_id":"tdev_01",' +
  '"payload":{"amount":42.5,"card_number":"6012345678901234","currency_code":"eur","receipt_number":"R-1042"},' +
  '"staff_id":"tstaff_01","type":"award"}'
export const SIGNATURE = "6rE8EGNQlrQ4lyqSoJNczo9vuwiCjUJuBwwgi-b_Lp6JWZuMHGdcOiLWX-f8EK4MvQhcTmXNW9HSI8CNkanDBw"
// RFC 7748 §6.1 Alice's private key, as the server's sync key.
export const SYNC_PRIVATE_HEX = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
export const SYNC_PUBLIC_KEY = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"
export const SEALED_SIGNATURE_BY_NODE =
  "eKAS7mrMBsAXywx1Eh2XB3m7ThpQbvdhVul70XbXZWsnhw3za2yf0J24dByAOZMC4Dpa3-8fJIW5LrkVyY8oUnye-hukoHkKmkxNL9233PFF8dxE-0FUcjRLXxbcv6gYJW09KUbV00W6IIEBD46RQw"
export const SEALED_SIGNATURE_BY_PYTHON =
  "cdRYac6cRZSe9qn_xfQzoJCUPlDaC0O_45GUA6pEmRi6TZm0Hn66tZHy4Scc6MdvYV5XtESVWu2--CjJj64p-0kUIfMms6YXjqEpYIP0M3q5axG_YH9bnZPkawBclIW7b7HNSI2PzvHk9M7X67hQGw"
