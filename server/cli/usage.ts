export const validateUsage = 'validate FILE.xlsx [--year YYYY] [--lang da|en] [--format text|json]';
export const templateUsage = 'template --year YYYY --out FILE.xlsx';
export const tokenUsage = 'token create --name NAME --role reader|editor|admin [--silent] | token list | token revoke NAME';
