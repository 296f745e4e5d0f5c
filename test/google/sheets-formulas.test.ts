/** Sheets formula engine through googleapis: USER_ENTERED formulas read back as computed values (function reference: support.google.com/docs/table/25273). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clients, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

type Cell = string | number | boolean;

async function book() {
  const { creds, base } = await freshTenant(l);
  const { sheets } = clients(l, creds.accessToken);
  const id = (await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Formulas' } } })).data.spreadsheetId!;
  const put = (range: string, values: Cell[][]) =>
    sheets.spreadsheets.values.update({ spreadsheetId: id, range, valueInputOption: 'USER_ENTERED', requestBody: { values } });
  const get = async (range: string): Promise<Cell[][]> =>
    (await sheets.spreadsheets.values.get({ spreadsheetId: id, range, valueRenderOption: 'UNFORMATTED_VALUE' })).data.values ?? [];
  /** Writes each formula in column Z and reads the computed values back. */
  const calc = async (...formulas: string[]): Promise<Cell[]> => {
    await put(`Z1:Z${formulas.length}`, formulas.map((f) => [f]));
    return (await get(`Z1:Z${formulas.length}`)).map((r) => r[0]);
  };
  return { sheets, id, put, get, calc, base };
}

const FRUIT: Cell[][] = [['name', 'qty', 'price'], ['apple', 3, 1.5], ['banana', 12, 0.25], ['cherry', 40, 4], ['date', 7, 2]];

describe('lookup', () => {
  it('VLOOKUP exact and sorted, HLOOKUP, #N/A for a missing key and #REF! for an index past the range', async () => {
    const { put, calc } = await book();
    await put('A1:C5', FRUIT);
    expect(await calc(
      '=VLOOKUP("cherry", A2:C5, 3, FALSE)',
      '=VLOOKUP("CHERRY", A:C, 2, FALSE)',
      '=VLOOKUP("kiwi", A2:C5, 2, FALSE)',
      '=VLOOKUP("banana", A2:C5, 4, FALSE)',
      '=VLOOKUP("banana", A2:C5, 0, FALSE)',
      '=VLOOKUP("coconut", A2:C5, 2)',
      '=VLOOKUP("aardvark", A2:C5, 2, TRUE)',
      '=HLOOKUP("qty", A1:C5, 3, FALSE)',
      '=VLOOKUP("b*", A2:C5, 2, FALSE)',
    )).toEqual([4, 40, '#N/A', '#REF!', '#VALUE!', 40, '#N/A', 12, 12]);
  });

  it('MATCH in its three modes, INDEX and INDEX/MATCH, XLOOKUP with missing value, match and search modes', async () => {
    const { put, calc } = await book();
    await put('A1:C5', FRUIT);
    await put('E1:E4', [[10], [20], [30], [40]]);
    await put('F1:F4', [[40], [30], [20], [10]]);
    expect(await calc(
      '=MATCH("date", A1:A5, 0)',
      '=MATCH(25, E1:E4)',
      '=MATCH(25, F1:F4, -1)',
      '=MATCH(5, E1:E4, 1)',
      '=INDEX(A1:C5, 4, 2)',
      '=INDEX(A1:C5, 9, 1)',
      '=INDEX(C2:C5, MATCH("apple", A2:A5, 0))',
      '=XLOOKUP("banana", A2:A5, C2:C5)',
      '=XLOOKUP("kiwi", A2:A5, C2:C5, "none")',
      '=XLOOKUP("kiwi", A2:A5, C2:C5)',
      '=XLOOKUP(25, E1:E4, F1:F4, , 1)',
      '=XLOOKUP(25, E1:E4, F1:F4, , -1)',
      '=XLOOKUP("qty", A1:C1, A4:C4)',
      '=XLOOKUP("ch*", A2:A5, B2:B5, , 2)',
    )).toEqual([5, 2, 2, '#N/A', 40, '#REF!', 1.5, 0.25, 'none', '#N/A', 20, 30, 40, 40]);
  });
});

describe('logical', () => {
  it('IF, IFS, AND, OR, NOT, IFERROR, IFNA and SWITCH, with errors propagating through conditions', async () => {
    const { put, calc } = await book();
    await put('A1:A2', [[5], ['x']]);
    expect(await calc(
      '=IF(A1>3, "big", "small")',
      '=IF(A1>9, "big")',
      '=IFS(A1>9, "a", A1>4, "b", TRUE, "c")',
      '=IFS(A1>9, "a")',
      '=AND(A1>1, A1<10)',
      '=OR(A1>9, A1<0)',
      '=NOT(A1=5)',
      '=IFERROR(1/0, "safe")',
      '=IFERROR(7, "safe")',
      '=IFNA(VLOOKUP(1, A1:A2, 1, FALSE), "missing")',
      '=IFNA(1/0, "missing")',
      '=SWITCH(A1, 1, "one", 5, "five", "other")',
      '=SWITCH(A1, 1, "one")',
      '=IF(1/0, 1, 2)',
      '=AND(TRUE, 1/0)',
      '=ISERROR(A2*2)',
    )).toEqual(['big', false, 'b', '#N/A', true, false, false, 'safe', 7, 'missing', '#DIV/0!', 'five', '#N/A', '#DIV/0!', '#DIV/0!', true]);
  });
});

