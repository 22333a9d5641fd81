// A mistake in how a command was called (not in the content): a message and what to do, never a trace.
export class UserError extends Error {
  readonly hint: string | null;

  constructor(message: string, hint: string | null = null) {
    super(message);
    this.hint = hint;
    this.name = 'UserError';
  }
}
