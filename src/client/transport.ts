import type { FetchArgs } from "@medusajs/js-sdk"
import { isFetchError, readErrorBody, RewardFlowError } from "./errors"

/**
 * What the client needs of a js-sdk `Medusa` instance: its `client.fetch`. Requests go through
 * it, so the sdk's base URL, publishable key, auth (JWT storage or session cookie), locale and
 * global headers apply, and so does any wrapper a storefront put on it (the Next.js starter
 * adds the locale header that way).
 */
export interface RewardFlowSdk {
  client: {
    fetch<T>(input: string, init?: FetchArgs): Promise<T>
  }
}

/** Per-request options passed on to `client.fetch`: headers (the Next.js starter's auth headers), `cache`, `next`, `signal`... */
export type RewardFlowRequestOptions = Omit<FetchArgs, "method" | "body" | "query">

/**
 * js-sdk 2.x's `client.fetch` throws a FetchError on a status of 300 or more that keeps only
 * the body's `message` (and the status): it reads the body itself and drops the rest, and it
 * has no option returning the Response of a failed request. The routes' `reason` and details
 * are in that body. So, while a request of this client is in flight, the global `fetch` the sdk
 * calls is wrapped: the wrapper passes every call through unchanged, and for a call whose init
 * carries this symbol (the sdk spreads the init it was given into the one it hands to fetch) it
 * gives the Response of a failed request to the client, which reads a clone of its body.
 * The wrapper is removed when the last request in flight is done (unless something else
 * replaced `fetch` meanwhile: then it stays, passing calls through).
 */
const CAPTURE = Symbol.for("medusa-plugin-rewardflow.client.capture")

type Capture = (response: Response) => void
type Fetch = typeof globalThis.fetch

/**
 * One state for every copy of the client in the process (a framework may load it twice, as
 * CommonJS and ESM or per server layer): the copies share the wrapper and its count instead of
 * stacking wrappers on each other.
 */
type CaptureState = { inFlight: number; installed: { wrapper: Fetch; previous: Fetch } | null }
const STATE_KEY = Symbol.for("medusa-plugin-rewardflow.client.capture-state")
const state: CaptureState = ((globalThis as Record<symbol, CaptureState | undefined>)[STATE_KEY] ??= { inFlight: 0, installed: null })

function wrap(previous: Fetch): Fetch {
  const wrapper = function rewardflowFetch(input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) {
    const pending = previous(input, init)
    const capture = (init as { [CAPTURE]?: unknown } | undefined)?.[CAPTURE]
    if (typeof capture !== "function") return pending
    return pending.then((response) => {
      if (response.status >= 300) (capture as Capture)(response)
      return response
    })
  } as Fetch
  // Keep what frameworks mark their own fetch with (Next.js: __nextPatched, _nextOriginalFetch).
  for (const key of Reflect.ownKeys(previous)) {
    if (key in wrapper) continue
    const descriptor = Object.getOwnPropertyDescriptor(previous, key)
    if (descriptor) Object.defineProperty(wrapper, key, descriptor)
  }
  return wrapper
}

function captureStart(): void {
  state.inFlight++
  const current = globalThis.fetch
  if (typeof current !== "function" || (state.installed && current === state.installed.wrapper)) return
  try {
    const wrapper = wrap(current)
    globalThis.fetch = wrapper
    state.installed = { wrapper, previous: current }
  } catch {
    // A fetch that cannot be replaced: errors then keep only what FetchError keeps.
  }
}

function captureEnd(): void {
  state.inFlight = Math.max(0, state.inFlight - 1)
  if (state.inFlight > 0 || !state.installed) return
  if (globalThis.fetch === state.installed.wrapper) {
    try {
      globalThis.fetch = state.installed.previous
    } catch {
      return
    }
  }
  state.installed = null
}

/**
 * Calls `sdk.client.fetch` and turns its FetchError into a RewardFlowError carrying the body's
 * `reason` and details. Other errors (network, aborted) are thrown as they are.
 */
export async function send<T>(sdk: RewardFlowSdk, path: string, init: FetchArgs): Promise<T> {
  let failed: Response | undefined
  const capture: Capture = (response) => {
    if (!failed) failed = response.clone()
  }
  captureStart()
  try {
    return await sdk.client.fetch<T>(path, { ...init, [CAPTURE]: capture } as FetchArgs)
  } catch (error) {
    if (!isFetchError(error)) throw error
    throw new RewardFlowError({
      status: error.status,
      statusText: error.statusText,
      message: error.message,
      body: await readErrorBody(failed),
      cause: error,
    })
  } finally {
    captureEnd()
  }
}

/** Whether `globalThis.fetch` is the client's wrapper right now (for tests). */
export function isCapturing(): boolean {
  return !!state.installed && globalThis.fetch === state.installed.wrapper
}
