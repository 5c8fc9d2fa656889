import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import './ui/app.css';

// `?notes=1`: the presenter-notes window (no data, no map), see src/ui/story/NotesWindow.tsx.
const NotesWindow = lazy(() =>
  import('./ui/story/NotesWindow').then((m) => ({ default: m.NotesWindow })),
);
const notes = new URLSearchParams(window.location.search).get('notes') === '1';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {notes ? (
        <Suspense fallback={null}>
          <NotesWindow search={window.location.search} />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}
