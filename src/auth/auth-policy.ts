/** The part of the configuration that decides whether requests must authenticate. */
export interface AuthPolicyInput {
  AUTH_REQUIRED?: boolean;
  NODE_ENV: string;
  HOST: string;
}

export interface AuthRequirement {
  required: boolean;
  /** Why, for the start-up log: an operator must be able to see how the default was reached. */
  reason: string;
}

const loopbackHosts = new Set(['localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * An explicit AUTH_REQUIRED wins. Otherwise authentication is on wherever someone else could reach the
 * API (production, or a non-loopback HOST such as the Docker image's 0.0.0.0) and off only for local work.
 */
export function authRequirement(environment: AuthPolicyInput): AuthRequirement {
  if (environment.AUTH_REQUIRED !== undefined) {
    return { required: environment.AUTH_REQUIRED, reason: `AUTH_REQUIRED=${environment.AUTH_REQUIRED}` };
  }
  if (environment.NODE_ENV === 'production') return { required: true, reason: 'NODE_ENV=production' };
  if (!isLoopbackHost(environment.HOST)) return { required: true, reason: `HOST=${environment.HOST} is not a loopback address` };
  return { required: false, reason: `HOST=${environment.HOST} is loopback and NODE_ENV=${environment.NODE_ENV}; set AUTH_REQUIRED=true to require API keys` };
}
