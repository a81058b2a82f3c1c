import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { secretHash, srpServerExpectedSignature, srpServerStart } from '../src/core/protocol/srp';
import type { OffsetClock } from './clock';
import { CognitoError, invalidParameter, notAuthorized, resourceNotFound } from './errors';
import { str } from './json';
import { tokenKey, type ClientExtras, type LayerState, type RefreshRecord } from './state';
import { claimsOf, newId, newRefreshToken, refreshValidityMs } from './tokens';
import type { Upstream, UpstreamClient } from './upstream';

type Body = Record<string, unknown>;
type AuthResult = { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string };

/** Sessions for challenges last 3 minutes, as Cognito's do. */
const SESSION_MS = 3 * 60 * 1000;
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** Access-token operations: the layer checks the token (signature, expiry, revocation) before forwarding. */
const ACCESS_TOKEN_OPERATIONS = new Set([
  'GetUser', 'UpdateUserAttributes', 'DeleteUserAttributes', 'ChangePassword', 'DeleteUser', 'SetUserMFAPreference',
  'VerifySoftwareToken', 'AssociateSoftwareToken', 'GetUserAttributeVerificationCode', 'VerifyUserAttribute',
]);

/**
 * What the local pool adds in front of cognito-local, following the Cognito API Reference: refresh-token
 * rotation (GetTokensFromRefreshToken), RefreshTokenRotation on app clients, SECRET_HASH checks, opaque
 * refresh tokens bound to their client with real expiry, GlobalSignOut and RevokeToken with revocation
 * enforced on access-token calls, real challenge Sessions, and the server side of USER_SRP_AUTH.
 */
