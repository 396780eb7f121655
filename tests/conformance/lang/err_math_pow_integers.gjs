// expect-compile-error: pow of two integers is ambiguous (E0306)
// expect-error-line: 5
// note: spec 8.5: pow and atan2 have only (f32, f32) and (f64, f64) overloads.
import { pow } from 'math';
print('' + pow(2, 10)); // <- error
