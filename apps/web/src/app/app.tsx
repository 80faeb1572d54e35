import { useState } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '../lib/router';
import { AppProviders } from './providers';
import { createRouter } from './router';

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [router] = useState(createRouter);
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
