import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { keepIconsQuiet } from './lib/a11y/quiet-icons';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// antd's icons would be read out by their English names; they are decoration here.
keepIconsQuiet(document.body);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
