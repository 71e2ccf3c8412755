import type { CodeRule } from '../rule';
export const CODE_RULES: CodeRule[] = [];
