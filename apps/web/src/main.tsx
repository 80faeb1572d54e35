import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createQueryClient } from './app/providers';
import { sessionQueryOptions } from './features/session/api/session';
import { keepIconsQuiet } from './lib/a11y/quiet-icons';
import { storedLocale } from './lib/i18n/i18n-provider';
import { loadDictionary } from './lib/i18n/use-t';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// antd's icons would be read out by their English names; they are decoration here.
keepIconsQuiet(document.body);
// What the first screen waits for, asked for before React renders (in parallel with it): the
// session state (the form shows once it is in) and the contract of the listings the form's
// pickers ask for next (a chunk of its own, with zod).
const queryClient = createQueryClient();
void queryClient.prefetchQuery(sessionQueryOptions(storedLocale()));
void import('@dify-console/shared/api/resources');
// Chinese comes with this chunk; English (a stored choice) is loaded before the first render.
await loadDictionary(storedLocale());
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
