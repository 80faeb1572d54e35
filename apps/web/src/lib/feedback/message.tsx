import { createContext, Suspense, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MessageInstance } from 'antd/es/message/interface';
import { LoadBoundary } from '../../components/load-boundary';
import { lazyPart } from '../lazy-part';

type Kind = 'error' | 'success';
interface Shown {
  kind: Kind;
  content: string;
}

/** Short notices at the top of the page (antd's message, in the console's theme and language). */
export type Message = Record<Kind, (content: string) => void>;

const MessageContext = createContext<Message | null>(null);

/** antd's message holder: loaded with the first notice (the first screen shows none until the user acts). */
const Holder = lazyPart(() => import('./message-holder'));

/**
 * What antd's `App` gave the pages (they use its messages only), without bringing antd's message,
 * notification and modal code into the first screen: a notice asked for before the holder is in
 * is shown as soon as it is.
 */
export function MessageProvider({ children }: { children: ReactNode }) {
  const api = useRef<MessageInstance | null>(null);
  const waiting = useRef<Shown[]>([]);
  // How many notices were asked for before the holder was in (a failed load of it is retried with the next).
  const [wanted, setWanted] = useState(0);

  const show = useCallback((kind: Kind, content: string) => {
    if (api.current) void api.current[kind](content);
    else {
      waiting.current.push({ kind, content });
      setWanted((n) => n + 1);
    }
  }, []);
  const onReady = useCallback((instance: MessageInstance) => {
    api.current = instance;
    for (const m of waiting.current.splice(0)) void instance[m.kind](m.content);
  }, []);
  const value = useMemo<Message>(() => ({ error: (c) => show('error', c), success: (c) => show('success', c) }), [show]);

  return (
    <MessageContext value={value}>
      {children}
      {wanted > 0 ? (
        <LoadBoundary silent resetKey={wanted}>
          <Suspense fallback={null}>
            <Holder onReady={onReady} />
          </Suspense>
        </LoadBoundary>
      ) : null}
    </MessageContext>
  );
}

export function useMessage(): Message {
  const message = useContext(MessageContext);
  if (!message) throw new Error('useMessage outside MessageProvider');
  return message;
}
