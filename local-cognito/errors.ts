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
