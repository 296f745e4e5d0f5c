// Group rule expressions evaluated as compiled closures (model/expression.ts) answer what walking the parsed tree answers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateRule, parseRuleExpression, type ExprEnv, type RuleExpression } from '../../twins/okta/model/expression.js';

type Node = RuleExpression;

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The tree walk the twin evaluated rules with before they were compiled: the reference. */
function walk(n: Node, env: ExprEnv): unknown {
  switch (n.k) {
    case 'lit': return n.v;
    case 'ref': return env.profile[n.path] ?? (n.path.startsWith('profile.') ? env.profile[n.path.slice(8)] : undefined) ?? null;
    case 'not': return !walk(n.e, env);
    case 'bin': {
      if (n.op === '&&') return !!walk(n.l, env) && !!walk(n.r, env);
      if (n.op === '||') return !!walk(n.l, env) || !!walk(n.r, env);
      const l = walk(n.l, env);
      const r = walk(n.r, env);
      if (n.op === '==') return l === r;
      if (n.op === '!=') return l !== r;
      if (typeof l !== typeof r || l === null) return false;
      const a = l as number | string;
      const b = r as number | string;
      return n.op === '>' ? a > b : n.op === '<' ? a < b : n.op === '>=' ? a >= b : a <= b;
    }
    case 'call': {
      const a = n.args.map((x) => walk(x, env));
      const names = () => env.groupIds.map((id) => env.groupName(id) ?? '');
      switch (n.fn) {
        case 'String.stringContains': return str(a[0]).includes(str(a[1]));
        case 'String.startsWith': return str(a[0]).startsWith(str(a[1]));
        case 'String.endsWith': return str(a[0]).endsWith(str(a[1]));
        case 'String.toLowerCase': return str(a[0]).toLowerCase();
        case 'String.toUpperCase': return str(a[0]).toUpperCase();
        case 'String.len': return str(a[0]).length;
        case 'String.substringBefore': return str(a[0]).split(str(a[1]))[0];
        case 'String.substringAfter': { const s = str(a[0]); const i = s.indexOf(str(a[1])); return i < 0 ? '' : s.slice(i + str(a[1]).length); }
        case 'isMemberOfAnyGroup': return a.some((id) => env.groupIds.includes(str(id)));
        case 'isMemberOfGroup': return env.groupIds.includes(str(a[0]));
        case 'isMemberOfGroupName': return names().includes(str(a[0]));
        case 'isMemberOfGroupNameStartsWith': return names().some((g) => g.startsWith(str(a[0])));
        case 'isMemberOfGroupNameContains': return names().some((g) => g.includes(str(a[0])));
      }
      return false;
    }
  }
}

const ATTRS = ['department', 'title', 'profile.title', 'profile.profile.title', 'count', 'missing'];
const FNS = [
  'String.stringContains', 'String.startsWith', 'String.endsWith', 'String.toLowerCase', 'String.toUpperCase', 'String.len',
  'String.substringBefore', 'String.substringAfter', 'isMemberOfAnyGroup', 'isMemberOfGroup', 'isMemberOfGroupName',
  'isMemberOfGroupNameStartsWith', 'isMemberOfGroupNameContains',
];
const word = fc.constantFrom('', 'Eng', 'Engineering', 'VP', 'Manager', 'g1', 'g2', 'Sales team', 'a.b');

const leaf = fc.oneof(
  word.map((w) => JSON.stringify(w)),
  fc.integer({ min: -3, max: 30 }).map(String),
  fc.constantFrom('true', 'false', 'null'),
  fc.constantFrom(...ATTRS).map((a) => `user.${a}`),
);

// Expression text in the language the parser reads.
const { expr } = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom(...FNS), fc.array(fc.oneof(leaf, leaf, tie('expr')), { maxLength: 3 })).map(([f, a]) => `${f}(${a.join(', ')})`),
    fc.tuple(fc.constantFrom(...FNS), fc.array(fc.oneof(leaf, leaf, tie('expr')), { maxLength: 3 }), leaf).map(([f, a, w]) => `${f}(${a.join(', ')}) == ${w}`),
    fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom('String.stringContains', 'String.toLowerCase'), fc.array(tie('expr'), { maxLength: 1 })).map(
      ([attr, m, a]) => `user.${attr}.${m.split('.')[1]}(${a.join(', ')})`,
    ),
    tie('expr').map((e) => `!(${e})`),
    fc.tuple(tie('expr'), fc.constantFrom('==', '!=', '&&', '||', '>', '<', '>=', '<='), tie('expr')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
  ),
}));

const env = fc.record({
  profile: fc.dictionary(fc.constantFrom(...ATTRS), fc.oneof(word, fc.integer({ min: -3, max: 30 }), fc.constant(null), fc.boolean()), { maxKeys: 5 }),
  groupIds: fc.array(fc.constantFrom('g1', 'g2', 'g3', 'Eng'), { maxLength: 3 }),
});
const NAMES: Record<string, string> = { g1: 'Engineering', g2: 'Sales team', g3: 'VP staff' };

describe('compiled rule expressions', () => {
  it('answer what the tree walk answers, for any expression and user', () => {
    let parsed = 0;
    fc.assert(
      fc.property(expr, env, (src, e) => {
        let tree: RuleExpression;
        try {
          tree = parseRuleExpression(src);
        } catch {
          return;
        }
        parsed++;
        const full: ExprEnv = { ...e, groupName: (id) => NAMES[id] };
        expect(evaluateRule(tree, full)).toBe(!!walk(tree, full));
        // A second evaluation reads the kept closures.
        expect(evaluateRule(tree, full)).toBe(!!walk(tree, full));
      }),
      { numRuns: 3000 },
    );
    expect(parsed).toBeGreaterThan(1000);
  });

  it('answer what the tree walk answers for every function over every pair of arguments', () => {
    const args = ['"Engineering"', '"Eng"', '"ing"', '""', '"g1"', '"Sales team"', 'user.title', 'user.profile.title', 'user.missing', '3', 'null'];
    const user: ExprEnv = { profile: { title: 'VP Engineering', 'profile.title': 'Sales team', department: 'Eng' }, groupIds: ['g1', 'g2'], groupName: (id) => NAMES[id] };
    let checked = 0;
    for (const fn of FNS) {
      for (const a of args) {
        for (const b of [...args, undefined]) {
          for (const src of [`${fn}(${b === undefined ? a : `${a}, ${b}`})`, `${fn}(${b === undefined ? a : `${a}, ${b}`}) == "ing"`, `${fn}(${a}) > 2`]) {
            const tree = parseRuleExpression(src);
            expect(evaluateRule(tree, user), src).toBe(!!walk(tree, user));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
