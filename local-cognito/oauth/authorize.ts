import { CognitoError } from '../errors';
import { str } from '../json';
import type { UpstreamClient } from '../upstream';
import type { AuthorizationCodes } from './authorizationCodes';
import type { Body, OAuthHost, PlainRequest, PlainResponse } from './host';
import { formPage, messagePage, type FormStep } from './html';
import { formBody, parseScopes, redirect } from './protocol';
import { scopedTokens } from './scopedTokens';

/** The authorize request's parameters, carried as hidden fields through every step of the form. */
const CARRIED = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'nonce', 'acr_values', 'max_age'];

interface Checked {
  client: UpstreamClient;
  redirectUri: string;
  scopes: string[];
  carried: Record<string, string>;
}

/**
 * `/oauth2/authorize`: the authorization code flow with a plain sign-in form. Before the redirect_uri is
 * known to be registered nothing is redirected (an error page, or `/error?error=redirect_mismatch` as
 * Cognito does); after, errors go back to the app as `error=` with the `state`.
 */
export class AuthorizeEndpoint {
  constructor(
    private readonly host: OAuthHost,
    private readonly codes: AuthorizationCodes,
  ) {}

  get(request: PlainRequest): Promise<PlainResponse> {
    return this.guard(request.url.searchParams, (checked) => formPage(this.signInStep(checked)));
  }

  async post(request: PlainRequest): Promise<PlainResponse> {
    let form: URLSearchParams;
    try {
      form = formBody(request);
    } catch (error) {
      return messagePage('Sign-in failed', [error instanceof Error ? error.message : String(error)]);
    }
    return this.guard(form, (checked) => this.step(request, checked, form));
  }

  /** Validates the request in Cognito's order; `next` runs only for a sound request. */
  private async guard(params: URLSearchParams, next: (checked: Checked) => PlainResponse | Promise<PlainResponse>): Promise<PlainResponse> {
    let checked: Checked;
    try {
      checked = await this.check(params);
    } catch (error) {
      if (error instanceof Refusal) {
        return error.response;
      }
      throw error;
    }
    return next(checked);
  }

