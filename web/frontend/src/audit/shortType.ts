/**
 * A Java class name as people read it: `org.bunnybook.api.account.AccountRegistered` as `AccountRegistered`. Event
 * types, aggregate types and exception classes all come from the server in full; audit and admin pages show them
 * short, with the full name on hover where it matters.
 */
export const shortType = (type: string | null): string => (type ?? '?').split('.').at(-1)!;
