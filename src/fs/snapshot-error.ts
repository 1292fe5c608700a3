/** Thrown by Bash.restore for a foreign, damaged or tampered snapshot. Its own module so the
 * public export does not pull the snapshot code into the cold start. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(`sandbash: bad filesystem snapshot: ${message}`);
    this.name = "SnapshotError";
  }
}
