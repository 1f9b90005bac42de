// What the quiet "Saved" / "Saving…" indicator and the loud failure banner show.
import { createContext, useContext } from 'react';

export type SaveStatus = { state: 'saved' } | { state: 'unsaved' } | { state: 'saving' } | { state: 'failed'; message: string; conflict: boolean };

export const SaveStatusContext = createContext<(status: SaveStatus) => void>(() => undefined);
export const useReportSaveStatus = () => useContext(SaveStatusContext);
