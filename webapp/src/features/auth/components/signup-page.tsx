import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { TextField } from '@/components/text-field';
import { ApiError } from '@/lib/api/api-error';
import { safeNext } from '@/lib/safe-next';
import { useSignup } from '../hooks/use-auth-mutations';
import { PASSWORD_HINT, validateEmail, validateNewPassword, type FieldErrors } from '../validation';
import { AuthLayout, linkClass } from './auth-layout';
import { useDocumentTitle } from '@/lib/use-document-title';

/** Which field a server error belongs to, so it is shown (in the server's words) next to it. */
function fieldOf(error: unknown): keyof FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'weak_password') return 'password';
  if (error.status === 409) return 'email';
  return null;
}

export function SignupPage() {
  const [params] = useSearchParams();
  const next = params.get('next');
  const navigate = useNavigate();
  const signup = useSignup();
  useDocumentTitle('Create your account');
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  function update(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {
      name: values.name.trim() ? undefined : 'Enter your name.',
      email: validateEmail(values.email),
      password: validateNewPassword(values.password),
    };
    setErrors(found);
    const firstInvalid = (['name', 'email', 'password'] as const).find((field) => found[field]);
    if (firstInvalid) {
      refs[firstInvalid].current?.focus();
      return;
    }
    signup.mutate(
      { name: values.name.trim(), email: values.email.trim(), password: values.password },
      {
        onSuccess: () => navigate(safeNext(next), { replace: true }),
        onError: (error) => {
          const field = fieldOf(error);
          if (field) {
            setErrors({ [field]: error.message });
            refs[field].current?.focus();
          }
        },
      },
    );
  }

  const serverField = fieldOf(signup.error);
  const loginHref = next ? `/login?next=${encodeURIComponent(next)}` : '/login';
  return (
    <AuthLayout
      title="Create your account"
      footer={
        <>
          Already have an account?{' '}
          <Link to={loginHref} className={linkClass}>
            Sign in
          </Link>
        </>
      }
    >
      {signup.isError && !serverField && <ErrorMessage error={signup.error} className="mb-4" />}
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          ref={refs.name}
          label="Name"
          name="name"
          autoComplete="name"
          required
          value={values.name}
          onChange={(event) => update('name', event.target.value)}
          error={errors.name}
        />
        <TextField
          ref={refs.email}
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={values.email}
          onChange={(event) => update('email', event.target.value)}
          error={errors.email}
        />
        <TextField
          ref={refs.password}
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          value={values.password}
          onChange={(event) => update('password', event.target.value)}
          error={errors.password}
        />
        <Button type="submit" className="w-full justify-center" loading={signup.isPending}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
