import { createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What signs the pool's tokens; the OAuth code takes it as this interface. */
export interface TokenSigner {
  sign(claims: Record<string, unknown>): string;
}

/** The key file in the data folder: one RSA key per folder, kept across restarts. */
export const SIGNING_KEY_FILE = 'local-pool-signing-key.json';

/**
 * The pool's own signing key (RS256), one per data folder. cognito-local signs with a private key it
 * publishes in its package, so anyone could mint tokens it accepts; the layer re-signs every token it hands
 * out with this key, serves only this key's JWKS, and accepts only tokens this key signed.
 */
export class PoolSigner implements TokenSigner {
  private constructor(
    readonly kid: string,
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {}

  /** The folder's key, made on first use. A key file that does not parse stops the start with what to do. */
  static async forDataDir(dataDir: string): Promise<PoolSigner> {
    const file = join(dataDir, SIGNING_KEY_FILE);
    if (existsSync(file)) {
      let pem: string;
      try {
        pem = (JSON.parse(readFileSync(file, 'utf8')) as { privateKeyPem: string }).privateKeyPem;
        return PoolSigner.from(createPrivateKey(pem));
      } catch {
        throw new Error(`the pool's signing key ${file} is damaged. Delete it to make a new key (tokens signed with the old key then stop verifying; refresh tokens keep working).`);
      }
    }
    const privateKey = await new Promise<KeyObject>((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048 }, (error, _publicKey, key) => (error ? reject(error) : resolve(key))),
    );
    // Written whole or not at all (rename), readable by the owner only: it can mint any user's tokens.
    mkdirSync(dataDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) }), { mode: 0o600 });
    renameSync(temp, file);
    return PoolSigner.from(privateKey);
  }

  private static from(privateKey: KeyObject): PoolSigner {
    const publicKey = createPublicKey(privateKey);
    const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 22);
    return new PoolSigner(kid, privateKey, publicKey);
  }

  sign(claims: Record<string, unknown>): string {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), this.privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** The JWKS every pool of this folder publishes at `{iss}/.well-known/jwks.json`. */
  jwks(): { keys: Array<Record<string, unknown>> } {
    const { n, e } = this.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty: 'RSA', alg: 'RS256', use: 'sig', kid: this.kid, n, e }] };
  }
}