describe('text', () => {
  it('joins, slices, cases, trims, substitutes and searches text', async () => {
    const { put, calc } = await book();
    await put('A1:A3', [['  Hello   World '], ['a'], ['b']]);
    expect(await calc(
      '=CONCATENATE("a", 1, TRUE)',
      '=CONCAT("x", "y")',
      '=LEFT("spreadsheet", 6)',
      '=RIGHT("spreadsheet", 5)',
      '=MID("spreadsheet", 7, 3)',
      '=LEN(A1)',
      '=TRIM(A1)',
      '=UPPER("abc")&LOWER("DEF")',
      '=SUBSTITUTE("a-b-c", "-", "+")',
      '=SUBSTITUTE("a-b-c", "-", "+", 2)',
      '=TEXTJOIN(", ", TRUE, A2:A4, "c")',
      '=FIND("s", "Mississippi")',
      '=FIND("S", "Mississippi")',
      '=SEARCH("S", "Mississippi", 5)',
      '=SEARCH("p?i", "Mississippi")',
      '=VALUE("1,234.5")',
      '=VALUE("abc")',
      '=LEFT("abc", -1)',
    )).toEqual(['a1TRUE', 'xy', 'spread', 'sheet', 'she', 16, 'Hello World', 'ABCdef', 'a+b+c', 'a-b+c', 'a, b, c', 3, '#VALUE!', 6, 9, 1234.5, '#VALUE!', '#VALUE!']);
  });

  it('TEXT formats numbers, percentages and dates', async () => {
    const { calc } = await book();
    expect(await calc(
      '=TEXT(1234.567, "#,##0.00")',
      '=TEXT(0.256, "0.0%")',
      '=TEXT(7, "000")',
      '=TEXT(3.14159, "0.00")',
      '=TEXT(-1234.5, "$#,##0.00")',
      '=TEXT(DATE(2024, 3, 5), "yyyy-mm-dd")',
      '=TEXT(DATE(2024, 3, 5), "mmmm d, yyyy")',
      '=TEXT(DATE(2024, 3, 5), "ddd dd/mm/yy")',
    )).toEqual(['1,234.57', '25.6%', '007', '3.14', '-$1,234.50', '2024-03-05', 'March 5, 2024', 'Tue 05/03/24']);
  });
});

