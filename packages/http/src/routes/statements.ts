import { statementCsv, statementJson } from '@breachless/core';
import { contractStatements, StatementError } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { readQuery } from '../query-params.js';

const PARAMS = ['month', 'contract', 'organization', 'format'];

/**
 * `GET /v1/statements?month=YYYY-MM&contract&organization&format=json|csv`: the month's
 * contract statements (formats.md): per contract and organization, each metric's compliance
 * against the goal with its breaches, and the service credits owed with the cycles that
 * caused them. `{"statements":[...]}` or CSV; every bad parameter in one 400.
 */
export function statementRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { values, problems } = readQuery(c.req.queries(), PARAMS);
    if (values.month === undefined) problems.push({ path: 'month', message: 'required: YYYY-MM' });
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      problems.push({ path: 'format', message: `"${format}" is not json or csv` });
    if (values.month === undefined || problems.length > 0)
      throw new HttpError(400, 'invalid query', problems);
    const query = {
      month: values.month,
      contract: values.contract,
      organization: values.organization,
    };
    const statements = await contractStatements(deps.db, c.get('tenant'), query).catch(
      (error: unknown) => {
        if (!(error instanceof StatementError)) throw error;
        throw new HttpError(400, 'invalid query', [{ path: error.path, message: error.message }]);
      },
    );
    if (format === 'csv')
      return c.body(statementCsv(statements), 200, { 'content-type': 'text/csv; charset=utf-8' });
    return c.json({ statements: statements.map(statementJson) });
  });
}
