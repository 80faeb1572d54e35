// The bench's lower bound: React renders one input, nothing else.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')).render(h('form', null, h('input', { 'aria-label': 'name' })));
