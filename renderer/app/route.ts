// Where the user is, kept in the URL hash so a reload returns to the same place.
import { useEffect, useState } from 'react';

export type Tab =
  | 'sections'
  | 'commitments'
  | 'opinions'
  | 'export'
  | 'review'
  // #15 part 2 records tabs
  | 'engagement'
  | 'strategy'
  | 'publication'
  | 'versions' // versions: #16
  | 'readiness'; // #15 readiness

// newVersion: #16 versions, "#/plan/<id>/versions?new=1" (Ctrl/Cmd+S) opens the Save version form.
export type Route =
  | { view: 'library' }
  | { view: 'plan'; planId: string; tab: Tab; sectionId?: string; newVersion?: boolean }
  // #16 backups and Word import: library-level screens
  | { view: 'backups' }
  | { view: 'import-word' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'plan' && parts[1]) {
    if (parts[2] === 'commitments') return { view: 'plan', planId: parts[1], tab: 'commitments' };
    if (parts[2] === 'opinions' || parts[2] === 'export' || parts[2] === 'review') return { view: 'plan', planId: parts[1], tab: parts[2] };
    // #16 versions
    if (parts[2]?.split('?')[0] === 'versions')
      return { view: 'plan', planId: parts[1], tab: 'versions', ...(/\?(?:.*&)?new=1\b/.test(parts[2]) ? { newVersion: true } : {}) };
    // #15 part 2 records tabs
    if (parts[2] === 'engagement' || parts[2] === 'strategy' || parts[2] === 'publication') return { view: 'plan', planId: parts[1], tab: parts[2] };
    if (parts[2] === 'readiness') return { view: 'plan', planId: parts[1], tab: 'readiness' }; // #15 readiness
    if (parts[2] === 'section' && parts[3]) return { view: 'plan', planId: parts[1], tab: 'sections', sectionId: parts[3] };
    return { view: 'plan', planId: parts[1], tab: 'sections' };
  }
  if (parts[0] === 'backups' || parts[0] === 'import-word') return { view: parts[0] }; // #16
  return { view: 'library' };
}

export function formatRoute(route: Route): string {
  if (route.view === 'library') return '#/';
  if (route.view === 'backups' || route.view === 'import-word') return `#/${route.view}`; // #16
  const base = `#/plan/${encodeURIComponent(route.planId)}`;
  if (route.tab === 'versions' && route.newVersion) return `${base}/versions?new=1`; // #16 versions
  if (route.tab !== 'sections') return `${base}/${route.tab}`;
  return route.sectionId ? `${base}/section/${encodeURIComponent(route.sectionId)}` : base;
}

export function navigate(route: Route): void {
  const hash = formatRoute(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
