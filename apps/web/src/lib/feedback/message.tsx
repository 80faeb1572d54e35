import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MessageInstance } from 'antd/es/message/interface';

type Kind = 'error' | 'success';
interface Shown {
  kind: Kind;
  content: string;
}

/** Short notices at the top of the page (antd's message, in the console's theme and language). */
export type Message = Record<Kind, (content: string) => void>;

const MessageContext = createContext<Message | null>(null);

/** antd's message holder: loaded with the first notice (the first screen shows none until the user acts). */
const Holder = lazy(() => import('./message-holder'));

/**
 * What antd's `App` gave the pages (they use its messages only), without bringing antd's message,
 * notification and modal code into the first screen: a notice asked for before the holder is in
 * is shown as soon as it is.
 */
export function MessageProvider({ children }: { children: ReactNode }) {
  const api = useRef<MessageInstance | null>(null);
  const waiting = useRef<Shown[]>([]);
  const [wanted, setWanted] = useState(false);

  const show = useCallback((kind: Kind, content: string) => {
    if (api.current) void api.current[kind](content);
    else {
      waiting.current.push({ kind, content });
      setWanted(true);
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
      {wanted ? (
        <Suspense fallback={null}>
          <Holder onReady={onReady} />
        </Suspense>
      ) : null}
    </MessageContext>
  );
}

export function useMessage(): Message {
  const message = useContext(MessageContext);
  if (!message) throw new Error('useMessage outside MessageProvider');
  return message;
}
