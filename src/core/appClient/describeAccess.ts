import { isLoopbackHost } from '../shared/loopback';

/**
 * Whether to ask DescribeUserPoolClient for a profile at all. It needs IAM credentials: a local pool takes any,
 * a profile may name an AWS profile (`awsProfile`), or the environment may hold credentials the SDK's default
 * chain reads. Without any, the request would only fail slowly (the chain probes instance metadata), so the
 * summary is built from the tokens instead. A workspace's unconfirmed profile is never described: the signed
 * request would go to an endpoint the user has not allowed.
 */
export function describeAccess(
  profile: { readonly endpoint?: string; readonly awsProfile?: string; readonly authFlow?: string },
  env: Readonly<Record<string, string | undefined>>,
  confirmed: boolean,
): 'allowed' | 'noCredentials' | 'notConfirmed' {
  if (!confirmed) return 'notConfirmed';
  let loopback = false;
  try {
    loopback = profile.endpoint !== undefined && isLoopbackHost(new URL(profile.endpoint).hostname);
  } catch {
    loopback = false;
  }
  if (loopback || profile.awsProfile !== undefined || profile.authFlow === 'ADMIN_USER_PASSWORD_AUTH') return 'allowed';
  const fromEnv = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
  return fromEnv.some((name) => (env[name] ?? '') !== '') ? 'allowed' : 'noCredentials';
}