describe('math', () => {
  it('rounds half away from zero, and MOD/POWER/SQRT/INT/ABS give Sheets results and errors', async () => {
    const { calc } = await book();
    expect(await calc(
      '=ROUND(2.5)', '=ROUND(-2.5)', '=ROUND(1.005, 2)', '=ROUND(1234, -2)',
      '=ROUNDUP(1.21, 1)', '=ROUNDUP(-1.21, 1)', '=ROUNDDOWN(1.29, 1)', '=ROUNDDOWN(-1.29, 1)',
      '=MOD(-3, 2)', '=MOD(3, -2)', '=MOD(5, 0)', '=POWER(2, 10)', '=SQRT(16)', '=SQRT(-1)',
      '=INT(-2.5)', '=ABS(-4)', '=1/0', '="a"*2',
    )).toEqual([3, -3, 1.01, 1200, 1.3, -1.3, 1.2, -1.2, 1, -1, '#DIV/0!', 1024, 4, '#NUM!', -3, 4, '#DIV/0!', '#VALUE!']);
  });

  it('TRUNC, CEILING, FLOOR, logarithms, MEDIAN and SUMPRODUCT', async () => {
    const { put, calc } = await book();
    await put('A1:B3', [[1, 4], [2, 5], [3, 6]]);
    expect(await calc(
      '=TRUNC(-8.97, 1)', '=CEILING(23.25, 0.1)', '=FLOOR(23.25, 5)', '=CEILING(5, -1)',
      '=LOG(100)', '=LOG(8, 2)', '=LN(0)', '=ROUND(EXP(1), 4)', '=MEDIAN(A1:B3)', '=SUMPRODUCT(A1:A3, B1:B3)', '=SUMPRODUCT(A1:A3, B1:B2)',
    )).toEqual([-8.9, 23.3, 20, '#NUM!', 2, 3, '#NUM!', 2.7183, 3.5, 32, '#VALUE!']);
  });

  it('SUMIF(S), COUNTIF(S) and AVERAGEIF with comparison, text and wildcard criteria', async () => {
    const { put, calc } = await book();
    await put('A1:C5', FRUIT);
    expect(await calc(
      '=SUMIF(B2:B5, ">5")',
      '=SUMIF(A2:A5, "b*", B2:B5)',
      '=SUMIFS(B2:B5, C2:C5, ">=1", A2:A5, "<>date")',
      '=COUNTIF(A2:A5, "?????")',
      '=COUNTIF(B2:B5, "<=7")',
      '=COUNTIFS(B2:B5, ">5", C2:C5, "<3")',
      '=AVERAGEIF(B2:B5, ">5")',
      '=AVERAGEIF(B2:B5, ">500")',
      '=COUNTIF(A1:A5, "APPLE")',
      '=MIN(B2:B5)+MAX(B2:B5)',
      '=COUNT(A1:C5)',
      '=COUNTA(A1:C5)',
      '=AVERAGE(B2:B5)',
    )).toEqual([59, 12, 43, 1, 2, 2, 59 / 3, '#DIV/0!', 1, 43, 8, 15, 15.5]);
  });

  it('SUM over a range equals the sum of the numbers written to it (property)', async () => {
    const { put, calc } = await book();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 20 }), async (xs) => {
        await put('A1:A20', Array.from({ length: 20 }, (_, i) => [xs[i] ?? '']));
        const [sum, count, max] = await calc('=SUM(A1:A20)', '=COUNT(A:A)', '=MAX(A1:A20)');
        expect(sum).toBe(xs.reduce((a, b) => a + b, 0));
        expect(count).toBe(xs.length);
        expect(max).toBe(Math.max(...xs));
      }),
      { numRuns: 15 },
    );
  });

  it('ROUND agrees with half-away-from-zero rounding of cents (property)', async () => {
    const { calc } = await book();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -100_000, max: 100_000 }), async (milli) => {
        const [r] = await calc(`=ROUND(${milli / 1000}, 2)`);
        const cents = Math.sign(milli) * Math.round(Math.abs(milli) / 10);
        expect(r).toBe(cents / 100 || 0);
      }),
      { numRuns: 15 },
    );
  });
});

