// The conditions and actions Okta fills in on a policy rule it stores, per rule type (what a rule read back holds that the request left out).
//
// Okta answers a created or replaced rule with its defaults written out (Policy API: "conditions.people.users.exclude",
// "userType", "riskScore" default ANY, app sign-in "keepMeSignedIn.postAuth" NOT_ALLOWED and an assurance's
// "reauthenticateIn" PT12H; a sign-on rule's primary factor PASSWORD_IDP_ANY_FACTOR; a profile enrollment rule's
// "allowedIdentifiers" ["login"]). Terraform's policy rule resources read every one of them back.

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** Everyone who is not excluded: the people condition every rule carries, with the exclusions it was given. */
function people(c: Obj): Obj {
  const p = obj(c.people);
  const users = obj(p.users);
  return { ...p, users: { ...users, exclude: Array.isArray(users.exclude) ? users.exclude : [] } };
}

const withDefault = (v: unknown, d: unknown) => (v === undefined ? structuredClone(d) : v);

/** The rule's conditions and actions as Okta stores them; `conditions` null stays null for types Okta leaves bare. */
export function ruleWithDefaults(type: string, conditions: Obj | null, actions: Obj): { conditions: Obj | null; actions: Obj } {
  const c: Obj = { ...obj(conditions) };
  const a: Obj = structuredClone(actions);
  switch (type) {
    case 'ACCESS_POLICY': {
      // An empty condition (`"platform": {}`) is no condition: Okta leaves it out of the stored rule.
      for (const [k, v] of Object.entries(c)) if (isObj(v) && !Object.keys(v).length) delete c[k];
      c.people = people(c);
      if (isObj(c.platform)) c.platform = { ...c.platform, exclude: withDefault(c.platform.exclude, []) };
      // An operating system without an expression (`"expression": null`, as Terraform sends for non-OTHER types) has none.
      if (isObj(c.platform) && Array.isArray(c.platform.include)) {
        c.platform.include = c.platform.include.map((pl: unknown) => {
          if (!isObj(pl) || !isObj(pl.os) || pl.os.expression !== null) return pl;
          const { expression: _e, ...os } = pl.os;
          return { ...pl, os };
        });
      }
      c.riskScore = withDefault(c.riskScore, { level: 'ANY' });
      c.userType = { include: [], exclude: [], ...obj(c.userType) };
      const sign = obj(a.appSignOn);
      const vm = obj(sign.verificationMethod);
      a.appSignOn = {
        ...sign,
        ...(isObj(sign.verificationMethod) ? { verificationMethod: vm.type === 'ASSURANCE' ? { ...vm, reauthenticateIn: withDefault(vm.reauthenticateIn, 'PT12H') } : vm } : {}),
        keepMeSignedIn: withDefault(sign.keepMeSignedIn, { postAuth: 'NOT_ALLOWED' }),
      };
      return { conditions: c, actions: a };
    }
    case 'SIGN_ON':
      c.people = people(c);
      if (isObj(a.signon)) a.signon = { ...a.signon, primaryFactor: withDefault(a.signon.primaryFactor, 'PASSWORD_IDP_ANY_FACTOR') };
      return { conditions: c, actions: a };
    case 'POST_AUTH_SESSION': {
      // Empty inclusions and an empty groups condition are no condition: Okta answers `people.users.exclude` alone
      // (recorded PUT {people:{groups:{include:[],exclude:[]},users:{include:[],exclude:[]}}} → {people:{users:{exclude:[]}}}),
      // and a TERMINATE_SESSION action with its single-logout setting (`slo`, null when unset).
      const p = people(c);
      const users = { ...p.users };
      if (Array.isArray(users.include) && !users.include.length) delete users.include;
      const groups = obj(p.groups);
      const noGroups = !p.groups || (!(groups.include?.length) && !(groups.exclude?.length));
      const { groups: _g, ...rest } = p;
      c.people = { ...rest, ...(noGroups ? {} : { groups }), users };
      const pas = obj(a.postAuthSession);
      if (Array.isArray(pas.failureActions)) {
        a.postAuthSession = { ...pas, failureActions: pas.failureActions.map((f: unknown) => (isObj(f) && f.action === 'TERMINATE_SESSION' ? { ...f, slo: withDefault(f.slo, null) } : f)) };
      }
      return { conditions: c, actions: a };
    }
    case 'SESSION_VIOLATION_DETECTION':
      c.network = withDefault(c.network, { connection: 'ANYWHERE' });
      return { conditions: c, actions: a };
    case 'PROFILE_ENROLLMENT':
      if (isObj(a.profileEnrollment)) {
        a.profileEnrollment = { ...a.profileEnrollment, allowedIdentifiers: withDefault(a.profileEnrollment.allowedIdentifiers, ['login']), preRegistrationInlineHooks: withDefault(a.profileEnrollment.preRegistrationInlineHooks, null) };
      }
      return { conditions, actions: a };
    default:
      return { conditions, actions: a };
  }
}
