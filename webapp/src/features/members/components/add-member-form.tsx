import { UserPlus } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { isRole, ROLE_OPTIONS, type Role } from '@/lib/roles';
import { useAddMember } from '../hooks/use-members';

export function AddMemberForm({ projectId }: { projectId: string }) {
  const add = useAddMember(projectId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [emailError, setEmailError] = useState<string>();
  const [added, setAdded] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(undefined);
    const trimmed = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) {
      setEmailError(
        trimmed
          ? 'Enter an email address like name@example.com.'
          : 'Enter the email address of the person to add.',
      );
      emailRef.current?.focus();
      return;
    }
    setEmailError(undefined);
    add.mutate(
      { email: trimmed, role },
      {
        onSuccess: (member) => {
          setEmail('');
          setAdded(`Added ${member.name} as ${role}.`);
          emailRef.current?.focus();
        },
      },
    );
  }

  return (
    <section
      aria-labelledby="add-member-heading"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="add-member-heading" className="text-base font-semibold">
        Add a member
      </h2>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        They need an Analytics Studio account with this email.
      </p>
      <form noValidate onSubmit={submit} className="flex flex-wrap items-start gap-3">
        <TextField
          ref={emailRef}
          label="Email"
          type="email"
          autoComplete="off"
          className="min-w-[14rem] flex-1"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={emailError}
        />
        <SelectField
          label="Role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(event) => isRole(event.target.value) && setRole(event.target.value)}
          className="w-36"
        />
        <Button type="submit" loading={add.isPending} className="mt-6">
          <UserPlus className="h-4 w-4" aria-hidden="true" />
          Add member
        </Button>
      </form>
      {add.isError && <ErrorMessage error={add.error} className="mt-3" />}
      <p role="status" className="mt-3 text-sm text-emerald-700 empty:hidden dark:text-emerald-300">
        {added}
      </p>
    </section>
  );
}
