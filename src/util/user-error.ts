// A mistake in how a command was called (not in the content): a message and what to do, never a trace.
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint: string | null = null,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
