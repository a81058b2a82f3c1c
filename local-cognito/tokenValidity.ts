/**
 * App-client token lifetimes, as the API Reference sets them (TokenValidityUnitsType,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html):
 * units seconds | minutes | hours | days, default hours for ID and access tokens and days for refresh tokens;
 * ID and access tokens "can range from five minutes to one day", refresh tokens "from 60 minutes to 10 years".
 * Without a value, ID and access tokens live 60 minutes and refresh tokens 30 days (developer guide:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html,
 * amazon-cognito-user-pools-using-the-refresh-token.html: "By default, the refresh token expires 30 days").
 */
import { invalidParameter } from './errors';
import type { UpstreamClient } from './upstream';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
export const DEFAULT_UNITS = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' } as const;
/** Cognito's default lifetime of ID and access tokens: 60 minutes (article 000 shows `ExpiresIn: 3600`). */
export const DEFAULT_TOKEN_SECONDS = 3600;

const RANGES = {
  AccessToken: { field: 'AccessTokenValidity', min: 5 * 60, max: 86400, text: '5 minutes to 1 day' },
  IdToken: { field: 'IdTokenValidity', min: 5 * 60, max: 86400, text: '5 minutes to 1 day' },
  RefreshToken: { field: 'RefreshTokenValidity', min: 60 * 60, max: 3650 * 86400, text: '60 minutes to 3,650 days' },
} as const;
type Kind = keyof typeof RANGES;

/** Seconds of `value` in `unit`; NaN for an unknown unit. */
export function validitySeconds(value: number, unit: string): number {
  return value * (UNIT_SECONDS[unit] ?? Number.NaN);
}

/**
 * Checks a Create/UpdateUserPoolClient request's validities against Cognito's ranges and returns the units
 * with AWS's defaults filled in (cognito-local would store `minutes` for an ID token given no unit).
 */
export function checkValidities(body: Record<string, unknown>): Record<Kind, string> {
  const given = (typeof body.TokenValidityUnits === 'object' && body.TokenValidityUnits !== null ? body.TokenValidityUnits : {}) as Record<string, unknown>;
  const units = { ...DEFAULT_UNITS } as Record<Kind, string>;
  for (const kind of Object.keys(RANGES) as Kind[]) {
    const unit = given[kind];
    if (unit !== undefined && unit !== null) {
      if (typeof unit !== 'string' || !(unit in UNIT_SECONDS)) {
        throw invalidParameter(`TokenValidityUnits.${kind} must be one of seconds, minutes, hours, days.`);
      }
      units[kind] = unit;
    }
    const { field, min, max, text } = RANGES[kind];
    const value = body[field];
    if (value === undefined || value === null) continue;
    const seconds = typeof value === 'number' && Number.isInteger(value) ? validitySeconds(value, units[kind]) : Number.NaN;
    if (!(seconds >= min && seconds <= max)) {
      throw invalidParameter(`${field} ${typeof value === 'number' ? value : 'value'} ${units[kind]} is out of range: ${kind === 'RefreshToken' ? 'refresh' : kind === 'IdToken' ? 'ID' : 'access'} tokens may live ${text}.`);
    }
  }
  return units;
}

/** How long an ID or access token of this client lives, in seconds (60 minutes unless the client says). */
export function tokenLifetimeSeconds(client: UpstreamClient, kind: 'IdToken' | 'AccessToken'): number {
  const value = kind === 'IdToken' ? client.IdTokenValidity : client.AccessTokenValidity;
  if (typeof value !== 'number') return DEFAULT_TOKEN_SECONDS;
  const seconds = validitySeconds(value, client.TokenValidityUnits?.[kind] ?? DEFAULT_UNITS[kind]);
  return Number.isFinite(seconds) ? seconds : DEFAULT_TOKEN_SECONDS;
}
