// Moving a row in the page moves its element, and Chromium takes the focus away
// from an element that moves, firing blur at once (a sort moving the row being
// edited closed its editor). KeepFocusAcrossReorder notes the focused element
// before React changes the page and gives it the focus back after; the cell
// editors ignore a blur that comes from such a move.
import { Component, type RefObject } from 'react';

let reordering = false;
/** True while React is changing the page for a commit of the grid: a blur then is a row moving, not the author leaving. */
export const isReordering = () => reordering;

/**
 * Rendered inside the grid, so it updates in every commit of the grid. A class for getSnapshotBeforeUpdate,
 * the one React hook documented to run just before React changes the page.
 */
export class KeepFocusAcrossReorder extends Component<{ within: RefObject<HTMLElement | null> }> {
  override getSnapshotBeforeUpdate(): HTMLElement | null {
    reordering = true;
    const focused = document.activeElement;
    return focused instanceof HTMLElement && this.props.within.current?.contains(focused) ? focused : null;
  }
  override componentDidUpdate(_props: unknown, _state: unknown, focused: HTMLElement | null): void {
    reordering = false;
    // Still in the page (moved, not removed) but no longer focused: the move took the focus away.
    if (focused && focused.isConnected && document.activeElement !== focused && (document.activeElement === document.body || document.activeElement === null))
      focused.focus({ preventScroll: true });
  }
  override componentWillUnmount(): void {
    reordering = false;
  }
  override render() {
    return null;
  }
}
