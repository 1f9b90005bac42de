// Renderer entry: mounts the app. The renderer talks to the world only through
// window.jfp (see renderer/app/api.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
