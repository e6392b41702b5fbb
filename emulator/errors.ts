/** Comm100-style numeric error codes: the HTTP status times 1000, plus a detail digit. */
export const errorCodes = {
  badRequest: 400000,
  unauthorized: 401000,
  forbidden: 403000,
  quotaExceeded: 403001,
  notFound: 404000,
  methodNotAllowed: 405000,
  conflict: 409000,
  payloadTooLarge: 413000,
  unsupportedMediaType: 415000,
  tooManyRequests: 429000,
  internal: 500000,
  unavailable: 503000,
} as const;

/** The body of every error answer, as Comm100 documents it. */
export interface ErrorBody {
  code: number;
  message: string;
}

/** An error answer: thrown anywhere in a request, turned into `{code, message}` by the server. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The JSON body sent to the client. */
  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** 400 naming the offending field or parameter. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, errorCodes.badRequest, message);
}

/** 404 for a webhook id that does not exist in the caller's site. */
export function webhookNotFound(id: string): ApiError {
  return new ApiError(404, errorCodes.notFound, `Webhook '${id}' was not found.`);
}

/** 404 for a path no route serves. */
export function routeNotFound(method: string, url: string): ApiError {
  return new ApiError(404, errorCodes.notFound, `No route matches ${method} ${url.split("?")[0]}.`);
}

/** 415 for a body that is not `application/json`. */
export function unsupportedMediaType(): ApiError {
  return new ApiError(
    415,
    errorCodes.unsupportedMediaType,
    "Unsupported Content-Type: send the body as application/json.",
  );
}
