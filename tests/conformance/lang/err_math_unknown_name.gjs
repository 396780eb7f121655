// expect-compile-error: the math module has no 'nope' (E0211)
// expect-error-line: 4
// note: spec 7.2 / 8.5: importing a name the module does not declare.
import { sqrt, nope } from 'math'; // <- error
print('' + sqrt(4.0));
