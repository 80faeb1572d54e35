// antd's styles as one static stylesheet (its zero-runtime mode, set in the theme): the first
// render generates no CSS. The theme's tokens still reach it as CSS variables.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createQueryClient } from './app/providers';
import { startSession } from './features/session/api/session';
import { keepIconsQuiet } from './lib/a11y/quiet-icons';
import { storedLocale } from './lib/i18n/i18n-provider';
import { loadDictionary } from './lib/i18n/use-t';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// antd's icons would be read out by their English names; they are decoration here.
keepIconsQuiet(document.body);
// What the first screen needs, before React renders: the session state (the form shows once it is
// in; normally in the index already), and the contract of the listings the form's pickers ask for
// next (a chunk of its own, with zod), fetched in parallel with the first render.
const queryClient = createQueryClient();
startSession(queryClient, document, storedLocale());
void import('@dify-console/shared/api/resources');
// Chinese comes with this chunk; English (a stored choice) is loaded before the first render (if it
// cannot be, the console starts in Chinese and the language provider asks for it again).
await loadDictionary(storedLocale()).catch(() => undefined);
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
