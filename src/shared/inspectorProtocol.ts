/**
 * The one message protocol between the inspector's host (src/inspector) and its page (media/inspector.ts).
 * Both sides import these types, so a change to a message breaks the build on both sides at once.
 * No message carries a token: the page gets decoded claims, and asks the host to copy or verify.
 */
import type { ExpiryState } from '../core/tokens/expiry';
import type { TokenInspection } from '../core/tokens/inspection';
import type { TimelineRow } from '../core/sessions/rotationHistory';
import type { VerifyResult } from '../core/tokens/verify';
import type { Finding } from '../core/appClient/preflight';
import type { TimelineShapes, TimelineZoom } from '../core/appClient/sessionTimeline';

export type InspectorLabels = Record<
  | 'header'
  | 'payload'
  | 'claim'
  | 'value'
  | 'meaning'
  | 'copyToken'
  | 'copyBearer'
  | 'copyHeader'
  | 'copyPayload'
  | 'showRaw'
  | 'hideRaw'
  | 'verify'
  | 'verifying'
  | 'notChecked'
  | 'cognito'
  | 'notes'
  | 'problems'
  | 'fingerprint'
  | 'tokenUse'
  | 'region'
  | 'userPool'
  | 'clientId'
  | 'username'
  | 'groups'
  | 'jwks'
  | 'issuerFormat'
  | 'signature'
  | 'copied'
  | 'history'
  | 'historyEmpty'
  | 'confirmIssuerPrompt'
  | 'confirmIssuer'
  | 'profilePoolYes'
  | 'profilePoolNo'
  | 'keysFrom'
  | 'keySourceAws'
  | 'keySourceProfile'
  | 'keySourceConfirmed'
  | 'appClient'
  | 'appClientFindings'
  | 'appClientNoFindings'
  | 'sessionTime'
  | 'zoomHour'
  | 'zoomSession'
  | 'timelineAsText'
  | 'legendGrace'
  | 'legendRotation'
  | 'legendWall'
  | 'legendNow',
  string
>;

/** One fact of the app client, as text (the source already in words). Never a secret's value. */
export interface AppClientRow {
  readonly label: string;
  readonly value: string;
  readonly source: 'described' | 'tokens' | 'unknown';
  readonly sourceText: string;
}

export type HostToPage =
  | { readonly type: 'render'; readonly inspection: TokenInspection; readonly labels: InspectorLabels; readonly verify?: VerifyResult }
  | {
      readonly type: 'tick';
      readonly expiry: { readonly state: ExpiryState; readonly text: string };
      /** Claim name → new relative time text ("in 41 min"). */
      readonly relative: Readonly<Record<string, string>>;
    }
  | { readonly type: 'verifying' }
  | { readonly type: 'verifyResult'; readonly result: VerifyResult }
  | { readonly type: 'copied'; readonly what: CopyTarget }
  /** The rotation timeline of the stored token's profile, newest first. */
  | { readonly type: 'history'; readonly profile: string; readonly rows: readonly TimelineRow[] }
  /** The stored token's profile: its pool and app client explained, and the preflight findings. */
  | { readonly type: 'appClient'; readonly profile: string; readonly rows: readonly AppClientRow[]; readonly findings: readonly Finding[] }
  /** The session's time as shapes (layout done by the host, in src/core): times only, no token. */
  | { readonly type: 'timeline'; readonly zoom: TimelineZoom; readonly shapes: TimelineShapes };

export type CopyTarget = 'token' | 'bearer' | 'header' | 'payload';

export type PageToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'copy'; readonly what: CopyTarget }
  | { readonly type: 'verify' }
  /** Trust the issuer the last verify result offered (the host knows which: the page names none). */
  | { readonly type: 'confirmIssuer' }
  /** Lay the session's timeline out for this zoom and the page's width (CSS pixels). */
  | { readonly type: 'timeline'; readonly zoom: TimelineZoom; readonly width: number };

export function isPageToHost(value: unknown): value is PageToHost {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const message = value as { type?: unknown; what?: unknown };
  switch (message.type) {
    case 'ready':
    case 'verify':
    case 'confirmIssuer':
      return true;
    case 'timeline': {
      const m = value as { zoom?: unknown; width?: unknown };
      return (m.zoom === 'hour' || m.zoom === 'session') && typeof m.width === 'number' && Number.isFinite(m.width) && m.width >= 100 && m.width <= 10_000;
    }
    case 'copy':
      return message.what === 'token' || message.what === 'bearer' || message.what === 'header' || message.what === 'payload';
    default:
      return false;
  }
}