describe('dates', () => {
  it('DATE, YEAR/MONTH/DAY, EDATE, EOMONTH and DATEDIF over serial numbers', async () => {
    const { put, calc } = await book();
    await put('A1', [['2024-01-31']]);
    expect(await calc(
      '=DATE(2024, 1, 15)',
      '=DATE(2024, 14, 1)',
      '=YEAR(45306)&"-"&MONTH(45306)&"-"&DAY(45306)',
      '=EDATE(DATE(2024, 1, 31), 1)',
      '=EOMONTH(DATE(2023, 1, 15), 1)',
      '=EOMONTH("2024-01-31", -2)',
      '=DATEDIF(DATE(2020, 5, 17), DATE(2024, 3, 5), "Y")',
      '=DATEDIF(DATE(2020, 5, 17), DATE(2024, 3, 5), "M")',
      '=DATEDIF(DATE(2024, 1, 1), DATE(2024, 3, 1), "D")',
      '=DATEDIF(DATE(2020, 5, 17), DATE(2024, 3, 5), "YM")',
      '=DATEDIF(DATE(2024, 3, 1), DATE(2024, 1, 1), "D")',
      '=WEEKDAY(DATE(2024, 3, 5))',
    )).toEqual([45306, 45689, '2024-1-15', 45351, 44985, 45260, 3, 45, 60, 9, '#NUM!', 3]);
  });

  it('TIME, HOUR, MINUTE, SECOND and DAYS', async () => {
    const { calc } = await book();
    expect(await calc(
      '=TIME(12, 30, 0)', '=HOUR(0.75)', '=MINUTE(TIME(1, 2, 3))', '=SECOND(TIME(1, 2, 3))', '=DAYS("2024-03-01", "2024-01-01")', '=TIME(25, 0, 0)',
    )).toEqual([12.5 / 24, 18, 2, 3, 60, 1 / 24]);
  });

  it('TODAY and NOW follow the tenant clock in the spreadsheet time zone, not the host clock', async () => {
    const { base, calc, sheets, id } = await book();
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ updateSpreadsheetProperties: { properties: { timeZone: 'America/Los_Angeles' }, fields: 'timeZone' } }] } });
    const res = await fetch(`${base}/_dtu/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ freeze: '2031-07-04T12:00:00Z' }) });
    expect(res.status).toBe(200);
    const [today, now, year] = await calc('=TODAY()', '=NOW()', '=YEAR(TODAY())');
    expect(year).toBe(2031);
    // 2031-07-04 is serial 48033; America/Los_Angeles is 7 hours behind UTC in July.
    expect(today).toBe(48033);
    expect(now).toBeCloseTo(48033 + 5 / 24, 6);
  });
});

describe('references and errors', () => {
  it("reads other sheets by quoted title, and a missing sheet or a cell outside the grid is #REF!", async () => {
    const { sheets, id, put, calc } = await book();
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { addSheet: { properties: { sheetId: 7, title: 'Sheet 2', gridProperties: { rowCount: 10, columnCount: 5 } } } },
      { addSheet: { properties: { sheetId: 8, title: "Bob's" } } },
    ] } });
    await put("'Sheet 2'!A1:B3", [['k1', 1], ['k2', 2], ['k3', 3]]);
    await put("'Bob''s'!A1", [[9]]);
    expect(await calc(
      "=SUM('Sheet 2'!B1:B3)",
      "=VLOOKUP(\"k2\", 'Sheet 2'!A1:B3, 2, FALSE)",
      "='Bob''s'!A1*2",
      "=Nope!A1",
      "='Sheet 2'!A50",
      '=NOSUCHFN(1)',
      '=SUM(1, Nope!A1)',
    )).toEqual([6, 2, 18, '#REF!', '#REF!', '#NAME?', '#REF!']);
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: 7 } }] } });
    expect(await calc("=SUM('Sheet 2'!B1:B3)")).toEqual(['#REF!']);
  });

  it('error literals and TRUE()/FALSE() are values inside formulas', async () => {
    const { calc } = await book();
    expect(await calc('=IFERROR(#N/A, "x")', '=ISNA(#N/A)', '=#DIV/0!', '=TRUE()', '=NOT(FALSE())', '=SUM(1, #REF!)')).toEqual(['x', true, '#DIV/0!', true, true, '#REF!']);
  });

  it('errors surface as errorValue in the grid view', async () => {
    const { sheets, id, put } = await book();
    await put('A1:B1', [['=SQRT(-4)', '=NA()']]);
    const grid = await sheets.spreadsheets.get({ spreadsheetId: id, ranges: ['A1:B1'], includeGridData: true });
    const values = grid.data.sheets![0].data![0].rowData![0].values!;
    expect(values.map((v) => v.effectiveValue)).toEqual([
      { errorValue: { type: 'NUM', message: '#NUM!' } },
      { errorValue: { type: 'N_A', message: '#N/A' } },
    ]);
  });
});

describe('statistics, choices and regular expressions', () => {
  it('LARGE, SMALL, RANK, STDEV/VAR, MAXIFS/MINIFS, COUNTUNIQUE, CHOOSE, JOIN, ROWS/COLUMNS', async () => {
    const { put, calc } = await book();
    await put('A1:B5', [[2, 'x'], [4, 'y'], [4, 'x'], [5, 'y'], [7, 'x']]);
    expect(await calc(
      '=LARGE(A1:A5, 2)',
      '=SMALL(A1:A5, 1)',
      '=SMALL(A1:A5, 9)',
      '=RANK(4, A1:A5)',
      '=RANK(4, A1:A5, 1)',
      '=RANK(3, A1:A5)',
      '=STDEV(2, 4, 4, 4, 5, 5, 7, 9)',
      '=STDEVP(2, 4, 4, 4, 5, 5, 7, 9)',
      '=VAR(1, 2, 3, 4)',
      '=MAXIFS(A1:A5, B1:B5, "x")',
      '=MINIFS(A1:A5, B1:B5, "y")',
      '=MAXIFS(A1:A5, B1:B5, "z")',
      '=COUNTUNIQUE(A1:A5)',
      '=CHOOSE(2, "a", "b", "c")',
      '=CHOOSE(4, "a", "b", "c")',
      '=JOIN("-", A1:A3, "z")',
      '=ROWS(A1:B5)*10+COLUMNS(A1:B5)',
    )).toEqual([5, 2, '#NUM!', 3, 2, '#N/A', Math.sqrt(32 / 7), 2, 5 / 3, 7, 4, 0, 4, 'b', '#VALUE!', '2-4-4-z', 52]);
  });

  it('REGEXMATCH, REGEXEXTRACT (first group, else the match) and REGEXREPLACE (every match); numbers are not text', async () => {
    const { calc } = await book();
    expect(await calc(
      '=REGEXMATCH("order-1234", "\\d{4}")',
      '=REGEXMATCH("order", "^\\d")',
      '=REGEXEXTRACT("order-1234", "\\d+")',
      '=REGEXEXTRACT("key=value", "=(.*)")',
      '=REGEXEXTRACT("abc", "\\d")',
      '=REGEXREPLACE("a1b22c333", "\\d+", "#")',
      '=REGEXREPLACE("John Smith", "(\\w+) (\\w+)", "$2, $1")',
      '=REGEXMATCH(123, "1")',
    )).toEqual([true, false, '1234', 'value', '#N/A', 'a#b#c#', 'Smith, John', '#VALUE!']);
  });
});
