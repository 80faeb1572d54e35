import { useState, type FormEvent } from 'react';
import { Alert, Button, Input, Typography } from 'antd';
import { errorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/use-t';
import { useSignIn } from '../api/sign-in';

/** The sign-in form: loaded only when the BFF asks for the access token. */
export default function LoginForm() {
  const { t, locale } = useT();
  const signIn = useSignIn(locale);
  const [token, setToken] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token) signIn.mutate(token, { onSuccess: () => setToken('') });
  };
  return (
    <form onSubmit={submit} style={{ maxWidth: 420, margin: '48px auto' }} aria-labelledby="login-title">
      <Typography.Title level={3} id="login-title">
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
      <label htmlFor="login-token" style={{ display: 'block', marginBottom: 8 }}>
        {t('login.token')}
      </label>
      <Input.Password
        id="login-token"
        autoComplete="current-password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      {signIn.isError ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(signIn.error, locale)} />
      ) : null}
      <Button type="primary" htmlType="submit" autoInsertSpace={false} loading={signIn.isPending} disabled={!token} style={{ marginTop: 16 }}>
        {t('login.submit')}
      </Button>
    </form>
  );
}
