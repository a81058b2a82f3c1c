/** Errors shaped as Cognito's JSON protocol sends them, so the AWS SDK raises the right exception class. */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const notAuthorized = (message: string): CognitoError => new CognitoError('NotAuthorizedException', message);
export const invalidParameter = (message: string): CognitoError => new CognitoError('InvalidParameterException', message);
export const resourceNotFound = (message: string): CognitoError => new CognitoError('ResourceNotFoundException', message);

export function requireParams(params: Record<string, string>, names: string[]): void {
  for (const name of names) {
    if (typeof params[name] !== 'string' || params[name] === '') {
      throw invalidParameter(`Missing required parameter ${name}`);
    }
  }
}

/** cognito-local says InvalidPasswordException for a wrong password; Cognito says NotAuthorizedException. */
export function mapSignInError(error: unknown): never {
  // …and "User not authorized" for an unknown user, where Cognito (PreventUserExistenceErrors) gives the same answer.
  if (error instanceof CognitoError && (error.type === 'InvalidPasswordException' || error.type === 'UserNotFoundException' || (error.type === 'NotAuthorizedException' && /User not authorized/i.test(error.message)))) {
    throw notAuthorized('Incorrect username or password.');
  }
  if (error instanceof CognitoError && error.type === 'CodeMismatchException') {
    throw new CognitoError('CodeMismatchException', 'Invalid code received for user');
  }
  throw error;
}
