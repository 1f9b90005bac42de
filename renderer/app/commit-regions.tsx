// Named regions of the page whose React commits can be counted: the typing
// benchmark and an e2e test use them to check that a keystroke re-renders the
// editor and the save indicator, not the outline or every comment thread.
// React calls a <Profiler>'s onRender only in its profiling build (the e2e
// harness builds the renderer with it); in the shipped build a region costs nothing.
import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';

/** One region rendering in one React commit (all regions of a commit share `commitTime`). */
export interface RegionCommit {
  region: string;
  commitTime: number;
}

declare global {
  interface Window {
    /** Set by a test or benchmark that wants commits recorded; absent otherwise. */
    __jfpCommits?: RegionCommit[];
  }
}

/** #11 Each render of the delivery grid component itself (recorded by an effect there, in any build). */
export const GRID_RENDER_REGION = 'delivery-grid';

/** The region holding the section editor: its commits are the editor's own. */
export const EDITOR_REGION = 'editor';

const record: ProfilerOnRenderCallback = (id, _phase, _actual, _base, _start, commitTime) => {
  window.__jfpCommits?.push({ region: id, commitTime });
};

export function CommitRegion({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Profiler id={id} onRender={record}>
      {children}
    </Profiler>
  );
}