  private async check(params: URLSearchParams): Promise<Checked> {
    const value = (name: string): string | undefined => {
      const all = params.getAll(name);
      if (all.length > 1) {
        throw new Refusal(messagePage('Invalid request', [`${name} is given more than once.`]));
      }
      return all[0] === undefined || all[0] === '' ? undefined : all[0];
    };
    const clientId = value('client_id');
    const client = clientId ? await this.host.client(clientId) : undefined;
    if (!client) {
      throw new Refusal(messagePage('Invalid request', [clientId ? 'The client_id is not an app client of this pool.' : 'The client_id parameter is missing.']));
    }
    const settings = this.host.settings(client.ClientId);
    const redirectUri = value('redirect_uri');
    if (!redirectUri || !settings.CallbackURLs.includes(redirectUri)) {
      // Never redirect to an address the app client did not register: Cognito's own error page.
      throw new Refusal(redirect(`/error?error=redirect_mismatch&client_id=${encodeURIComponent(client.ClientId)}`));
    }
    const state = value('state');
    const back = (error: string, description: string): Refusal => {
      const url = new URL(redirectUri);
      url.searchParams.set('error', error);
      url.searchParams.set('error_description', description);
      if (state !== undefined) url.searchParams.set('state', state);
      return new Refusal(redirect(url.toString()));
    };
    const responseType = value('response_type');
    if (responseType !== 'code') {
      throw responseType === 'token'
        ? back('unsupported_response_type', 'The implicit flow (response_type=token) is not modelled by the local user pool; use response_type=code.')
        : back('invalid_request', 'response_type must be code.');
    }
    if (!settings.AllowedOAuthFlowsUserPoolClient || !settings.AllowedOAuthFlows.includes('code')) {
      throw back('unauthorized_client', 'The app client does not allow the authorization code flow (AllowedOAuthFlows, AllowedOAuthFlowsUserPoolClient).');
    }
    const requested = parseScopes(value('scope'));
    const scopes = requested ?? settings.AllowedOAuthScopes;
    const refused = scopes.filter((scope) => !settings.AllowedOAuthScopes.includes(scope));
    if (refused.length > 0) {
      throw back('invalid_scope', `Scopes not allowed for this app client: ${refused.join(' ')}`);
    }
    const challenge = value('code_challenge');
    const method = value('code_challenge_method');
    if ((challenge !== undefined || method !== undefined) && (method !== 'S256' || !challenge || !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge))) {
      throw back('invalid_request', 'PKCE needs code_challenge_method=S256 and a code_challenge of 43 to 128 characters.');
    }
    // Step-up (DG cognito-user-pools-step-up-authentication.html, authorization-endpoint.html): acr_values is
    // the ordered list of target levels, max_age a number of seconds; the sign-in reports `acr` and `amr`.
    const maxAge = value('max_age');
    if (maxAge !== undefined && !/^\d{1,10}$/.test(maxAge)) {
      throw back('invalid_request', 'max_age must be a number of seconds (0 or more).');
    }
    if ((value('acr_values') ?? '').split(' ').some((target) => target.length > 64)) {
      throw back('invalid_request', 'acr_values must be a space-separated list of levels of at most 64 characters each.');
    }
    const provider = value('identity_provider') ?? value('idp_identifier');
    if (provider !== undefined && provider !== 'COGNITO') {
      throw new Refusal(messagePage('Federated sign-in is not modelled', [
        `This request asks to sign in through the identity provider "${provider}".`,
        'The local user pool has no federated identity providers (Google, SAML, OIDC): it cannot send you there and back. Sign in with a user of the pool instead: remove identity_provider from the request, or set it to COGNITO.',
        'Against Amazon Cognito, the same request goes to the provider and comes back with the provider\'s user.',
      ]));
    }
    if (!settings.SupportedIdentityProviders.includes('COGNITO')) {
      throw new Refusal(messagePage('No sign-in page for this app client', [
        'The app client\'s SupportedIdentityProviders does not include COGNITO, so its users cannot sign in with a user name and password here, and the local user pool models no federated identity providers.',
      ]));
    }
    const carried: Record<string, string> = {};
    for (const name of CARRIED) {
      const given = value(name);
      if (given !== undefined) carried[name] = given;
    }
    return { client, redirectUri, scopes, carried };
  }

  private signInStep(checked: Checked, message?: string): FormStep {
    return {
      hidden: checked.carried,
      title: 'Sign in',
      message,
      error: message !== undefined,
      fields: [
        { name: 'username', label: 'Username', type: 'text', autocomplete: 'username' },
        { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
      ],
      submit: 'Sign in',
    };
  }

  private async step(request: PlainRequest, checked: Checked, form: URLSearchParams): Promise<PlainResponse> {
    const challenge = form.get('challenge') ?? '';
    try {
      let result: Body;
      if (challenge === '') {
        const username = form.get('username') ?? '';
        const password = form.get('password') ?? '';
        if (username === '' || password === '') {
          return formPage(this.signInStep(checked, 'Enter your user name and password.'));
        }
        result = await this.host.passwordSignIn(request, checked.client, username, password, checked.carried.acr_values, checked.carried.max_age);
      } else {
        const answer = ANSWERS[challenge];
        const value = form.get(answer?.field ?? '') ?? '';
        if (!answer || value === '') {
          return formPage(this.signInStep(checked, 'Sign in again.'));
        }
        result = await this.host.respond(request, checked.client, challenge, form.get('session') ?? '', form.get('user') ?? '', { [answer.response]: value });
      }
      return this.next(checked, result);
    } catch (error) {
      if (error instanceof CognitoError && error.status < 500) {
        return formPage(this.signInStep(checked, signInMessage(error, challenge)));
      }
      throw error;
    }
  }

  /** Tokens: a code and the redirect. A challenge: the next form step, or a page saying it is not modelled. */
  private next(checked: Checked, result: Body): PlainResponse {
    const auth = result.AuthenticationResult as Parameters<typeof scopedTokens>[1] | undefined;
    if (auth) {
      const family = auth.RefreshToken ? this.host.familyOf(auth.RefreshToken) : undefined;
      if (family) {
        this.host.setGrant(family, checked.scopes);
      }
      const tokens = scopedTokens(this.host.signer, auth, checked.scopes, checked.carried.nonce);
      const code = this.codes.issue({ clientId: checked.client.ClientId, redirectUri: checked.redirectUri, codeChallenge: checked.carried.code_challenge, scopes: checked.scopes, tokens, family });
      const url = new URL(checked.redirectUri);
      url.searchParams.set('code', code);
      if (checked.carried.state !== undefined) url.searchParams.set('state', checked.carried.state);
      return redirect(url.toString());
    }
    const challenge = str(result.ChallengeName);
    const params = (result.ChallengeParameters ?? {}) as Record<string, string>;
    const step = CHALLENGE_STEPS[challenge];
    if (!step) {
      return messagePage('This sign-in step is not modelled', [
        `The user's next sign-in step is ${challenge}, which the local user pool's sign-in page does not offer (it offers a new password and authenticator-app codes).`,
        'Sign in with the API (InitiateAuth) to answer it, or change the user\'s MFA settings.',
      ]);
    }
    return formPage({
      ...step,
      hidden: { ...checked.carried, challenge, session: str(result.Session), user: params.USER_ID_FOR_SRP ?? params.USERNAME ?? '' },
    });
  }
}

const ANSWERS: Record<string, { field: string; response: string }> = {
  NEW_PASSWORD_REQUIRED: { field: 'new_password', response: 'NEW_PASSWORD' },
  SOFTWARE_TOKEN_MFA: { field: 'code', response: 'SOFTWARE_TOKEN_MFA_CODE' },
};

const CHALLENGE_STEPS: Record<string, Omit<FormStep, 'hidden'>> = {
  NEW_PASSWORD_REQUIRED: {
    title: 'Change your password',
    message: 'Your password is temporary. Choose a new password to continue.',
    fields: [{ name: 'new_password', label: 'New password', type: 'password', autocomplete: 'new-password' }],
    submit: 'Change password and sign in',
  },
  SOFTWARE_TOKEN_MFA: {
    title: 'Authenticator code',
    message: 'Enter the 6-digit code from your authenticator app.',
    fields: [{ name: 'code', label: 'Code', type: 'text', autocomplete: 'one-time-code' }],
    submit: 'Sign in',
  },
};

function signInMessage(error: CognitoError, challenge: string): string {
  switch (error.type) {
    case 'NotAuthorizedException':
      return challenge === '' ? 'Incorrect username or password.' : 'That step could not be completed (the session may have expired). Sign in again.';
    case 'CodeMismatchException':
      return 'The code was wrong. Sign in again and enter the current code.';
    case 'InvalidPasswordException':
      return `The new password was refused: ${error.message} Sign in again with the temporary password.`;
    case 'UserNotConfirmedException':
      return 'This user has not confirmed their account yet.';
    case 'PasswordResetRequiredException':
      return 'This user must reset their password first.';
    default:
      return `Sign-in failed: ${error.message}`;
  }
}

/** The answer to a request that cannot go on: an error page, or a redirect carrying `error=`. */
class Refusal extends Error {
  constructor(readonly response: PlainResponse) {
    super('refused');
  }
}