export class RotationLayer {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly upstream: Upstream,
    private readonly state: LayerState,
    private readonly clock: OffsetClock,
  ) {
    // cognito-local signs with one static key for every pool; its JWKS is the same at any pool path.
    this.keys = createRemoteJWKSet(new URL(`${upstream.url}/local/.well-known/jwks.json`));
  }

  async handle(operation: string, body: Body): Promise<Body> {
    switch (operation) {
      case 'CreateUserPoolClient':
      case 'UpdateUserPoolClient':
        return this.saveClient(operation, body);
      case 'DescribeUserPoolClient':
        return this.describeClient(body);
      case 'InitiateAuth':
        return this.initiateAuth(body, false);
      case 'AdminInitiateAuth':
        return this.initiateAuth(body, true);
      case 'RespondToAuthChallenge':
      case 'AdminRespondToAuthChallenge':
        return this.respondToChallenge(body);
      case 'GetTokensFromRefreshToken':
        return this.getTokensFromRefreshToken(body);
      case 'RevokeToken':
        return this.revokeToken(body);
      case 'GlobalSignOut':
        return this.globalSignOut(body);
      case 'AdminUserGlobalSignOut':
        return this.adminGlobalSignOut(body);
      default:
        if (ACCESS_TOKEN_OPERATIONS.has(operation) && typeof body.AccessToken === 'string') {
          await this.checkAccessToken(body.AccessToken);
        }
        return this.upstream.call(operation, body);
    }
  }

  // ---- app clients -------------------------------------------------------------------------------

  private async saveClient(operation: string, body: Body): Promise<Body> {
    const rotation = parseRotation(body.RefreshTokenRotation);
    const flows = Array.isArray(body.ExplicitAuthFlows) ? (body.ExplicitAuthFlows as string[]) : undefined;
    if (rotation.Feature === 'ENABLED' && (flows ?? DEFAULT_FLOWS).includes('ALLOW_REFRESH_TOKEN_AUTH')) {
      throw invalidParameter('Refresh token rotation cannot be enabled while ALLOW_REFRESH_TOKEN_AUTH is in ExplicitAuthFlows. Remove it: rotating clients refresh with GetTokensFromRefreshToken.');
    }
    // cognito-local would silently drop RefreshTokenRotation; the layer keeps it instead.
    const forwarded = { ...body };
    delete forwarded.RefreshTokenRotation;
    const result = await this.upstream.call<{ UserPoolClient: Body }>(operation, forwarded);
    const clientId = String(result.UserPoolClient.ClientId);
    // UpdateUserPoolClient resets what it is not given, as Cognito documents; so does rotation.
    this.state.data.clients[clientId] = { rotation };
    this.state.save();
    return { UserPoolClient: { ...result.UserPoolClient, RefreshTokenRotation: rotation } };
  }

  private async describeClient(body: Body): Promise<Body> {
    const result = await this.upstream.call<{ UserPoolClient: Body }>('DescribeUserPoolClient', body);
    const clientId = String(result.UserPoolClient.ClientId);
    return { UserPoolClient: { ...result.UserPoolClient, RefreshTokenRotation: this.extras(clientId).rotation } };
  }

  private extras(clientId: string): ClientExtras {
    return this.state.data.clients[clientId] ?? { rotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 } };
  }

  private client(clientId: unknown): UpstreamClient {
    if (typeof clientId !== 'string' || clientId === '') {
      throw invalidParameter('1 validation error detected: Value null at \'clientId\' failed to satisfy constraint: Member must not be null');
    }
    const client = this.upstream.client(clientId);
    if (!client) {
      throw resourceNotFound(`User pool client ${clientId} does not exist.`);
    }
    return client;
  }

  private requireFlow(client: UpstreamClient, flow: string): void {
    const flows = client.ExplicitAuthFlows && client.ExplicitAuthFlows.length > 0 ? client.ExplicitAuthFlows : DEFAULT_FLOWS;
    const allowed = flows.includes(`ALLOW_${flow}`) || (flow === 'ADMIN_USER_PASSWORD_AUTH' && flows.includes('ADMIN_NO_SRP_AUTH'));
    if (!allowed) {
      throw invalidParameter(`${flow} flow not enabled for this client`);
    }
  }

  private checkSecretHash(client: UpstreamClient, username: string | undefined, given: unknown): void {
    if (!client.ClientSecret) {
      return;
    }
    if (typeof given !== 'string' || given === '') {
      throw notAuthorized(`Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
    }
    const expected = secretHash(client.ClientSecret, username ?? '', client.ClientId);
    if (!safeEqual(expected, given)) {
      throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    }
  }

  // ---- sign-in and challenges --------------------------------------------------------------------

  private async initiateAuth(body: Body, admin: boolean): Promise<Body> {
    const client = this.client(body.ClientId);
    const flow = str(body.AuthFlow);
    const params = (body.AuthParameters ?? {}) as Record<string, string>;
    if (admin && body.UserPoolId !== client.UserPoolId) {
      throw resourceNotFound(`User pool client ${client.ClientId} does not exist in ${String(body.UserPoolId)}.`);
    }
    switch (flow) {
      case 'USER_PASSWORD_AUTH':
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH': {
        this.requireFlow(client, flow === 'ADMIN_NO_SRP_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : flow);
        requireParams(params, ['USERNAME', 'PASSWORD']);
        this.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
        const upstreamBody = admin
          ? { ...body, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: params.USERNAME, PASSWORD: params.PASSWORD } }
          : { ...body, AuthParameters: { USERNAME: params.USERNAME, PASSWORD: params.PASSWORD } };
        const result = await this.upstream.call(admin ? 'AdminInitiateAuth' : 'InitiateAuth', upstreamBody).catch(mapSignInError);
        return this.afterAuth(result, client, params.USERNAME);
      }
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN': {
        this.requireFlow(client, 'REFRESH_TOKEN_AUTH');
        requireParams(params, ['REFRESH_TOKEN']);
        const record = this.liveRefreshRecord(params.REFRESH_TOKEN, client, false);
        // SECRET_HASH for a refresh uses the real Cognito username, not an alias typed at sign-in.
        this.checkSecretHash(client, record.username, params.SECRET_HASH);
        const result = await this.upstreamRefresh(record, client);
        return { ChallengeParameters: {}, AuthenticationResult: this.finishTokens(result, record.family) };
      }
      case 'USER_SRP_AUTH': {
        this.requireFlow(client, 'USER_SRP_AUTH');
        requireParams(params, ['USERNAME', 'SRP_A']);
        this.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
        const user = this.upstream.user(client.UserPoolId, params.USERNAME);
        if (!user) {
          throw notAuthorized('Incorrect username or password.');
        }
        const server = srpServerStart(client.UserPoolId, user.Username, user.Password);
        const secretBlock = randomBytes(64).toString('base64');
        const session = this.newSession({
          clientId: client.ClientId,
          userPoolId: client.UserPoolId,
          username: user.Username,
          challenge: 'PASSWORD_VERIFIER',
          expiresAt: this.clock.now() + SESSION_MS,
          srp: { ...server, A: params.SRP_A, secretBlock },
        });
        return {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: { SALT: server.salt, SRP_B: server.B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: user.Username, USERNAME: user.Username },
          Session: session,
        };
      }
      default:
        throw invalidParameter(`AuthFlow ${flow || '(missing)'} is not supported by the local user pool. Supported: USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH.`);
    }
  }

  private async respondToChallenge(body: Body): Promise<Body> {
    const client = this.client(body.ClientId);
    const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
    const challenge = str(body.ChallengeName);
    const sessionId = typeof body.Session === 'string' ? body.Session : '';
    const session = this.state.data.sessions[sessionId];
    if (!session || session.clientId !== client.ClientId || session.challenge !== challenge) {
      throw notAuthorized('Invalid session for the user.');
    }
    if (session.expiresAt <= this.clock.now()) {
      delete this.state.data.sessions[sessionId];
      this.state.save();
      throw notAuthorized('Invalid session for the user, session is expired.');
    }
    this.checkSecretHash(client, responses.USERNAME ?? session.username, responses.SECRET_HASH);
    // A session answers one challenge once.
    delete this.state.data.sessions[sessionId];
    this.state.save();
    if (challenge === 'PASSWORD_VERIFIER') {
      return this.verifyPassword(session, responses, client);
    }
    // cognito-local does not check SECRET_HASH (the layer just did) and would not expect it.
    const upstreamResponses = { ...responses };
    delete upstreamResponses.SECRET_HASH;
    const result = await this.upstream
      .call('RespondToAuthChallenge', { ClientId: client.ClientId, ChallengeName: challenge, Session: session.upstreamSession, ChallengeResponses: { USERNAME: session.username, ...upstreamResponses } })
      .catch(mapSignInError);
    return this.afterAuth(result, client, session.username);
  }

  private async verifyPassword(session: import('./state').SessionRecord, responses: Record<string, string>, client: UpstreamClient): Promise<Body> {
    requireParams(responses, ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP']);
    const user = this.upstream.user(session.userPoolId, session.username);
    const srp = session.srp;
    if (!user || !srp || responses.PASSWORD_CLAIM_SECRET_BLOCK !== srp.secretBlock) {
      throw notAuthorized('Incorrect username or password.');
    }
    const expected = srpServerExpectedSignature({ ...srp, userPoolId: session.userPoolId, username: user.Username, password: user.Password, timestamp: responses.TIMESTAMP });
    if (!expected || !safeEqual(expected, responses.PASSWORD_CLAIM_SIGNATURE)) {
      throw notAuthorized('Incorrect username or password.');
    }
    // The password is proven; cognito-local issues the tokens (or the next challenge) through its admin flow.
    const result = await this.upstream
      .call('AdminInitiateAuth', { UserPoolId: session.userPoolId, ClientId: client.ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.Username, PASSWORD: user.Password } })
      .catch(mapSignInError);
    return this.afterAuth(result, client, user.Username);
  }

  /** Tokens: swap in our refresh token and add ExpiresIn/TokenType. A challenge: give it our own Session. */
  private afterAuth(result: Body, client: UpstreamClient, typedUsername: string): Body {
    const auth = result.AuthenticationResult as AuthResult | undefined;
    if (auth) {
      const claims = claimsOf(auth.AccessToken) ?? {};
      const username = typeof claims.username === 'string' ? claims.username : typedUsername;
      const family = newId();
      this.state.data.families[family] = { userPoolId: client.UserPoolId, username };
      const now = this.clock.now();
      const refreshToken = newRefreshToken();
      this.state.data.refresh[tokenKey(refreshToken)] = {
        family,
        clientId: client.ClientId,
        userPoolId: client.UserPoolId,
        username,
        upstream: String(auth.RefreshToken ?? ''),
        issuedAt: now,
        sessionEndsAt: now + refreshValidityMs(client.RefreshTokenValidity, client.TokenValidityUnits?.RefreshToken),
      };
      return { ChallengeParameters: {}, AuthenticationResult: { ...this.finishTokens(auth, family), RefreshToken: refreshToken } };
    }
    const challenge = str(result.ChallengeName);
    const params = (result.ChallengeParameters ?? {}) as Record<string, string>;
    const session = this.newSession({
      clientId: client.ClientId,
      userPoolId: client.UserPoolId,
      username: params.USER_ID_FOR_SRP ?? typedUsername,
      challenge,
      expiresAt: this.clock.now() + SESSION_MS,
      upstreamSession: typeof result.Session === 'string' ? result.Session : undefined,
    });
    return { ChallengeName: challenge, ChallengeParameters: params, Session: session };
  }

  private newSession(record: import('./state').SessionRecord): string {
    const id = randomBytes(96).toString('base64url');
    this.state.data.sessions[id] = record;
    this.state.save();
    return id;
  }

  /** ID and access tokens with ExpiresIn and TokenType; the access token is remembered for revocation. */
  private finishTokens(auth: AuthResult, family: string): AuthResult {
    const claims = claimsOf(auth.AccessToken) ?? {};
    if (typeof claims.jti === 'string') {
      this.state.data.accessTokens[claims.jti] = { family, issuedAt: this.clock.now() };
    }
    this.state.save();
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    const iat = typeof claims.iat === 'number' ? claims.iat : 0;
    return { AccessToken: auth.AccessToken, IdToken: auth.IdToken, ExpiresIn: Math.max(0, exp - iat), TokenType: 'Bearer' };
  }

  // ---- refresh and rotation ----------------------------------------------------------------------

  private liveRefreshRecord(token: unknown, client: UpstreamClient, allowReplaced: boolean): RefreshRecord {
    const record = typeof token === 'string' ? this.state.data.refresh[tokenKey(token)] : undefined;
    if (!record || record.clientId !== client.ClientId) {
      throw notAuthorized('Invalid Refresh Token');
    }
    const family = this.state.data.families[record.family];
    const signedOut = this.state.data.signedOutAt[`${record.userPoolId}/${record.username}`];
    if (family?.revokedAt !== undefined || (signedOut !== undefined && signedOut >= record.issuedAt)) {
      throw notAuthorized('Refresh Token has been revoked');
    }
    const now = this.clock.now();
    if (now >= record.sessionEndsAt) {
      throw notAuthorized('Refresh Token has expired');
    }
    if (record.replacedAt !== undefined) {
      const grace = this.extras(client.ClientId).rotation.RetryGracePeriodSeconds * 1000;
      if (!allowReplaced || now > record.replacedAt + grace) {
        throw new CognitoError('RefreshTokenReuseException', 'Refresh Token has already been used and was rotated. Sign in again or use the newest refresh token.');
      }
    }
    return record;
  }

  private async upstreamRefresh(record: RefreshRecord, client: UpstreamClient): Promise<AuthResult> {
    const result = await this.upstream.call<{ AuthenticationResult: AuthResult }>('InitiateAuth', {
      ClientId: client.ClientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: record.upstream },
    });
    return result.AuthenticationResult;
  }

  private async getTokensFromRefreshToken(body: Body): Promise<Body> {
    const client = this.client(body.ClientId);
    if (typeof body.RefreshToken !== 'string' || body.RefreshToken === '') {
      throw invalidParameter('1 validation error detected: Value null at \'refreshToken\' failed to satisfy constraint: Member must not be null');
    }
    if (client.ClientSecret) {
      if (typeof body.ClientSecret !== 'string' || body.ClientSecret === '') {
        throw notAuthorized(`Client ${client.ClientId} is configured with secret but ClientSecret was not received`);
      }
      if (!safeEqual(client.ClientSecret, body.ClientSecret)) {
        throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
      }
    }
    const rotation = this.extras(client.ClientId).rotation;
    const record = this.liveRefreshRecord(body.RefreshToken, client, rotation.Feature === 'ENABLED');
    const tokens = await this.upstreamRefresh(record, client);
    const result: AuthResult = this.finishTokens(tokens, record.family);
    if (rotation.Feature === 'ENABLED') {
      const now = this.clock.now();
      // The replaced token keeps working for the grace period; its first replacement time is what counts.
      record.replacedAt ??= now;
      const next = newRefreshToken();
      this.state.data.refresh[tokenKey(next)] = { ...record, issuedAt: now, replacedAt: undefined };
      this.state.save();
      result.RefreshToken = next;
    }
    return { AuthenticationResult: result };
  }

  // ---- sign-out and revocation -------------------------------------------------------------------

  private revokeToken(body: Body): Body {
    const client = this.client(body.ClientId);
    if (client.ClientSecret && (typeof body.ClientSecret !== 'string' || !safeEqual(client.ClientSecret, body.ClientSecret))) {
      throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    }
    const token = typeof body.Token === 'string' ? body.Token : '';
    if (token.split('.').length === 3) {
      throw new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
    }
    const record = this.state.data.refresh[tokenKey(token)];
    if (record && record.clientId === client.ClientId) {
      const family = this.state.data.families[record.family];
      if (family) {
        family.revokedAt = this.clock.now();
        this.state.save();
      }
    }
    return {};
  }

  private async globalSignOut(body: Body): Promise<Body> {
    const claims = await this.checkAccessToken(body.AccessToken);
    return this.signOutUser(String(claims.poolId), String(claims.username));
  }

  private adminGlobalSignOut(body: Body): Body {
    const userPoolId = str(body.UserPoolId);
    const user = this.upstream.user(userPoolId, str(body.Username));
    if (!user) {
      throw new CognitoError('UserNotFoundException', 'User does not exist.');
    }
    return this.signOutUser(userPoolId, user.Username);
  }

  private signOutUser(userPoolId: string, username: string): Body {
    // Everything issued up to now is revoked; tokens from a later sign-in are not.
    this.state.data.signedOutAt[`${userPoolId}/${username}`] = this.clock.now();
    this.state.save();
    return {};
  }

  /** Signature (cognito-local's key), expiry (the layer's clock) and revocation of an access token. */
  private async checkAccessToken(token: unknown): Promise<{ poolId: string; username: string }> {
    if (typeof token !== 'string' || token === '') {
      throw invalidParameter('1 validation error detected: Value null at \'accessToken\' failed to satisfy constraint: Member must not be null');
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { currentDate: new Date(this.clock.now()) }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw notAuthorized('Access Token has expired');
      }
      throw notAuthorized('Invalid Access Token');
    }
    if (payload.token_use !== 'access') {
      throw notAuthorized('Invalid Access Token');
    }
    const poolId = str(payload.iss).split('/').pop() ?? '';
    const username = str(payload.username);
    const issued = typeof payload.jti === 'string' ? this.state.data.accessTokens[payload.jti] : undefined;
    const family = issued ? this.state.data.families[issued.family] : undefined;
    const signedOut = this.state.data.signedOutAt[`${poolId}/${username}`];
    // Issue times come from the layer's clock (tests move it); a token the layer never saw falls back to iat.
    const issuedAt = issued?.issuedAt ?? (typeof payload.iat === 'number' ? payload.iat * 1000 : 0);
    if (family?.revokedAt !== undefined || (signedOut !== undefined && signedOut >= issuedAt)) {
      throw notAuthorized('Access Token has been revoked');
    }
    return { poolId, username };
  }
}

function parseRotation(value: unknown): ClientExtras['rotation'] {
  const input = (typeof value === 'object' && value !== null ? value : {}) as { Feature?: unknown; RetryGracePeriodSeconds?: unknown };
  const feature = input.Feature === 'ENABLED' ? 'ENABLED' : 'DISABLED';
  const grace = input.RetryGracePeriodSeconds === undefined ? 0 : Number(input.RetryGracePeriodSeconds);
  if (input.Feature !== undefined && input.Feature !== 'ENABLED' && input.Feature !== 'DISABLED') {
    throw invalidParameter('RefreshTokenRotation.Feature must be ENABLED or DISABLED.');
  }
  if (!Number.isInteger(grace) || grace < 0 || grace > 60) {
    throw invalidParameter('RefreshTokenRotation.RetryGracePeriodSeconds must be an integer from 0 to 60.');
  }
  return { Feature: feature, RetryGracePeriodSeconds: grace };
}

function requireParams(params: Record<string, string>, names: string[]): void {
  for (const name of names) {
    if (typeof params[name] !== 'string' || params[name] === '') {
      throw invalidParameter(`Missing required parameter ${name}`);
    }
  }
}

/** cognito-local says InvalidPasswordException for a wrong password; Cognito says NotAuthorizedException. */
function mapSignInError(error: unknown): never {
  // …and "User not authorized" for an unknown user, where Cognito (PreventUserExistenceErrors) gives the same answer.
  if (error instanceof CognitoError && (error.type === 'InvalidPasswordException' || error.type === 'UserNotFoundException' || (error.type === 'NotAuthorizedException' && /User not authorized/i.test(error.message)))) {
    throw notAuthorized('Incorrect username or password.');
  }
  if (error instanceof CognitoError && error.type === 'CodeMismatchException') {
    throw new CognitoError('CodeMismatchException', 'Invalid code received for user');
  }
  throw error;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
