import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState, type ReactNode } from 'react';
import { get, useFieldArray, useForm, type FieldErrors, type Path, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { isContractFieldName, type ContractFieldName } from '@/lib/contractFields';
import { fieldErrors, ProblemError } from '@/lib/problem';
import { ASSET_CLASSES, EXEMPTIONS, FREQUENCIES, TIMINGS, useCreateContract, useUpdateContract, type Contract } from '../api';
import {
  COST_FIELDS,
  contractFormSchema,
  emptyContractForm,
  formFieldName,
  toCreateBody,
  toPatchBody,
  type ContractFormValues,
} from '../formModel';
import { IbrSuggestionPanel } from './IbrSuggestionPanel';
import '../contracts.css';

export interface ContractFormProps {
  /** `create`: POST /contracts. `edit`: PATCH /contracts/{contractId} with `If-Match: etag`. */
  mode: 'create' | 'edit';
  /** Values to start from; in edit mode the contract's current version (`contractToFormValues`). */
  initialValues?: Partial<ContractFormValues>;
  /** Edit mode: the contract being changed and the ETag it was read with. */
  contractId?: string;
  etag?: string;
  /**
   * Rendered beside the form (e.g. a document's OCR proposals); `setField` fills a field by its
   * API name (`payment.amount`), as if the user typed it.
   */
  aside?: (setField: (name: ContractFieldName, value: string) => void) => ReactNode;
  /** Called with the contract as the API answered it (new or in its new version). */
  onSaved: (contract: Contract) => void;
  onCancel?: () => void;
}

/** Currencies offered as suggestions; any ISO 4217 code may be typed (the API checks it). */
const CURRENCY_SUGGESTIONS = ['SEK', 'EUR', 'NOK', 'DKK', 'USD', 'GBP', 'CHF', 'PLN'];

function mergeValues(initial: Partial<ContractFormValues> | undefined): ContractFormValues {
  const empty = emptyContractForm();
  return { ...empty, ...initial, payment: { ...empty.payment, ...initial?.payment } };
}

/**
 * The contract form, for a new contract and for a change (a new version with its effective date
 * and reason). Checks what is obvious in the browser; the API's per-field problems (400/422,
 * field paths like `payment.steps[1].from`) are shown beside their fields.
 */
export function ContractForm({ mode, initialValues, contractId, etag, aside, onSaved, onCancel }: ContractFormProps) {
  const { t } = useTranslation('contracts');
  const initial = useMemo(() => mergeValues(initialValues), [initialValues]);
  const schema = useMemo(() => contractFormSchema(t, mode), [t, mode]);
  // The schema checks the shape; its enums are the selects' texts, so it types them as strings.
  const resolver = useMemo(() => zodResolver(schema) as unknown as Resolver<ContractFormValues>, [schema]);
  const form = useForm<ContractFormValues>({ resolver, defaultValues: initial });
  const { register, control, handleSubmit, setError, setValue, formState } = form;
  const steps = useFieldArray({ control, name: 'payment.steps' });
  const create = useCreateContract();
  const update = useUpdateContract();
  const [problem, setProblem] = useState<unknown>(null);
  const [otherFieldErrors, setOtherFieldErrors] = useState<{ field: string; message: string }[]>([]);
  const [unchanged, setUnchanged] = useState(false);
  const uid = contractId ?? 'new';

  const errorOf = (name: string): string | undefined =>
    (get(formState.errors as FieldErrors, name) as { message?: string } | undefined)?.message;

  function setField(name: ContractFieldName, value: string) {
    if (!isContractFieldName(name)) return;
    setValue(name as Path<ContractFormValues>, value, { shouldDirty: true });
  }

  /** Whether the form has a control for this field name (the API may also name `payment.steps` or `(body)`). */
  function isShownField(name: string): boolean {
    if (isContractFieldName(name)) return true;
    if (name === 'effectiveFrom' || name === 'reason') return mode === 'edit';
    const step = /^payment\.steps\.(\d+)\.(from|amount)$/.exec(name);
    return step !== null && Number(step[1]) < steps.fields.length;
  }

  /** The API's per-field problems beside their fields; those of no field here in a list. */
  function showProblem(error: unknown) {
    setProblem(error);
    const others: { field: string; message: string }[] = [];
    if (error instanceof ProblemError) {
      let first = true;
      for (const [field, message] of Object.entries(fieldErrors(error.problem))) {
        const name = formFieldName(field);
        if (isShownField(name)) {
          setError(name as Path<ContractFormValues>, { type: 'server', message }, { shouldFocus: first });
          first = false;
        } else {
          others.push({ field, message });
        }
      }
    }
    setOtherFieldErrors(others);
  }

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    setOtherFieldErrors([]);
    setUnchanged(false);
    try {
      if (mode === 'create') {
        onSaved((await create.mutateAsync(toCreateBody(values))).contract);
      } else {
        const body = toPatchBody(initial, values);
        if (!body) {
          setUnchanged(true);
          return;
        }
        if (!contractId || !etag) throw new Error('ContractForm in edit mode needs contractId and etag');
        onSaved((await update.mutateAsync({ id: contractId, etag, body })).contract);
      }
    } catch (error) {
      showProblem(error);
    }
  });

  const busy = formState.isSubmitting;
  const text = (name: Path<ContractFormValues>, label: string, options: { hint?: string; type?: string; list?: string; inputMode?: 'decimal' } = {}) => (
    <Field label={label} error={errorOf(name)} hint={options.hint}>
      {(props) => <input {...props} {...register(name)} type={options.type ?? 'text'} list={options.list} inputMode={options.inputMode} />}
    </Field>
  );
  const select = (name: Path<ContractFormValues>, label: string, options: { value: string; label: string }[], placeholder: string) => (
    <Field label={label} error={errorOf(name)}>
      {(props) => (
        <select {...props} {...register(name)}>
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const formElement = (
    <form className="contract-form" onSubmit={submit} noValidate aria-label={t(mode === 'create' ? 'form.createTitle' : 'form.editTitle')}>
      <fieldset>
        <legend>{t('form.contract')}</legend>
        <div className="grid-2">
          {text('name', t('fields.name'))}
          {text('reference', t('fields.reference'), { hint: t('form.optional') })}
          {text('lessor', t('fields.lessor'))}
          {select(
            'assetClass',
            t('fields.assetClass'),
            ASSET_CLASSES.map((value) => ({ value, label: t(`assetClass.${value}`) })),
            t('form.choose'),
          )}
          {select(
            'exemption',
            t('fields.exemption'),
            EXEMPTIONS.map((value) => ({ value, label: t(`exemption.${value}`) })),
            t('exemption.none'),
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('form.term')}</legend>
        <div className="grid-3">
          {text('currency', t('fields.currency'), { list: `currencies-${uid}`, hint: t('form.currencyHint') })}
          {text('commencementDate', t('fields.commencementDate'), { type: 'date' })}
          {text('endDate', t('fields.endDate'), { type: 'date', hint: t('form.endDateHint') })}
        </div>
        <datalist id={`currencies-${uid}`}>
          {CURRENCY_SUGGESTIONS.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      </fieldset>

      <fieldset>
        <legend>{t('form.payment')}</legend>
        <div className="grid-3">
          {text('payment.amount', t('fields.paymentAmount'), { inputMode: 'decimal' })}
          {select(
            'payment.frequency',
            t('fields.frequency'),
            FREQUENCIES.map((value) => ({ value, label: t(`frequency.${value}`) })),
            t('form.choose'),
          )}
          {select(
            'payment.timing',
            t('fields.timing'),
            TIMINGS.map((value) => ({ value, label: t(`timing.${value}`) })),
            t('form.choose'),
          )}
        </div>
        <h3 className="contract-form__subhead">{t('form.steps')}</h3>
        <p className="field__hint">{t('form.stepsHint')}</p>
        {steps.fields.map((step, index) => (
          <div key={step.id} className="contract-form__step" role="group" aria-label={t('form.step', { number: index + 1 })}>
            {text(`payment.steps.${index}.from`, t('fields.stepFrom', { number: index + 1 }), { type: 'date' })}
            {text(`payment.steps.${index}.amount`, t('fields.stepAmount', { number: index + 1 }), { inputMode: 'decimal' })}
            <button type="button" className="button button--quiet" onClick={() => steps.remove(index)}>
              {t('form.removeStep', { number: index + 1 })}
            </button>
          </div>
        ))}
        <button type="button" className="button button--secondary" onClick={() => steps.append({ from: '', amount: '' })}>
          {t('form.addStep')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('form.rate')}</legend>
        {text('discountRate', t('fields.discountRate'), { inputMode: 'decimal', hint: t('form.rateHint') })}
        {mode === 'edit' && contractId ? (
          <IbrSuggestionPanel
            contractId={contractId}
            onUse={(rate) => setValue('discountRate', rate, { shouldDirty: true, shouldValidate: true })}
          />
        ) : (
          <p className="alert alert--info">{t('ibr.afterSaving')}</p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('form.costs')}</legend>
        <p className="field__hint">{t('form.costsHint')}</p>
        <div className="grid-2">
          {COST_FIELDS.map((field) => (
            <div key={field}>{text(field, t(`fields.${field}`), { inputMode: 'decimal' })}</div>
          ))}
        </div>
      </fieldset>

      {mode === 'edit' && (
        <fieldset>
          <legend>{t('form.change')}</legend>
          <p className="field__hint">{t('form.changeHint')}</p>
          {text('effectiveFrom', t('fields.effectiveFrom'), { type: 'date' })}
          <Field label={t('fields.reason')} error={errorOf('reason')} hint={t('form.reasonHint')}>
            {(props) => <textarea {...props} {...register('reason')} rows={3} maxLength={1000} />}
          </Field>
        </fieldset>
      )}

      {unchanged && (
        <p className="alert alert--info" role="alert">
          {t('form.unchanged')}
        </p>
      )}
      <ProblemAlert error={problem} />
      {otherFieldErrors.length > 0 && (
        <ul className="contract-form__other-errors">
          {otherFieldErrors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <code>{error.field}</code>: {error.message}
            </li>
          ))}
        </ul>
      )}
      <div className="contract-form__actions">
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
        <button type="submit" className="button" disabled={busy}>
          {t(mode === 'create' ? 'form.create' : 'form.save')}
        </button>
      </div>
    </form>
  );

  if (!aside) return formElement;
  return (
    <div className="split">
      {formElement}
      <aside className="contract-form__aside">{aside(setField)}</aside>
    </div>
  );
}
