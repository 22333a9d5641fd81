// Counts a CSV's records as its bytes pass, without parsing them: a line break ends a record unless
// it is inside quotes (RFC 4180: a quote inside a quoted field is doubled, so quotes toggle), and a
// blank line is no record. It keeps three numbers of state, so a file of any size counts in a
// small buffer, at the speed of a byte search.
const quote = 0x22;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;

export class RecordCounter {
  records = 0;
  private inQuotes = false;
  /** Whether the current record has any byte yet (a blank line has none). */
  private started = false;

  push(chunk: Buffer): void {
    let position = 0;
    let nextQuote = chunk.indexOf(quote, position);
    while (position < chunk.length) {
      if (this.inQuotes) {
        if (nextQuote < 0) return;
        this.inQuotes = false;
        position = nextQuote + 1;
        nextQuote = chunk.indexOf(quote, position);
        continue;
      }
      const nextBreak = chunk.indexOf(lineFeed, position);
      if (nextBreak >= 0 && (nextQuote < 0 || nextBreak < nextQuote)) {
        if (!this.started) this.started = hasContent(chunk, position, nextBreak);
        if (this.started) this.records += 1;
        this.started = false;
        position = nextBreak + 1;
        continue;
      }
      if (nextQuote < 0) {
        if (!this.started) this.started = hasContent(chunk, position, chunk.length);
        return;
      }
      this.started = true;
      this.inQuotes = true;
      position = nextQuote + 1;
      nextQuote = chunk.indexOf(quote, position);
    }
  }

  /** Records in the whole file, once its last byte has been pushed (a last line needs no line break). */
  end(): number {
    return this.records + (this.started || this.inQuotes ? 1 : 0);
  }
}

function hasContent(chunk: Buffer, from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) if (chunk[index] !== carriageReturn) return true;
  return false;
}
