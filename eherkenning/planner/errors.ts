// Problems with an overview file. A fatal one (not an overview, a required
// column missing, a file too big or not a readable spreadsheet) throws a
// PlannerError; a problem in one row is a PlannerIssue on the result, so the
// rest of the file still counts.

/** Where in a file something is; row numbers are the file's own (1-based). */
export interface FilePlace {
  readonly file: string;
  readonly row?: number;
  /** The column as the file names it (its header), or its letter. */
  readonly column?: string;
}

export function describePlace(place: FilePlace): string {
  const parts = [place.file];
  if (place.row !== undefined) parts.push(`row ${place.row}`);
  if (place.column !== undefined) parts.push(`column ${place.column}`);
  return parts.join(", ");
}

/** The file cannot be planned at all; the message names file, row and column where known. */
export class PlannerError extends Error {
  override readonly name = "PlannerError";
  constructor(
    readonly place: FilePlace,
    readonly reason: string,
  ) {
    super(`${describePlace(place)}: ${reason}`);
  }
}

export type IssueKind =
  /** A value that cannot be read; the row still counts without it. */
  | "unreadable"
  /** A row that cannot be placed (no GLOBALID); only that row is left out. */
  | "skipped"
  /** A value cut short by column width, read as its likely whole. */
  | "cut"
  /** Rows of one person that disagree; the first or latest value is used. */
  | "conflict";

export interface PlannerIssue extends FilePlace {
  readonly kind: IssueKind;
  readonly message: string;
}

export function formatIssue(issue: PlannerIssue): string {
  return `${describePlace(issue)}: ${issue.message}`;
}
