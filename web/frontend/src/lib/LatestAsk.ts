/**
 * Which answer is still wanted when asks overlap (a reload while a page loads, a push while a read is on its way): each
 * `ask` makes the answers to earlier ones stale, and `forget` makes them all stale.
 */
export class LatestAsk {
  private generation = 0;

  /** Starts an ask; the function returned says whether its answer is still wanted. */
  ask(): () => boolean {
    const generation = ++this.generation;
    return () => generation === this.generation;
  }

  forget(): void {
    this.generation++;
  }
}
