import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { de, MessageKey } from './de';
import { en } from './en';

export type Language = 'de' | 'en';
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { de, en };
const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
/** A preference, not a secret: kept across visits. */
const STORAGE_KEY = 'koproduktiv.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface Formats {
  readonly locale: string;
  readonly timeZone: string;
  number(value: number | null | undefined, digits?: number): string;
  percent(value: number | null | undefined): string;
  euros(cents: number | null | undefined): string;
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  month(month: string): string;
}

interface I18n {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: Translate;
  /** The text of a key the API names (a kind, a metric), or the key itself when the catalogue has none. */
  readonly label: (prefix: string, value: string) => string;
  readonly f: Formats;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function formats(locale: string, timeZone: string, none: string): Formats {
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    if (!numbers.has(digits))
      numbers.set(digits, new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
    return numbers.get(digits) as Intl.NumberFormat;
  };
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  // A month `YYYY-MM` is a calendar month, not an instant: formatted in UTC so no zone moves it.
  const month = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' });
  const missing = (value: unknown) => value === null || value === undefined || Number.isNaN(value);
  return {
    locale,
    timeZone,
    number: (value, digits = 1) => (missing(value) ? none : numberFormat(digits).format(value as number)),
    percent: (value) => (missing(value) ? none : percent.format(value as number)),
    euros: (cents) => (missing(cents) ? none : euros.format((cents as number) / 100)),
    date: (value) => (missing(value) ? none : date.format(new Date(value as string))),
    dateTime: (value) => (missing(value) ? none : dateTime.format(new Date(value as string))),
    month: (value) => month.format(new Date(`${value}-01T00:00:00Z`)),
  };
}

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'de' ? stored : 'de';
}

export function I18nProvider({ children, timeZone = 'Europe/Berlin' }: { children: ReactNode; timeZone?: string }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[language];
    const t: Translate = (key, params) =>
      catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        params && name in params ? String(params[name]) : whole,
      );
    const label = (prefix: string, value: string) =>
      (catalogue as Record<string, string>)[`${prefix}.${value}`] ?? value;
    return { language, setLanguage, t, label, f: formats(LOCALES[language], timeZone, catalogue['kpi.none']) };
  }, [language, setLanguage, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Dates and times below it in the municipality's own time zone (its metric settings), not the default. */
export function InTimeZone({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const outer = useI18n();
  const value = useMemo<I18n>(
    () =>
      outer.f.timeZone === timeZone ? outer : { ...outer, f: formats(outer.f.locale, timeZone, outer.t('kpi.none')) },
    [outer, timeZone],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

/** Today as a local date `YYYY-MM-DD` in `timeZone`. */
export function today(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
