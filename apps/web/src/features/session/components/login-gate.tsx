import { Suspense, type ReactNode } from 'react';
import { useT } from '../../../lib/i18n/use-t';
import { lazyPart } from '../../../lib/lazy-part';
import { useSession } from '../api/session';

const LoginForm = lazyPart(() => import('./login-form'));

/**
 * When the console is bound beyond localhost, the BFF asks for the operator's access token: this
 * shows the sign-in form (a separate chunk) until the session cookie is there, then the console.
 */
export function LoginGate({ children }: { children: ReactNode }) {
  const { locale } = useT();
  const session = useSession(locale);
  if (session.isPending) return null;
  if (!session.data?.loginRequired || session.data.authenticated) return children;
  return (
    <Suspense fallback={null}>
      <LoginForm />
    </Suspense>
  );
}
