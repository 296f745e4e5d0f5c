/** Logical and information functions: IF, IFS, AND, OR, NOT, XOR, IFERROR, IFNA, SWITCH, NA and the IS* tests. */
// Reference: https://support.google.com/docs/table/25273 (Logical and Info sections).
import { ERR, type Fn, compare, firstErr, flat, isErr, scalar, truthy } from './core.js';

/** A condition: errors propagate, text that is not TRUE/FALSE/a number is #VALUE!. */
function cond(v: ReturnType<typeof scalar>): boolean | string {
  if (isErr(v)) return v as string;
  if (typeof v === 'string' && v !== '' && !/^(true|false)$/i.test(v) && Number.isNaN(Number(v))) return ERR.value;
  return truthy(v);
}

export const LOGICAL: Record<string, Fn> = {
  IF: (a) => {
    const c = cond(scalar(a[0]));
    if (typeof c === 'string') return c;
    return c ? scalar(a[1] ?? true) : a.length > 2 ? scalar(a[2]) : false;
  },
  IFS: (a) => {
    for (let i = 0; i + 1 < a.length; i += 2) {
      const c = cond(scalar(a[i]));
      if (typeof c === 'string') return c;
      if (c) return scalar(a[i + 1]);
    }
    return ERR.na;
  },
  AND: (a) => firstErr(a) ?? flat(a).every(truthy),
  OR: (a) => firstErr(a) ?? flat(a).some(truthy),
  XOR: (a) => firstErr(a) ?? flat(a).filter(truthy).length % 2 === 1,
  NOT: (a) => {
    const c = cond(scalar(a[0]));
    return typeof c === 'string' ? c : !c;
  },
  IFERROR: (a) => {
    const v = scalar(a[0]);
    return isErr(v) ? scalar(a[1] ?? '') : v;
  },
  IFNA: (a) => {
    const v = scalar(a[0]);
    return v === ERR.na ? scalar(a[1] ?? '') : v;
  },
  // SWITCH(expression, case1, value1, …, [default]); no match and no default is #N/A.
  SWITCH: (a) => {
    const x = scalar(a[0]);
    if (isErr(x)) return x;
    let i = 1;
    for (; i + 1 < a.length; i += 2) {
      const c = scalar(a[i]);
      if (typeof c === typeof x && compare(c, x) === 0) return scalar(a[i + 1]);
    }
    return i < a.length ? scalar(a[i]) : ERR.na;
  },
  NA: () => ERR.na,
  TRUE: () => true,
  FALSE: () => false,
  ISERROR: (a) => isErr(scalar(a[0])),
  ISERR: (a) => isErr(scalar(a[0])) && scalar(a[0]) !== ERR.na,
  ISNA: (a) => scalar(a[0]) === ERR.na,
  ISBLANK: (a) => scalar(a[0]) === null,
  ISNUMBER: (a) => typeof scalar(a[0]) === 'number',
  ISTEXT: (a) => typeof scalar(a[0]) === 'string' && !isErr(scalar(a[0])),
  ISLOGICAL: (a) => typeof scalar(a[0]) === 'boolean',
};
