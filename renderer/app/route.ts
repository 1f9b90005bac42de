// Where the user is, kept in the URL hash so a reload returns to the same place.
import { useEffect, useState } from 'react';

export type Tab = 'sections' | 'commitments' | 'opinions' | 'export' | 'review' | 'readiness'; // #15 readiness

export type Route = { view: 'library' } | { view: 'plan'; planId: string; tab: Tab; sectionId?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'plan' && parts[1]) {
    if (parts[2] === 'commitments') return { view: 'plan', planId: parts[1], tab: 'commitments' };
    if (parts[2] === 'opinions' || parts[2] === 'export' || parts[2] === 'review') return { view: 'plan', planId: parts[1], tab: parts[2] };
    if (parts[2] === 'readiness') return { view: 'plan', planId: parts[1], tab: 'readiness' }; // #15 readiness
    if (parts[2] === 'section' && parts[3]) return { view: 'plan', planId: parts[1], tab: 'sections', sectionId: parts[3] };
    return { view: 'plan', planId: parts[1], tab: 'sections' };
  }
  return { view: 'library' };
}

export function formatRoute(route: Route): string {
  if (route.view === 'library') return '#/';
  const base = `#/plan/${encodeURIComponent(route.planId)}`;
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
