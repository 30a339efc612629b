// JSON.parse and Response.json() give `unknown`, not `any`, so a parsed value is checked before it is used and no
// `any` leaks from them into typed code (@total-typescript/ts-reset).
import '@total-typescript/ts-reset/json-parse';
import '@total-typescript/ts-reset/fetch';
