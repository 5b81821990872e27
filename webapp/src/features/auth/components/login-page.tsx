import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { TextField } from '@/components/text-field';
import { safeNext } from '@/lib/safe-next';
import { useLogin } from '../hooks/use-auth-mutations';
import { useAuthNotice } from '../hooks/use-auth-notice';
import { validateEmail, type FieldErrors } from '../validation';
import { AuthLayout, linkClass } from './auth-layout';
import { useDocumentTitle } from '@/lib/use-document-title';

export const SESSION_EXPIRED_MESSAGE = 'Your session expired — please sign in again';

export function LoginPage() {
  const [params] = useSearchParams();
  const next = params.get('next');
  const navigate = useNavigate();
  const notice = useAuthNotice((state) => state.notice);
  const login = useLogin();
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {
      email: validateEmail(email),
      password: password ? undefined : 'Enter your password.',
    };
    setErrors(found);
    if (found.email) return emailRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(safeNext(next), { replace: true }) },
    );
  }

  const signupHref = next ? `/signup?next=${encodeURIComponent(next)}` : '/signup';
  return (
    <AuthLayout
      title="Sign in"
      footer={
        <>
          New to Analytics Studio?{' '}
          <Link to={signupHref} className={linkClass}>
            Create an account
          </Link>
        </>
      }
    >
      {notice === 'expired' && !login.isError && (
        <p
          role="status"
          className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-900/30 dark:text-amber-100"
        >
          {SESSION_EXPIRED_MESSAGE}
        </p>
      )}
      {notice === 'signed-out' && !login.isError && (
        <p role="status" className="mb-4 rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800">
          You have signed out.
        </p>
      )}
      {login.isError && <ErrorMessage error={login.error} className="mb-4" />}
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          ref={emailRef}
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <TextField
          ref={passwordRef}
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <Button type="submit" className="w-full justify-center" loading={login.isPending}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
