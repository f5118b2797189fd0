/**
 * Extension pages run under a CSP without 'unsafe-eval': zod's JIT fast path would try
 * `new Function` once, get refused (a CSP report in the console) and fall back. Say so up front.
 */
import { config } from 'zod';

config({ jitless: true });
