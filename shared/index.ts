/**
 * The functional core: plain data in, plain data out. Both addin/ and server/ import only this file
 * (or the modules it re-exports).
 */
export * from './schemas';
export { copenhagen, modelForYear } from './config';
export { readWorkbook, validateReading, validateWorkbook, type WorkbookReading } from './validate';
export { summarise, emptySummary } from './summary';
export { districtOrder, resolveDistrict, localAreaOf, normaliseName } from './districts';
export { catalogue, issueCodes, ruleByCode, type IssueCode, type MessageContext, type RuleDefinition, type RuleParams, type Surface } from './rules/catalogue';
export { columnLetter, cellAddress, parseA1 } from './read/a1';
export { applyFixes, fixesOf } from './fixes';
export { DKK_FORMAT, COUNT_FORMAT } from './rules/text-amount';
export { canonicalSpelling } from './rules/spelling-variant';
