// Offsets ↔ 1-based line/column, shared by every parser so that all findings agree on positions.

export interface Position {
  line: number;
  column: number;
}

export interface Span {
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units like every editor and GitHub */
  column: number;
  endLine: number;
  /** 1-based and exclusive (the column after the last character), as in SARIF */
  endColumn: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    const start = this.starts[line - 1];
    const next = line < this.starts.length ? this.starts[line] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }
}

/**
 * Removes what could act on a terminal or a log viewer: C0/C1 control characters
 * (ESC sequences, bells, carriage returns) and Unicode bidi overrides. Text from scanned
 * files is attacker-controlled (fork pull requests) and must never reach a terminal raw.
 */
export function stripControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Truncates a value for a message, so a 1 MB scalar never floods an annotation. */
export function clip(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
